# The pipeline's CloudWatch dashboard (issue 17): ${name}-pipeline. What the API, the sweeper and the DLQ consumer
# report as CloudWatch embedded metric format (apps/api/src/adapters/aws/powertools-telemetry.ts; the names are
# PIPELINE_METRICS' in libs/inventory/src/ports/telemetry.port.ts), next to what AWS measures itself (Lambda,
# SQS, DynamoDB, ECS).
#
# A CloudWatch metric is its name AND its whole set of dimensions. Powertools gives every metric the dimension
# service = invoice-api; a labelled one is written under two sets from the same EMF line: {code, service} and
# {service} for parseFailures and parseRetries, {outcome, service} and {service} for parseAttemptSeconds, and
# every other metric under {service} alone. So a sum over every code is the plain metric {service}, whose
# FILL(..., 0) reads 0 in a window with no failure (a SEARCH over the labelled series finds no series then, and a
# success rate built on it was blank); a single code names both dimensions; SEARCH on the schema
# {InvoicePipeline,code,service} draws one line per code.
#
# The API as its clients see it is API Gateway's: the Express app answers its own 5xx from a successful Lambda
# invocation, which the Lambda widgets never count. An HTTP API (api.tf) publishes Count, 4xx, 5xx, Latency and
# IntegrationLatency in AWS/ApiGateway under {ApiId} and {ApiId, Stage} (per route only with detailed metrics,
# which api.tf leaves off). The stack has one stage ($default), so {ApiId} is all of its traffic.

locals {
  pipeline_metrics = {
    namespace = "InvoicePipeline"
    service   = "invoice-api"
  }

  # parseFailures, one series per code, for the widget that draws each code.
  parse_failures_search = "{${local.pipeline_metrics.namespace},code,service} MetricName=\"parseFailures\" service=\"${local.pipeline_metrics.service}\""

  dashboard_period_seconds = 300

  # [namespace, name, dimension, value] rows for the HTTP API's own metrics (dashboard widgets and api-alarms.tf).
  api_gateway_dimensions = { ApiId = aws_apigatewayv2_api.http.id }
  api_gateway_metric = { for name in ["Count", "4xx", "5xx", "Latency", "IntegrationLatency"] :
    name => ["AWS/ApiGateway", name, "ApiId", local.api_gateway_dimensions.ApiId]
  }

  # The three functions whose errors and duration the dashboard shows and pipeline-alarms.tf alarms on.
  pipeline_functions = {
    api             = aws_lambda_function.api.function_name
    "parse-sweeper" = aws_lambda_function.parse_sweeper.function_name
    "parse-abandon" = aws_lambda_function.parse_abandon.function_name
  }

  # What this stack can honestly call a parser task failure. ECS publishes no metric per stopped or failed task
  # (only Container Insights would, and ecs.tf leaves it disabled: it is billed per metric), so the failures
  # are measured where they land: a parse request that ended PARSER_CRASHED (its parser process stopped without
  # a result or an error record) or PARSE_ABANDONED (every attempt died outside the document, or its message
  # outlived parse_max_receive_count workers and reached the DLQ), and the DLQ's own arrivals.
  parser_task_failure_codes = ["PARSER_CRASHED", "PARSE_ABANDONED"]

  # [namespace, name, dimension, value, ...] rows of a metric widget, for a pipeline metric under {service}: a
  # labelled one (parseFailures) summed over every label.
  pipeline_metric = { for name in ["jobsCreated", "parsesSucceeded", "parseFailures", "uploadToParsedSeconds", "parsedPages", "applies", "appliedLines", "appliedSkus", "duplicateRefusals", "reversals"] :
    name => [local.pipeline_metrics.namespace, name, "service", local.pipeline_metrics.service]
  }

  dashboard_widgets = [
    {
      type = "metric"
      properties = {
        title = "API requests, 4xx and 5xx (API Gateway, as clients see them)"
        view  = "timeSeries"
        # Count is one sample per request (SampleCount, as AWS documents it for API Gateway); 4xx and 5xx add up.
        # A 5xx here is the app's own 500 as much as a failed invocation (crash, timeout) API Gateway turns into one.
        metrics = [
          concat(local.api_gateway_metric.Count, [{ stat = "SampleCount", label = "requests" }]),
          concat(local.api_gateway_metric["4xx"], [{ stat = "Sum", label = "4xx (refused: validation, sign-in, not found, throttled)" }]),
          concat(local.api_gateway_metric["5xx"], [{ stat = "Sum", label = "5xx (server errors)" }]),
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title = "API latency p50 / p95 / p99 (API Gateway Latency; IntegrationLatency is the Lambda's share)"
        view  = "timeSeries"
        metrics = [
          concat(local.api_gateway_metric.Latency, [{ stat = "p50", label = "p50" }]),
          concat(local.api_gateway_metric.Latency, [{ stat = "p95", label = "p95" }]),
          concat(local.api_gateway_metric.Latency, [{ stat = "p99", label = "p99" }]),
          concat(local.api_gateway_metric.IntegrationLatency, [{ stat = "p95", label = "integration p95" }]),
        ]
        yAxis = { left = { min = 0, label = "ms", showUnits = false } }
      }
    },
    {
      type = "metric"
      properties = {
        title = "Upload to parsed latency (uploadToParsedSeconds)"
        view  = "timeSeries"
        metrics = [
          concat(local.pipeline_metric.uploadToParsedSeconds, [{ stat = "p50", label = "p50" }]),
          concat(local.pipeline_metric.uploadToParsedSeconds, [{ stat = "p95", label = "p95" }]),
        ]
        yAxis = { left = { min = 0, label = "seconds", showUnits = false } }
      }
    },
    {
      type = "metric"
      properties = {
        title = "Parse success rate (parsesSucceeded / (parsesSucceeded + parseFailures of every code))"
        view  = "timeSeries"
        metrics = [
          [{ expression = "100 * FILL(succeeded, 0) / (FILL(succeeded, 0) + FILL(failed, 0))", label = "success rate (%)", id = "rate" }],
          concat(local.pipeline_metric.parsesSucceeded, [{ id = "succeeded", stat = "Sum", visible = false }]),
          concat(local.pipeline_metric.parseFailures, [{ id = "failed", stat = "Sum", label = "parse failures, every code", visible = false }]),
        ]
        yAxis = { left = { min = 0, max = 100, label = "%", showUnits = false } }
      }
    },
    {
      type = "metric"
      properties = {
        title   = "Parse failures by code (parseFailures)"
        view    = "timeSeries"
        stacked = true
        metrics = [
          [{ expression = "SEARCH('${local.parse_failures_search}', 'Sum', ${local.dashboard_period_seconds})", id = "by_code" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title   = "Parse retries by the code of the failure retried (parseRetries)"
        view    = "timeSeries"
        stacked = true
        metrics = [
          [{ expression = "SEARCH('{${local.pipeline_metrics.namespace},code,service} MetricName=\"parseRetries\" service=\"${local.pipeline_metrics.service}\"', 'Sum', ${local.dashboard_period_seconds})", id = "retries" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title = "Jobs created, parsed, pages"
        view  = "timeSeries"
        metrics = [
          concat(local.pipeline_metric.jobsCreated, [{ stat = "Sum", label = "jobs created" }]),
          concat(local.pipeline_metric.parsesSucceeded, [{ stat = "Sum", label = "parses succeeded" }]),
          concat(local.pipeline_metric.parsedPages, [{ stat = "Sum", label = "pages parsed", yAxis = "right" }]),
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title = "Applies, duplicate refusals, reversals"
        view  = "timeSeries"
        metrics = [
          concat(local.pipeline_metric.applies, [{ stat = "Sum", label = "applies" }]),
          concat(local.pipeline_metric.duplicateRefusals, [{ stat = "Sum", label = "duplicate refusals" }]),
          concat(local.pipeline_metric.reversals, [{ stat = "Sum", label = "reversals" }]),
          concat(local.pipeline_metric.appliedLines, [{ stat = "Sum", label = "lines applied", yAxis = "right" }]),
          concat(local.pipeline_metric.appliedSkus, [{ stat = "Sum", label = "SKUs applied", yAxis = "right" }]),
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title = "Parser task failures (parse requests ended PARSER_CRASHED or PARSE_ABANDONED; DLQ arrivals)"
        view  = "timeSeries"
        metrics = concat(
          [for code in local.parser_task_failure_codes :
            [local.pipeline_metrics.namespace, "parseFailures", "code", code, "service", local.pipeline_metrics.service, { stat = "Sum", label = code }]
          ],
          [
            ["AWS/SQS", "NumberOfMessagesReceived", "QueueName", aws_sqs_queue.parse_dlq.name, { stat = "Sum", label = "DLQ messages received (by the consumer)" }],
            ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.parse_dlq.name, { stat = "Maximum", label = "DLQ messages waiting" }],
          ],
        )
      }
    },
    {
      type = "metric"
      properties = {
        title = "Parse attempt duration p95 by outcome (parseAttemptSeconds)"
        view  = "timeSeries"
        metrics = [
          [{ expression = "SEARCH('{${local.pipeline_metrics.namespace},outcome,service} MetricName=\"parseAttemptSeconds\" service=\"${local.pipeline_metrics.service}\"', 'p95', ${local.dashboard_period_seconds})", id = "attempts" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title = "Parse queue age (ApproximateAgeOfOldestMessage) against the parse deadline"
        view  = "timeSeries"
        metrics = [
          ["AWS/SQS", "ApproximateAgeOfOldestMessage", "QueueName", aws_sqs_queue.parse.name, { stat = "Maximum", label = "oldest parse message (s)" }],
        ]
        annotations = { horizontal = [{ label = "parse_deadline_seconds", value = var.parse_deadline_seconds }] }
        yAxis       = { left = { min = 0, label = "seconds", showUnits = false } }
      }
    },
    {
      type = "metric"
      properties = {
        title = "Parse queue backlog and parser service"
        view  = "timeSeries"
        metrics = [
          ["AWS/SQS", "ApproximateNumberOfMessagesVisible", "QueueName", aws_sqs_queue.parse.name, { stat = "Maximum", label = "waiting" }],
          ["AWS/SQS", "ApproximateNumberOfMessagesNotVisible", "QueueName", aws_sqs_queue.parse.name, { stat = "Maximum", label = "in flight" }],
          ["AWS/ECS", "CPUUtilization", "ClusterName", aws_ecs_cluster.parser.name, "ServiceName", aws_ecs_service.parser.name, { stat = "Average", label = "parser service CPU (%)", yAxis = "right" }],
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title = "Lambda errors (API, parse sweeper, parse DLQ consumer)"
        view  = "timeSeries"
        metrics = concat([for role, function_name in local.pipeline_functions : [
          ["AWS/Lambda", "Errors", "FunctionName", function_name, { stat = "Sum", label = "${role} errors" }],
          ["AWS/Lambda", "Throttles", "FunctionName", function_name, { stat = "Sum", label = "${role} throttles" }],
        ]]...)
      }
    },
    {
      type = "metric"
      properties = {
        title = "Lambda duration p50 / p95"
        view  = "timeSeries"
        metrics = concat([for role, function_name in local.pipeline_functions : [
          ["AWS/Lambda", "Duration", "FunctionName", function_name, { stat = "p50", label = "${role} p50" }],
          ["AWS/Lambda", "Duration", "FunctionName", function_name, { stat = "p95", label = "${role} p95" }],
        ]]...)
        yAxis = { left = { min = 0, label = "ms", showUnits = false } }
      }
    },
    {
      type = "metric"
      properties = {
        title = "DynamoDB throttled requests by table (ThrottledRequests, every operation)"
        view  = "timeSeries"
        # ThrottledRequests is written per {Operation, TableName}: one sum over the operations per table.
        metrics = [for role, table in aws_dynamodb_table.this :
          [{ expression = "SUM(SEARCH('{AWS/DynamoDB,Operation,TableName} MetricName=\"ThrottledRequests\" TableName=\"${table.name}\"', 'Sum', ${local.dashboard_period_seconds}))", label = role, id = "throttled_${replace(role, "-", "_")}" }]
        ]
      }
    },
    {
      type = "metric"
      properties = {
        title = "DynamoDB read / write throttle events by table"
        view  = "timeSeries"
        metrics = concat([for role, table in aws_dynamodb_table.this : [
          ["AWS/DynamoDB", "ReadThrottleEvents", "TableName", table.name, { stat = "Sum", label = "${role} reads" }],
          ["AWS/DynamoDB", "WriteThrottleEvents", "TableName", table.name, { stat = "Sum", label = "${role} writes" }],
        ]]...)
      }
    },
  ]
}

resource "aws_cloudwatch_dashboard" "pipeline" {
  dashboard_name = "${var.name}-pipeline"

  dashboard_body = jsonencode({
    widgets = concat(
      [{
        type   = "text"
        x      = 0
        y      = 0
        width  = 24
        height = 3
        properties = {
          markdown = join("\n", [
            "## ${var.name}: parse and apply pipeline",
            "Pipeline metrics are the API's (namespace `${local.pipeline_metrics.namespace}`, service `${local.pipeline_metrics.service}`; the sweeper and the DLQ consumer report under the same service). **Parser task failures** are what can be measured without ECS Container Insights (disabled in ecs.tf; ECS itself publishes no per-task failure metric): parse requests that ended `PARSER_CRASHED` or `PARSE_ABANDONED`, and messages reaching the parse DLQ. **API requests, 4xx and 5xx** and **API latency** are API Gateway's (AWS/ApiGateway, ApiId `${aws_apigatewayv2_api.http.id}`): what clients saw, the app's own 5xx included. **Lambda errors** are failed invocations (crashes, timeouts) only; a 5xx the API answers is a successful invocation and shows in the API widgets and the access log. Alarms: `${var.name}-*` in CloudWatch, to the topic `${aws_sns_topic.alarms.name}`.",
          ])
        }
      }],
      [for index, widget in local.dashboard_widgets : merge(widget, {
        x      = (index % 2) * 12
        y      = 3 + floor(index / 2) * 6
        width  = 12
        height = 6
        properties = merge({
          region = local.region
          period = local.dashboard_period_seconds
          stat   = "Sum"
        }, widget.properties)
      })],
    )
  })
}
