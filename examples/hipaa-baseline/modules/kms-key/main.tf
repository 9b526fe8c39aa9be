# Customer-managed KMS key (CMK) for ePHI or audit data.
# 164.312(a)(2)(iv): encryption at rest with a key we control, rotate and audit.
# The key policy names specific principals only (never "*") and lists actions explicitly (no kms:*).

data "aws_caller_identity" "current" {}
data "aws_partition" "current" {}

locals {
  account_root = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root"
  admins       = length(var.administrator_arns) > 0 ? var.administrator_arns : [local.account_root]
  users        = length(var.user_arns) > 0 ? var.user_arns : [local.account_root]

  base_statements = [
    {
      Sid       = "KeyAdministration"
      Effect    = "Allow"
      Principal = { AWS = local.admins }
      Action = [
        "kms:CancelKeyDeletion", "kms:CreateAlias", "kms:DeleteAlias", "kms:DescribeKey", "kms:DisableKey",
        "kms:EnableKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy", "kms:GetKeyRotationStatus",
        "kms:ListAliases", "kms:ListGrants", "kms:ListKeyPolicies", "kms:ListResourceTags", "kms:PutKeyPolicy",
        "kms:RevokeGrant", "kms:ScheduleKeyDeletion", "kms:TagResource", "kms:UntagResource", "kms:UpdateAlias",
        "kms:UpdateKeyDescription",
      ]
      Resource = "*" # in a key policy "*" means "this key"
    },
    {
      Sid       = "KeyUsage"
      Effect    = "Allow"
      Principal = { AWS = local.users }
      Action = [
        "kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey",
        "kms:GenerateDataKeyWithoutPlaintext", "kms:ReEncryptFrom", "kms:ReEncryptTo",
      ]
      Resource = "*"
    },
    {
      Sid       = "GrantsForAwsServices"
      Effect    = "Allow"
      Principal = { AWS = local.users }
      Action    = ["kms:CreateGrant", "kms:ListGrants", "kms:RevokeGrant"]
      Resource  = "*"
      Condition = { Bool = { "kms:GrantIsForAWSResource" = "true" } }
    },
  ]

  # AWS services that write encrypted data themselves, limited to this account.
  service_statements = [
    for svc in var.service_principals : {
      Sid       = "Service${replace(title(replace(split(".", svc)[0], "-", " ")), " ", "")}"
      Effect    = "Allow"
      Principal = { Service = svc }
      Action    = ["kms:Decrypt", "kms:DescribeKey", "kms:Encrypt", "kms:GenerateDataKey", "kms:ReEncryptFrom", "kms:ReEncryptTo"]
      Resource  = "*"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }
  ]
}

resource "aws_kms_key" "this" {
  description              = var.description
  key_usage                = "ENCRYPT_DECRYPT"
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  is_enabled               = true
  enable_key_rotation      = true # yearly automatic rotation of the key material
  rotation_period_in_days  = 365
  deletion_window_in_days  = 30 # the maximum: a mistaken deletion can be cancelled for a month
  multi_region             = false

  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = concat(local.base_statements, local.service_statements)
  })

  tags = var.tags

  # Destroying this key makes every ciphertext under it unreadable.
  lifecycle {
    prevent_destroy = true
  }
}

resource "aws_kms_alias" "this" {
  name          = "alias/${var.alias}"
  target_key_id = aws_kms_key.this.key_id
}
