import rule from './tf-sensitive-variables.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'sensitive PHI variable without default', terraform: 'variable "test_patient_dob" {\n  type      = string\n  sensitive = true\n}\n' },
    { name: 'sensitive with a null default', terraform: 'variable "api_token" {\n  type      = string\n  sensitive = true\n  default   = null\n}\n\nvariable "password_length" {\n  default = 32\n}\n' },
  ],
  fail: [
    { name: 'sensitive secret with a default', terraform: 'variable "client_secret" {\n  sensitive = true\n  default   = "Zk29-qpL!x7"\n}\n', findings: [{ line: 1, message: /has a default value, though its name says it is a secret/ }] },
    { name: 'description says password', terraform: 'variable "db_credential_value" {\n  description = "The master password for the PHI database"\n  type        = string\n}\n\nvariable "db_secret_arn" {\n  description = "ARN of the secret holding the password"\n}\n', findings: [{ line: 1, message: /not marked sensitive/ }] },
    { name: 'patient variable', terraform: 'variable "patient_email" {\n  type = string\n}\n\nvariable "patient_records_bucket" {\n  type = string\n}\n', findings: [{ line: 1, message: /holds PHI/ }] },
  ],
});
