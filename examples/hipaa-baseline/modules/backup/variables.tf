variable "name" {
  description = "Name of the vault, plan and selection."
  type        = string
}

variable "cmk_arn" {
  description = "CMK that encrypts the vault's recovery points."
  type        = string
}

variable "retention_days" {
  description = "Days to keep recovery points (at least 35)."
  type        = number
  default     = 35

  validation {
    condition     = var.retention_days >= 35
    error_message = "Keep recovery points for at least 35 days."
  }
}

variable "copy_destination_vault_arn" {
  description = "Vault in the disaster-recovery account that receives copies."
  type        = string
}

variable "resource_arns" {
  description = "ARNs of the data stores to back up."
  type        = list(string)
}
