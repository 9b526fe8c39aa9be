variable "name" {
  description = "Role name."
  type        = string
}

variable "trusted_principal_arns" {
  description = "Specific IAM principals (e.g. the identity account's federated operator role) that may assume this role."
  type        = list(string)

  validation {
    condition     = alltrue([for p in var.trusted_principal_arns : p != "*" && can(regex("^arn:aws[a-z-]*:iam::[0-9]{12}:role/", p))])
    error_message = "Trust named IAM roles only; no wildcard principals."
  }
}

variable "max_session_duration" {
  description = "Maximum session length in seconds (one hour by default; at most four hours)."
  type        = number
  default     = 3600

  validation {
    condition     = var.max_session_duration >= 900 && var.max_session_duration <= 14400
    error_message = "Sessions are between 15 minutes and 4 hours."
  }
}

variable "db_instance_arn" {
  description = "ARN of the database instance operators may inspect."
  type        = string
}

variable "db_resource_id" {
  description = "Resource ID (db-XXXX) of that instance, used in the rds-db:connect ARN."
  type        = string
}

variable "db_username" {
  description = "Database user that operators connect as with IAM authentication."
  type        = string
  default     = "operator"
}

variable "phi_bucket_arn" {
  description = "ARN of the ePHI bucket operators may read."
  type        = string
}

variable "data_cmk_arn" {
  description = "ARN of the CMK that encrypts the ePHI bucket and database."
  type        = string
}

variable "log_group_arns" {
  description = "CloudWatch Logs groups operators may read."
  type        = list(string)
}
