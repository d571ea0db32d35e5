variable "name" {
  description = "Name of the cluster, task family and roles (buzz-<stage>-hcomb)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.name))
    error_message = "name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "region" {
  description = "Region of the task's log configuration."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region: an AWS region name such as us-east-1."
  }
}

variable "vpc_id" {
  description = "VPC of the HComb security group."
  type        = string

  validation {
    condition     = can(regex("^vpc-[0-9a-f]+$", var.vpc_id))
    error_message = "vpc_id: a VPC id (vpc-...)."
  }
}

variable "image" {
  description = "The HComb image (ECR repository URL and tag; make push sends it)."
  type        = string

  validation {
    condition     = can(regex("^[^/:]+(/[^:]+)+:[A-Za-z0-9_][A-Za-z0-9_.-]*$", var.image))
    error_message = "image: registry/repository:tag."
  }
}

variable "cpu" {
  description = "Fargate CPU units of a task (1024 = 1 vCPU)."
  type        = number

  validation {
    condition     = contains([256, 512, 1024, 2048, 4096, 8192, 16384], var.cpu)
    error_message = "cpu: a Fargate size, 256 to 16384 CPU units."
  }
}

variable "memory_mb" {
  description = "Fargate memory of a task in MiB; the JVM's heap and Arrow's direct memory are sized from it."
  type        = number

  validation {
    condition     = var.memory_mb >= 512 && var.memory_mb <= 122880
    error_message = "memory_mb: 512 to 122880 MiB."
  }
}

variable "port" {
  description = "gRPC port HBees and the Fuse connect to."
  type        = number

  validation {
    condition     = var.port > 1024 && var.port < 65536
    error_message = "port: an unprivileged port (the image runs as a non-root user)."
  }
}

variable "idle_shutdown" {
  description = "How long an HComb task waits without a query before it exits (and stops costing)."
  type        = string

  validation {
    condition     = can(regex("^[0-9]+(ms|s|m)$", var.idle_shutdown))
    error_message = "idle_shutdown: a duration such as 300s or 5m."
  }
}

variable "log_retention_days" {
  description = "Days the tasks' CloudWatch logs are kept."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 180, 365], var.log_retention_days)
    error_message = "log_retention_days: one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365."
  }
}

variable "hbee_security_group_id" {
  description = "HBee functions' security group: the only source of HBee → HComb streams."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.hbee_security_group_id))
    error_message = "hbee_security_group_id: a security group id (sg-...)."
  }
}

variable "fuse_security_group_id" {
  description = "The Fuse's security group: the only source of query registration and health checks."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.fuse_security_group_id))
    error_message = "fuse_security_group_id: a security group id (sg-...)."
  }
}

variable "s3_prefix_list_id" {
  description = "Prefix list of the S3 gateway endpoint: Fargate pulls ECR image layers from S3."
  type        = string

  validation {
    condition     = can(regex("^pl-[0-9a-f]+$", var.s3_prefix_list_id))
    error_message = "s3_prefix_list_id: a prefix list id (pl-...)."
  }
}

variable "egress_to_internet" {
  description = "Allow HTTPS to anywhere (ECR and CloudWatch Logs through a NAT, when the VPC has no interface endpoints)."
  type        = bool
}

variable "endpoints_security_group_id" {
  description = "Interface endpoints' security group (ECR and CloudWatch Logs for the task)."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.endpoints_security_group_id))
    error_message = "endpoints_security_group_id: a security group id (sg-...)."
  }
}
