variable "name" {
  description = "Function name (buzz-<stage>-hbee)."
  type        = string
}

variable "zip_path" {
  description = "The HBee's Lambda zip (make package builds modules/hbee/target/buzz-hbee-lambda.zip)."
  type        = string
}

variable "artifacts_bucket" {
  description = "Bucket the zip is uploaded to before the function is updated."
  type        = string
}

variable "memory_mb" {
  description = "Function memory in MB (CPU grows with it: 1769 MB = 1 vCPU)."
  type        = number
}

variable "timeout_seconds" {
  description = "Longest one HBee task may run."
  type        = number
}

variable "reserved_concurrency" {
  description = "Reserved concurrent executions; -1 leaves the function unreserved."
  type        = number
}

variable "log_retention_days" {
  description = "Days the function's CloudWatch logs are kept."
  type        = number
}

variable "snap_start" {
  description = "Publish versions with SnapStart (restores a primed snapshot instead of a cold JVM start)."
  type        = bool
}

variable "subnet_ids" {
  description = "Private subnets of the function's network interfaces."
  type        = list(string)
}

variable "security_group_id" {
  description = "The HBee security group (S3 gateway endpoint, gRPC to the HComb)."
  type        = string
}

variable "data_object_arns" {
  description = "Object ARNs the HBee may read (arn:aws:s3:::bucket/prefix*); nothing else."
  type        = list(string)

  validation {
    condition     = alltrue([for arn in var.data_object_arns : can(regex("^arn:aws[a-z-]*:s3:::[^*/]+/", arn))])
    error_message = "data_object_arns: object ARNs within a named bucket (never a bucket wildcard)."
  }
}
