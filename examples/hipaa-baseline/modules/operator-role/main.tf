# Role that on-call operators assume to support the PHI workload (164.312(a)(1), 164.312(d)):
#   - only named principals from the identity account may assume it, and only with MFA (in the last hour);
#   - sessions last at most one hour;
#   - a customer-managed policy with scoped actions on named resources (no "*", no "service:*").

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
data "aws_partition" "current" {}

data "aws_iam_policy_document" "trust" {
  statement {
    sid     = "AssumeWithMfa"
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = var.trusted_principal_arns
    }

    condition {
      test     = "Bool"
      variable = "aws:MultiFactorAuthPresent"
      values   = ["true"]
    }

    condition {
      test     = "NumericLessThan"
      variable = "aws:MultiFactorAuthAge"
      values   = ["3600"]
    }
  }
}

resource "aws_iam_role" "this" {
  name                 = var.name
  description          = "On-call operator access to the PHI workload (MFA required)."
  assume_role_policy   = data.aws_iam_policy_document.trust.json
  max_session_duration = var.max_session_duration
}

locals {
  partition  = data.aws_partition.current.partition
  region     = data.aws_region.current.name
  account_id = data.aws_caller_identity.current.account_id
}

data "aws_iam_policy_document" "permissions" {
  statement {
    sid       = "InspectDatabase"
    effect    = "Allow"
    actions   = ["rds:DescribeDBInstances", "rds:DescribeDBLogFiles", "rds:DownloadDBLogFilePortion"]
    resources = [var.db_instance_arn]
  }

  # IAM database authentication as the individual "operator" database user (no shared password).
  statement {
    sid       = "ConnectToDatabase"
    effect    = "Allow"
    actions   = ["rds-db:connect"]
    resources = ["arn:${local.partition}:rds-db:${local.region}:${local.account_id}:dbuser:${var.db_resource_id}/${var.db_username}"]
  }

  statement {
    sid       = "ListPhiBucket"
    effect    = "Allow"
    actions   = ["s3:ListBucket"]
    resources = [var.phi_bucket_arn]
  }

  statement {
    sid       = "ReadPhiObjects"
    effect    = "Allow"
    actions   = ["s3:GetObject", "s3:GetObjectVersion"]
    resources = ["${var.phi_bucket_arn}/*"]
  }

  statement {
    sid       = "DecryptWithDataCmk"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:DescribeKey"]
    resources = [var.data_cmk_arn]
  }

  statement {
    sid       = "ReadApplicationLogs"
    effect    = "Allow"
    actions   = ["logs:FilterLogEvents", "logs:GetLogEvents"]
    resources = [for arn in var.log_group_arns : "${arn}:*"]
  }
}

resource "aws_iam_policy" "this" {
  name        = var.name
  description = "Least-privilege operator permissions for the PHI workload."
  policy      = data.aws_iam_policy_document.permissions.json
}

resource "aws_iam_role_policy_attachment" "this" {
  role       = aws_iam_role.this.name
  policy_arn = aws_iam_policy.this.arn
}
