terraform {
  required_version = ">= 1.6.0"

  # State lives in S3; the deploy passes bucket, key and region from backend.hcl (see README "Deploy").
  # `npm run lint:infra` runs init -backend=false; the rehearsal overrides this with a local backend.
  backend "s3" {}

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # 5.100.0 is the version CI carries in its local plugin directory (TF_PLUGIN_DIR).
      version = "~> 5.100"
    }
  }
}
