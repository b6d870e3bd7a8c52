# State of the pipeline: on-demand (no idle cost, no capacity planning), point-in-time recovery, and encrypted
# with this stack's key. Key schemas mirror the AWS adapters in apps/api/src/adapters/aws.

locals {
  tables = {
    jobs = {
      hash_key   = "jobId"
      range_key  = null
      attributes = { jobId = "S" }
    }
    inventory = {
      hash_key   = "sku"
      range_key  = null
      attributes = { sku = "S" }
    }
    apply-ledger = {
      hash_key   = "jobId"
      range_key  = null
      attributes = { jobId = "S" }
    }
    sku-mappings = {
      hash_key   = "supplierKey"
      range_key  = "supplierSku"
      attributes = { supplierKey = "S", supplierSku = "S" }
    }
  }
}

resource "aws_dynamodb_table" "this" {
  for_each = local.tables

  name         = "${var.name}-${each.key}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = each.value.hash_key
  range_key    = each.value.range_key

  # The ledger is the proof that stock moved exactly once; losing a table by accident must take two steps.
  deletion_protection_enabled = var.table_deletion_protection

  dynamic "attribute" {
    for_each = each.value.attributes

    content {
      name = attribute.key
      type = attribute.value
    }
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.main.arn
  }
}
