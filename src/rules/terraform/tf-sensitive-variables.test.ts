import rule from './tf-sensitive-variables.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRuleOn, testRule } from '../../testing/rule-tester.js';
import type { AnyRule } from '../define-rule.js';
import { fixInMemory } from '../../fixes/fix-in-memory.js';

const SECRET_NAMES = 'variable "secrets" {\n  type    = set(string)\n  default = ["db", "api"]\n}\n\nresource "aws_secretsmanager_secret" "this" {\n  for_each   = var.secrets\n  name       = each.key\n  kms_key_id = "alias/app"\n}\n';
const TOKEN_MAP = 'variable "api_key" {\n  type = map(string)\n}\n\nresource "aws_ssm_parameter" "t" {\n  for_each = var.api_key\n  name     = each.key\n  type     = "SecureString"\n  value    = each.value\n}\n';

test('a variable a for_each reads gets no automatic sensitive = true (Terraform would refuse the for_each); the names of secrets pass and say why', () => {
  const names = runRuleOn(rule as unknown as AnyRule, SECRET_NAMES).findings;
  assert.equal(names.length, 1);
  assert.equal(names[0]!.status, 'pass');
  assert.match(names[0]!.message, /instance keys/);
  const tokens = runRuleOn(rule as unknown as AnyRule, TOKEN_MAP).findings;
  assert.equal(tokens[0]!.status, 'fail');
  assert.equal(tokens[0]!.fix, undefined);
});

testRule(rule, {
  pass: [
    { name: 'sensitive PHI variable without default', terraform: 'variable "test_patient_dob" {\n  type      = string\n  sensitive = true\n}\n' },
    { name: 'sensitive with a null default', terraform: 'variable "api_token" {\n  type      = string\n  sensitive = true\n  default   = null\n}\n\nvariable "password_length" {\n  default = 32\n}\n' },
    {
      name: 'flags and counts whose names say password (a real RDS module: manage_master_user_password, create_random_password)',
      terraform: 'variable "manage_master_user_password" {\n  type    = bool\n  default = true\n}\n\nvariable "create_random_password" {\n  default = true\n}\n\nvariable "secret_rotation_days_count" {\n  type = number\n}\n\nvariable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
    },
    {
      name: 'a set of secret names a for_each iterates: its values are instance keys',
      terraform: SECRET_NAMES,
    },
    // Ephemeral (Terraform 1.10): in neither plan nor state, and Terraform withholds any message showing it.
    { name: 'an ephemeral secret variable', terraform: 'variable "db_password" {\n  type      = string\n  ephemeral = true\n}\n' },
    {
      name: 'a description about where an API key is read (terraform-aws-apigateway-v2), not a key',
      terraform: 'variable "api_key_selection_expression" {\n  description = "An API key selection expression. Valid values: $context.authorizer.usageIdentifierKey, $request.header.x-api-key"\n  type        = string\n  default     = "$request.header.x-api-key"\n}\n\nvariable "db_password" {\n  type      = string\n  sensitive = true\n}\n',
    },
  ],
  fail: [
    {
      name: 'a map of secrets a for_each iterates: no automatic fix (Terraform refuses a sensitive for_each), the way out said',
      terraform: TOKEN_MAP,
      findings: [{ line: 1, message: /nonsensitive\(toset\(keys\(var\.api_key\)\)\)/ }],
    },
    { name: 'an ephemeral secret with a default: the literal is in the code', terraform: 'variable "api_token" {\n  ephemeral = true\n  default   = "Zk29-qpL!x7"\n}\n', findings: [{ line: 1, message: /^var\.api_token has a default value, though/ }] },
    { name: 'ephemeral = false is no ephemeral variable', terraform: 'variable "api_token" {\n  type      = string\n  ephemeral = false\n}\n', findings: [{ line: 1, message: /is not marked sensitive/ }] },
    { name: 'sensitive secret with a default', terraform: 'variable "client_secret" {\n  sensitive = true\n  default   = "Zk29-qpL!x7"\n}\n', findings: [{ line: 1, message: /has a default value, though its name says it is a secret/ }] },
    { name: 'description says password', terraform: 'variable "db_credential_value" {\n  description = "The master password for the PHI database"\n  type        = string\n}\n\nvariable "db_secret_arn" {\n  description = "ARN of the secret holding the password"\n}\n', findings: [{ line: 1, message: /not marked sensitive/ }] },
    { name: 'patient variable', terraform: 'variable "patient_email" {\n  type = string\n}\n\nvariable "patient_records_bucket" {\n  type = string\n}\n', findings: [{ line: 1, message: /holds PHI/ }] },
  ],
});

// terraform validate 1.11 refuses both outputs of OUTPUTS once var.api_token is sensitive ("Output
// refers to sensitive values"); the fix used to mark only the variable, leaving code Terraform refuses.
const OUTPUTS = 'variable "api_token" {\n  type = string\n}\n\nlocals {\n  header = "Bearer ${var.api_token}"\n}\n\noutput "token" {\n  value = var.api_token\n}\n\noutput "header" {\n  value = local.header\n}\n\noutput "region" {\n  value = "us-east-1"\n}\n';

test('the fix marks, with the variable, the outputs that read it directly or through a local, and no other', async () => {
  const run = await fixInMemory({ 'main.tf': OUTPUTS, 'child/main.tf': 'output "token" {\n  value = "x"\n}\n' }, [rule as unknown as AnyRule], { unsafe: false });
  assert.equal(
    run.files.get('main.tf'),
    'variable "api_token" {\n  type      = string\n  sensitive = true\n}\n\nlocals {\n  header = "Bearer ${var.api_token}"\n}\n\noutput "token" {\n  value     = var.api_token\n  sensitive = true\n}\n\noutput "header" {\n  value     = local.header\n  sensitive = true\n}\n\noutput "region" {\n  value = "us-east-1"\n}\n',
  );
  assert.equal(run.files.get('child/main.tf'), 'output "token" {\n  value = "x"\n}\n');
  const fix = runRuleOn(rule as unknown as AnyRule, OUTPUTS).findings[0]!.fix!;
  assert.match(fix.description, /^Mark the variable sensitive, and output "token", output "header", which read it/);
});
