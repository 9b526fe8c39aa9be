# HIPAA baseline for "Northwind Health" (fictional): a reference stack that implements the passing
# condition of every AWS and Terraform row of Safeguard's rule catalog for the resources it uses.

terraform {
  # Bounded core and provider versions; .terraform.lock.hcl (committed) pins the exact provider build.
  required_version = ">= 1.6, < 2.0"

  required_providers {
    aws = {
      source  = "hashicorp/aws"
      version = "~> 5.80"
    }
  }

  # Remote state: SSE-KMS with a CMK, DynamoDB locking. The bucket and table are created by
  # module.state_backend below (bootstrapped once with local state, then migrated).
  backend "s3" {
    bucket         = "northwind-hipaa-tfstate"
    key            = "hipaa-baseline/terraform.tfstate"
    region         = "us-east-1"
    encrypt        = true
    kms_key_id     = "arn:aws:kms:us-east-1:111122223333:alias/northwind-phi-data"
    dynamodb_table = "northwind-hipaa-tflock"
  }
}
