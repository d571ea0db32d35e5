variable "name" {
  description = "Function, role and service name (buzz-<stage>-fuse)."
  type        = string
}

variable "region" {
  description = "Region of the ARNs the Fuse's permissions name."
  type        = string
}

variable "zip_path" {
  description = "The Fuse's Lambda zip (make package builds modules/fuse/target/buzz-fuse-lambda.zip)."
  type        = string
}

variable "artifacts_bucket" {
  description = "Bucket the zip is uploaded to before the function is updated."
  type        = string
}

variable "memory_mb" {
  description = "Function memory in MB."
  type        = number
}

variable "timeout_seconds" {
  description = "Longest query the Fuse function runs (Lambda allows 900 s)."
  type        = number
}

variable "log_retention_days" {
  description = "Days the Fuse's CloudWatch logs are kept."
  type        = number
}

variable "snap_start" {
  description = "Publish versions with SnapStart."
  type        = bool
}

variable "vpc_id" {
  description = "VPC of the gRPC service's security group rules."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets of the function and of the gRPC service."
  type        = list(string)
}

variable "security_group_id" {
  description = "The Fuse security group (made by the network module)."
  type        = string
}

variable "data_object_arns" {
  description = "Object ARNs of the tables (arn:aws:s3:::bucket/prefix*): footers, Delta logs."
  type        = list(string)
}

variable "data_buckets" {
  description = "Bucket → listable prefixes (prefix*): the catalogs list files only there."
  type        = map(list(string))
}

variable "results_bucket" {
  description = "Bucket of large results."
  type        = string
}

variable "results_prefix" {
  description = "Prefix the Fuse may write results under (e.g. results/)."
  type        = string
}

variable "hbee_function_arn" {
  description = "Unqualified ARN of the HBee function."
  type        = string
}

variable "hbee_alias_arn" {
  description = "ARN of the HBee alias the Fuse invokes."
  type        = string
}

variable "hcomb_cluster_arn" {
  description = "ECS cluster the Fuse starts, lists, describes and stops HComb tasks in."
  type        = string
}

variable "hcomb_cluster_name" {
  description = "Name of that cluster (the gRPC service runs there too)."
  type        = string
}

variable "hcomb_task_definition_arn" {
  description = "Task definition family ARN pattern the Fuse may run (…:task-definition/<family>:*)."
  type        = string
}

variable "hcomb_pass_role_arns" {
  description = "The HComb task and execution roles, the only roles the Fuse may pass to ECS."
  type        = list(string)
}

variable "settings" {
  description = "Buzz's AWS settings (buzz.aws.* → value), given to the Fuse as BUZZ_AWS_* variables."
  type        = map(string)
}

variable "grpc_service_count" {
  description = "Tasks of the Fuse's gRPC query service (0: only the Lambda function)."
  type        = number
}

variable "grpc_image" {
  description = "The Fuse gRPC service image (ECR repository URL and tag)."
  type        = string
}

variable "grpc_cpu" {
  description = "Fargate CPU units of a gRPC service task."
  type        = number
}

variable "grpc_memory_mb" {
  description = "Fargate memory of a gRPC service task in MiB."
  type        = number
}

variable "grpc_port" {
  description = "Port of the gRPC query API."
  type        = number
}

variable "grpc_client_cidrs" {
  description = "CIDR blocks allowed to reach the gRPC query API (inside the VPC or over a peering/VPN)."
  type        = list(string)
}
