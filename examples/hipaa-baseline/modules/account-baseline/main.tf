# Account-level HIPAA baseline for the region:
#   GuardDuty and Security Hub      164.308(a)(1)(ii)(D) activity review, 164.308(a)(6) incident detection
#   Inspector, GuardDuty malware    164.308(a)(5)(ii)(B) protection from malicious software
#   AWS Config (all resources)      164.308(a)(8) evaluation, 164.308(a)(1)(ii)(A) asset inventory
#   IAM password policy             164.308(a)(5)(ii)(D) password management
#   S3 account public-access block  164.312(a)(1) access control
#   EBS encryption by default (CMK) 164.312(a)(2)(iv) encryption at rest

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

locals {
  account_id = data.aws_caller_identity.current.account_id
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
}

# --- Threat detection -------------------------------------------------------------------------------

resource "aws_guardduty_detector" "this" {
  enable                       = true
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}

resource "aws_guardduty_detector_feature" "s3_data_events" {
  detector_id = aws_guardduty_detector.this.id
  name        = "S3_DATA_EVENTS"
  status      = "ENABLED"
}

resource "aws_guardduty_detector_feature" "rds_login_events" {
  detector_id = aws_guardduty_detector.this.id
  name        = "RDS_LOGIN_EVENTS"
  status      = "ENABLED"
}

# Malware and exploitable software on the account's compute: GuardDuty scans the EBS volumes of
# instances it suspects, Inspector scans instances and functions continuously.
resource "aws_guardduty_detector_feature" "ebs_malware_protection" {
  detector_id = aws_guardduty_detector.this.id
  name        = "EBS_MALWARE_PROTECTION"
  status      = "ENABLED"
}

resource "aws_inspector2_enabler" "this" {
  account_ids    = [local.account_id]
  resource_types = ["EC2", "ECR", "LAMBDA"]
}

resource "aws_securityhub_account" "this" {
  enable_default_standards = false
  auto_enable_controls     = true
}

resource "aws_securityhub_standards_subscription" "fsbp" {
  standards_arn = "arn:${local.partition}:securityhub:${local.region}::standards/aws-foundational-security-best-practices/v/1.0.0"
  depends_on    = [aws_securityhub_account.this]
}

# --- AWS Config ---------------------------------------------------------------------------------------

resource "aws_iam_role" "config" {
  name = "aws-config-recorder"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "config.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = local.account_id } }
    }]
  })
  max_session_duration = 3600
}

resource "aws_iam_role_policy_attachment" "config_managed" {
  role       = aws_iam_role.config.name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AWS_ConfigRole"
}

resource "aws_iam_policy" "config_delivery" {
  name        = "aws-config-delivery"
  description = "Lets AWS Config deliver snapshots to the log archive with the log CMK."
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid      = "CheckArchiveBucket"
        Effect   = "Allow"
        Action   = ["s3:GetBucketAcl"]
        Resource = var.config_bucket_arn
      },
      {
        Sid      = "WriteSnapshots"
        Effect   = "Allow"
        Action   = ["s3:PutObject"]
        Resource = "${var.config_bucket_arn}/config/AWSLogs/${local.account_id}/Config/*"
      },
      {
        Sid      = "EncryptSnapshots"
        Effect   = "Allow"
        Action   = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource = var.log_cmk_arn
      },
    ]
  })
}

resource "aws_iam_role_policy_attachment" "config_delivery" {
  role       = aws_iam_role.config.name
  policy_arn = aws_iam_policy.config_delivery.arn
}

resource "aws_config_configuration_recorder" "this" {
  name     = "default"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}

resource "aws_config_delivery_channel" "this" {
  name           = "default"
  s3_bucket_name = var.config_bucket_name
  s3_key_prefix  = "config"
  s3_kms_key_arn = var.log_cmk_arn

  snapshot_delivery_properties {
    delivery_frequency = "TwentyFour_Hours"
  }

  depends_on = [aws_config_configuration_recorder.this]
}

resource "aws_config_configuration_recorder_status" "this" {
  name       = aws_config_configuration_recorder.this.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.this]
}

resource "aws_config_configuration_aggregator" "this" {
  name = "account-all-regions"

  account_aggregation_source {
    account_ids = [local.account_id]
    all_regions = true
  }
}

# --- Identity, storage and disk defaults ------------------------------------------------------------------

resource "aws_iam_account_password_policy" "this" {
  minimum_password_length        = 14
  require_uppercase_characters   = true
  require_lowercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  allow_users_to_change_password = true
  password_reuse_prevention      = 24
  max_password_age               = 90
  hard_expiry                    = false
}

resource "aws_s3_account_public_access_block" "this" {
  block_public_acls       = true
  ignore_public_acls      = true
  block_public_policy     = true
  restrict_public_buckets = true
}

resource "aws_ebs_encryption_by_default" "this" {
  enabled = true
}

resource "aws_ebs_default_kms_key" "this" {
  key_arn = var.ebs_cmk_arn
}
