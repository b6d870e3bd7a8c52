# The production stack of the invoice pipeline: one region, one account, every resource named from var.name.
# Files by concern: kms.tf, s3-uploads.tf, s3-spa.tf, cloudfront.tf, api.tf, iam-api.tf, ecs.tf, iam-parser.tf,
# network.tf, dynamodb.tf, logs.tf, sweeper.tf, parse-queue.tf, parser-service.tf, parser-scaling.tf,
# dlq-consumer.tf, alarms.tf. The image repositories live in ./registry (applied first, so images can be
# pushed before this stack references them by digest).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}
data "aws_region" "current" {}

data "aws_ecr_repository" "api" {
  name = var.api_image_repository
}

data "aws_ecr_repository" "parser" {
  name = var.parser_image_repository
}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name

  tags = merge({ Application = var.name, ManagedBy = "terraform" }, var.tags)

  # Images are referenced by digest only, so a deploy runs exactly the bytes that were pushed and tested.
  api_image_uri    = "${data.aws_ecr_repository.api.repository_url}@${var.api_image_digest}"
  parser_image_uri = "${data.aws_ecr_repository.parser.repository_url}@${var.parser_image_digest}"

  parser_container_name = "parser"

  # The prefixes the pipeline writes under; the parser task may read only raw/ and write only parsed/ and errors/.
  upload_prefixes = {
    raw    = "raw/"
    parsed = "parsed/"
    errors = "errors/"
  }
}
