# Stage "dev": small and cheap; make deploy STAGE=dev reads this file.
# The region comes from make's REGION (command line, environment or default.env).
stage = "dev"

# Replace with the S3 locations your tables live in (read-only for Buzz).
data_locations = ["s3://my-data-bucket/tables/"]

network = {
  create_vpc = true
  az_count   = 1
}

hbee = {
  memory_mb = 1769
  # Unreserved: new accounts may have a concurrency quota of 10, and Lambda keeps 100 unreserved.
  reserved_concurrency = -1
  log_retention_days   = 7
}

hcomb = {
  cpu                = 1024
  memory_mb          = 4096
  idle_shutdown      = "5m"
  log_retention_days = 7
}

fuse = {
  memory_mb = 1769
}

results = {
  expire_days = 1
}
