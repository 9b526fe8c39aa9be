variable "aws_region" {
  description = "Region for the patient portal (must be covered by the BAA)."
  type        = string
  default     = "us-east-1"
}

variable "environment" {
  description = "Deployment environment name."
  type        = string
  default     = "prod"
}

variable "db_publicly_accessible" {
  description = "Whether the patient database gets a public endpoint."
  type        = bool
  default     = false
}

variable "db_instance_class" {
  description = "Instance class for the patient database."
  type        = string
  default     = "db.m6g.large"
}

# A secret-bearing variable that is neither sensitive nor default-free, with a literal placeholder value.
# expect: tf-sensitive-variables
variable "db_master_password" {
  description = "Master password for the patient database."
  type        = string
  # expect: tf-no-secrets-in-code
  default = "Example-Only-Not-A-Real-Password-42"
}

variable "vpc_cidr" {
  description = "CIDR block of the portal VPC."
  type        = string
  default     = "10.40.0.0/16"
}

variable "acm_certificate_arn" {
  description = "ACM certificate for the portal's HTTPS listener."
  type        = string
  default     = "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
}
