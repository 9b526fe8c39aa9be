# Credentials come from the environment (SSO / OIDC assumed role), never from this file.
provider "aws" {
  region              = var.region
  allowed_account_ids = [var.account_id]

  # Every resource carries its data classification and owner; resources that hold no ePHI
  # (log archive, state) override DataClassification to "confidential".
  default_tags {
    tags = {
      DataClassification = "phi"
      Owner              = var.owner
      Environment        = var.environment
      ManagedBy          = "terraform"
    }
  }
}
