output "app_url" {
  description = "Where operators open the app (the SPA, with the API under /api)."
  value       = local.spa_origin
}

output "api_url" {
  description = "The HTTP API's own endpoint (CloudFront forwards /api/* here); for smoke tests, not for browsers."
  value       = aws_apigatewayv2_api.http.api_endpoint
}

output "cloudfront_distribution_id" {
  description = "Distribution to invalidate after syncing a new SPA build."
  value       = aws_cloudfront_distribution.app.id
}

output "uploads_bucket_name" {
  description = "Bucket of raw/ uploads, parsed/ results and errors/ reports."
  value       = aws_s3_bucket.uploads.id
}

output "spa_bucket_name" {
  description = "Bucket the web deploy syncs dist/apps/web to."
  value       = aws_s3_bucket.spa.id
}

output "table_names" {
  description = "DynamoDB table names by role: jobs, inventory, apply-ledger, sku-mappings, audit."
  value       = { for role, table in aws_dynamodb_table.this : role => table.name }
}

output "lambda_function_name" {
  description = "The API function."
  value       = aws_lambda_function.api.function_name
}

output "parse_sweeper_function_name" {
  description = "The parse sweeper (the API image's index.sweep), run by the EventBridge rule parse_sweep_rule_name."
  value       = aws_lambda_function.parse_sweeper.function_name
}

output "parse_sweep_rule_name" {
  description = "The EventBridge schedule of the parse sweeper."
  value       = aws_cloudwatch_event_rule.parse_sweep.name
}

output "ecs_cluster_name" {
  description = "Cluster the parser tasks run in."
  value       = aws_ecs_cluster.parser.name
}

output "parser_task_definition_family" {
  description = "Family of the parser task definition (RunTask takes the latest active revision)."
  value       = aws_ecs_task_definition.parser.family
}

output "parser_task_definition_arn" {
  description = "The parser task definition revision this apply registered."
  value       = aws_ecs_task_definition.parser.arn
}

output "parser_subnet_ids" {
  description = "Subnets the API launches parser tasks in."
  value       = aws_subnet.public[*].id
}

output "parser_security_group_id" {
  description = "Security group of the parser tasks (no inbound, HTTPS out)."
  value       = aws_security_group.parser.id
}

output "api_environment" {
  description = "The environment the API function runs with (resource names only), for running the AWS-mode smoke test against this stack."
  value       = local.api_environment
}

output "cognito_user_pool_id" {
  description = "The Cognito user pool holding the app's users (npm run user -- ... in AWS mode takes it as COGNITO_USER_POOL_ID)."
  value       = aws_cognito_user_pool.users.id
}

output "cognito_client_id" {
  description = "The SPA's app client: the audience API Gateway's JWT authorizer and the Lambda accept."
  value       = aws_cognito_user_pool_client.spa.id
}

output "cognito_hosted_ui_url" {
  description = "Base URL of the hosted UI the SPA signs in through (/oauth2/authorize, /oauth2/token, /logout)."
  value       = local.cognito_hosted_ui_url
}

output "cognito_issuer" {
  description = "The iss claim of the pool's tokens; its JWKS is at <issuer>/.well-known/jwks.json."
  value       = local.cognito_issuer
}

output "parse_queue_url" {
  description = "The parse queue: one message per parse attempt (the API's PARSE_QUEUE_URL, the parser service's too)."
  value       = aws_sqs_queue.parse.url
}

output "parse_dlq_url" {
  description = "The parse dead-letter queue: messages received parse_max_receive_count times; its consumer fails their jobs with PARSE_ABANDONED."
  value       = aws_sqs_queue.parse_dlq.url
}

output "parser_service_name" {
  description = "The parser ECS service (queue worker) in ecs_cluster_name; Application Auto Scaling sets its desired count from the queue's backlog."
  value       = aws_ecs_service.parser.name
}

output "parser_worker_task_definition_arn" {
  description = "The parser service's task definition revision (command queue-worker) this apply registered."
  value       = aws_ecs_task_definition.parser_worker.arn
}

output "parse_abandon_function_name" {
  description = "The parse DLQ consumer (the API image's index.abandon)."
  value       = aws_lambda_function.parse_abandon.function_name
}

output "alarm_topic_arn" {
  description = "SNS topic every alarm of the stack notifies (alarm_email subscribes to it by email)."
  value       = aws_sns_topic.alarms.arn
}

output "parser_queue_settings" {
  description = "The queue and scaling figures this apply set (the rehearsal's smoke test checks the deployed queue, service and scalable target against them)."
  value = {
    max_receive_count  = var.parse_max_receive_count
    visibility_seconds = local.parse_visibility_seconds
    drain_seconds      = local.parse_drain_seconds
    min_tasks          = var.parser_min_tasks
    max_tasks          = var.parser_max_tasks
    task_concurrency   = var.parser_task_concurrency
    dispatch           = var.parser_dispatch
  }
}

output "observability" {
  description = "The pipeline dashboard and the alarms (dashboard.tf, pipeline-alarms.tf, api-alarms.tf) with the thresholds this apply set; the rehearsal's smoke test checks the deployed ones against them."
  value = {
    dashboard_name = aws_cloudwatch_dashboard.pipeline.dashboard_name
    alarms = merge(
      {
        parse_failure_rate        = aws_cloudwatch_metric_alarm.parse_failure_rate.alarm_name
        parse_queue_past_deadline = aws_cloudwatch_metric_alarm.parse_queue_past_deadline.alarm_name
        parse_timeouts            = aws_cloudwatch_metric_alarm.parse_timeouts.alarm_name
        parser_task_failures      = aws_cloudwatch_metric_alarm.parser_task_failures.alarm_name
        api_server_errors         = aws_cloudwatch_metric_alarm.api_server_errors.alarm_name
      },
      { for role, alarm in aws_cloudwatch_metric_alarm.lambda_errors : "lambda_errors_${replace(role, "-", "_")}" => alarm.alarm_name },
    )
    lambda_functions              = local.pipeline_functions
    parse_failure_rate_percent    = var.parse_failure_rate_percent
    parse_failure_rate_minutes    = var.parse_failure_rate_minutes
    parse_failure_rate_min_parses = var.parse_failure_rate_min_parses
    parse_deadline_seconds        = var.parse_deadline_seconds
    lambda_errors_threshold       = var.lambda_errors_threshold
    api_server_errors_threshold   = var.api_server_errors_threshold
    api_server_errors_minutes     = var.api_server_errors_minutes
    parser_task_failure_codes     = local.parser_task_failure_codes
  }
}
