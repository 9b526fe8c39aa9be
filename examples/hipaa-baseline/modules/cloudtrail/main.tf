# Account-wide audit trail (164.312(b) audit controls, 164.312(c)(2) integrity of the audit record):
#   multi-region, global service events, signed digest files, SSE-KMS with a CMK,
#   S3 object-level data events for every bucket, and delivery to CloudWatch Logs (365 days, CMK).
# The log archive bucket reuses the phi-bucket module (versioned, Object Lock, SSE-KMS, public-access
# block, TLS-only policy, access-logged); server access logs go to a separate bucket below.

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  trail_arn  = "arn:${data.aws_partition.current.partition}:cloudtrail:${data.aws_region.current.name}:${local.account_id}:trail/${var.name}"
}

module "log_bucket" {
  source = "../phi-bucket"

  name              = var.log_bucket_name
  cmk_arn           = var.cmk_arn
  access_log_bucket = aws_s3_bucket.access_logs.id
  object_lock_mode  = "COMPLIANCE" # audit evidence cannot be deleted early, not even by an administrator
  object_lock_days  = var.log_retention_days

  extra_policy_documents = [data.aws_iam_policy_document.log_delivery.json]

  tags = { DataClassification = "confidential" }
}

# Only CloudTrail (this trail) and AWS Config (this account) may write into the archive.
data "aws_iam_policy_document" "log_delivery" {
  statement {
    sid       = "CloudTrailAclCheck"
    actions   = ["s3:GetBucketAcl"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.log_bucket_name}"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "CloudTrailWrite"
    actions   = ["s3:PutObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.log_bucket_name}/AWSLogs/${local.account_id}/*"]
    principals {
      type        = "Service"
      identifiers = ["cloudtrail.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceArn"
      values   = [local.trail_arn]
    }
  }

  statement {
    sid       = "ConfigAclCheck"
    actions   = ["s3:GetBucketAcl", "s3:ListBucket"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.log_bucket_name}"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }

  statement {
    sid       = "ConfigWrite"
    actions   = ["s3:PutObject"]
    resources = ["arn:${data.aws_partition.current.partition}:s3:::${var.log_bucket_name}/config/AWSLogs/${local.account_id}/Config/*"]
    principals {
      type        = "Service"
      identifiers = ["config.amazonaws.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [local.account_id]
    }
  }
}

resource "aws_cloudtrail" "this" {
  name                          = var.name
  s3_bucket_name                = module.log_bucket.id
  kms_key_id                    = var.cmk_arn
  is_multi_region_trail         = true
  include_global_service_events = true
  enable_log_file_validation    = true
  enable_logging                = true

  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cloudwatch.arn

  # Management events plus object-level reads and writes on all S3 buckets (who opened which record).
  event_selector {
    read_write_type           = "All"
    include_management_events = true

    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:${data.aws_partition.current.partition}:s3"]
    }
  }

  depends_on = [module.log_bucket]
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/${var.name}"
  retention_in_days = var.log_retention_days
  kms_key_id        = var.cmk_arn
}

resource "aws_iam_role" "trail_to_cloudwatch" {
  name = "${var.name}-to-cloudwatch"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceArn" = local.trail_arn } }
    }]
  })
  max_session_duration = 3600
}

resource "aws_iam_policy" "trail_to_cloudwatch" {
  name        = "${var.name}-to-cloudwatch"
  description = "Lets CloudTrail write to its own log group only."
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid      = "WriteTrailLogGroup"
      Effect   = "Allow"
      Action   = ["logs:CreateLogStream", "logs:PutLogEvents"]
      Resource = "${aws_cloudwatch_log_group.trail.arn}:log-stream:*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "trail_to_cloudwatch" {
  role       = aws_iam_role.trail_to_cloudwatch.name
  policy_arn = aws_iam_policy.trail_to_cloudwatch.arn
}
