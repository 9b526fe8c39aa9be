variable "alias" {
  description = "Alias name, without the alias/ prefix."
  type        = string
}

variable "description" {
  description = "What this CMK protects."
  type        = string
}

variable "administrator_arns" {
  description = "IAM principals allowed to administer the CMK (defaults to the account, i.e. delegated to IAM)."
  type        = list(string)
  default     = []
}

variable "user_arns" {
  description = "IAM principals allowed to use the CMK for cryptographic operations (defaults to the account)."
  type        = list(string)
  default     = []
}

variable "service_principals" {
  description = "AWS service principals (e.g. logs.us-east-1.amazonaws.com) that encrypt with the CMK on this account's behalf."
  type        = list(string)
  default     = []
}

variable "tags" {
  description = "Extra tags for the CMK."
  type        = map(string)
  default     = {}
}
