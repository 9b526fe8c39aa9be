provider "aws" {
  region = var.aws_region

  # Everything in this stack is PHI unless a resource says otherwise (log buckets are "confidential").
  default_tags {
    tags = {
      DataClassification = "phi"
      Owner              = "patient-portal-team"
      Application        = "patient-portal"
      Environment        = var.environment
    }
  }
}

data "aws_caller_identity" "current" {}
data "aws_region" "current" {}
