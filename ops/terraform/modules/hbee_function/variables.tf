variable "name" {
  description = "Function name (buzz-<stage>-hbee)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.name))
    error_message = "name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "zip_path" {
  description = "The HBee's Lambda zip (make package builds modules/hbee/target/buzz-hbee-lambda.zip)."
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
  description = "Function memory in MB (CPU grows with it: 1769 MB = 1 vCPU)."
  type        = number

  validation {
    condition     = var.memory_mb >= 128 && var.memory_mb <= 10240
    error_message = "memory_mb: 128 to 10240 MB."
  }
}

variable "timeout_seconds" {
  description = "Longest one HBee task may run."
  type        = number

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900
    error_message = "timeout_seconds: 1 to 900 seconds."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions; -1 leaves the function unreserved."
  type        = number

  validation {
    condition     = var.reserved_concurrency == -1 || var.reserved_concurrency >= 0
    error_message = "reserved_concurrency: -1 (unreserved) or a number of executions."
  }
}

variable "log_retention_days" {
  description = "Days the function's CloudWatch logs are kept."
  type        = number

  validation {
    condition     = contains([1, 3, 5, 7, 14, 30, 60, 90, 180, 365], var.log_retention_days)
    error_message = "log_retention_days: one of 1, 3, 5, 7, 14, 30, 60, 90, 180, 365."
  }
}

variable "snap_start" {
  description = "Publish versions with SnapStart (restores a primed snapshot instead of a cold JVM start)."
  type        = bool
}

variable "subnet_ids" {
  description = "Private subnets of the function's network interfaces."
  type        = list(string)

  validation {
    condition     = length(var.subnet_ids) > 0 && alltrue([for s in var.subnet_ids : can(regex("^subnet-[0-9a-f]+$", s))])
    error_message = "subnet_ids: one or more subnet ids (subnet-...)."
  }
}

variable "security_group_id" {
  description = "The HBee security group (S3 gateway endpoint, gRPC to the HComb)."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.security_group_id))
    error_message = "security_group_id: a security group id (sg-...)."
  }
}

variable "data_object_arns" {
  description = "Object ARNs the HBee may read (arn:aws:s3:::bucket/prefix*); nothing else."
  type        = list(string)

  validation {
    condition     = alltrue([for arn in var.data_object_arns : can(regex("^arn:aws[a-z-]*:s3:::[^*/]+/", arn))])
    error_message = "data_object_arns: object ARNs within a named bucket (never a bucket wildcard)."
  }
}
