variable "config_bucket_name" {
  description = "Log archive bucket that receives AWS Config snapshots and history."
  type        = string
}

variable "config_bucket_arn" {
  description = "ARN of that bucket."
  type        = string
}

variable "log_cmk_arn" {
  description = "CMK that encrypts AWS Config deliveries."
  type        = string
}

variable "ebs_cmk_arn" {
  description = "CMK used by default for new EBS volumes."
  type        = string
}
