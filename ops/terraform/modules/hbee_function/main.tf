# The HBee: a Java 21 managed-runtime function (io.buzz.hbee.lambda.HBeeHandler) in the private
# subnets, published with SnapStart behind the alias "live", which the Fuse invokes. It may read
# the tables' objects and nothing else.

data "aws_iam_policy_document" "permissions" {
  statement {
    sid       = "ReadTableData"
    actions   = ["s3:GetObject"]
    resources = var.data_object_arns
  }
}

module "function" {
  source               = "../java_function"
  name                 = var.name
  handler              = "io.buzz.hbee.lambda.HBeeHandler::handleRequest"
  zip_path             = var.zip_path
  artifacts_bucket     = var.artifacts_bucket
  memory_mb            = var.memory_mb
  timeout_seconds      = var.timeout_seconds
  reserved_concurrency = var.reserved_concurrency
  log_retention_days   = var.log_retention_days
  snap_start           = var.snap_start
  subnet_ids           = var.subnet_ids
  security_group_id    = var.security_group_id
  environment          = {}
  policy_json          = data.aws_iam_policy_document.permissions.json
  # Arrow reads buffers through java.nio internals; its per-access bounds checks are off (the
  # reader checks every file itself, and its tests run both ways: README, "Arrow's bounds
  # checks"); tiered compilation stops at C1 as the managed runtime's default does for short tasks.
  java_tool_options = "--add-opens=java.base/java.nio=ALL-UNNAMED -Darrow.allocation.manager.type=Unsafe -Darrow.enable_unsafe_memory_access=true -XX:+TieredCompilation -XX:TieredStopAtLevel=1"
}
