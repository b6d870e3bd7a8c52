terraform {
  required_version = ">= 1.6.0"

  # State lives in S3; the deploy passes bucket, key and region from backend.hcl (see README "Deploy").
  # `npm run lint:infra` runs init -backend=false; the rehearsal overrides this with a local backend.
  backend "s3" {}

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.100"
    }
  }
}
