# Buzz on AWS, one stage per Terraform workspace (make deploy STAGE=dev):
#
#   client ──▶ Fuse function (Lambda, alias "live") ──▶ HBee function (Lambda, alias "live", SnapStart)
#                 │  RunTask / DescribeTasks                 │ ranged GETs through the S3 gateway endpoint
#                 ▼                                          ▼
#              HComb task (ECS Fargate, private subnets) ◀── Arrow streams (gRPC, HBee SG → HComb SG)
#
# Modules: network (VPC, subnets, endpoints, client security groups), buckets (results, packages),
# registry (ECR), hbee_function, hcomb (cluster, task definition, its security group), fuse.

locals {
  name = "buzz-${var.stage}"

  # s3://bucket/prefix/ → { bucket, prefix }
  data = [for location in var.data_locations : {
    bucket = regex("^s3://([^/]+)/", location)[0]
    prefix = trimprefix(location, regex("^s3://[^/]+/", location))
  }]
  data_object_arns = [for d in local.data : "arn:aws:s3:::${d.bucket}/${d.prefix}*"]
  data_buckets = {
    for bucket in distinct([for d in local.data : d.bucket]) :
    bucket => [for d in local.data : "${d.prefix}*" if d.bucket == bucket]
  }
}

# Applying one stage's settings to another stage's state is refused before anything changes.
resource "terraform_data" "stage_matches_workspace" {
  lifecycle {
    precondition {
      condition     = var.stage == terraform.workspace
      error_message = "stage \"${var.stage}\" does not match the selected workspace \"${terraform.workspace}\": run make deploy STAGE=${terraform.workspace}, or select the workspace ${var.stage}."
    }
  }
}

module "network" {
  source  = "./modules/network"
  name    = local.name
  region  = var.region
  network = var.network
}

module "buckets" {
  source         = "./modules/buckets"
  name           = local.name
  results_prefix = var.results.prefix
  expire_days    = var.results.expire_days
}

module "registry" {
  source = "./modules/registry"
  name   = local.name
}

module "hbee_function" {
  source               = "./modules/hbee_function"
  name                 = "${local.name}-hbee"
  zip_path             = abspath("${path.root}/${var.packages.hbee_zip}")
  artifacts_bucket     = module.buckets.artifacts_bucket
  memory_mb            = var.hbee.memory_mb
  timeout_seconds      = var.hbee.timeout_seconds
  reserved_concurrency = var.hbee.reserved_concurrency
  log_retention_days   = var.hbee.log_retention_days
  snap_start           = var.hbee.snap_start
  subnet_ids           = module.network.private_subnet_ids
  security_group_id    = module.network.hbee_security_group_id
  data_object_arns     = local.data_object_arns
}

module "hcomb" {
  source                 = "./modules/hcomb"
  name                   = "${local.name}-hcomb"
  region                 = var.region
  vpc_id                 = module.network.vpc_id
  image                  = "${module.registry.hcomb_repository_url}:${var.image_tag}"
  cpu                    = var.hcomb.cpu
  memory_mb              = var.hcomb.memory_mb
  port                   = var.hcomb.port
  idle_shutdown          = var.hcomb.idle_shutdown
  log_retention_days     = var.hcomb.log_retention_days
  hbee_security_group_id = module.network.hbee_security_group_id
  fuse_security_group_id = module.network.fuse_security_group_id
  endpoints_security_group_id = module.network.endpoints_security_group_id
  s3_prefix_list_id           = module.network.s3_prefix_list_id
  egress_to_internet          = module.network.egress_to_internet
}

module "fuse" {
  source                      = "./modules/fuse"
  name                        = "${local.name}-fuse"
  region                      = var.region
  zip_path                    = abspath("${path.root}/${var.packages.fuse_zip}")
  artifacts_bucket            = module.buckets.artifacts_bucket
  memory_mb                   = var.fuse.memory_mb
  timeout_seconds             = var.fuse.timeout_seconds
  log_retention_days          = var.fuse.log_retention_days
  snap_start                  = var.fuse.snap_start
  subnet_ids                  = module.network.private_subnet_ids
  vpc_id                      = module.network.vpc_id
  security_group_id           = module.network.fuse_security_group_id
  data_object_arns            = local.data_object_arns
  data_buckets                = local.data_buckets
  results_bucket              = module.buckets.results_bucket
  results_prefix              = var.results.prefix
  hbee_function_arn           = module.hbee_function.function_arn
  hbee_alias_arn              = module.hbee_function.alias_arn
  hcomb_cluster_arn           = module.hcomb.cluster_arn
  hcomb_task_definition_arn   = module.hcomb.task_definition_family_arn
  hcomb_pass_role_arns        = [module.hcomb.task_role_arn, module.hcomb.execution_role_arn]
  grpc_service_count          = var.fuse.grpc_service_count
  grpc_image                  = "${module.registry.fuse_repository_url}:${var.image_tag}"
  grpc_cpu                    = var.fuse.grpc_cpu
  grpc_memory_mb              = var.fuse.grpc_memory_mb
  grpc_port                   = var.fuse.grpc_port
  grpc_client_cidrs           = var.fuse.grpc_client_cidrs
  hcomb_cluster_name          = module.hcomb.cluster_name
  settings                    = local.buzz_settings
}

# What the Fuse (function and gRPC service) and bin/buzz --aws read: Buzz's own setting names
# (see the README's "Buzz on AWS"), rendered to .buzz/aws-<stage>.properties by make deploy.
locals {
  buzz_settings = {
    "buzz.aws.region"                 = var.region
    "buzz.aws.hbee.function"          = module.hbee_function.alias_arn
    "buzz.aws.fuse.function"          = "${local.name}-fuse:live"
    "buzz.aws.hbee.memory.mb"         = tostring(var.hbee.memory_mb)
    "buzz.aws.hbee.concurrency"       = tostring(var.hbee.reserved_concurrency > 0 ? var.hbee.reserved_concurrency : 1000)
    "buzz.aws.hbee.invocation.timeout" = "${var.hbee.timeout_seconds + 15}s"
    "buzz.aws.hcomb.cluster"          = module.hcomb.cluster_name
    "buzz.aws.hcomb.task.definition"  = module.hcomb.task_definition_family
    "buzz.aws.hcomb.subnets"          = join(",", module.network.private_subnet_ids)
    "buzz.aws.hcomb.security.groups"  = module.hcomb.security_group_id
    "buzz.aws.hcomb.assign.public.ip" = tostring(var.hcomb.assign_public_ip)
    "buzz.aws.hcomb.port"             = tostring(var.hcomb.port)
    "buzz.aws.hcomb.started.by"       = local.name
    "buzz.aws.hcomb.vcpu"             = tostring(var.hcomb.cpu / 1024)
    "buzz.aws.hcomb.memory.gb"        = tostring(var.hcomb.memory_mb / 1024)
    "buzz.aws.results.location"       = "s3://${module.buckets.results_bucket}/${var.results.prefix}"
  }
}
