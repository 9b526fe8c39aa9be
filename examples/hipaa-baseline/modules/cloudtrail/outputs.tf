output "trail_arn" {
  description = "ARN of the trail."
  value       = aws_cloudtrail.this.arn
}

output "log_bucket_id" {
  description = "Name of the log archive bucket."
  value       = module.log_bucket.id
}

output "log_bucket_arn" {
  description = "ARN of the log archive bucket."
  value       = module.log_bucket.arn
}

output "access_log_bucket_id" {
  description = "Name of the S3 server access log bucket."
  value       = aws_s3_bucket.access_logs.id
}

output "log_group_name" {
  description = "CloudWatch Logs group that receives the trail."
  value       = aws_cloudwatch_log_group.trail.name
}

output "security_alarm_topic_arn" {
  description = "SNS topic that security alarms notify."
  value       = aws_sns_topic.security_alarms.arn
}
