# Customer-managed key for patient data (S3, RDS, EBS).
resource "aws_kms_key" "phi" {
  description             = "Patient portal data key"
  deletion_window_in_days = 30
  # Without rotation the same key material protects ePHI forever.
  # expect: aws-kms-key-rotation
  enable_key_rotation = false
}

resource "aws_kms_alias" "phi" {
  name          = "alias/patient-portal-data"
  target_key_id = aws_kms_key.phi.key_id
}

# Key for CloudTrail and CloudWatch Logs; its policy lets anyone use it.
resource "aws_kms_key" "logs" {
  description             = "Patient portal log key"
  deletion_window_in_days = 30
  enable_key_rotation     = true

  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "AccountAdministration"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:root" }
        Action    = ["kms:DescribeKey", "kms:EnableKeyRotation", "kms:GetKeyPolicy", "kms:PutKeyPolicy", "kms:ScheduleKeyDeletion", "kms:CancelKeyDeletion"]
        Resource  = "*"
      },
      {
        Sid    = "LetEveryoneDecrypt"
        Effect = "Allow"
        # expect: aws-resource-policy-no-anonymous-principal
        Principal = "*"
        Action    = ["kms:Decrypt", "kms:GenerateDataKey"]
        Resource  = "*"
      },
    ]
  })
}
