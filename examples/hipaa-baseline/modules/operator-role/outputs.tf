output "arn" {
  description = "ARN of the operator role."
  value       = aws_iam_role.this.arn
}
