# The API function's role: exactly what the AWS adapters call, on this stack's resources only.

locals {
  # Per table, exactly the item actions the AWS adapters call (apps/api/src/adapters/aws/dynamodb-*.ts); a new
  # call there needs its action here. TransactWriteItems has no IAM action of its own: each Put, Update and
  # Delete inside a transaction is authorised as that action on its table.
  table_actions = {
    # create and versioned update (PutItem), read, list newest first (Query on jobs-by-created)
    jobs = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:Query"]
    # stock ADD inside the apply transaction, list, one SKU; the item catalogue on the same rows (create and
    # edit with UpdateItem, also inside an import's transactions; read; list and export with Scan)
    inventory = ["dynamodb:GetItem", "dynamodb:UpdateItem", "dynamodb:Scan"]
    # ledger and chunk items (Put), chunk progress (Update), the pending-apply marker (Delete), movements (Query)
    apply-ledger = ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:Query"]
    # a supplier's mappings (Query), every supplier's (Scan), saving a mapping keeping its last use and
    # marking it used (UpdateItem), deleting one (DeleteItem); the supplier directory's identity items in the
    # same table: look-up (BatchGetItem), links and moved mappings in transactions (PutItem, UpdateItem,
    # DeleteItem), a supplier's identities (Query). No BatchWriteItem: saves are UpdateItem since pack sizes.
    sku-mappings = [
      "dynamodb:Query", "dynamodb:Scan", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
      "dynamodb:BatchGetItem", "dynamodb:PutItem",
    ]
    # Append-only: an entry is written once (PutItem on attribute_not_exists) and read back (Query on the
    # table and its indexes). Never UpdateItem or DeleteItem, so this role cannot change the trail's history.
    audit = ["dynamodb:PutItem", "dynamodb:Query"]
  }

  parser_cluster_arn = aws_ecs_cluster.parser.arn
}

data "aws_iam_policy_document" "lambda_assume" {
  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = ["lambda.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "api" {
  name               = "${var.name}-api"
  description        = "The API Lambda: its tables, presigning on the uploads bucket, starting and watching parser tasks"
  assume_role_policy = data.aws_iam_policy_document.lambda_assume.json
}

data "aws_iam_policy_document" "api" {
  dynamic "statement" {
    for_each = local.table_actions

    content {
      sid       = "Table${replace(title(replace(statement.key, "-", " ")), " ", "")}"
      actions   = statement.value
      resources = [aws_dynamodb_table.this[statement.key].arn, "${aws_dynamodb_table.this[statement.key].arn}/index/*"]
    }
  }

  # Presigned URLs carry the signer's rights: the browser's PUT to raw/ and GET of the invoice run as this role.
  statement {
    sid       = "PresignUploadsAndReadThem"
    actions   = ["s3:PutObject", "s3:GetObject"]
    resources = ["${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.raw}*"]
  }

  # Also what the presigned GET of a page copy (parsed/{id}/attempt-{n}.pages.pdf) runs as.
  statement {
    sid     = "ReadParseOutputs"
    actions = ["s3:GetObject"]
    resources = [
      "${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.parsed}*",
      "${aws_s3_bucket.uploads.arn}/${local.upload_prefixes.errors}*",
    ]
  }

  # Without ListBucket S3 answers 403 instead of 404 for a missing key, and "no output yet" looks like an error.
  statement {
    sid       = "TellMissingOutputsFromDeniedOnes"
    actions   = ["s3:ListBucket"]
    resources = [aws_s3_bucket.uploads.arn]

    condition {
      test     = "StringLike"
      variable = "s3:prefix"
      values   = [for prefix in values(local.upload_prefixes) : "${prefix}*"]
    }
  }

  statement {
    sid       = "UseTheStackKeyThroughS3AndDynamoDb"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.main.arn]

    condition {
      test     = "StringEquals"
      variable = "kms:ViaService"
      values   = ["s3.${local.region}.amazonaws.com", "dynamodb.${local.region}.amazonaws.com"]
    }
  }

  statement {
    sid       = "StartParserTasks"
    actions   = ["ecs:RunTask"]
    resources = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:task-definition/${aws_ecs_task_definition.parser.family}:*"]

    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [local.parser_cluster_arn]
    }
  }

  # PARSER_DISPATCH=queue: a parse attempt is one message on the parse queue (SSE-SQS, so no KMS rights).
  statement {
    sid       = "SendParseMessages"
    actions   = ["sqs:SendMessage"]
    resources = [aws_sqs_queue.parse.arn]
  }

  # Task ARNs are only known at run time; the ARN pattern and the condition keep these to this cluster's tasks.
  # StopTask: the API stops a task still running after PARSE_TIMEOUT_SECONDS.
  statement {
    sid       = "WatchAndStopParserTasks"
    actions   = ["ecs:DescribeTasks", "ecs:StopTask"]
    resources = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:task/${aws_ecs_cluster.parser.name}/*"]

    condition {
      test     = "ArnEquals"
      variable = "ecs:cluster"
      values   = [local.parser_cluster_arn]
    }
  }

  # RunTask tags each task (invoice-parser:requested-at); tagging at launch needs TagResource, and only then.
  statement {
    sid       = "TagParserTasksAtLaunch"
    actions   = ["ecs:TagResource"]
    resources = ["arn:${local.partition}:ecs:${local.region}:${local.account_id}:task/${aws_ecs_cluster.parser.name}/*"]

    condition {
      test     = "StringEquals"
      variable = "ecs:CreateAction"
      values   = ["RunTask"]
    }
  }

  statement {
    sid       = "HandTheTwoParserRolesToEcs"
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.parser_execution.arn, aws_iam_role.parser_task.arn]

    condition {
      test     = "StringEquals"
      variable = "iam:PassedToService"
      values   = ["ecs-tasks.amazonaws.com"]
    }
  }

  # The parse sweeper (sweeper.tf) runs as this role too: the same image, a subset of the API's calls.
  statement {
    sid       = "WriteOwnLogs"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${aws_cloudwatch_log_group.api.arn}:*", "${aws_cloudwatch_log_group.sweeper.arn}:*"]
  }
}

resource "aws_iam_role_policy" "api" {
  name   = "api-runtime"
  role   = aws_iam_role.api.id
  policy = data.aws_iam_policy_document.api.json
}
