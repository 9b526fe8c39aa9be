import rule from './tf-state-bucket-hardened.js';
import { testRule } from '../../testing/rule-tester.js';

const backend = 'terraform {\n  backend "s3" {\n    bucket         = "example-tf-state"\n    key            = "phi.tfstate"\n    region         = "us-east-1"\n    encrypt        = true\n    dynamodb_table = "tf-locks"\n  }\n}\n';
const good = rule.examples.terraform!.good[0]!.replace(/terraform \{[\s\S]*?\n\}\n/, backend);

testRule(rule, {
  pass: [
    { name: 'hardened bucket and an encrypted lock table', terraform: `${good}\nresource "aws_dynamodb_table" "locks" {\n  name     = "tf-locks"\n  hash_key = "LockID"\n  attribute {\n    name = "LockID"\n    type = "S"\n  }\n  server_side_encryption {\n    enabled = true\n  }\n}\n` },
    { name: 'GCS state bucket hardened', terraform: 'terraform {\n  backend "gcs" {\n    bucket = "example-state"\n  }\n}\n\nresource "google_storage_bucket" "state" {\n  name                        = "example-state"\n  location                    = "US"\n  public_access_prevention    = "enforced"\n  uniform_bucket_level_access = true\n  versioning {\n    enabled = true\n  }\n  encryption {\n    default_kms_key_name = "projects/p/locations/us/keyRings/r/cryptoKeys/k"\n  }\n  logging {\n    log_bucket = "example-logs"\n  }\n}\n' },
  ],
  fail: [
    ...(['first', 'second'] as const).map((order) => {
      // Two stacks, each with its own state bucket of the same name (one hardened): each backend's own bucket is judged.
      const [hardened, bare] = order === 'first' ? ['a/main.tf', 'b/main.tf'] : ['b/main.tf', 'a/main.tf'];
      return {
        name: `each stack's backend is judged against the bucket of its own root module (the hardened stack ${order})`,
        terraform: { [hardened]: rule.examples.terraform!.good[0]!, [bare]: rule.examples.terraform!.bad[0]! },
        findings: [{ file: bare, line: 11, message: new RegExp(`stores the Terraform state of ${bare.slice(0, 1)}: terraform\\.backend\\.s3, but: no public access block`) }],
      };
    }),
    { name: 'hardened bucket but an unencrypted lock table', terraform: `${good}\nresource "aws_dynamodb_table" "locks" {\n  name     = "tf-locks"\n  hash_key = "LockID"\n  attribute {\n    name = "LockID"\n    type = "S"\n  }\n}\n`, findings: [{ line: 11, message: /lock table aws_dynamodb_table.locks/ }] },
    {
      // S3 keeps the configuration applied last, so a second, SSE-S3 one undoes the hardened bucket's SSE-KMS.
      name: 'hardened bucket with a second default-encryption configuration on SSE-S3',
      terraform: `${good}\nresource "aws_s3_bucket_server_side_encryption_configuration" "second" {\n  bucket = aws_s3_bucket.state.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "AES256"\n    }\n  }\n}\n`,
      findings: [{ line: 11, message: /default encryption aws_s3_bucket_server_side_encryption_configuration\.second is not SSE-KMS/ }],
    },
    { name: 'bare state bucket lists every gap', terraform: `${backend}\nresource "aws_s3_bucket" "state" {\n  bucket = "example-tf-state"\n}\n`, findings: [{ line: 11, message: /no public access block; versioning is not enabled; no SSE-KMS/ }] },
  ],
  unknown: [
    { name: 'versioning status from a variable without a value', terraform: good.replace('status = "Enabled"', 'status = var.versioning') + '\nvariable "versioning" {\n  type = string\n}\n' },
  ],
});
