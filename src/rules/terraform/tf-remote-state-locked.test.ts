import rule from './tf-remote-state-locked.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 's3 backend with a DynamoDB lock table', terraform: 'terraform {\n  backend "s3" {\n    bucket         = "example-state"\n    key            = "phi.tfstate"\n    region         = "us-east-1"\n    dynamodb_table = "locks"\n  }\n}\n' },
    { name: 'gcs locks natively', terraform: 'terraform {\n  backend "gcs" {\n    bucket = "example-state"\n  }\n}\n' },
  ],
  fail: [
    { name: 's3 backend with use_lockfile = false', terraform: 'terraform {\n  backend "s3" {\n    bucket       = "example-state"\n    key          = "phi.tfstate"\n    region       = "us-east-1"\n    use_lockfile = false\n  }\n}\n', findings: [{ line: 6, message: /neither use_lockfile/ }] },
    { name: 'http backend without lock_address', terraform: 'terraform {\n  backend "http" {\n    address = "https://state.example.com/phi"\n  }\n}\n', findings: [{ line: 2, message: /lock_address/ }] },
  ],
});
