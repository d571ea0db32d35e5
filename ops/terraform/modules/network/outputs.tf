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

output "endpoints_security_group_id" {
  description = "Security group of the interface endpoints; other modules admit their own clients."
  value       = aws_security_group.endpoints.id
}
