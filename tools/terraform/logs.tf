# Every log group this stack writes to, created here so retention and encryption are never the defaults
# (a group Lambda or ECS creates on its own keeps logs forever, unencrypted by this key).

resource "aws_cloudwatch_log_group" "api" {
  name              = "/aws/lambda/${local.api_function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "sweeper" {
  name              = "/aws/lambda/${local.sweeper_function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "parse_abandon" {
  name              = "/aws/lambda/${local.parse_abandon_function_name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "api_access" {
  name              = "/aws/apigateway/${var.name}-http-access"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}

resource "aws_cloudwatch_log_group" "parser" {
  name              = "/aws/ecs/${var.name}-parser"
  retention_in_days = var.log_retention_days
  kms_key_id        = aws_kms_key.main.arn
}
