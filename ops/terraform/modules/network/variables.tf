variable "name" {
  description = "Prefix of every resource name (buzz-<stage>)."
  type        = string
}

variable "region" {
  description = "Region of the VPC endpoints' service names."
  type        = string
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
