# Account trail: single-region, unsigned, and encrypted only with S3-managed keys (no kms_key_id).
# The trail makes this the account baseline, which enables neither Amazon Inspector nor GuardDuty
# malware scanning for the portal's instances.
# expect: aws-cloudtrail-kms-encrypted, aws-malware-protection-enabled
resource "aws_cloudtrail" "main" {
  name                          = "patient-portal-trail"
  s3_bucket_name                = aws_s3_bucket.trail_logs.id
  include_global_service_events = true
  # Activity in other regions (where someone could stand up a copy of the data) goes unrecorded.
  # expect: aws-cloudtrail-multi-region
  is_multi_region_trail = false
  # Without digest files nobody can prove the logs were not edited.
  # expect: aws-cloudtrail-log-file-validation
  enable_log_file_validation = false

  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail_to_cloudwatch.arn

  event_selector {
    read_write_type           = "All"
    include_management_events = true
    data_resource {
      type   = "AWS::S3::Object"
      values = ["arn:aws:s3"]
    }
  }

  depends_on = [aws_s3_bucket_policy.trail_logs]
}

resource "aws_cloudwatch_log_group" "trail" {
  name              = "/aws/cloudtrail/patient-portal"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
  tags              = { DataClassification = "confidential" }
}

resource "aws_iam_role" "trail_to_cloudwatch" {
  name = "patient-portal-trail-to-cloudwatch"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "cloudtrail.amazonaws.com" }
      Action    = "sts:AssumeRole"
      Condition = { StringEquals = { "aws:SourceAccount" = data.aws_caller_identity.current.account_id } }
    }]
  })
}

resource "aws_iam_policy" "trail_to_cloudwatch" {
  name = "patient-portal-trail-to-cloudwatch"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
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
