variable "name" {
  description = "Function, role and service name (buzz-<stage>-fuse)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.name))
    error_message = "name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "region" {
  description = "Region of the ARNs the Fuse's permissions name."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region: an AWS region name such as us-east-1."
  }
}

variable "zip_path" {
  description = "The Fuse's Lambda zip (make package builds modules/fuse/target/buzz-fuse-lambda.zip)."
  type        = string

  validation {
    condition     = endswith(var.zip_path, ".zip")
    error_message = "zip_path: the path of a .zip file."
  }
}

variable "artifacts_bucket" {
  description = "Bucket the zip is uploaded to before the function is updated."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.artifacts_bucket))
    error_message = "artifacts_bucket: an S3 bucket name."
  }
}

variable "memory_mb" {
  description = "Function memory in MB."
  type        = number

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240
    error_message = "memory_mb: 128 to 10240 MB."
  }
}

variable "timeout_seconds" {
  description = "Longest query the Fuse function runs (Lambda allows 900 s)."
  type        = number

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900
    error_message = "timeout_seconds: 1 to 900 seconds."
  }
}

variable "log_retention_days" {
  description = "Days the Fuse's CloudWatch logs are kept."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 180, 365], var.log_retention_days)
    error_message = "log_retention_days: one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365."
  }
}

variable "snap_start" {
  description = "Publish versions with SnapStart."
  type        = bool
}

variable "vpc_id" {
  description = "VPC of the gRPC service's security group rules."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id: a VPC id (vpc-...)."
  }
}

variable "subnet_ids" {
  description = "Private subnets of the function and of the gRPC service."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids: one or more subnet ids (subnet-...)."
  }
}

variable "security_group_id" {
  description = "The Fuse security group (made by the network module)."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.security_group_id))
    error_message = "security_group_id: a security group id (sg-...)."
  }
}

variable "data_object_arns" {
  description = "Object ARNs of the tables (arn:aws:s3:::bucket/prefix*): footers, Delta logs."
  type        = list(string)

  validation {
    condition     = alltrue([for arn in var.data_object_arns : can(regex("^arn:aws[a-z-]*:s3:::[^*/]+/", arn))])
    error_message = "data_object_arns: object ARNs within a named bucket (never a bucket wildcard)."
  }
}

variable "data_buckets" {
  description = "Bucket → listable prefixes (prefix*): the catalogs list files only there."
  type        = map(list(string))

  validation {
    condition     = alltrue([for bucket, prefixes in var.data_buckets : can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", bucket)) && alltrue([for p in prefixes : endswith(p, "*")])])
    error_message = "data_buckets: bucket names mapped to prefixes ending with *."
  }
}

variable "results_bucket" {
  description = "Bucket of large results."
  type        = string

  validation {
    condition     = can(regex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", var.results_bucket))
    error_message = "results_bucket: an S3 bucket name."
  }
}

variable "results_prefix" {
  description = "Prefix the Fuse may write results under (e.g. results/)."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9_-]+/)+$", var.results_prefix))
    error_message = "results_prefix: path segments ending with /."
  }
}

variable "hbee_function_arn" {
  description = "Unqualified ARN of the HBee function."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+$", var.hbee_function_arn))
    error_message = "hbee_function_arn: an unqualified Lambda function ARN."
  }
}

variable "hbee_alias_arn" {
  description = "ARN of the HBee alias the Fuse invokes."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:[A-Za-z0-9_-]+:[A-Za-z0-9_-]+$", var.hbee_alias_arn))
    error_message = "hbee_alias_arn: a qualified (alias) Lambda function ARN."
  }
}

variable "hcomb_cluster_arn" {
  description = "ECS cluster the Fuse starts, lists, describes and stops HComb tasks in."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:cluster/[A-Za-z0-9_-]+$", var.hcomb_cluster_arn))
    error_message = "hcomb_cluster_arn: an ECS cluster ARN."
  }
}

variable "hcomb_cluster_name" {
  description = "Name of that cluster (the gRPC service runs there too)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.hcomb_cluster_name))
    error_message = "hcomb_cluster_name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "hcomb_task_definition_arn" {
  description = "Task definition family ARN pattern the Fuse may run (…:task-definition/<family>:*)."
  type        = string

  validation {
    condition     = can(regex("^arn:aws[a-z-]*:ecs:[a-z0-9-]+:[0-9]{12}:task-definition/[A-Za-z0-9_-]+:\\*$", var.hcomb_task_definition_arn))
    error_message = "hcomb_task_definition_arn: a task definition family ARN ending with :*."
  }
}

variable "hcomb_pass_role_arns" {
  description = "The HComb task and execution roles, the only roles the Fuse may pass to ECS."
  type        = list(string)

  validation {
    condition     = length(var.hcomb_pass_role_arns) > 0 && alltrue([for arn in var.hcomb_pass_role_arns : can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", arn))])
    error_message = "hcomb_pass_role_arns: IAM role ARNs."
  }
}

variable "settings" {
  description = "Buzz's AWS settings (buzz.aws.* → value), given to the Fuse as BUZZ_AWS_* variables."
  type        = map(string)

  validation {
    condition     = alltrue([for key in keys(var.settings) : startswith(key, "buzz.aws.")])
    error_message = "settings: Buzz AWS setting names (buzz.aws.*)."
  }
}

variable "grpc_service_count" {
  description = "Tasks of the Fuse's gRPC query service (0: only the Lambda function)."
  type        = number

  validation {
    condition     = var.grpc_service_count >= 0 && var.grpc_service_count <= 10
    error_message = "grpc_service_count: 0 to 10 tasks."
  }
}

variable "grpc_image" {
  description = "The Fuse gRPC service image (ECR repository URL and tag)."
  type        = string

  validation {
    condition     = can(regex("^[^/:]+(/[^:]+)+:[A-Za-z0-9_][A-Za-z0-9_.-]*$", var.grpc_image))
    error_message = "grpc_image: registry/repository:tag."
  }
}

variable "grpc_cpu" {
  description = "Fargate CPU units of a gRPC service task."
  type        = number

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.grpc_cpu)
    error_message = "grpc_cpu: a Fargate size, 256 to 16384 CPU units."
  }
}

variable "grpc_memory_mb" {
  description = "Fargate memory of a gRPC service task in MiB."
  type        = number

  validation {
    condition     = var.grpc_memory_mb >= 512 && var.grpc_memory_mb <= 122880
    error_message = "grpc_memory_mb: 512 to 122880 MiB."
  }
}

variable "grpc_port" {
  description = "Port of the gRPC query API."
  type        = number

  validation {
    condition     = var.grpc_port > 1024 && var.grpc_port < 65536
    error_message = "grpc_port: an unprivileged port (the images run as a non-root user)."
  }
}

variable "grpc_client_cidrs" {
  description = "CIDR blocks allowed to reach the gRPC query API (inside the VPC or over a peering/VPN)."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.grpc_client_cidrs : can(cidrhost(c, 0))])
    error_message = "grpc_client_cidrs: CIDR blocks."
  }
}
