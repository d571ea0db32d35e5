variable "name" {
  description = "Function name (buzz-<stage>-hbee, buzz-<stage>-fuse)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.name))
    error_message = "name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "handler" {
  description = "The handler, class::method."
  type        = string

  validation {
    condition     = can(regex("^[A-Za-z_$][\\w.$]*::[A-Za-z_$][\\w$]*$", var.handler))
    error_message = "handler: package.Class::method."
  }
}

variable "zip_path" {
  description = "The function's deployment zip (make package builds it)."
  type        = string

  validation {
    condition     = endswith(var.zip_path, ".zip")
    error_message = "zip_path: the path of a .zip file."
  }
}

variable "artifacts_bucket" {
  description = "Bucket the zip is uploaded to before the function is updated (zips over 50 MB cannot go inline)."
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
  description = "Longest one invocation may run."
  type        = number

  validation {
    condition     = var.timeout_seconds >= 1 && var.timeout_seconds <= 900
    error_message = "timeout_seconds: 1 to 900 seconds."
  }
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions; -1 leaves the function unreserved."
  type        = number
  default     = -1

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
  description = "Security group of the function's network interfaces."
  type        = string

  validation {
    condition     = can(regex("^sg-[0-9a-f]+$", var.security_group_id))
    error_message = "security_group_id: a security group id (sg-...)."
  }
}

variable "environment" {
  description = "Environment variables of the function, besides JAVA_TOOL_OPTIONS."
  type        = map(string)

  validation {
    condition     = !contains(keys(var.environment), "JAVA_TOOL_OPTIONS")
    error_message = "environment: JAVA_TOOL_OPTIONS is set by this module (java_tool_options)."
  }
}

variable "java_tool_options" {
  description = "JVM flags of the managed runtime (JAVA_TOOL_OPTIONS)."
  type        = string

  validation {
    condition     = length(var.java_tool_options) > 0
    error_message = "java_tool_options: at least Arrow's --add-opens."
  }
}

variable "policy_json" {
  description = "What the function may do besides writing its logs and attaching to the VPC (an IAM policy document)."
  type        = string

  validation {
    condition     = can(jsondecode(var.policy_json))
    error_message = "policy_json: a JSON IAM policy document."
  }
}
