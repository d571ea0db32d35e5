output "buzz_aws_properties" {
  description = "Buzz's AWS settings for this stage as a properties file: make deploy writes it to .buzz/aws-<stage>.properties, which bin/buzz query --aws --aws-config reads."
  value       = join("", [for key in sort(keys(local.buzz_settings)) : "${key}=${local.buzz_settings[key]}\n"])
}

output "fuse_function_name" {
  description = "The Fuse Lambda function; make run-aws invokes its alias \"live\"."
  value       = module.fuse.function_name
}

output "hbee_function_name" {
  description = "The HBee Lambda function (invoked by the Fuse through its alias \"live\")."
  value       = module.hbee_function.function_name
}

output "hcomb_repository_url" {
  description = "ECR repository of the HComb image; make push sends it there."
  value       = module.registry.hcomb_repository_url
}

output "fuse_repository_url" {
  description = "ECR repository of the Fuse gRPC service image; make push sends it there."
  value       = module.registry.fuse_repository_url
}

output "registry" {
  description = "The ECR registry host (make docker-login logs in to it)."
  value       = split("/", module.registry.hcomb_repository_url)[0]
}

output "results_location" {
  description = "Where results too large for a Lambda response are written (expire after results.expire_days)."
  value       = "s3://${module.buckets.results_bucket}/${var.results.prefix}"
}

output "hcomb_cluster_name" {
  description = "ECS cluster of the HComb tasks (to watch or stop them: aws ecs list-tasks --cluster ...)."
  value       = module.hcomb.cluster_name
}
