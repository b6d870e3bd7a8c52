# Application Auto Scaling of the parser service (parser-service.tf) on the parse queue's backlog, from 0 tasks
# when idle (or parser_min_tasks, to keep some warm) to parser_max_tasks, the cost guardrail: a burst of 1,000
# uploads never runs more tasks than that, the rest of the burst waits in the queue.
#
# Step scaling on CloudWatch alarms, not target tracking: a target tracking policy divides the metric by the
# current capacity, so at 0 tasks it never sees a backlog and never scales out from zero. Two alarms on the
# same one-minute SQS metrics, so they can never both be in ALARM for the same minute:
# - scale out: messages still *waiting* (ApproximateNumberOfMessagesVisible), in tasks' worth of them
#   (CEIL(waiting / parser_task_concurrency)). A task receives only as many messages as it has free workers, so
#   what waits is exactly the backlog the running tasks cannot hold, whatever their number; the alarm adds that
#   many tasks, and (an Auto Scaling alarm re-invokes its policy every minute it stays in ALARM) adds more after
#   the cooldown while messages still wait. In-flight messages are left out here: they are being worked on, and
#   counting them would add a task every minute while one long document parses.
# - scale in: the whole backlog, waiting plus in flight (metric math, visible + not visible), at 0 for
#   parser_idle_minutes in a row sets the service to parser_min_tasks (0 by default). Only an empty queue scales
#   in, so no task is ever stopped in the middle of a job (a stop would release its message and spend one of
#   its receives). The price: a steady trickle keeps the tasks a burst started until the queue is empty, at most
#   parser_max_tasks of them.

locals {
  parser_scaling_resource_id = "service/${aws_ecs_cluster.parser.name}/${aws_ecs_service.parser.name}"

  # Tasks short -> tasks added: 1, 2, ... one step per task up to 10 steps (the last step adds 10, or
  # parser_max_tasks when that is smaller, and repeats after the cooldown while messages still wait).
  parser_scale_out_steps = min(var.parser_max_tasks, 10)

  # A new Fargate task pulls the image and starts its workers in about a minute; until then the messages it
  # will take still count as waiting, so the next step waits this long.
  parser_scale_out_cooldown_seconds = 120

  parse_queue_metrics = {
    waiting   = "ApproximateNumberOfMessagesVisible"
    in_flight = "ApproximateNumberOfMessagesNotVisible"
  }
}

resource "aws_appautoscaling_target" "parser" {
  service_namespace  = "ecs"
  resource_id        = local.parser_scaling_resource_id
  scalable_dimension = "ecs:service:DesiredCount"
  # 0 by default; parser_min_tasks > 0 keeps that many tasks warm. The scale-in policy below sets exactly this
  # minimum (Application Auto Scaling would clamp a lower count to it anyway), and scale-out adds to the warm
  # tasks, whose free workers take messages before any waits: both policies hold with min > 0.
  min_capacity = var.parser_min_tasks
  max_capacity = var.parser_max_tasks

  lifecycle {
    precondition {
      condition     = var.parser_min_tasks <= var.parser_max_tasks
      error_message = "parser_min_tasks (${var.parser_min_tasks}) must not exceed parser_max_tasks (${var.parser_max_tasks})."
    }
  }
}

resource "aws_appautoscaling_policy" "parser_scale_out" {
  name               = "${var.name}-parser-scale-out"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.parser.service_namespace
  resource_id        = aws_appautoscaling_target.parser.resource_id
  scalable_dimension = aws_appautoscaling_target.parser.scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ChangeInCapacity"
    cooldown                = local.parser_scale_out_cooldown_seconds
    metric_aggregation_type = "Maximum"

    # The alarm's metric is a whole number of tasks short (>= 1 in ALARM, threshold 0): [0, 2) adds 1,
    # [n, n+1) adds n, the last step is open-ended.
    dynamic "step_adjustment" {
      for_each = range(1, local.parser_scale_out_steps + 1)

      content {
        metric_interval_lower_bound = step_adjustment.value == 1 ? 0 : step_adjustment.value
        metric_interval_upper_bound = step_adjustment.value == local.parser_scale_out_steps ? null : step_adjustment.value + 1
        scaling_adjustment          = step_adjustment.value
      }
    }
  }
}

resource "aws_appautoscaling_policy" "parser_scale_in" {
  name               = "${var.name}-parser-scale-in"
  policy_type        = "StepScaling"
  service_namespace  = aws_appautoscaling_target.parser.service_namespace
  resource_id        = aws_appautoscaling_target.parser.resource_id
  scalable_dimension = aws_appautoscaling_target.parser.scalable_dimension

  step_scaling_policy_configuration {
    adjustment_type         = "ExactCapacity"
    cooldown                = 60
    metric_aggregation_type = "Maximum"

    step_adjustment {
      metric_interval_upper_bound = 0
      scaling_adjustment          = var.parser_min_tasks
    }
  }
}

resource "aws_cloudwatch_metric_alarm" "parser_scale_out" {
  alarm_name          = "${var.name}-parser-scale-out"
  alarm_description   = "Parse messages wait for a free parser worker: add tasks (up to parser_max_tasks = ${var.parser_max_tasks})"
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  # No data: the queue has been idle for hours (SQS stops sending its metrics), nothing waits.
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_appautoscaling_policy.parser_scale_out.arn]

  metric_query {
    id = "waiting"

    metric {
      namespace   = "AWS/SQS"
      metric_name = local.parse_queue_metrics.waiting
      dimensions  = { QueueName = aws_sqs_queue.parse.name }
      period      = 60
      stat        = "Maximum"
    }
  }

  metric_query {
    id          = "tasks_short"
    expression  = "CEIL(waiting / ${var.parser_task_concurrency})"
    label       = "Parser tasks short (waiting messages / jobs per task)"
    return_data = true
  }
}

resource "aws_cloudwatch_metric_alarm" "parser_scale_in" {
  alarm_name          = "${var.name}-parser-scale-in"
  alarm_description   = "The parse queue has been empty (nothing waiting, nothing in flight) for ${var.parser_idle_minutes} minute(s): parser service to parser_min_tasks = ${var.parser_min_tasks} task(s)"
  comparison_operator = "LessThanOrEqualToThreshold"
  threshold           = 0
  evaluation_periods  = var.parser_idle_minutes
  datapoints_to_alarm = var.parser_idle_minutes
  # A missing minute is not proof of an empty queue: never stop tasks on it.
  treat_missing_data = "notBreaching"
  alarm_actions      = [aws_appautoscaling_policy.parser_scale_in.arn]

  dynamic "metric_query" {
    for_each = local.parse_queue_metrics

    content {
      id = metric_query.key

      metric {
        namespace   = "AWS/SQS"
        metric_name = metric_query.value
        dimensions  = { QueueName = aws_sqs_queue.parse.name }
        period      = 60
        stat        = "Maximum"
      }
    }
  }

  metric_query {
    id          = "backlog"
    expression  = "waiting + in_flight"
    label       = "Parse backlog (waiting + in flight)"
    return_data = true
  }
}
