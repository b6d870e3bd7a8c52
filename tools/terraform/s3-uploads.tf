# Invoices uploaded by the browser (raw/), the parser's results (parsed/) and error reports (errors/).
# Private, KMS-encrypted, TLS only; the browser may only PUT through URLs the API presigns.

resource "aws_s3_bucket" "uploads" {
  #checkov:skip=CKV_AWS_18:No server access logging: every write is a presigned PUT the API issued and recorded on the job; CloudTrail data events are the audit option if ever needed.
  #checkov:skip=CKV_AWS_144:No cross-region replication: uploads are working copies for parsing and review, the stock ledger lives in DynamoDB with point-in-time recovery.
  #checkov:skip=CKV2_AWS_62:No event notifications: the API starts each parse itself and reconciles on read, nothing listens to bucket events.
  bucket = "${var.name}-uploads-${local.account_id}"
  # Objects are never deleted with the bucket unless a destroy is meant to (allow_destroying_data).
  force_destroy = var.allow_destroying_data
}

resource "aws_s3_bucket_public_access_block" "uploads" {
  bucket                  = aws_s3_bucket.uploads.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_versioning" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  rule {
    bucket_key_enabled = true

    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.main.arn
    }
  }
}

resource "aws_s3_bucket_cors_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  # The SPA PUTs the invoice straight to its presigned URL, and pdf.js GETs it back (or the parser's page copy
  # of a scan) through the presigned URL GET /api/jobs/{id}/file or /pages.pdf redirects to. Only the SPA's
  # own origin may, and only these methods.
  cors_rule {
    allowed_methods = ["PUT", "GET", "HEAD"]
    allowed_origins = [local.spa_origin]
    allowed_headers = ["content-type"]
    expose_headers  = ["ETag", "Content-Length", "Content-Type"]
    max_age_seconds = 3000
  }
}

# Each prefix expires on its own schedule. Versioning keeps overwritten or expired objects as noncurrent
# versions, which go a week later; a multipart upload abandoned half-way goes after a day.
resource "aws_s3_bucket_lifecycle_configuration" "uploads" {
  bucket = aws_s3_bucket.uploads.id

  # moto never reports an abort rule back the way the provider waits for (getmoto/moto#9729), so the
  # rehearsal leaves this one rule out; real deploys always have it.
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

  rule {
    id     = "expire-raw"
    status = "Enabled"

    filter {
      prefix = local.upload_prefixes.raw
    }

    expiration {
      days = var.raw_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 7
    }
  }

  rule {
    id     = "expire-parsed"
    status = "Enabled"

    filter {
      prefix = local.upload_prefixes.parsed
    }

    expiration {
      days = var.parsed_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 7
    }
  }

  rule {
    id     = "expire-errors"
    status = "Enabled"

    filter {
      prefix = local.upload_prefixes.errors
    }

    expiration {
      days = var.errors_expiration_days
    }

    noncurrent_version_expiration {
      noncurrent_days = 7
    }
  }

  depends_on = [aws_s3_bucket_versioning.uploads]
}

resource "aws_s3_bucket_policy" "uploads" {
  # moto treats a conditional Deny as a Deny even when its condition is false (moto/iam/access_control.py,
  # _check_conditions), so with this policy it refuses every object request; only the rehearsal leaves it out.
  count = var.rehearsal_mode ? 0 : 1

  bucket = aws_s3_bucket.uploads.id
  policy = data.aws_iam_policy_document.uploads_bucket.json

  depends_on = [aws_s3_bucket_public_access_block.uploads]
}

data "aws_iam_policy_document" "uploads_bucket" {
  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.uploads.arn, "${aws_s3_bucket.uploads.arn}/*"]

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
