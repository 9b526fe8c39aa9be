# A CloudWatch Logs group for one application component. Safe defaults; callers can override them.
variable "name" {
  description = "Log group name."
  type        = string
}

variable "kms_key_arn" {
  description = "Customer-managed KMS key that encrypts the log group."
  type        = string
}

variable "retention_in_days" {
  description = "How long to keep log events (HIPAA programs usually keep at least a year)."
  type        = number
  default     = 365
}

resource "aws_cloudwatch_log_group" "this" {
  name              = var.name
  kms_key_id        = var.kms_key_arn
  retention_in_days = var.retention_in_days
}

output "arn" {
  description = "ARN of the log group."
  value       = aws_cloudwatch_log_group.this.arn
}
