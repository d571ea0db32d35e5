variable "name" {
  description = "Prefix of every resource name (buzz-<stage>)."
  type        = string

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,56}$", var.name))
    error_message = "name: lowercase letters, digits and dashes, starting with a letter."
  }
}

variable "region" {
  description = "Region of the VPC endpoints' service names."
  type        = string

  validation {
    condition     = can(regex("^[a-z]{2}(-[a-z]+)+-[0-9]$", var.region))
    error_message = "region: an AWS region name such as us-east-1."
  }
}

variable "network" {
  description = "See the root module's variable \"network\"."
  type = object({
    create_vpc              = bool
    cidr                    = string
    az_count                = number
    vpc_id                  = string
    private_subnet_ids      = list(string)
    private_route_table_ids = list(string)
    interface_endpoints     = list(string)
  })

  validation {
    condition     = can(cidrhost(var.network.cidr, 0))
    error_message = "network.cidr: a CIDR block such as 10.42.0.0/16."
  }
}
