output "phi_bucket" {
  description = "Name of the ePHI bucket."
  value       = module.phi_bucket.id
}

output "database_endpoint" {
  description = "PostgreSQL endpoint (TLS and IAM authentication required)."
  value       = module.database.endpoint
}

output "operator_role_arn" {
  description = "Role operators assume (MFA required)."
  value       = module.operator_role.arn
}

output "cloudtrail_arn" {
  description = "ARN of the account trail."
  value       = module.cloudtrail.trail_arn
}
