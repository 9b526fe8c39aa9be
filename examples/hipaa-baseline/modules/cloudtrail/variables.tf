variable "name" {
  description = "Trail name."
  type        = string
}

variable "log_bucket_name" {
  description = "Name of the log archive bucket (CloudTrail and AWS Config deliveries)."
  type        = string
}

variable "access_log_bucket_name" {
  description = "Name of the bucket that receives S3 server access logs."
  type        = string
}

variable "cmk_arn" {
  description = "CMK for trail files, the archive bucket, the log group and the alarm topic."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the trail log group and Object Lock period of the archive (at least 365)."
  type        = number
  default     = 365

  validation {
    condition     = var.log_retention_days >= 365
    error_message = "Audit logs are kept for at least 365 days."
  }
}
