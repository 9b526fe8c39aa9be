variable "region" {
  description = "AWS region for the workload; must be covered by the BAA."
  type        = string
  default     = "us-east-1"

  validation {
    condition     = contains(["us-east-1", "us-east-2", "us-west-2"], var.region)
    error_message = "Only the approved US regions may hold ePHI."
  }
}

variable "account_id" {
  description = "The workload account this configuration may be applied to."
  type        = string
}

variable "environment" {
  description = "Deployment environment name."
  type        = string
  default     = "prod"
}

variable "owner" {
  description = "Team accountable for the workload (Owner tag)."
  type        = string
}

variable "name_prefix" {
  description = "Prefix for resource names."
  type        = string
  default     = "northwind"
}

variable "vpc_cidr" {
  description = "CIDR block of the PHI VPC."
  type        = string
  default     = "10.60.0.0/16"
}

variable "operator_principal_arns" {
  description = "Federated roles in the identity account allowed to assume the operator role (with MFA)."
  type        = list(string)
}

variable "dr_account_id" {
  description = "Disaster-recovery account that receives replicas and backup copies."
  type        = string
}

variable "dr_replica_bucket_arn" {
  description = "Replica bucket for ePHI objects in the disaster-recovery account."
  type        = string
}

variable "dr_replica_cmk_arn" {
  description = "CMK in the disaster-recovery account that encrypts replicas."
  type        = string
}

variable "dr_backup_vault_arn" {
  description = "Backup vault in the disaster-recovery account that receives backup copies."
  type        = string
}
