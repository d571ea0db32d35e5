# Stage "prod": sized for many concurrent queries; make deploy STAGE=prod reads this file.
stage  = "prod"
region = "us-east-1"

data_locations = ["s3://my-data-bucket/tables/"]

network = {
  create_vpc = true
  az_count   = 2
}

hbee = {
  memory_mb            = 3008
  reserved_concurrency = 1000
  log_retention_days   = 30
}

hcomb = {
  cpu                = 4096
  memory_mb          = 16384
  idle_shutdown      = "15m"
  log_retention_days = 30
}

fuse = {
  memory_mb = 3008
}

results = {
  expire_days = 7
}
