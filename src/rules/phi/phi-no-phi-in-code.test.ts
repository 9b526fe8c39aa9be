import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from './phi-no-phi-in-code.js';
import type { AnyRule } from '../define-rule.js';
import { testRule } from '../../testing/rule-tester.js';
import { evaluateTerraform } from '../../graph/index.js';
import { runRules } from '../../engine/run-rules.js';

const bucket = (tags: string): string => `resource "aws_s3_bucket" "b" {\n  bucket = "example"\n\n  tags = {\n${tags}\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'nine-digit order number outside PHI context', terraform: bucket('    order_number = "123456789"\n    cost_center  = "1234567893"') },
    { name: 'invalid SSNs used as synthetic data', terraform: bucket('    test_ssn_a = "000-12-3456"\n    test_ssn_b = "666-12-3456"\n    test_ssn_c = "912-34-5678"') },
    { name: 'NPI failing Luhn and a date that is not a birth date', terraform: bucket('    prescriber_npi = "1234567890"\n    created_on     = "1984-03-12"') },
    { name: 'map keys with digits that are not identifiers (account ids, CIDRs, regions, invalid SSNs)', terraform: 'locals {\n  accounts = { "123456789012" = "prod", "10.0.0.0/16" = "vpc", "us-east-1" = "r", "000-12-3456" = "synthetic" }\n}\n\nresource "aws_s3_bucket" "b" {\n  for_each = local.accounts\n  bucket   = "acct-${each.value}"\n  tags     = local.accounts\n}\n' },
    { name: 'patient-named bucket and ops email', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "patient-records-prod"\n}\n\nresource "aws_sns_topic_subscription" "s" {\n  topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts"\n  protocol  = "email"\n  endpoint  = "oncall@clinic.org"\n}\n' },
  ],
  fail: [
    // The heredoc interpolates var.env, which records var.env's default as a hop: the SSN is written in the heredoc.
    { name: 'an SSN in a heredoc that interpolates a variable: reported at the heredoc, not at the variable\'s default', terraform: 'variable "env" {\n  default = "prod"\n}\n\nresource "aws_ssm_parameter" "p" {\n  name  = "/app/note"\n  type  = "String"\n  value = <<-EOT\n    env=${var.env}\n    patient_ssn=123-45-6789\n  EOT\n}\n', findings: [{ line: 8, message: /Social Security number/ }] },
    { name: 'SSN in a tfvars value, once at the tfvars line', terraform: { 'main.tf': 'variable "seed_patient_ssn" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    seed = var.seed_patient_ssn\n  }\n}\n', 'terraform.tfvars': 'seed_patient_ssn = "219-45-6789"\n' }, findings: [{ file: 'terraform.tfvars', line: 1, message: /Social Security number \(\*\*\*-\*\*-6789/ }] },
    { name: 'patient email and DOB in Lambda environment', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "api"\n  role          = "arn:aws:iam::123456789012:role/api"\n  runtime       = "python3.12"\n  handler       = "app.handler"\n  filename      = "app.zip"\n  environment {\n    variables = {\n      TEST_PATIENT_EMAIL = "jane.doe@gmail.com"\n      TEST_PATIENT_DOB   = "1984-03-12"\n    }\n  }\n}\n', findings: [{ line: 8, message: /date of birth/ }, { line: 8, message: /patient email address \(j\*\*\*@\*\*\*\.com/ }] },
    { name: 'SSN as a key of a for_each map written in the block: at the for_each line', terraform: 'resource "aws_s3_bucket" "b" {\n  for_each = {\n    "219-45-6789" = "alice"\n  }\n  bucket = "phi-${each.value}"\n}\n', findings: [{ line: 2, message: /for_each key holds what looks like a US Social Security number \(\*\*\*-\*\*-6789\)/ }] },
    { name: 'SSN as a key of a tfvars map: once, at the tfvars line, not again at the for_each', terraform: { 'main.tf': 'variable "patients" {\n  type = map(string)\n}\n\nresource "aws_s3_bucket" "b" {\n  for_each = var.patients\n  bucket   = "phi-${each.value}"\n}\n', 'terraform.tfvars': 'patients = {\n  "219-45-6789" = "alice"\n}\n' }, findings: [{ file: 'terraform.tfvars', line: 1, message: /patients\.\(key\) holds what looks like a US Social Security number/ }] },
    {
      // Another root module holds the same SSN as a literal: this root's key is still this root's finding.
      name: 'SSN as a for_each key beside another root module holding the same SSN as a tag',
      terraform: {
        'a/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    seed = "219-45-6789"\n  }\n}\n',
        'b/main.tf': 'resource "aws_s3_bucket" "b" {\n  for_each = {\n    "219-45-6789" = "alice"\n  }\n  bucket = "phi-${each.value}"\n}\n',
      },
      findings: [
        { file: 'a/main.tf', line: 3, message: /Social Security number/ },
        { file: 'b/main.tf', line: 2, message: /for_each key holds what looks like a US Social Security number/ },
      ],
    },
    { name: 'SSN as a module instance key: at the module block\'s for_each', terraform: { 'main.tf': 'module "m" {\n  source   = "./m"\n  for_each = toset(["219-45-6789"])\n}\n', 'm/main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n' }, findings: [{ line: 3, message: /module\.m\["\*+"\]: for_each key holds/ }] },
    { name: 'MRN in provider default_tags', terraform: 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      mrn = "MRN-0048213"\n    }\n  }\n}\n', findings: [{ line: 4, message: /medical record number/ }] },
    { name: 'SSN in user data', terraform: 'resource "aws_instance" "i" {\n  ami           = "ami-12345678"\n  instance_type = "t3.micro"\n  user_data     = "#!/bin/bash\\necho 123-45-6789 > /tmp/seed\\n"\n}\n', findings: [{ line: 4, message: /user_data holds what looks like a US Social Security number/ }] },
  ],
});

test('an SSN in a tfvars value replaced by --var is still committed: a finding at the tfvars line', () => {
  const files = new Map([
    ['main.tf', 'variable "note" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    note = var.note\n  }\n}\n'],
    ['terraform.tfvars', 'note = "seed 219-45-6789"\n'],
  ]);
  const evaluated = evaluateTerraform({ files, readFile: (path) => files.get(path), vars: { note: 'y' } });
  const failures = runRules(evaluated.model, [rule as unknown as AnyRule], { today: '2026-01-01' }).findings.filter((f) => f.status === 'fail');
  assert.deepEqual(
    failures.map((f) => `${f.span.file}:${f.span.start.line} ${f.resource.address}`),
    ['terraform.tfvars:1 var.note'],
  );
  assert.match(failures[0]!.message, /Social Security number \(\*\*\*-\*\*-6789/);
});
