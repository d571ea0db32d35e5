# Stage "prod": sized for many concurrent queries; make deploy STAGE=prod reads this file.
# The region comes from make's REGION (command line, environment or default.env).
stage = "prod"

data_locations = ["s3://my-data-bucket/tables/"]

network = {
  create_vpc = true
  az_count   = 2
}

hbee = {
  memory_mb            = 3008
  # At most the account's concurrency quota minus the 100 Lambda keeps unreserved (1000 - 100).
  reserved_concurrency = 900
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
