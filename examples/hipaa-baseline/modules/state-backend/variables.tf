variable "bucket_name" {
  description = "Name of the state bucket (the same name the root module's backend block uses)."
  type        = string
}

variable "lock_table_name" {
  description = "Name of the DynamoDB state lock table."
  type        = string
}

variable "cmk_arn" {
  description = "CMK that encrypts state objects and the lock table."
  type        = string
}

variable "access_log_bucket" {
  description = "Bucket that receives the state bucket's server access logs."
  type        = string
}
