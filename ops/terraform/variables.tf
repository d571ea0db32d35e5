variable "stage" {
  description = "Deployment stage; must equal the Terraform workspace (make deploy STAGE=dev selects both)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,15}$", var.stage))
    error_message = "stage: 2-16 characters, lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "region" {
  description = "AWS region of every resource (functions, cluster, buckets)."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region: an AWS region name such as us-east-1."
  }
}

variable "data_locations" {
  description = "S3 locations Buzz may read, as s3://bucket/prefix/ (HBees read objects, the Fuse lists and reads them). Nothing else is readable."
  type        = list(string)

  validation {
    condition     = length(var.data_locations) > 0 && alltrue([for l in var.data_locations : can(regex("^s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]/([^*]*/)?$", l))])
    error_message = "data_locations: one or more s3://bucket/ or s3://bucket/prefix/ (ending with /, no wildcards)."
  }
}

variable "network" {
  description = "Create a VPC (create_vpc = true) or use an existing one (vpc_id, private_subnet_ids, private_route_table_ids). az_count private subnets get an S3 gateway endpoint; interface_endpoints are the AWS APIs reached without NAT."
  type = object({
    create_vpc              = bool
    cidr                    = optional(string, "10.42.0.0/16")
    az_count                = optional(number, 2)
    vpc_id                  = optional(string, "")
    private_subnet_ids      = optional(list(string), [])
    private_route_table_ids = optional(list(string), [])
    interface_endpoints     = optional(list(string), ["ecr.api", "ecr.dkr", "logs", "lambda", "ecs"])
  })

  validation {
    condition     = var.network.create_vpc || (var.network.vpc_id != "" && length(var.network.private_subnet_ids) > 0 && length(var.network.private_route_table_ids) > 0)
    error_message = "network: with create_vpc = false, give vpc_id, private_subnet_ids and private_route_table_ids (the S3 gateway endpoint is added to those route tables)."
  }

  validation {
    condition     = var.network.az_count >= 1 && var.network.az_count <= 6
    error_message = "network.az_count: 1 to 6."
  }
}

variable "hbee" {
  description = "The HBee Lambda function: memory (MB; 1769 = one full vCPU), timeout (s), reserved concurrency (-1: none), log retention (days)."
  type = object({
    memory_mb            = optional(number, 3008)
    timeout_seconds      = optional(number, 120)
    reserved_concurrency = optional(number, -1)
    log_retention_days   = optional(number, 14)
    snap_start           = optional(bool, true)
  })
  default = {}

  validation {
    condition     = var.hbee.memory_mb >= 512 && var.hbee.memory_mb <= 10240
    error_message = "hbee.memory_mb: 512 to 10240."
  }

  validation {
    condition     = var.hbee.timeout_seconds >= 10 && var.hbee.timeout_seconds <= 900
    error_message = "hbee.timeout_seconds: 10 to 900."
  }

  validation {
    condition     = var.hbee.reserved_concurrency == -1 || var.hbee.reserved_concurrency >= 1
    error_message = "hbee.reserved_concurrency: -1 (unreserved) or at least 1."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 180, 365], var.hbee.log_retention_days)
    error_message = "hbee.log_retention_days: one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365."
  }
}

variable "hcomb" {
  description = "The HComb Fargate task: vCPUs, memory (MiB), idle shutdown, log retention (days), and whether tasks get a public IP (only without private networking)."
  type = object({
    cpu                = optional(number, 2048)
    memory_mb          = optional(number, 8192)
    idle_shutdown      = optional(string, "5m")
    log_retention_days = optional(number, 14)
    assign_public_ip   = optional(bool, false)
    port               = optional(number, 7001)
  })
  default = {}

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.hcomb.cpu)
    error_message = "hcomb.cpu: a Fargate size, 256 to 16384 CPU units."
  }

  validation {
    condition     = var.hcomb.memory_mb >= 1024 && var.hcomb.memory_mb <= 122880
    error_message = "hcomb.memory_mb: 1024 to 122880."
  }

  validation {
    condition     = can(regex("^[0-9]+(ms|s|m)$", var.hcomb.idle_shutdown))
    error_message = "hcomb.idle_shutdown: a duration such as 300s or 5m."
  }

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 180, 365], var.hcomb.log_retention_days)
    error_message = "hcomb.log_retention_days: one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365."
  }
}

variable "fuse" {
  description = "The Fuse: its Lambda function (memory MB, timeout s, log retention days) and, when grpc_service_count > 0, its gRPC query service on Fargate (size, port, client networks)."
  type = object({
    memory_mb          = optional(number, 2048)
    timeout_seconds    = optional(number, 900)
    log_retention_days = optional(number, 14)
    snap_start         = optional(bool, true)
    grpc_service_count = optional(number, 0)
    grpc_cpu           = optional(number, 1024)
    grpc_memory_mb     = optional(number, 4096)
    grpc_port          = optional(number, 50051)
    grpc_client_cidrs  = optional(list(string), [])
  })
  default = {}

  validation {
    condition     = var.fuse.memory_mb >= 512 && var.fuse.memory_mb <= 10240 && var.fuse.timeout_seconds >= 30 && var.fuse.timeout_seconds <= 900
    error_message = "fuse.memory_mb: 512 to 10240; fuse.timeout_seconds: 30 to 900."
  }

  validation {
    condition     = var.fuse.grpc_service_count >= 0 && var.fuse.grpc_service_count <= 10
    error_message = "fuse.grpc_service_count: 0 (no gRPC service) to 10."
  }

  validation {
    condition     = alltrue([for c in var.fuse.grpc_client_cidrs : can(cidrhost(c, 0))])
    error_message = "fuse.grpc_client_cidrs: CIDR blocks such as 10.0.0.0/8."
  }
}

variable "results" {
  description = "Results too large for a Lambda response: kept under this prefix of the stage's results bucket for expire_days days."
  type = object({
    prefix      = optional(string, "results/")
    expire_days = optional(number, 7)
  })
  default = {}

  validation {
    condition     = can(regex("^([a-z0-9_-]+/)+$", var.results.prefix)) && var.results.expire_days >= 1
    error_message = "results.prefix: path segments ending with / (e.g. results/); results.expire_days: at least 1."
  }
}

variable "packages" {
  description = "Paths of the Lambda zips that make package builds (relative to ops/terraform)."
  type = object({
    hbee_zip = optional(string, "../../modules/hbee/target/buzz-hbee-lambda.zip")
    fuse_zip = optional(string, "../../modules/fuse/target/buzz-fuse-lambda.zip")
  })
  default = {}

  validation {
    condition     = endswith(var.packages.hbee_zip, ".zip") && endswith(var.packages.fuse_zip, ".zip")
    error_message = "packages: paths of the .zip files make package builds."
  }
}

variable "image_tag" {
  description = "Tag of the HComb and Fuse images in ECR, as make push tagged them (make deploy passes the commit's short hash)."
  type        = string
  default     = "latest"

  validation {
    condition     = can(regex("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$", var.image_tag))
    error_message = "image_tag: a Docker tag (letters, digits, _ . -; at most 128)."
  }
}
