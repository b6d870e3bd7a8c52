# The parse queue (issue 16): POST /parse and the sweeper's retries send one message per attempt (the warm
# worker's request line: jobId, attempt, input, output, errorOutput); the parser service (parser-service.tf)
# long-polls it. A message received parse_max_receive_count times without being deleted (its worker died or was
# stopped mid-job every time: a poison document) moves to the dead-letter queue, whose consumer fails the job
# with PARSE_ABANDONED (dlq-consumer.tf) and whose arrivals raise an alarm (alarms.tf).
#
# Encryption: SQS-managed SSE (SSE-SQS), not the stack's KMS key. A message holds a job id and three S3 keys,
# never invoice data (the document and its results stay in the SSE-KMS bucket). With the customer key every
# producer and consumer (the API, the sweeper, each parser task, the DLQ consumer) would need kms:Decrypt or
# GenerateDataKey on it, and a key-policy mistake there silently stops parsing in a way the moto rehearsal
# cannot show; SSE-SQS encrypts at rest at no charge and with no KMS request per receive.

locals {
  parse_queue_name = "${var.name}-parse"

  # Shared by the queue and the worker: the visibility a receive gives (the worker extends it every third of
  # it while its child works), and how long a stopping task lets jobs in hand finish before releasing them.
  parse_visibility_seconds = 120
  parse_drain_seconds      = 25

  # A message nobody received for this long belongs to a job the deadline sweeper has already failed with
  # PARSE_TIMEOUT (at least a day, so a stalled service shows in the backlog, not as vanished messages).
  # SQS keeps a message's first enqueue time when it moves to the DLQ, so the DLQ must keep messages longer.
  parse_message_retention_seconds = min(max(86400, var.parse_deadline_seconds), 7 * 86400)

  # The DLQ consumer's timeout; Lambda requires an event source queue's visibility timeout to be at least
  # that, and AWS advises six times it so a throttled batch is not redelivered while still being retried.
  parse_abandon_timeout_seconds = 60
}

resource "aws_sqs_queue" "parse_dlq" {
  name                       = "${local.parse_queue_name}-dlq"
  sqs_managed_sse_enabled    = true
  message_retention_seconds  = 14 * 86400
  visibility_timeout_seconds = 6 * local.parse_abandon_timeout_seconds
  receive_wait_time_seconds  = 20
}

resource "aws_sqs_queue" "parse" {
  name                       = local.parse_queue_name
  sqs_managed_sse_enabled    = true
  visibility_timeout_seconds = local.parse_visibility_seconds
  message_retention_seconds  = local.parse_message_retention_seconds
  # Long polling by default: an idle worker's receive waits for a message instead of returning empty at once.
  receive_wait_time_seconds = 20

  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.parse_dlq.arn
    maxReceiveCount     = var.parse_max_receive_count
  })
}

# Only the parse queue may dead-letter into the DLQ. moto does not return RedriveAllowPolicy from
# GetQueueAttributes, so in rehearsal_mode this resource is left out (it would be re-created on every plan).
resource "aws_sqs_queue_redrive_allow_policy" "parse_dlq" {
  count     = var.rehearsal_mode ? 0 : 1
  queue_url = aws_sqs_queue.parse_dlq.id

  redrive_allow_policy = jsonencode({
    redrivePermission = "byQueue"
    sourceQueueArns   = [aws_sqs_queue.parse.arn]
  })
}

# Both queues refuse every request that does not come over TLS; IAM (iam-api.tf, iam-parser.tf,
# dlq-consumer.tf) decides who may send, receive and delete.
data "aws_iam_policy_document" "queue_tls_only" {
  for_each = {
    parse     = aws_sqs_queue.parse.arn
    parse-dlq = aws_sqs_queue.parse_dlq.arn
  }

  statement {
    sid       = "DenyWithoutTls"
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = [each.value]

    principals {
      type        = "*"
      identifiers = ["*"]
    }

    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}

resource "aws_sqs_queue_policy" "parse" {
  queue_url = aws_sqs_queue.parse.id
  policy    = data.aws_iam_policy_document.queue_tls_only["parse"].json
}

resource "aws_sqs_queue_policy" "parse_dlq" {
  queue_url = aws_sqs_queue.parse_dlq.id
  policy    = data.aws_iam_policy_document.queue_tls_only["parse-dlq"].json
}
