variable "name" {
  description = "Globally unique bucket name."
  type        = string
}

variable "cmk_arn" {
  description = "Customer-managed KMS CMK for default encryption (SSE-KMS)."
  type        = string
}

variable "access_log_bucket" {
  description = "Name of the separate bucket that receives S3 server access logs."
  type        = string
}

variable "object_lock_mode" {
  description = "Object Lock default retention mode: GOVERNANCE or COMPLIANCE."
  type        = string
  default     = "GOVERNANCE"

  validation {
    condition     = contains(["GOVERNANCE", "COMPLIANCE"], var.object_lock_mode)
    error_message = "object_lock_mode must be GOVERNANCE or COMPLIANCE."
  }
}

variable "object_lock_days" {
  description = "Object Lock default retention in days."
  type        = number
  default     = 365
}

variable "noncurrent_version_retention_days" {
  description = "Days to keep noncurrent object versions (HIPAA documentation retention is six years)."
  type        = number
  default     = 2190
}

variable "extra_policy_documents" {
  description = "Additional bucket policy JSON documents merged with the TLS-only statements."
  type        = list(string)
  default     = []
}

variable "replication" {
  description = "Cross-account replication target, or null to disable replication."
  type = object({
    destination_bucket_arn = string
    destination_account_id = string
    destination_cmk_arn    = string
  })
  default = null
}

variable "tags" {
  description = "Extra tags for the bucket (e.g. a DataClassification override)."
  type        = map(string)
  default     = {}
}
