environment       = "prod"
db_instance_class = "db.m6g.large"

# "Temporary" access for a vendor's reporting tool: puts the patient database on the internet.
# expect: aws-rds-instance-not-public
db_publicly_accessible = true
