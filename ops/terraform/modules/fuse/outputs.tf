output "function_name" {
  description = "Name of the Fuse function."
  value       = aws_lambda_function.this.function_name
}

output "alias_arn" {
  description = "ARN of the Fuse alias \"live\" (what bin/buzz query --aws invokes)."
  value       = aws_lambda_alias.live.arn
}
