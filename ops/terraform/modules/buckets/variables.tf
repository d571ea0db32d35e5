variable "name" {
  description = "Prefix of the bucket names (buzz-<stage>); the account id makes them unique."
  type        = string
}

variable "results_prefix" {
  description = "Prefix of the results the Fuse writes (e.g. results/)."
  type        = string
}

variable "expire_days" {
  description = "Days after which results are deleted."
  type        = number

  validation {
    condition     = var.expire_days >= 1
    error_message = "expire_days: at least 1."
  }
}
