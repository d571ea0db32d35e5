# The HComb: an ECS cluster and a Fargate task definition the Fuse starts tasks from (RunTask,
# awsvpc, private subnets). Its security group admits gRPC from the HBee and the Fuse security
# groups only. A task exits after its idle shutdown, so nothing runs (or costs) between queries.

resource "aws_ecs_cluster" "this" {
  name = var.name

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}

resource "aws_cloudwatch_log_group" "this" {
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# The agent's role: pull the image, write the task's logs.
resource "aws_iam_role" "execution" {
  name               = "${var.name}-execution"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

data "aws_iam_policy_document" "execution" {
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # ECR authorizes tokens account-wide; there is no narrower resource
  }

  statement {
    sid       = "PullImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = [local.repository_arn]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.this.arn}:*"]
  }
}

data "aws_caller_identity" "current" {}

locals {
  # 123456789012.dkr.ecr.us-east-1.amazonaws.com/buzz-dev-hcomb:tag → the repository's ARN
  repository_name = split(":", split("/", var.image)[1])[0]
  repository_arn  = "arn:aws:ecr:${var.region}:${data.aws_caller_identity.current.account_id}:repository/${local.repository_name}"
  # Heap and Arrow's direct memory share ~80% of the task; BUZZ_HCOMB_QUERY_MEMORY_MB bounds one
  # query's merge state within the direct memory. Freed Arrow blocks kept for reuse take up to an
  # eighth of the heap more (~5% of the task; JVM property buzz.arrow.pool.mb).
  heap_mb   = floor(var.memory_mb * 0.4)
  direct_mb = floor(var.memory_mb * 0.4)
}

resource "aws_iam_role_policy" "execution" {
  name   = "${var.name}-execution"
  role   = aws_iam_role.execution.id
  policy = data.aws_iam_policy_document.execution.json
}

# The HComb process itself calls no AWS API: its role has no permissions.
resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = data.aws_iam_policy_document.assume.json
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.cpu)
  memory                   = tostring(var.memory_mb)
  execution_role_arn       = aws_iam_role.execution.arn
  task_role_arn            = aws_iam_role.task.arn

  runtime_platform {
    operating_system_family = "LINUX"
    cpu_architecture        = "X86_64"
  }

  container_definitions = jsonencode([{
    name      = "hcomb"
    image     = var.image
    essential = true
    portMappings = [
      { containerPort = var.port, protocol = "tcp" },
    ]
    environment = [
      { name = "BUZZ_HCOMB_PORT", value = tostring(var.port) },
      { name = "BUZZ_HCOMB_IDLE_SHUTDOWN", value = var.idle_shutdown },
      { name = "BUZZ_HCOMB_QUERY_MEMORY_MB", value = tostring(floor(local.direct_mb * 0.8)) },
      { name = "JDK_JAVA_OPTIONS", value = "-Xmx${local.heap_mb}m -XX:MaxDirectMemorySize=${local.direct_mb}m" },
    ]
    stopTimeout = 30
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.this.name
        awslogs-region        = var.region
        awslogs-stream-prefix = "hcomb"
      }
    }
  }])
}

resource "aws_security_group" "this" {
  name        = var.name
  description = "HComb tasks: gRPC from HBees and the Fuse only"
  vpc_id      = var.vpc_id
}

resource "aws_vpc_security_group_ingress_rule" "from_hbee" {
  security_group_id            = aws_security_group.this.id
  description                  = "Arrow streams from HBee functions"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = var.hbee_security_group_id
}

resource "aws_vpc_security_group_ingress_rule" "from_fuse" {
  security_group_id            = aws_security_group.this.id
  description                  = "Query registration, results and health checks from the Fuse"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = var.fuse_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "to_endpoints" {
  security_group_id            = aws_security_group.this.id
  description                  = "ECR and CloudWatch Logs through their interface endpoints"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = var.endpoints_security_group_id
}

resource "aws_vpc_security_group_egress_rule" "to_s3" {
  security_group_id = aws_security_group.this.id
  description       = "ECR image layers from S3 through the gateway endpoint"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  prefix_list_id    = var.s3_prefix_list_id
}

resource "aws_vpc_security_group_egress_rule" "https_via_nat" {
  count             = var.egress_to_internet ? 1 : 0
  security_group_id = aws_security_group.this.id
  description       = "ECR and CloudWatch Logs through the VPC's NAT"
  ip_protocol       = "tcp"
  from_port         = 443
  to_port           = 443
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_vpc_security_group_ingress_rule" "endpoints_from_hcomb" {
  security_group_id            = var.endpoints_security_group_id
  description                  = "HTTPS from HComb tasks (image pull, logs)"
  ip_protocol                  = "tcp"
  from_port                    = 443
  to_port                      = 443
  referenced_security_group_id = aws_security_group.this.id
}

resource "aws_vpc_security_group_egress_rule" "hbee_to_hcomb" {
  security_group_id            = var.hbee_security_group_id
  description                  = "Arrow streams to HComb tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = aws_security_group.this.id
}

resource "aws_vpc_security_group_egress_rule" "fuse_to_hcomb" {
  security_group_id            = var.fuse_security_group_id
  description                  = "Query registration and health checks to HComb tasks"
  ip_protocol                  = "tcp"
  from_port                    = var.port
  to_port                      = var.port
  referenced_security_group_id = aws_security_group.this.id
}
