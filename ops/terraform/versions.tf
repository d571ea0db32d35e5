terraform {
  required_version = ">= 1.10.0" # S3 backend locking without DynamoDB (use_lockfile)

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }

  # The state lives in S3, one key per workspace (stage). Its bucket, key, region and lock table
  # are given at `make init` (terraform init -backend-config=...), never written here.
  backend "s3" {}
}

provider "aws" {
  region = var.region

  default_tags {
    tags = {
      "buzz:stage"   = var.stage
      "buzz:managed" = "terraform"
    }
  }
}
