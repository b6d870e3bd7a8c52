# The stack's alarm topic: every alarm an operator must act on notifies it (the parse DLQ here; issue 17 adds
# more). Encrypted with the stack's key, which lets CloudWatch publish to it (kms.tf). An email subscription
# only when alarm_email is set; anything else (chat, paging) subscribes to the topic outside this stack.

resource "aws_sns_topic" "alarms" {
  name              = "${var.name}-alarms"
  display_name      = "${var.name} alarms"
  kms_master_key_id = aws_kms_key.main.arn
}

resource "aws_sns_topic_subscription" "alarm_email" {
  count     = var.alarm_email == null ? 0 : 1
  topic_arn = aws_sns_topic.alarms.arn
  protocol  = "email"
  endpoint  = var.alarm_email
}

# A parse message reached the dead-letter queue: its document crashed or outlived parse_max_receive_count
# workers, and the DLQ consumer has failed its job with PARSE_ABANDONED (or is retrying to). Someone should
# look at the document and the parser's log. The consumer takes a message within seconds, so the DLQ's
# visible count (a one-minute sample) alone can miss it: the alarm adds the messages in flight and the
# messages received from the DLQ in the minute (every dead-lettered message is received at least once).
resource "aws_cloudwatch_metric_alarm" "parse_dlq" {
  alarm_name          = "${var.name}-parse-dead-letters"
  alarm_description   = "Parse messages reached ${aws_sqs_queue.parse_dlq.name} after ${var.parse_max_receive_count} receive(s): their jobs end FAILED PARSE_ABANDONED. Check the parser log for the job ids."
  comparison_operator = "GreaterThanThreshold"
  threshold           = 0
  evaluation_periods  = 1
  datapoints_to_alarm = 1
  treat_missing_data  = "notBreaching"
  alarm_actions       = [aws_sns_topic.alarms.arn]
  ok_actions          = [aws_sns_topic.alarms.arn]

  dynamic "metric_query" {
    for_each = {
      visible   = { name = "ApproximateNumberOfMessagesVisible", stat = "Maximum" }
      in_flight = { name = "ApproximateNumberOfMessagesNotVisible", stat = "Maximum" }
      received  = { name = "NumberOfMessagesReceived", stat = "Sum" }
    }

    content {
      id = metric_query.key

      metric {
        namespace   = "AWS/SQS"
        metric_name = metric_query.value.name
        dimensions  = { QueueName = aws_sqs_queue.parse_dlq.name }
        period      = 60
        stat        = metric_query.value.stat
      }
    }
  }

  metric_query {
    id          = "dead_letters"
    expression  = "visible + in_flight + received"
    label       = "Parse messages in or taken from the DLQ"
    return_data = true
  }
}
