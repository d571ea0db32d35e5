variable "name" {
  description = "Prefix of the bucket names (buzz-<stage>); the account id makes them unique."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.name))
    error_message = "name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "results_prefix" {
  description = "Prefix of the results the Fuse writes (e.g. results/)."
  type        = string

  validation {
    condition     = can(regex("^([a-z0-9_-]+/)+$", var.results_prefix))
    error_message = "results_prefix: path segments ending with /."
  }
}

variable "expire_days" {
  description = "Days after which results are deleted."
  type        = number

  validation {
    condition     = var.expire_days >= 1
    error_message = "expire_days: at least 1."
  }
}
