output "cluster_name" {
  description = "Name of the ECS cluster."
  value       = aws_ecs_cluster.this.name
}

output "cluster_arn" {
  description = "ARN of the ECS cluster (the Fuse's ECS permissions are scoped to it)."
  value       = aws_ecs_cluster.this.arn
}

output "task_definition_family" {
  description = "Task definition family; RunTask without a revision uses the latest."
  value       = aws_ecs_task_definition.this.family
}

output "task_definition_family_arn" {
  description = "ARN pattern of every revision of the family (arn:...:task-definition/<family>:*)."
  value       = "${aws_ecs_task_definition.this.arn_without_revision}:*"
}

output "security_group_id" {
  description = "The HComb tasks' security group (given to RunTask)."
  value       = aws_security_group.this.id
}

output "task_role_arn" {
  description = "Role of the HComb process (no permissions)."
  value       = aws_iam_role.task.arn
}

output "execution_role_arn" {
  description = "Role ECS uses to pull the image and write logs."
  value       = aws_iam_role.execution.arn
}
