# State of the pipeline: on-demand (no idle cost, no capacity planning), point-in-time recovery, and encrypted
# with this stack's key. Key schemas mirror the AWS adapters in apps/api/src/adapters/aws.

locals {
  # Mirrors tableDefinitions() in apps/api/src/adapters/aws/dynamodb-tables.ts (the adapters' source of truth).
  tables = {
    jobs = {
      hash_key   = "jobId"
      range_key  = null
      attributes = { jobId = "S", listPartition = "S", createdKey = "S", inFlight = "S" }
      # GET /api/jobs lists newest first from jobs-by-created. jobs-in-flight is sparse (inFlight is written
      # only while a job is QUEUED or PARSING): the parse sweeper reads what is in flight and nothing else.
      indexes = {
        jobs-by-created = { hash_key = "listPartition", range_key = "createdKey" }
        jobs-in-flight  = { hash_key = "inFlight", range_key = "createdKey" }
      }
    }
    inventory = {
      hash_key   = "sku"
      range_key  = null
      attributes = { sku = "S" }
      indexes    = {}
    }
    # Items JOB#{id}/LEDGER and JOB#{id}/CHUNK#n (the apply proof), SKU#{sku}/{appliedAt}#{jobId} (movements).
    apply-ledger = {
      hash_key   = "pk"
      range_key  = "sk"
      attributes = { pk = "S", sk = "S" }
      indexes    = {}
    }
    sku-mappings = {
      hash_key   = "supplierKey"
      range_key  = "supplierSku"
      attributes = { supplierKey = "S", supplierSku = "S" }
      indexes    = {}
    }
    # The append-only audit trail: every entry on one partition (trail = "AUDIT") in position order
    # ({at}#{id}), and a sparse index per filter of GET /api/audit, each sorted the same way, so that every
    # query is one newest-first Query (the choice is explained in dynamodb-tables.ts). The API's role may only
    # PutItem and Query it (iam-api.tf); point-in-time recovery, as on every table, restores it after a mistake.
    audit = {
      hash_key   = "trail"
      range_key  = "position"
      attributes = { trail = "S", position = "S", jobId = "S", actorUser = "S", action = "S" }
      indexes = {
        audit-by-job    = { hash_key = "jobId", range_key = "position" }
        audit-by-user   = { hash_key = "actorUser", range_key = "position" }
        audit-by-action = { hash_key = "action", range_key = "position" }
      }
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
  deletion_protection_enabled = !var.allow_destroying_data

  dynamic "attribute" {
    for_each = each.value.attributes

    content {
      name = attribute.key
      type = attribute.value
    }
  }

  dynamic "global_secondary_index" {
    for_each = each.value.indexes

    content {
      name            = global_secondary_index.key
      hash_key        = global_secondary_index.value.hash_key
      range_key       = global_secondary_index.value.range_key
      projection_type = "ALL"
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
