# Application logs of the patient portal: request logs can carry names, MRNs and appointment details.
# expect: aws-cloudwatch-log-group-kms
resource "aws_cloudwatch_log_group" "portal_app" {
  name = "/northwind/patient-portal/app"
  # A month of history is not enough to investigate a breach discovered later.
  # expect: aws-cloudwatch-log-retention
  retention_in_days = 30
}

# The intake worker's log group comes from a local module; this call shortens its retention.
module "intake_worker_logs" {
  source      = "./modules/app-log-group"
  name        = "/northwind/patient-portal/intake-worker"
  kms_key_arn = aws_kms_key.logs.arn
  # expect: aws-cloudwatch-log-retention
  retention_in_days = 14
}
