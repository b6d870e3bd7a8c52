# The API's server errors as its clients see them (issue 17), to the alarm topic on ALARM and OK like the
# pipeline's alarms (pipeline-alarms.tf). The Express app answers its own 500 from a successful Lambda invocation,
# so the API function's error alarm never sees one; API Gateway counts every 5xx it returns, the app's own as
# much as a failed invocation (crash, timeout) it turns into one. The metric and its dimension are described in
# dashboard.tf (AWS/ApiGateway, {ApiId}: the stack's one stage is all of the API's traffic).

locals {
  api_server_errors_period_seconds = var.api_server_errors_minutes * 60
}

# At least api_server_errors_threshold 5xx in api_server_errors_minutes. A count, not a rate: a small business's
# API sees a handful of requests in a few minutes, and a rate judged only above a minimum request count would stay
# silent through exactly the outage a quiet day has (a clerk retrying a broken upload). A 5xx is never the client's
# doing, so a few of them are worth a look at any volume; a single one (a cold start over the timeout, a throttled
# table that gave up) does not page with the default of 3.
resource "aws_cloudwatch_metric_alarm" "api_server_errors" {
  alarm_name          = "${var.name}-api-server-errors"
  alarm_description   = "The HTTP API ${aws_apigatewayv2_api.http.name} answered at least ${var.api_server_errors_threshold} 5xx in ${var.api_server_errors_minutes} minute(s). The API's log group has each error with its cause (the access log has the status); see the dashboard ${var.name}-pipeline, API requests."
  comparison_operator = "GreaterThanOrEqualToThreshold"
  threshold           = var.api_server_errors_threshold
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  # API Gateway sends no data point for a period without requests: no request, no server error.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions
  namespace          = "AWS/ApiGateway"
  metric_name        = "5xx"
  dimensions         = local.api_gateway_dimensions
  period             = local.api_server_errors_period_seconds
  statistic          = "Sum"
}
