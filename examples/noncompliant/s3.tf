# ---------------------------------------------------------------------------------------------------
# ePHI bucket: scanned intake forms and lab results.
# No default encryption resource and no bucket policy (so nothing denies plain-HTTP requests).
# expect: aws-s3-bucket-encryption-at-rest, aws-s3-bucket-sse-kms-cmk, aws-s3-bucket-tls-only
resource "aws_s3_bucket" "phi_records" {
  bucket = "northwind-portal-phi-records"
}

resource "aws_s3_bucket_versioning" "phi_records" {
  bucket = aws_s3_bucket.phi_records.id
  versioning_configuration {
    # Overwritten or deleted records cannot be recovered.
    # expect: aws-s3-bucket-versioning
    status = "Suspended"
  }
}

resource "aws_s3_bucket_public_access_block" "phi_records" {
  bucket              = aws_s3_bucket.phi_records.id
  block_public_acls   = true
  ignore_public_acls  = true
  block_public_policy = true
  # expect: aws-s3-bucket-public-access-block
  restrict_public_buckets = false
}

resource "aws_s3_bucket_ownership_controls" "phi_records" {
  bucket = aws_s3_bucket.phi_records.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

resource "aws_s3_bucket_logging" "phi_records" {
  bucket        = aws_s3_bucket.phi_records.id
  target_bucket = aws_s3_bucket.trail_logs.id
  target_prefix = "s3-access/phi-records/"
}

# ---------------------------------------------------------------------------------------------------
# Claims exports shared with a billing partner: made public "to make the partner's life easier".
# No public-access block and no server access logging at all.
# expect: aws-s3-bucket-public-access-block, aws-s3-bucket-access-logging
resource "aws_s3_bucket" "claims_exports" {
  bucket = "northwind-portal-claims-exports"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "claims_exports" {
  bucket = aws_s3_bucket.claims_exports.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.phi.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "claims_exports" {
  bucket = aws_s3_bucket.claims_exports.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_ownership_controls" "claims_exports" {
  bucket = aws_s3_bucket.claims_exports.id
  rule {
    # ACLs stay enabled, which is what lets the public-read ACL below take effect.
    # expect: aws-s3-bucket-acls-disabled
    object_ownership = "BucketOwnerPreferred"
  }
}

resource "aws_s3_bucket_acl" "claims_exports" {
  depends_on = [aws_s3_bucket_ownership_controls.claims_exports]
  bucket     = aws_s3_bucket.claims_exports.id
  # expect: aws-s3-bucket-no-public-acl
  acl = "public-read"
}

data "aws_iam_policy_document" "claims_exports" {
  statement {
    sid       = "PartnerDownload"
    effect    = "Allow"
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.claims_exports.arn}/*"]
    principals {
      type = "*"
      # expect: aws-s3-bucket-policy-no-public-principal
      identifiers = ["*"]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.claims_exports.arn, "${aws_s3_bucket.claims_exports.arn}/*"]
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

resource "aws_s3_bucket_policy" "claims_exports" {
  bucket = aws_s3_bucket.claims_exports.id
  policy = data.aws_iam_policy_document.claims_exports.json
}

# ---------------------------------------------------------------------------------------------------
# Audit log bucket for CloudTrail and S3 server access logs (configured reasonably well).
resource "aws_s3_bucket" "trail_logs" {
  bucket = "northwind-portal-audit-logs"
  tags   = { DataClassification = "confidential" }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.logs.arn
    }
    bucket_key_enabled = true
  }
}

resource "aws_s3_bucket_versioning" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_public_access_block" "trail_logs" {
  bucket                  = aws_s3_bucket.trail_logs.id
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_ownership_controls" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  rule {
    object_ownership = "BucketOwnerEnforced"
  }
}

data "aws_iam_policy_document" "trail_logs" {
  statement {
    sid       = "CloudTrailAclCheck"
    effect    = "Allow"
    actions   = ["s3:GetBucketAcl"]
    resources = [aws_s3_bucket.trail_logs.arn]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.trail_logs.arn}/AWSLogs/${data.aws_caller_identity.current.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "S3ServerAccessLogs"
    effect    = "Allow"
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.trail_logs.arn}/s3-access/*"]
    principals {
      type        = "Service"
      identifiers = ["logging.s3.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }

  statement {
    sid       = "DenyInsecureTransport"
    effect    = "Deny"
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.trail_logs.arn, "${aws_s3_bucket.trail_logs.arn}/*"]
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

resource "aws_s3_bucket_policy" "trail_logs" {
  bucket = aws_s3_bucket.trail_logs.id
  policy = data.aws_iam_policy_document.trail_logs.json
}
