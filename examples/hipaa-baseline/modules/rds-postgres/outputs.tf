output "arn" {
  description = "ARN of the DB instance."
  value       = aws_db_instance.this.arn
}

output "resource_id" {
  description = "Resource ID of the DB instance (for rds-db:connect policies)."
  value       = aws_db_instance.this.resource_id
}

output "endpoint" {
  description = "Connection endpoint (TLS required)."
  value       = aws_db_instance.this.endpoint
}

output "log_group_arns" {
  description = "ARNs of the exported log groups."
  value       = [for g in aws_cloudwatch_log_group.exports : g.arn]
}
