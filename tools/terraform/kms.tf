# One customer-managed key encrypts the uploads bucket, the DynamoDB tables, the log groups, the alarm topic and
# the Lambda environment ($1 a month plus requests; the S3 bucket key keeps request charges low). The SPA bucket uses SSE-S3
# instead, because CloudFront would otherwise need decrypt rights on this key for public files.

resource "aws_kms_key" "main" {
  description             = "${var.name}: uploads, tables, logs, Lambda environment"
  enable_key_rotation     = true
  deletion_window_in_days = 30
  policy                  = data.aws_iam_policy_document.kms.json
}

resource "aws_kms_alias" "main" {
  name          = "alias/${var.name}"
  target_key_id = aws_kms_key.main.key_id
}

data "aws_iam_policy_document" "kms" {
  #checkov:skip=CKV_AWS_109:A key policy's Resource "*" means this key itself; the account root keeps administration so the key can never become unmanageable.
  #checkov:skip=CKV_AWS_111:Same as above: in a key policy "*" is the key, and only the account root gets write rights.
  #checkov:skip=CKV_AWS_356:Same as above: a key policy cannot name its own key ARN, "*" is the documented form.
  statement {
    sid       = "AccountAdministers"
    actions   = ["kms:*"]
    resources = ["*"]

    principals {
      type        = "AWS"
      identifiers = ["arn:${local.partition}:iam::${local.account_id}:root"]
    }
  }

  statement {
    sid       = "CloudWatchLogsEncryptsThisStacksGroups"
    actions   = ["kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*", "kms:GenerateDataKey*", "kms:Describe*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["logs.${local.region}.amazonaws.com"]
    }

    condition {
      test     = "ArnLike"
      variable = "kms:EncryptionContext:aws:logs:arn"
      values   = ["arn:${local.partition}:logs:${local.region}:${local.account_id}:log-group:/aws/*/${var.name}*"]
    }
  }

  # CloudWatch alarms publish to the alarm topic (alarms.tf), which this key encrypts; SNS uses the key on the
  # publisher's behalf, so the publisher (the CloudWatch service, for an alarm) needs these two rights, and only
  # for this stack's alarms (the source conditions keep another account's alarms out: no confused deputy).
  # AWS's own aws/sns key cannot grant them, which is why the topic uses this key.
  statement {
    sid       = "CloudWatchAlarmsPublishToTheEncryptedTopic"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey*"]
    resources = ["*"]

    principals {
      type        = "Service"
      identifiers = ["cloudwatch.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }

    condition {
      test     = "ArnLike"
      variable = "aws:SourceArn"
      values   = ["arn:${local.partition}:cloudwatch:${local.region}:${local.account_id}:alarm:${var.name}-*"]
    }
  }
}
