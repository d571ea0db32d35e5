output "function_name" {
  description = "Name of the Fuse function."
  value       = module.function.function_name
}

output "alias_arn" {
  description = "ARN of the Fuse alias \"live\" (what bin/buzz query --aws invokes)."
  value       = module.function.alias_arn
}
