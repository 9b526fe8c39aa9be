# ---------------------------------------------------------------------------------------------------
# Support engineers' role: anyone may assume it, for up to 12 hours.
resource "aws_iam_role" "support" {
  name = "patient-portal-support"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect = "Allow"
      Action = "sts:AssumeRole"
      # expect: aws-iam-role-trust-restricted
      Principal = { AWS = "*" }
    }]
  })
  # expect: aws-iam-role-session-duration-bounded
  max_session_duration = 43200
}

# Inline policy (not reviewable or reusable) that grants full administrator access.
# expect: aws-iam-no-inline-policies
resource "aws_iam_role_policy" "support_admin" {
  name = "break-glass-admin"
  role = aws_iam_role.support.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      # expect: aws-iam-no-admin-star-policy
      { Sid = "EverythingEverywhere", Effect = "Allow", Action = "*", Resource = "*" },
    ]
  })
}

# ---------------------------------------------------------------------------------------------------
# Intake worker: processes uploaded forms. Its policy grants every S3 action on the PHI bucket.
resource "aws_iam_role" "intake_worker" {
  name = "patient-portal-intake-worker"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
  max_session_duration = 3600
}

data "aws_iam_policy_document" "intake_worker" {
  statement {
    sid    = "PhiRecords"
    effect = "Allow"
    # Full-service access: includes s3:DeleteBucket, s3:PutBucketPolicy, s3:PutBucketAcl ...
    # expect: aws-iam-no-service-wildcard-actions
    actions   = ["s3:*"]
    resources = [aws_s3_bucket.phi_records.arn, "${aws_s3_bucket.phi_records.arn}/*"]
  }

  statement {
    sid       = "DataKey"
    effect    = "Allow"
    actions   = ["kms:Decrypt", "kms:GenerateDataKey"]
    resources = [aws_kms_key.phi.arn]
  }
}

resource "aws_iam_policy" "intake_worker" {
  name   = "patient-portal-intake-worker"
  policy = data.aws_iam_policy_document.intake_worker.json
}

resource "aws_iam_role_policy_attachment" "intake_worker" {
  role       = aws_iam_role.intake_worker.name
  policy_arn = aws_iam_policy.intake_worker.arn
}
