# The parse sweeper (issue 16): the API's image with another entry point (index.sweep in apps/api/src/lambda.ts),
# run on a schedule, so that due parse retries start and a parse past PARSE_DEADLINE_SECONDS fails with
# PARSE_TIMEOUT even when no browser polls. It reconciles exactly as a poll does, as the API's role.

locals {
  sweeper_function_name = "${var.name}-parse-sweeper"
}

resource "aws_lambda_function" "parse_sweeper" {
  #checkov:skip=CKV_AWS_116:No dead-letter queue: a failed sweep loses nothing, the next scheduled sweep reconciles the same jobs again.
  #checkov:skip=CKV_AWS_117:Not in a VPC: the function only calls AWS public endpoints (DynamoDB, S3, ECS) over TLS with IAM, as the API does.
  #checkov:skip=CKV_AWS_50:No X-Ray tracing: X-Ray's write permission needs Resource "*", which this stack avoids.
  #checkov:skip=CKV_AWS_272:Code signing applies to .zip packages only; this function is the API's container image pinned by digest.
  function_name = local.sweeper_function_name
  description   = "Invoice pipeline parse sweeper: retries due and deadlines of in-flight parses"
  role          = aws_iam_role.api.arn
  package_type  = "Image"
  image_uri     = local.api_image_uri
  architectures = [var.cpu_architecture]
  memory_size   = 512
  # One sweep reconciles at most 500 jobs (MAX_SWEPT_JOBS); one at a time, so sweeps never overlap.
  timeout                        = 60
  reserved_concurrent_executions = 1
  kms_key_arn                    = aws_kms_key.main.arn

  image_config {
    command = ["index.sweep"]
  }

  environment {
    variables = local.api_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.sweeper.name
  }

  depends_on = [aws_iam_role_policy.api, aws_cloudwatch_log_group.sweeper]
}

resource "aws_cloudwatch_event_rule" "parse_sweep" {
  name                = "${var.name}-parse-sweep"
  description         = "Runs the parse sweeper every ${var.parse_sweep_minutes} minute(s)"
  schedule_expression = var.parse_sweep_minutes == 1 ? "rate(1 minute)" : "rate(${var.parse_sweep_minutes} minutes)"
}

resource "aws_cloudwatch_event_target" "parse_sweep" {
  rule = aws_cloudwatch_event_rule.parse_sweep.name
  arn  = aws_lambda_function.parse_sweeper.arn
}

resource "aws_lambda_permission" "parse_sweep" {
  statement_id  = "AllowParseSweepSchedule"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.parse_sweeper.function_name
  principal     = "events.amazonaws.com"
  source_arn    = aws_cloudwatch_event_rule.parse_sweep.arn
}
