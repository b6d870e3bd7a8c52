# The built SPA (dist/apps/web), readable only by this stack's CloudFront distribution through Origin Access Control.

resource "aws_s3_bucket" "spa" {
  #checkov:skip=CKV_AWS_18:No server access logging: the bucket is reached only through CloudFront; enable CloudFront standard logging if viewer logs are wanted.
  #checkov:skip=CKV_AWS_144:No cross-region replication: the content is a build output, rebuilt and synced by `nx run web:deploy`.
  #checkov:skip=CKV_AWS_145:SSE-S3 rather than KMS: CloudFront would need decrypt rights on a customer key to serve public static files, for no gain in secrecy.
  #checkov:skip=CKV2_AWS_62:No event notifications: nothing reacts to a new build other than the CloudFront invalidation the deploy issues.
  bucket = "${var.name}-spa-${local.account_id}"
  # Objects are never deleted with the bucket unless a destroy is meant to (allow_destroying_data).
  force_destroy = var.allow_destroying_data
}

resource "aws_s3_bucket_public_access_block" "spa" {
  bucket                  = aws_s3_bucket.spa.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "spa" {
  bucket = aws_s3_bucket.spa.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

# Versioning lets an operator restore the previous build's files if a sync goes wrong.
resource "aws_s3_bucket_versioning" "spa" {
  bucket = aws_s3_bucket.spa.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "spa" {
  bucket = aws_s3_bucket.spa.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "spa" {
  bucket = aws_s3_bucket.spa.id

  rule {
    id     = "drop-old-builds"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 30
    }
  }

  # Left out of the rehearsal for the same moto reason as in s3-uploads.tf (getmoto/moto#9729).
  dynamic "rule" {
    for_each = var.rehearsal_mode ? [] : ["abort-incomplete-multipart-uploads"]

    content {
      id     = rule.value
      status = "Enabled"

      filter {}

      abort_incomplete_multipart_upload {
        days_after_initiation = 1
      }
    }
  }

  depends_on = [aws_s3_bucket_versioning.spa]
}

resource "aws_s3_bucket_policy" "spa" {
  bucket = aws_s3_bucket.spa.id
  policy = data.aws_iam_policy_document.spa_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.spa]
}

data "aws_iam_policy_document" "spa_bucket" {
  statement {
    sid       = "CloudFrontReadsThroughOac"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.spa.arn}/*"]

    principals {
      type        = "Service"
      identifiers = ["cloudfront.amazonaws.com"]
    }

    # Only this stack's distribution, not any CloudFront distribution in any account.
    condition {
      test     = "StringEquals"
      variable = "AWS:SourceArn"
      values   = [aws_cloudfront_distribution.app.arn]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.spa.arn, "${aws_s3_bucket.spa.arn}/*"]

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
