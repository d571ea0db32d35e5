output "vpc_id" {
  description = "The VPC Buzz runs in."
  value       = local.vpc_id
}

output "private_subnet_ids" {
  description = "Private subnets of the functions and the HComb tasks."
  value       = local.subnet_ids
}

output "hbee_security_group_id" {
  description = "Security group of the HBee function's network interfaces."
  value       = aws_security_group.hbee.id
}

output "fuse_security_group_id" {
  description = "Security group of the Fuse (function and gRPC service)."
  value       = aws_security_group.fuse.id
}

output "s3_prefix_list_id" {
  description = "Prefix list of the S3 gateway endpoint (security group rules to S3 name it)."
  value       = aws_vpc_endpoint.s3.prefix_list_id
}

output "egress_to_internet" {
  description = "True when no interface endpoints exist: AWS APIs are reached through the VPC's NAT."
  value       = length(var.network.interface_endpoints) == 0
}

output "endpoints_security_group_id" {
  description = "Security group of the interface endpoints; other modules admit their own clients."
  value       = aws_security_group.endpoints.id
}
