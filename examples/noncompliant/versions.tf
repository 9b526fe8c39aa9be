# Patient portal stack for "Northwind Health" (fictional). This workload is DELIBERATELY misconfigured:
# each "expect" marker comment names the Safeguard rule that the line below it (or the block it opens)
# must trip; several ids are comma-separated.

terraform {
  # expect: tf-required-version-pinned
  required_version = ">= 1.3"

  required_providers {
    aws = {
      source = "hashicorp/aws"
      # expect: tf-provider-versions-pinned
      version = ">= 5.0"
    }
  }

  # State holds database endpoints, ARNs and (here) the master password: it must be encrypted and locked.
  # expect: tf-remote-state-locked
  backend "s3" {
    bucket = "northwind-portal-tfstate"
    key    = "patient-portal/terraform.tfstate"
    region = "us-east-1"
    # expect: tf-remote-state-encrypted
    encrypt = false
  }
}
