# Two roles for the parser task. The execution role is ECS's (pull the image, write the log stream); the task
# role is the parser's own: read raw/, write parsed/ and errors/ in the uploads bucket, work the parse queue (the
# service's queue worker), nothing else (no table).

data "aws_iam_policy_document" "ecs_tasks_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["ecs-tasks.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:*"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_iam_role" "parser_execution" {
  name               = "${var.name}-parser-execution"
  description        = "ECS pulls the parser image and writes its log stream"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

resource "aws_iam_role" "parser_task" {
  name               = "${var.name}-parser-task"
  description        = "The parser: read raw/, write parsed/ and errors/ in the uploads bucket, work the parse queue"
  assume_role_policy = data.aws_iam_policy_document.ecs_tasks_assume.json
}

data "aws_iam_policy_document" "parser_execution" {
  statement {
    sid       = "PullTheParserImage"
    actions   = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    resources = [data.aws_ecr_repository.parser.arn]
  }

  # GetAuthorizationToken has no resource-level permissions in IAM: AWS accepts only "*" for it.
  statement {
    sid       = "EcrLogin"
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }

  statement {
    sid       = "WriteParserLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.parser.arn}:*"]
  }
}

resource "aws_iam_role_policy" "parser_execution" {
  #checkov:skip=CKV_AWS_290:The only unconstrained action is ecr:GetAuthorizationToken, which IAM accepts on Resource "*" only; it grants a registry login, not access to any repository.
  #checkov:skip=CKV_AWS_355:Same: ecr:GetAuthorizationToken supports no resource ARN.
  name   = "pull-image-write-logs"
  role   = aws_iam_role.parser_execution.id
  policy = data.aws_iam_policy_document.parser_execution.json
}

data "aws_iam_policy_document" "parser_task" {
  statement {
    sid       = "ReadRawUploads"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.raw}*"]
  }

  statement {
    sid     = "WriteResultsAndErrors"
    actions = ["s3:PutObject"]
    resources = [
      "${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.parsed}*",
      "${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.errors}*",
    ]
  }

  # The parser service's queue worker (parser-service.tf): long-poll, extend a message's visibility while its
  # job runs or release it (0), delete it once answered. The parse queue only: the DLQ is not the parser's.
  # GetQueueAttributes reads the queue's settings and depth, never a message; the worker does not call it today,
  # it is kept so a task can report the queue it serves. A RunTask parser calls none of these.
  statement {
    sid       = "WorkTheParseQueue"
    actions   = ["sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes"]
    resources = [aws_sqs_queue.parse.arn]
  }

  # SSE-KMS: reading raw/ decrypts, writing parsed/ and errors/ generates data keys, only through S3.
  statement {
    sid       = "UseTheBucketKeyThroughS3"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.main.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com"]
    }
  }
}

resource "aws_iam_role_policy" "parser_task" {
  name   = "read-raw-write-results"
  role   = aws_iam_role.parser_task.id
  policy = data.aws_iam_policy_document.parser_task.json
}
