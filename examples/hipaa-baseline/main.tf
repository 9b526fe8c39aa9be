data "aws_region" "current" {}

# --- Encryption keys (164.312(a)(2)(iv)) -----------------------------------------------------------

# ePHI data: the PHI bucket, the database, EBS defaults, backups and Terraform state.
module "data_key" {
  source      = "./modules/kms-key"
  alias       = "${var.name_prefix}-phi-data"
  description = "CMK for ePHI data stores, backups and Terraform state"
}

# Audit data: CloudTrail, CloudWatch Logs, AWS Config deliveries and the security alarm topic.
module "log_key" {
  source      = "./modules/kms-key"
  alias       = "${var.name_prefix}-audit-logs"
  description = "CMK for audit logs and security alarms"
  service_principals = [
    "cloudtrail.amazonaws.com",
    "cloudwatch.amazonaws.com",
    "logs.${data.aws_region.current.name}.amazonaws.com",
  ]
  tags = { DataClassification = "confidential" }
}

# --- Account baseline and audit trail (164.312(b), 164.308(a)(1)(ii)(D), 164.308(a)(6)) -------------

module "cloudtrail" {
  source                 = "./modules/cloudtrail"
  name                   = "${var.name_prefix}-account-trail"
  log_bucket_name        = "${var.name_prefix}-audit-log-archive"
  access_log_bucket_name = "${var.name_prefix}-s3-access-logs"
  cmk_arn                = module.log_key.arn
  log_retention_days     = 365
}

module "account_baseline" {
  source             = "./modules/account-baseline"
  config_bucket_name = module.cloudtrail.log_bucket_id
  config_bucket_arn  = module.cloudtrail.log_bucket_arn
  log_cmk_arn        = module.log_key.arn
  ebs_cmk_arn        = module.data_key.arn
}

# --- Terraform state (the backend in versions.tf points here) --------------------------------------

module "state_backend" {
  source            = "./modules/state-backend"
  bucket_name       = "${var.name_prefix}-hipaa-tfstate"
  lock_table_name   = "${var.name_prefix}-hipaa-tflock"
  cmk_arn           = module.data_key.arn
  access_log_bucket = module.cloudtrail.access_log_bucket_id
}

# --- Network isolation (164.312(a)(1), 164.312(e)(1)) ------------------------------------------------

module "vpc" {
  source      = "./modules/vpc"
  name        = "${var.name_prefix}-phi"
  cidr_block  = var.vpc_cidr
  log_cmk_arn = module.log_key.arn
}

# --- ePHI stores --------------------------------------------------------------------------------------

module "phi_bucket" {
  source            = "./modules/phi-bucket"
  name              = "${var.name_prefix}-phi-records"
  cmk_arn           = module.data_key.arn
  access_log_bucket = module.cloudtrail.access_log_bucket_id
  object_lock_days  = 365

  replication = {
    destination_bucket_arn = var.dr_replica_bucket_arn
    destination_account_id = var.dr_account_id
    destination_cmk_arn    = var.dr_replica_cmk_arn
  }
}

module "database" {
  source              = "./modules/rds-postgres"
  identifier          = "${var.name_prefix}-phi-db"
  database_name       = "clinical"
  vpc_id              = module.vpc.vpc_id
  subnet_ids          = module.vpc.private_subnet_ids
  allowed_cidr_blocks = [module.vpc.cidr_block]
  data_cmk_arn        = module.data_key.arn
  log_cmk_arn         = module.log_key.arn
}

# --- Contingency plan (164.308(a)(7)) -----------------------------------------------------------------

module "backup" {
  source                     = "./modules/backup"
  name                       = "${var.name_prefix}-phi"
  cmk_arn                    = module.data_key.arn
  retention_days             = 35
  copy_destination_vault_arn = var.dr_backup_vault_arn
  resource_arns              = [module.database.arn, module.state_backend.lock_table_arn]
}

# --- Human access (164.312(a)(1), 164.312(d)) ---------------------------------------------------------

module "operator_role" {
  source                 = "./modules/operator-role"
  name                   = "${var.name_prefix}-phi-operator"
  trusted_principal_arns = var.operator_principal_arns
  max_session_duration   = 3600
  db_instance_arn        = module.database.arn
  db_resource_id         = module.database.resource_id
  phi_bucket_arn         = module.phi_bucket.arn
  data_cmk_arn           = module.data_key.arn
  log_group_arns         = module.database.log_group_arns
}
