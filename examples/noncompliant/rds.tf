# Patient database (PostgreSQL). No exported engine logs, no enhanced monitoring and no AWS Backup plan.
# expect: aws-rds-enhanced-monitoring, aws-backup-plan-covers-datastores
resource "aws_db_instance" "patients" {
  identifier     = "patient-portal-db"
  engine         = "postgres"
  engine_version = "16.4"
  instance_class = var.db_instance_class

  allocated_storage = 100
  storage_type      = "gp3"
  # A copied snapshot or a lost volume exposes every patient record in clear.
  # expect: aws-rds-storage-encrypted
  storage_encrypted = false

  db_name  = "patients"
  username = "portal_admin"
  password = var.db_master_password

  db_subnet_group_name   = aws_db_subnet_group.patients.name
  vpc_security_group_ids = [aws_security_group.database.id]
  parameter_group_name   = aws_db_parameter_group.patients.name
  publicly_accessible    = var.db_publicly_accessible

  # One AZ only: an AZ outage makes patient records unavailable.
  # expect: aws-rds-multi-az
  multi_az = false
  # Automated backups are switched off (0 days).
  # expect: aws-rds-backup-retention
  backup_retention_period = 0
  # expect: aws-datastore-deletion-protection
  deletion_protection = false
  # Everyone shares the master login instead of individual IAM identities.
  # expect: aws-rds-iam-authentication
  iam_database_authentication_enabled = false
  # Security patches wait for someone to remember them.
  # expect: aws-managed-db-auto-minor-upgrade
  auto_minor_version_upgrade = false

  enabled_cloudwatch_logs_exports = ["postgresql"]
  copy_tags_to_snapshot           = true
  skip_final_snapshot             = true
}

resource "aws_db_parameter_group" "patients" {
  name   = "patient-portal-pg16"
  family = "postgres16"

  parameter {
    name = "rds.force_ssl"
    # Clients may connect without TLS, so ePHI crosses the network in clear.
    # expect: aws-rds-require-tls
    value = "0"
  }
}

resource "aws_db_subnet_group" "patients" {
  name       = "patient-portal-db"
  subnet_ids = aws_subnet.data[*].id
}
