variable "name" {
  description = "Name prefix for the VPC and its resources."
  type        = string
}

variable "cidr_block" {
  description = "VPC CIDR block."
  type        = string
}

variable "private_subnet_count" {
  description = "Number of private subnets, one per availability zone (at least two for Multi-AZ RDS)."
  type        = number
  default     = 3
}

variable "log_cmk_arn" {
  description = "CMK that encrypts the flow log group."
  type        = string
}

variable "flow_log_retention_days" {
  description = "Flow log retention in days (at least 365)."
  type        = number
  default     = 365
}
