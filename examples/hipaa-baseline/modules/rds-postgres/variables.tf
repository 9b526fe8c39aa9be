variable "identifier" {
  description = "DB instance identifier."
  type        = string
}

variable "engine_version" {
  description = "PostgreSQL engine version (minor upgrades are applied automatically)."
  type        = string
  default     = "16.4"
}

variable "instance_class" {
  description = "DB instance class."
  type        = string
  default     = "db.m6g.large"
}

variable "allocated_storage" {
  description = "Initial storage in GiB."
  type        = number
  default     = 100
}

variable "max_allocated_storage" {
  description = "Storage autoscaling ceiling in GiB."
  type        = number
  default     = 500
}

variable "database_name" {
  description = "Name of the initial database."
  type        = string
}

variable "master_username" {
  description = "Master user name; RDS generates and rotates its credential."
  type        = string
  default     = "dbadmin"
}

variable "vpc_id" {
  description = "VPC of the database."
  type        = string
}

variable "subnet_ids" {
  description = "Private subnets in at least two availability zones."
  type        = list(string)
}

variable "allowed_cidr_blocks" {
  description = "Application CIDR blocks allowed to reach PostgreSQL (never 0.0.0.0/0)."
  type        = list(string)

  validation {
    condition     = alltrue([for c in var.allowed_cidr_blocks : c != "0.0.0.0/0" && c != "::/0"])
    error_message = "The database is never reachable from the internet."
  }
}

variable "data_cmk_arn" {
  description = "CMK for storage, Performance Insights and the RDS-managed master credential."
  type        = string
}

variable "log_cmk_arn" {
  description = "CMK for the exported log groups."
  type        = string
}

variable "log_retention_days" {
  description = "Retention of the exported PostgreSQL logs."
  type        = number
  default     = 365
}
