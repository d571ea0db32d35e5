variable "name" {
  description = "Name of the cluster, task family and roles (buzz-<stage>-hcomb)."
  type        = string
}

variable "region" {
  description = "Region of the task's log configuration."
  type        = string
}

variable "vpc_id" {
  description = "VPC of the HComb security group."
  type        = string
}

variable "image" {
  description = "The HComb image (ECR repository URL and tag; make push sends it)."
  type        = string
}

variable "cpu" {
  description = "Fargate CPU units of a task (1024 = 1 vCPU)."
  type        = number
}

variable "memory_mb" {
  description = "Fargate memory of a task in MiB; the JVM's heap and Arrow's direct memory are sized from it."
  type        = number
}

variable "port" {
  description = "gRPC port HBees and the Fuse connect to."
  type        = number

  validation {
    condition     = var.port > 1024 && var.port < 65536
    error_message = "port: an unprivileged port (the image runs as a non-root user)."
  }
}

variable "idle_shutdown" {
  description = "How long an HComb task waits without a query before it exits (and stops costing)."
  type        = string
}

variable "log_retention_days" {
  description = "Days the tasks' CloudWatch logs are kept."
  type        = number
}

variable "hbee_security_group_id" {
  description = "HBee functions' security group: the only source of HBee → HComb streams."
  type        = string
}

variable "fuse_security_group_id" {
  description = "The Fuse's security group: the only source of query registration and health checks."
  type        = string
}

variable "endpoints_security_group_id" {
  description = "Interface endpoints' security group (ECR and CloudWatch Logs for the task)."
  type        = string
}
