import rule from './phi-no-phi-in-code.js';
import { testRule } from '../../testing/rule-tester.js';

const bucket = (tags: string): string => `resource "aws_s3_bucket" "b" {\n  bucket = "example"\n\n  tags = {\n${tags}\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'nine-digit order number outside PHI context', terraform: bucket('    order_number = "123456789"\n    cost_center  = "1234567893"') },
    { name: 'invalid SSNs used as synthetic data', terraform: bucket('    test_ssn_a = "000-12-3456"\n    test_ssn_b = "666-12-3456"\n    test_ssn_c = "912-34-5678"') },
    { name: 'NPI failing Luhn and a date that is not a birth date', terraform: bucket('    prescriber_npi = "1234567890"\n    created_on     = "1984-03-12"') },
    { name: 'patient-named bucket and ops email', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "patient-records-prod"\n}\n\nresource "aws_sns_topic_subscription" "s" {\n  topic_arn = "arn:aws:sns:us-east-1:123456789012:alerts"\n  protocol  = "email"\n  endpoint  = "oncall@clinic.org"\n}\n' },
  ],
  fail: [
    { name: 'SSN in a tfvars value, once at the tfvars line', terraform: { 'main.tf': 'variable "seed_patient_ssn" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    seed = var.seed_patient_ssn\n  }\n}\n', 'terraform.tfvars': 'seed_patient_ssn = "219-45-6789"\n' }, findings: [{ file: 'terraform.tfvars', line: 1, message: /Social Security number \(\*\*\*-\*\*-6789/ }] },
    { name: 'patient email and DOB in Lambda environment', terraform: 'resource "aws_lambda_function" "f" {\n  function_name = "api"\n  role          = "arn:aws:iam::123456789012:role/api"\n  runtime       = "python3.12"\n  handler       = "app.handler"\n  filename      = "app.zip"\n  environment {\n    variables = {\n      TEST_PATIENT_EMAIL = "jane.doe@gmail.com"\n      TEST_PATIENT_DOB   = "1984-03-12"\n    }\n  }\n}\n', findings: [{ line: 8, message: /date of birth/ }, { line: 8, message: /patient email address \(j\*\*\*@\*\*\*\.com/ }] },
    { name: 'MRN in provider default_tags', terraform: 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      mrn = "MRN-0048213"\n    }\n  }\n}\n', findings: [{ line: 4, message: /medical record number/ }] },
    { name: 'SSN in user data', terraform: 'resource "aws_instance" "i" {\n  ami           = "ami-12345678"\n  instance_type = "t3.micro"\n  user_data     = "#!/bin/bash\\necho 123-45-6789 > /tmp/seed\\n"\n}\n', findings: [{ line: 4, message: /user_data holds what looks like a US Social Security number/ }] },
  ],
});
