# The API: the same Express app as local mode, as a Lambda container image (serverless-http), behind an
# API Gateway HTTP API that CloudFront reaches at /api/*.

locals {
  api_function_name = "${var.name}-api"

  # What the API's composition root reads in AWS mode (apps/api/src/config.ts): names only, never secrets.
  api_environment = {
    STORAGE                 = "aws"
    JOBS_TABLE              = aws_dynamodb_table.this["jobs"].name
    INVENTORY_TABLE         = aws_dynamodb_table.this["inventory"].name
    LEDGER_TABLE            = aws_dynamodb_table.this["apply-ledger"].name
    SKU_MAPPINGS_TABLE      = aws_dynamodb_table.this["sku-mappings"].name
    AUDIT_TABLE             = aws_dynamodb_table.this["audit"].name
    UPLOADS_BUCKET          = aws_s3_bucket.uploads.id
    ECS_CLUSTER             = aws_ecs_cluster.parser.name
    PARSER_TASK_DEFINITION  = aws_ecs_task_definition.parser.family
    PARSER_CONTAINER_NAME   = local.parser_container_name
    PARSER_SUBNETS          = join(",", aws_subnet.public[*].id)
    PARSER_SECURITY_GROUPS  = aws_security_group.parser.id
    PARSER_ASSIGN_PUBLIC_IP = "ENABLED"
    COGNITO_USER_POOL_ID    = aws_cognito_user_pool.users.id
    COGNITO_CLIENT_ID       = aws_cognito_user_pool_client.spa.id
    COGNITO_HOSTED_UI_URL   = local.cognito_hosted_ui_url
    REQUIRE_SECOND_APPROVER = tostring(var.require_second_approver)
    PARSE_MAX_ATTEMPTS      = tostring(var.parse_max_attempts)
    PARSE_DEADLINE_SECONDS  = tostring(var.parse_deadline_seconds)
    # queue: a parse is a message on the parse queue (parse-queue.tf); task: one RunTask per attempt (ecs.tf).
    PARSER_DISPATCH = var.parser_dispatch
    PARSE_QUEUE_URL = aws_sqs_queue.parse.url
  }
}

resource "aws_lambda_function" "api" {
  #checkov:skip=CKV_AWS_116:No dead-letter queue: API Gateway invokes the function synchronously and receives every error itself; DLQs apply to asynchronous invocations only.
  #checkov:skip=CKV_AWS_117:Not in a VPC: the function only calls AWS public endpoints (DynamoDB, S3, ECS) over TLS with IAM; a VPC would add NAT or endpoint costs for nothing.
  #checkov:skip=CKV_AWS_50:No X-Ray tracing: requests are short and logged with their request id; X-Ray's write permission needs Resource "*", which this stack avoids.
  #checkov:skip=CKV_AWS_272:Code signing applies to .zip packages only; this function is a container image pinned by digest.
  function_name                  = local.api_function_name
  description                    = "Invoice pipeline API (Express via serverless-http)"
  role                           = aws_iam_role.api.arn
  package_type                   = "Image"
  image_uri                      = local.api_image_uri
  architectures                  = [var.cpu_architecture]
  memory_size                    = var.lambda_memory_mb
  timeout                        = var.lambda_timeout_seconds
  reserved_concurrent_executions = var.lambda_reserved_concurrency
  kms_key_arn                    = aws_kms_key.main.arn

  environment {
    variables = local.api_environment
  }

  logging_config {
    log_format = "Text"
    log_group  = aws_cloudwatch_log_group.api.name
  }

  depends_on = [aws_iam_role_policy.api, aws_cloudwatch_log_group.api]
}

resource "aws_apigatewayv2_api" "http" {
  name          = "${var.name}-http"
  protocol_type = "HTTP"
  description   = "Invoice pipeline API; browsers reach it through CloudFront at /api/*"
}

resource "aws_apigatewayv2_integration" "api" {
  api_id                 = aws_apigatewayv2_api.http.id
  integration_type       = "AWS_PROXY"
  integration_uri        = aws_lambda_function.api.invoke_arn
  payload_format_version = "2.0"
  timeout_milliseconds   = var.lambda_timeout_seconds * 1000
}

# Only tokens of the SPA's app client reach the Lambda; it verifies them again itself and checks the role
# (apps/api/src/adapters/aws/cognito-jwt-authenticator.ts, apps/api/src/http/route-roles.ts).
resource "aws_apigatewayv2_authorizer" "cognito" {
  api_id           = aws_apigatewayv2_api.http.id
  name             = "cognito"
  authorizer_type  = "JWT"
  identity_sources = ["$request.header.Authorization"]

  jwt_configuration {
    issuer   = local.cognito_issuer
    audience = [aws_cognito_user_pool_client.spa.id]
  }
}

resource "aws_apigatewayv2_route" "api" {
  api_id             = aws_apigatewayv2_api.http.id
  route_key          = "ANY /api/{proxy+}"
  target             = "integrations/${aws_apigatewayv2_integration.api.id}"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.cognito.id
}

# A public route: the SPA reads the mode and where to sign in before it has a token.
resource "aws_apigatewayv2_route" "health" {
  #checkov:skip=CKV_AWS_309:Public on purpose: GET /api/health tells the SPA how to sign in (Cognito's hosted UI) before it has a token, and discloses nothing else.
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /api/health"
  target    = "integrations/${aws_apigatewayv2_integration.api.id}"
}

# Public too, as in local mode (route-roles.ts): the OpenAPI document describes the routes, not any data, and
# clients and fuzzers read it before they have a token.
resource "aws_apigatewayv2_route" "openapi" {
  #checkov:skip=CKV_AWS_309:Public on purpose: GET /api/openapi.json is the API's OpenAPI document (routes, schemas, error codes), public in local mode too; it holds no data.
  api_id    = aws_apigatewayv2_api.http.id
  route_key = "GET /api/openapi.json"
  target    = "integrations/${aws_apigatewayv2_integration.api.id}"
}

resource "aws_apigatewayv2_stage" "default" {
  api_id      = aws_apigatewayv2_api.http.id
  name        = "$default"
  auto_deploy = true

  default_route_settings {
    throttling_rate_limit  = var.api_throttling_rate_limit
    throttling_burst_limit = var.api_throttling_burst_limit
  }

  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api_access.arn
    format = jsonencode({
      requestId      = "$context.requestId"
      time           = "$context.requestTime"
      method         = "$context.httpMethod"
      path           = "$context.path"
      status         = "$context.status"
      latencyMs      = "$context.responseLatency"
      integrationErr = "$context.integrationErrorMessage"
      sourceIp       = "$context.identity.sourceIp"
    })
  }
}

resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowInvokeFromThisHttpApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/*/api/{proxy+}"
}

resource "aws_lambda_permission" "api_gateway_health" {
  statement_id  = "AllowInvokeFromThisHttpApiHealth"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/GET/api/health"
}

resource "aws_lambda_permission" "api_gateway_openapi" {
  statement_id  = "AllowInvokeFromThisHttpApiOpenApi"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_apigatewayv2_api.http.execution_arn}/*/GET/api/openapi.json"
}
