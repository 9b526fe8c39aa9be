# Remote state for PHI stacks. State files hold resource identifiers and sometimes secrets, so the
# bucket gets the same hardening as an ePHI bucket (phi-bucket module: SSE-KMS, versioning, Object Lock,
# public-access block, TLS-only policy, access logs) and the DynamoDB lock table is encrypted with a CMK,
# has point-in-time recovery and deletion protection (164.312(a)(2)(iv), 164.312(c)(1)).

module "bucket" {
  source = "../phi-bucket"

  name              = var.bucket_name
  cmk_arn           = var.cmk_arn
  access_log_bucket = var.access_log_bucket
  object_lock_mode  = "GOVERNANCE"
  object_lock_days  = 30

  tags = { DataClassification = "confidential" }
}

resource "aws_dynamodb_table" "lock" {
  name                        = var.lock_table_name
  billing_mode                = "PAY_PER_REQUEST"
  hash_key                    = "LockID"
  deletion_protection_enabled = true

  attribute {
    name = "LockID"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = var.cmk_arn
  }

  point_in_time_recovery {
    enabled = true
  }

  tags = { DataClassification = "confidential" }

  lifecycle {
    prevent_destroy = true
  }
}
