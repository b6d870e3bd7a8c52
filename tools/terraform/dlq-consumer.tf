# The parse DLQ's consumer (issue 16): the API image's third entry point, index.abandon in
# apps/api/src/lambda.ts, fed by an event source mapping from the dead-letter queue. For each message (one
# attempt: jobId, attempt) it fails the job with PARSE_ABANDONED, unless that attempt is no longer the job's
# current one or its outputs exist (outputs win); records it cannot settle come back in batchItemFailures and
# are received again after the DLQ's visibility timeout, the others are deleted.
#
# Its own role, not the API's (as the sweeper uses): it needs SQS receive and delete on the DLQ, which the API
# must not have, and it needs none of the API's other rights (presigning uploads, RunTask, PassRole, stock,
# mappings, audit). It gets the jobs table and reading the parse outputs, as the API has them.

locals {
  parse_abandon_function_name = "${var.name}-parse-abandon"
}

resource "aws_iam_role" "parse_abandon" {
  name               = "${var.name}-parse-abandon"
  description        = "The parse DLQ consumer: read and delete dead-lettered parse messages, fail their jobs"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "parse_abandon" {
  statement {
    sid       = "TakeDeadLetteredParseMessages"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.parse_dlq.arn]
  }

  # The same item actions as the API on the jobs table (iam-api.tf): read, version-guarded write.
  statement {
    sid       = "TableJobs"
    actions   = local.table_actions["jobs"]
    resources = [aws_dynamodb_table.this["jobs"].arn, "${aws_dynamodb_table.this["jobs"].arn}/index/*"]
  }

  # Outputs win: an attempt that wrote its result or error report is settled from it, not abandoned.
  statement {
    sid     = "ReadParseOutputs"
    actions = ["s3:GetObject"]
    resources = [
      "${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.parsed}*",
      "${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.errors}*",
    ]
  }

  # Without ListBucket S3 answers 403 instead of 404 for a missing output.
  statement {
    sid       = "TellMissingOutputsFromDeniedOnes"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.uploads.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = ["${local.upload_prefixes.parsed}*", "${local.upload_prefixes.errors}*"]
    }
  }

  statement {
    sid       = "UseTheStackKeyThroughS3AndDynamoDb"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.main.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com", "dynamodb.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.parse_abandon.arn}:*"]
  }
}

resource "aws_iam_role_policy" "parse_abandon" {
  name   = "take-dead-letters-fail-jobs"
  role   = aws_iam_role.parse_abandon.id
  policy = data.aws_iam_policy_document.parse_abandon.json
}

resource "aws_lambda_function" "parse_abandon" {
  #checkov:skip=CKV_AWS_116:No dead-letter queue: this function's input is itself the parse DLQ; a record it cannot settle stays there and is retried, and the dead-letter alarm has already fired.
  #checkov:skip=CKV_AWS_117:Not in a VPC: the function only calls AWS public endpoints (SQS, DynamoDB, S3) over TLS with IAM, as the API does.
  #checkov:skip=CKV_AWS_50:No X-Ray tracing: X-Ray's write permission needs Resource "*", which this stack avoids.
  #checkov:skip=CKV_AWS_272:Code signing applies to .zip packages only; this function is the API's container image pinned by digest.
  function_name = local.parse_abandon_function_name
  description   = "Invoice pipeline parse DLQ consumer: fails dead-lettered parse attempts with PARSE_ABANDONED"
  role          = aws_iam_role.parse_abandon.arn
  package_type  = "Image"
  image_uri     = local.api_image_uri
  architectures = [var.cpu_architecture]
  memory_size   = 512
  timeout       = local.parse_abandon_timeout_seconds
  #checkov:skip=CKV_AWS_115:Bounded where it is fed instead: the DLQ's event source mapping runs at most 2 at a time (scaling_config); a reservation would throttle SQS's 5 pollers and fails in accounts with a small concurrency quota.
  kms_key_arn = aws_kms_key.main.arn

  image_config {
    command = ["index.abandon"]
  }

  environment {
    variables = local.api_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.parse_abandon.name
  }

  depends_on = [aws_iam_role_policy.parse_abandon, aws_cloudwatch_log_group.parse_abandon]
}

resource "aws_lambda_event_source_mapping" "parse_dlq" {
  event_source_arn = aws_sqs_queue.parse_dlq.arn
  function_name    = aws_lambda_function.parse_abandon.arn
  # Small batches: a record the handler cannot settle is reported alone (ReportBatchItemFailures), the rest of
  # its batch is deleted.
  batch_size              = 5
  function_response_types = ["ReportBatchItemFailures"]

  # Dead letters are rare and each is a few reads and one write: two at a time is plenty, and bounds the load a
  # poisoned burst puts on the jobs table. Bounded here rather than by reserved concurrency, which SQS's pollers
  # would meet as throttling (their batches then wait out the DLQ's visibility timeout).
  scaling_config {
    maximum_concurrency = 2
  }
}
