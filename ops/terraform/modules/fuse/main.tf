# The Fuse: a Lambda function (io.buzz.fuse.aws.FuseHandler, alias "live") that plans a query,
# lists its files, starts or reuses an HComb task and invokes the HBees; optionally the same Fuse
# as a gRPC query service on Fargate (io.buzz.fuse.aws.FuseServer) for interactive clients.

data "aws_caller_identity" "current" {}

locals {
  account     = data.aws_caller_identity.current.account_id
  cluster     = element(split("/", var.hcomb_cluster_arn), 1)
  environment = { for key, value in var.settings : upper(replace(key, ".", "_")) => value }
}

data "aws_iam_policy_document" "assume_ecs" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }
  }
}

# What the Fuse does, and nothing more; the function and the gRPC service share it.
data "aws_iam_policy_document" "fuse" {
  dynamic "statement" {
    for_each = var.data_buckets
    content {
      sid       = "ListTable${replace(title(replace(statement.key, "/[^a-zA-Z0-9]+/", " ")), " ", "")}"
      actions   = ["s3:ListBucket"]
      resources = ["arn:aws:s3:::${statement.key}"]
      condition {
        test     = "StringLike"
        variable = "s3:prefix"
        values   = statement.value
      }
    }
  }

  statement {
    sid       = "ReadTables"
    actions   = ["s3:GetObject"]
    resources = var.data_object_arns
  }

  statement {
    sid       = "WriteResults"
    actions   = ["s3:PutObject", "s3:AbortMultipartUpload"]
    resources = ["arn:aws:s3:::${var.results_bucket}/${var.results_prefix}*"]
  }

  statement {
    sid       = "InvokeHBees"
    actions   = ["lambda:InvokeFunction"]
    resources = [var.hbee_function_arn, var.hbee_alias_arn]
  }

  statement {
    sid       = "StartHCombs"
    actions   = ["ecs:RunTask"]
    resources = [var.hcomb_task_definition_arn]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [var.hcomb_cluster_arn]
    }
  }

  statement {
    sid       = "TagHCombsAtStart"
    actions   = ["ecs:TagResource"]
    resources = ["arn:aws:ecs:${var.region}:${local.account}:task/${local.cluster}/*"]
    condition {
      test     = "StringEquals"
      variable = "ecs:CreateAction"
      values   = ["RunTask"]
    }
  }

  statement {
    sid       = "WatchAndStopHCombs"
    actions   = ["ecs:DescribeTasks", "ecs:StopTask"]
    resources = ["arn:aws:ecs:${var.region}:${local.account}:task/${local.cluster}/*"]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [var.hcomb_cluster_arn]
    }
  }

  # ListTasks without a container instance is authorized against "*"; the cluster condition is
  # what scopes it.
  statement {
    sid       = "ListHCombs"
    actions   = ["ecs:ListTasks"]
    resources = ["*"]
    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [var.hcomb_cluster_arn]
    }
  }

  statement {
    sid       = "PassHCombRoles"
    actions   = ["iam:PassRole"]
    resources = var.hcomb_pass_role_arns
    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }
}

module "function" {
  source             = "../java_function"
  name               = var.name
  handler            = "io.buzz.fuse.aws.FuseHandler::handleRequest"
  zip_path           = var.zip_path
  artifacts_bucket   = var.artifacts_bucket
  memory_mb          = var.memory_mb
  timeout_seconds    = var.timeout_seconds
  log_retention_days = var.log_retention_days
  snap_start         = var.snap_start
  subnet_ids         = var.subnet_ids
  security_group_id  = var.security_group_id
  environment        = local.environment
  policy_json        = data.aws_iam_policy_document.fuse.json
  java_tool_options  = "--add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.allocation.manager.type=Unsafe"
}

# --- the optional gRPC query service (grpc_service_count > 0) ---

locals {
  grpc = var.grpc_service_count > 0 ? 1 : 0
}

resource "aws_cloudwatch_log_group" "service" {
  count             = local.grpc
  name              = "/ecs/${var.name}"
  retention_in_days = var.log_retention_days
}

resource "aws_iam_role" "service_task" {
  count              = local.grpc
  name               = "${var.name}-service"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs.json
}

resource "aws_iam_role_policy" "service_task" {
  count  = local.grpc
  name   = "${var.name}-permissions"
  role   = aws_iam_role.service_task[0].id
  policy = data.aws_iam_policy_document.fuse.json
}

resource "aws_iam_role" "service_execution" {
  count              = local.grpc
  name               = "${var.name}-service-execution"
  assume_role_policy = data.aws_iam_policy_document.assume_ecs.json
}

data "aws_iam_policy_document" "service_execution" {
  count = local.grpc

  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"] # ECR authorizes tokens account-wide
  }

  statement {
    sid       = "PullImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"]
    resources = ["arn:aws:ecr:${var.region}:${local.account}:repository/${split(":", split("/", var.grpc_image)[1])[0]}"]
  }

  statement {
    sid       = "WriteLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.service[0].arn}:*"]
  }
}

resource "aws_iam_role_policy" "service_execution" {
  count  = local.grpc
  name   = "${var.name}-service-execution"
  role   = aws_iam_role.service_execution[0].id
  policy = data.aws_iam_policy_document.service_execution[0].json
}

resource "aws_ecs_task_definition" "service" {
  count                    = var.grpc_service_count > 0 ? 1 : 0
  family                   = "${var.name}-service"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = tostring(var.grpc_cpu)
  memory                   = tostring(var.grpc_memory_mb)
  execution_role_arn       = aws_iam_role.service_execution[0].arn
  task_role_arn            = aws_iam_role.service_task[0].arn

  container_definitions = jsonencode([{
    name         = "fuse"
    image        = var.grpc_image
    essential    = true
    portMappings = [{ containerPort = var.grpc_port, protocol = "tcp" }]
    environment = concat(
      [for key, value in local.environment : { name = key, value = value }],
      [{ name = "BUZZ_FUSE_PORT", value = tostring(var.grpc_port) }],
    )
    logConfiguration = {
      logDriver = "awslogs"
      options = {
        awslogs-group         = aws_cloudwatch_log_group.service[0].name
        awslogs-region        = var.region
        awslogs-stream-prefix = "fuse"
      }
    }
  }])
}

resource "aws_ecs_service" "grpc" {
  count           = var.grpc_service_count > 0 ? 1 : 0
  name            = "${var.name}-grpc"
  cluster         = var.hcomb_cluster_arn
  task_definition = aws_ecs_task_definition.service[0].arn
  desired_count   = var.grpc_service_count
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = var.subnet_ids
    security_groups  = [var.security_group_id]
    assign_public_ip = false
  }
}

resource "aws_vpc_security_group_ingress_rule" "grpc_clients" {
  for_each          = var.grpc_service_count > 0 ? toset(var.grpc_client_cidrs) : toset([])
  security_group_id = var.security_group_id
  description       = "gRPC query API clients"
  ip_protocol       = "tcp"
  from_port         = var.grpc_port
  to_port           = var.grpc_port
  cidr_ipv4         = each.value
}
