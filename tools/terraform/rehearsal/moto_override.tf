# Rehearsal only. tools/scripts/deploy-rehearse.mjs copies this file next to a throw-away copy of the stack,
# replacing __MOTO_ENDPOINT__ with the loopback moto server it started. Terraform merges *_override.tf files
# over the stack's own blocks: state stays local, every AWS API goes to moto, credentials are fake ones from the
# environment (AWS_ACCESS_KEY_ID=testing), and no real account is ever reached.

terraform {
  backend "local" {}
}

provider "aws" {
  s3_use_path_style           = true
  skip_credentials_validation = true
  skip_metadata_api_check     = true
  skip_region_validation      = true

  endpoints {
    apigatewayv2   = "__MOTO_ENDPOINT__"
    appautoscaling = "__MOTO_ENDPOINT__"
    cloudwatch     = "__MOTO_ENDPOINT__"
    cognitoidp     = "__MOTO_ENDPOINT__"
    cloudfront     = "__MOTO_ENDPOINT__"
    dynamodb       = "__MOTO_ENDPOINT__"
    ec2            = "__MOTO_ENDPOINT__"
    ecr            = "__MOTO_ENDPOINT__"
    ecs            = "__MOTO_ENDPOINT__"
    events         = "__MOTO_ENDPOINT__"
    iam            = "__MOTO_ENDPOINT__"
    kms            = "__MOTO_ENDPOINT__"
    lambda         = "__MOTO_ENDPOINT__"
    logs           = "__MOTO_ENDPOINT__"
    s3             = "__MOTO_ENDPOINT__"
    sns            = "__MOTO_ENDPOINT__"
    sqs            = "__MOTO_ENDPOINT__"
    sts            = "__MOTO_ENDPOINT__"
  }
}
