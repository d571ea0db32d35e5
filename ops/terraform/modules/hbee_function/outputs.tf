output "function_name" {
  description = "Name of the HBee function."
  value       = module.function.function_name
}

output "function_arn" {
  description = "Unqualified ARN of the HBee function."
  value       = module.function.function_arn
}

output "alias_arn" {
  description = "ARN of the alias \"live\" (the published SnapStart version) the Fuse invokes."
  value       = module.function.alias_arn
}
