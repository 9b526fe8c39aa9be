# Fictional account numbers and names (AWS documentation example accounts).
account_id  = "111122223333"
owner       = "clinical-platform-team"
environment = "prod"

operator_principal_arns = ["arn:aws:iam::123456789012:role/sso-clinical-platform-operators"]

dr_account_id         = "444455556666"
dr_replica_bucket_arn = "arn:aws:s3:::northwind-phi-records-dr"
dr_replica_cmk_arn    = "arn:aws:kms:us-west-2:444455556666:key/1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"
dr_backup_vault_arn   = "arn:aws:backup:us-west-2:444455556666:backup-vault:northwind-phi-dr"
