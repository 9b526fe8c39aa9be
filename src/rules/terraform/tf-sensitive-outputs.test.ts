import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule, { secretReference } from './tf-sensitive-outputs.js';
import { testRule } from '../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'non-secret attributes', terraform: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n\noutput "endpoint" {\n  value = aws_db_instance.db.endpoint\n}\n' },
    { name: 'sensitive access key secret', terraform: 'resource "aws_iam_access_key" "k" {\n  user = "ci"\n}\n\noutput "secret" {\n  value     = aws_iam_access_key.k.secret\n  sensitive = true\n}\n' },
  ],
  fail: [
    { name: 'database password', terraform: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n\noutput "db" {\n  value = "${aws_db_instance.db.username}:${aws_db_instance.db.password}"\n}\n', findings: [{ line: 6, message: /aws_db_instance.db.password/ }] },
    { name: 'private key', terraform: 'resource "tls_private_key" "k" {\n  algorithm = "RSA"\n}\n\noutput "key" {\n  value = tls_private_key.k.private_key_pem\n}\n', findings: [{ line: 5, message: /tls_private_key.k.private_key_pem/ }] },
    // Terraform prints an output unmasked with nonsensitive() in clear text: the usual way a secret leaks into outputs.
    { name: 'a sensitive variable unmasked with nonsensitive()', terraform: 'variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\noutput "dsn" {\n  value = "postgres://app:${nonsensitive(var.db_password)}@db"\n}\n', findings: [{ line: 6, message: /derived from a sensitive variable but is not marked sensitive/ }] },
    { name: 'PHI in an output even when sensitive', terraform: 'output "test_patient_ssn" {\n  value     = "219-45-6789"\n  sensitive = true\n}\n', findings: [{ line: 2, message: /Social Security number \(\*\*\*-\*\*-6789/ }] },
  ],
});

test('secretReference reads the first three parts of a reference, indexes stripped', () => {
  assert.equal(secretReference('aws_db_instance.db[0].password'), 'aws_db_instance.db.password');
  assert.equal(secretReference('aws_db_instance.db["a"].password.extra.more'), 'aws_db_instance.db.password');
  assert.equal(secretReference('module.db.db_password.value'), 'module output module.db.db_password');
  assert.equal(secretReference('module.db'), undefined);
  assert.equal(secretReference('aws_iam_access_key.k.secret'), 'aws_iam_access_key.k.secret');
  assert.equal(secretReference('var.password'), undefined);
  assert.equal(secretReference('aws_db_instance.db.endpoint'), undefined);
});
