variable "name" {
  description = "Prefix of the repository names (buzz-<stage>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.name))
    error_message = "name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "keep_images" {
  description = "Images kept per repository; older ones are expired."
  type        = number
  default     = 10

  validation {
    condition     = var.keep_images >= 1
    error_message = "keep_images: at least 1."
  }
}
