# The pipeline's alarms (issue 17), each to the alarm topic (alarms.tf) on ALARM and again on OK, so whoever was
# paged also learns that it is over. Named ${name}-..., the only alarms the stack's key lets publish to the
# encrypted topic (kms.tf). The metrics and what "parser task failure" means are described in dashboard.tf.
# Besides these: the parse dead-letter alarm (alarms.tf), the API's server errors (api-alarms.tf) and the scaling
# alarms (parser-scaling.tf, which act on the service, not on people).

locals {
  alarm_actions = [aws_sns_topic.alarms.arn]

  parse_failure_rate_period_seconds = var.parse_failure_rate_minutes * 60

  # The pipeline metric {code, service} for one failure code, as Powertools writes it.
  parse_failure_dimensions = { for code in concat(local.parser_task_failure_codes, ["PARSE_TIMEOUT"]) :
    code => { code = code, service = local.pipeline_metrics.service }
  }
}

# More than parse_failure_rate_percent of the parse requests that ended in the last parse_failure_rate_minutes
# ended FAILED, whatever the code (a document the parser rejects counts as much as a crash: either way the
# clerks get no parsed invoice).
#
# parseFailures is written under {code, service} and under {service} (dashboard.tf); an alarm can neither SEARCH
# nor name codes it does not know yet, so it reads the {service} one, every code added up, a plain metric that
# FILL turns into 0 in a window without failures.
#
# - Too few parses to judge: with two parses in the window, one rejected upload is 50%. Below
#   parse_failure_rate_min_parses ended parses the expression answers 0, so a quiet night never alarms.
# - Missing data: no parse ended at all in the window (every metric is missing) is not a failure: notBreaching.
#   A window with failures but no success has no parsesSucceeded data point; FILL counts it as 0, not missing.
resource "aws_cloudwatch_metric_alarm" "parse_failure_rate" {
  alarm_name          = "${var.name}-parse-failure-rate"
  alarm_description   = "More than ${var.parse_failure_rate_percent}% of the parse requests that ended in ${var.parse_failure_rate_minutes} minute(s) ended FAILED (judged only when at least ${var.parse_failure_rate_min_parses} ended). See the dashboard ${var.name}-pipeline, failures by code."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.parse_failure_rate_percent
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  metric_query {
    id = "succeeded"

    metric {
      namespace   = local.pipeline_metrics.namespace
      metric_name = "parsesSucceeded"
      dimensions  = { service = local.pipeline_metrics.service }
      period      = local.parse_failure_rate_period_seconds
      stat        = "Sum"
    }
  }

  metric_query {
    id          = "failed"
    label       = "Parse requests ended FAILED, every code"
    return_data = false

    metric {
      namespace   = local.pipeline_metrics.namespace
      metric_name = "parseFailures"
      dimensions  = { service = local.pipeline_metrics.service }
      period      = local.parse_failure_rate_period_seconds
      stat        = "Sum"
    }
  }

  metric_query {
    id          = "ended"
    expression  = "FILL(succeeded, 0) + FILL(failed, 0)"
    label       = "Parse requests ended"
    return_data = false
  }

  metric_query {
    id          = "failure_rate"
    expression  = "IF(ended >= ${var.parse_failure_rate_min_parses}, 100 * FILL(failed, 0) / ended, 0)"
    label       = "Parse failure rate (%), when at least ${var.parse_failure_rate_min_parses} ended"
    return_data = true
  }
}

# Jobs older than the deadline, seen two ways. The parse queue's oldest message has waited longer than
# parse_deadline_seconds: parses are requested faster than the parser service takes them (stuck service,
# parser_max_tasks too low, tasks failing to start), and their jobs are already failing PARSE_TIMEOUT. With
# parser_dispatch = task the queue stays empty and this alarm OK; the next one covers both dispatches.
resource "aws_cloudwatch_metric_alarm" "parse_queue_past_deadline" {
  alarm_name          = "${var.name}-parse-queue-past-deadline"
  alarm_description   = "A parse message in ${aws_sqs_queue.parse.name} is older than the parse deadline (${var.parse_deadline_seconds} s): the parser service is not keeping up, its jobs fail PARSE_TIMEOUT."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.parse_deadline_seconds
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  # SQS stops sending metrics for a queue idle for hours: nothing is waiting, let alone late.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions
  namespace          = "AWS/SQS"
  metric_name        = "ApproximateAgeOfOldestMessage"
  dimensions         = { QueueName = aws_sqs_queue.parse.name }
  period             = 60
  statistic          = "Maximum"
}

# A parse request failed PARSE_TIMEOUT (the API's poll or the sweeper found it queued or running past
# parse_deadline_seconds), whichever dispatch started it.
resource "aws_cloudwatch_metric_alarm" "parse_timeouts" {
  alarm_name          = "${var.name}-parse-timeouts"
  alarm_description   = "A parse request was still queued or running ${var.parse_deadline_seconds} s after it was requested and failed PARSE_TIMEOUT."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  # The counter is written only when a timeout happens: no data is no timeout.
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions
  namespace          = local.pipeline_metrics.namespace
  metric_name        = "parseFailures"
  dimensions         = local.parse_failure_dimensions["PARSE_TIMEOUT"]
  period             = 300
  statistic          = "Sum"
}

# Failed invocations of the API, the parse sweeper and the DLQ consumer (crashes, timeouts, out of memory, an
# unhandled rejection). A 5xx the Express app answers is a successful invocation, so it is not counted here (it
# is logged with its cause, and API Gateway's 5xx count alarms on it: api-alarms.tf); this catches the function
# itself failing.
resource "aws_cloudwatch_metric_alarm" "lambda_errors" {
  for_each = local.pipeline_functions

  alarm_name          = "${each.value}-errors"
  alarm_description   = "Lambda function ${each.value} failed more than ${var.lambda_errors_threshold} invocation(s) in 5 minutes; its log group has the error."
  comparison_operator = "GreaterThanThreshold"
  threshold           = var.lambda_errors_threshold
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  # No invocations, no errors (the DLQ consumer runs only when something is dead-lettered).
  treat_missing_data = "notBreaching"
  alarm_actions      = local.alarm_actions
  ok_actions         = local.alarm_actions
  namespace          = "AWS/Lambda"
  metric_name        = "Errors"
  dimensions         = { FunctionName = each.value }
  period             = 300
  statistic          = "Sum"
}

# Parser task failures, as dashboard.tf defines them: parse requests that ended PARSER_CRASHED or
# PARSE_ABANDONED in 5 minutes. (A message reaching the DLQ alarms on its own, alarms.tf, before its consumer
# turns it into PARSE_ABANDONED; retried task failures that later parsed are on the dashboard, parseRetries.)
resource "aws_cloudwatch_metric_alarm" "parser_task_failures" {
  alarm_name          = "${var.name}-parser-task-failures"
  alarm_description   = "Parse requests ended ${join(" or ", local.parser_task_failure_codes)}: parser processes died without a result, or every attempt failed outside the document. Check the parser's log (ECS) for the job ids."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = local.alarm_actions
  ok_actions          = local.alarm_actions

  dynamic "metric_query" {
    for_each = toset(local.parser_task_failure_codes)

    content {
      id = lower(metric_query.value)

      metric {
        namespace   = local.pipeline_metrics.namespace
        metric_name = "parseFailures"
        dimensions  = local.parse_failure_dimensions[metric_query.value]
        period      = 300
        stat        = "Sum"
      }
    }
  }

  metric_query {
    id          = "task_failures"
    expression  = join(" + ", [for code in local.parser_task_failure_codes : "FILL(${lower(code)}, 0)"])
    label       = "Parse requests ended ${join(" or ", local.parser_task_failure_codes)}"
    return_data = true
  }
}
