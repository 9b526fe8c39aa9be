import rule from './tf-remote-state-encrypted.js';
import { testRule } from '../../testing/rule-tester.js';

const phiBucket = 'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi"\n  tags = {\n    data_classification = "phi"\n  }\n}\n';

testRule(rule, {
  pass: [
    { name: 'gcs backend with a customer-managed key', terraform: 'terraform {\n  backend "gcs" {\n    bucket             = "example-state"\n    kms_encryption_key = "projects/p/locations/us/keyRings/r/cryptoKeys/k"\n  }\n}\n' },
    { name: 'azurerm backend', terraform: 'terraform {\n  backend "azurerm" {\n    resource_group_name  = "rg"\n    storage_account_name = "examplestate"\n    container_name       = "tfstate"\n    key                  = "phi.tfstate"\n  }\n}\n' },
    { name: 'local state for a stack with no PHI-classified resource', terraform: 'resource "aws_s3_bucket" "site" {\n  bucket = "example-site"\n  tags = {\n    data_classification = "public"\n  }\n}\n' },
    { name: 'HCP Terraform with the BAA acknowledged', terraform: 'terraform {\n  cloud {\n    organization = "example"\n    workspaces {\n      name = "phi"\n    }\n  }\n}\n', params: { acknowledgeHcpTerraformBaa: true } },
  ],
  fail: [
    {
      name: 's3 backend on the AWS-managed aws/s3 key',
      terraform: 'terraform {\n  backend "s3" {\n    bucket       = "example-state"\n    key          = "phi.tfstate"\n    region       = "us-east-1"\n    encrypt      = true\n    kms_key_id   = "arn:aws:kms:us-east-1:111122223333:alias/aws/s3"\n    use_lockfile = true\n  }\n}\n',
      findings: [{ line: 7, message: /sets kms_key_id to the AWS-managed key alias\/aws\/s3, not a customer-managed key/ }],
    },
    {
      name: 's3 backend with encrypt = false',
      terraform: 'terraform {\n  backend "s3" {\n    bucket     = "example-state"\n    key        = "phi.tfstate"\n    region     = "us-east-1"\n    encrypt    = false\n    kms_key_id = "alias/state"\n  }\n}\n',
      findings: [{ line: 6, message: /sets encrypt = false/ }],
    },
    {
      name: 's3 backend encrypted without a customer-managed key',
      terraform: 'terraform {\n  backend "s3" {\n    bucket  = "example-state"\n    key     = "phi.tfstate"\n    region  = "us-east-1"\n    encrypt = true\n  }\n}\n',
      findings: [{ line: 6, message: /does not set kms_key_id/ }],
    },
    { name: 'implicit local state for a PHI stack points at the resource', terraform: phiBucket, findings: [{ line: 1, message: /declares no backend.*PHI-classified/ }] },
    { name: 'gcs backend without a key', terraform: 'terraform {\n  backend "gcs" {\n    bucket = "example-state"\n  }\n}\n', findings: [{ line: 2, message: /Google-managed/ }] },
  ],
  unknown: [
    { name: 'a partial s3 configuration (settings from terraform init -backend-config)', terraform: 'terraform {\n  backend "s3" {}\n}\n' },
    { name: 'HCP Terraform without a BAA acknowledgement', terraform: 'terraform {\n  cloud {\n    organization = "example"\n    workspaces {\n      name = "phi"\n    }\n  }\n}\n' },
    { name: 'classification known only at apply time', terraform: 'variable "class" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = var.class\n  }\n}\n' },
  ],
});
