import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule, { DATA_STORES } from './phi-data-classification-tags.js';
import { defaultTagsReach } from '../../graph/default-tags.js';
import { runRuleOn, testRule } from '../../testing/rule-tester.js';
import type { AnyRule } from '../define-rule.js';

testRule(rule, {
  pass: [
    { name: 'tags from provider default_tags', terraform: 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = {\n      DataClassification = "internal"\n      Owner              = "platform"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "jobs"\n}\n' },
    // The awscc provider's tags are a list of { key, value } (CloudFormation's shape).
    { name: 'awscc bucket tagged as a list of key/value objects', terraform: 'resource "awscc_s3_bucket" "b" {\n  bucket_name = "example"\n  tags = [\n    { key = "data_classification", value = "phi" },\n    { key = "owner", value = "data" },\n  ]\n}\n' },
    { name: 'custom vocabulary', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "restricted"\n    owner               = "data"\n  }\n}\n', params: { allowedClassifications: ['restricted', 'open'] } },
  ],
  fail: [
    { name: 'classification outside the vocabulary', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "secret"\n    owner               = "data"\n  }\n}\n', findings: [{ line: 3, message: /"secret", not one of phi \| confidential/ }] },
    // At the argument's name: the finding is about a tag that is not there, and its fingerprint stays when other tags are edited.
    // Data stores that set no tags under a provider without default_tags: judged by type.
    { name: 'awscc bucket whose key/value tags lack the owner', terraform: 'resource "awscc_s3_bucket" "b" {\n  bucket_name = "example"\n  tags = [{ key = "data_classification", value = "phi" }]\n}\n', findings: [{ line: 3, message: /awscc_s3_bucket.b has no "owner" tag/ }] },
    { name: 'untagged awscc HealthLake datastore', terraform: 'resource "awscc_healthlake_fhir_datastore" "fhir" {\n  datastore_type_version = "R4"\n}\n', findings: [{ line: 1, message: /sets no "data_classification" or "owner" tag/ }] },
    { name: 'untagged Timestream table', terraform: 'resource "aws_timestreamwrite_table" "vitals" {\n  database_name = "vitals"\n  table_name    = "heart-rate"\n}\n', findings: [{ line: 1, message: /aws_timestreamwrite_table.vitals sets no "data_classification" or "owner" tag/ }] },
    { name: 'untagged Keyspaces table', terraform: 'resource "aws_keyspaces_table" "notes" {\n  keyspace_name = "clinic"\n  table_name    = "notes"\n\n  schema_definition {\n    column {\n      name = "id"\n      type = "text"\n    }\n\n    partition_key {\n      name = "id"\n    }\n  }\n}\n', findings: [{ line: 1 }] },
    { name: 'untagged OpenSearch Serverless collection', terraform: 'resource "aws_opensearchserverless_collection" "notes" {\n  name = "notes"\n}\n', findings: [{ line: 1 }] },
    { name: 'owner missing', terraform: 'resource "aws_db_instance" "db" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  tags = {\n    data_classification = "phi"\n  }\n}\n', findings: [{ line: 4, column: 3, endLine: 4, endColumn: 7, message: /no "owner" tag/ }] },
    // Tags set to null (kept among the null arguments) or empty: still at the argument's name.
    { name: 'tags = null: at the name', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags   = null\n}\n', findings: [{ line: 3, column: 3, endLine: 3, endColumn: 7, message: /has no "data_classification" or "owner" tag/ }] },
    { name: 'tags = {}: at the name', terraform: 'resource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags   = {}\n}\n', findings: [{ line: 3, column: 3, endLine: 3, endColumn: 7 }] },
    { name: 'tags merged from an empty variable: at the name', terraform: 'variable "t" {\n  default = {}\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags   = merge(var.t, {})\n}\n', findings: [{ line: 7, column: 3, endLine: 7, endColumn: 7 }] },
    { name: 'owner missing, JSON syntax: at the quoted name', terraform: { 'main.tf.json': '{\n  "resource": {\n    "aws_s3_bucket": {\n      "b": {\n        "bucket": "example",\n        "tags": { "data_classification": "phi" }\n      }\n    }\n  }\n}\n' }, findings: [{ line: 6, column: 9, endLine: 6, endColumn: 15, message: /no "owner" tag/ }] },
  ],
  unknown: [
    { name: 'owner from a variable without a value', terraform: 'variable "owner" {\n  type = string\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "example"\n  tags = {\n    data_classification = "phi"\n    owner               = var.owner\n  }\n}\n' },
    // awscc tags as a list of { key, value }: what of the list is known only at apply time leaves it open.
    { name: 'awscc tags whose list is known only at apply time', terraform: 'variable "t" {}\nresource "awscc_s3_bucket" "b" {\n  tags = var.t\n}\n' },
    { name: 'awscc tags with an element known only at apply time', terraform: 'variable "t" {}\nresource "awscc_s3_bucket" "b" {\n  tags = [{ key = "data_classification", value = "phi" }, var.t]\n}\n' },
    { name: 'awscc tags with the owner\'s value known only at apply time', terraform: 'variable "o" {}\nresource "awscc_s3_bucket" "b" {\n  tags = [{ key = "data_classification", value = "phi" }, { key = "owner", value = var.o }]\n}\n' },
    // It passed: the last "phi" was taken, where AWS refuses duplicate tag keys or keeps one.
    {
      name: 'awscc tags giving the classification twice, "bogus" then "phi"',
      terraform: 'resource "awscc_s3_bucket" "b" {\n  tags = [{ key = "data_classification", value = "bogus" }, { key = "data_classification", value = "phi" }, { key = "owner", value = "data" }]\n}\n',
    },
  ],
});

// The value a finding quotes comes from where it was set: the resource's own tag overrides the
// provider's default_tags, so the finding's history shows no default_tags line (it did: "value
// comes from here" at the default "phi"), and the key is named as written.
test('a classification the resource sets itself: the message names its key as written, the history leaves out default_tags', () => {
  const provider = 'provider "aws" {\n  default_tags {\n    tags = {\n      data-classification = "phi"\n      owner               = "platform"\n    }\n  }\n}\n';
  const own = `${provider}resource "aws_s3_bucket" "trail" {\n  bucket = "acme-cloudtrail"\n  tags = {\n    data-classification = "audit"\n  }\n}\n`;
  const json = { 'main.tf.json': JSON.stringify({ provider: { aws: [{ default_tags: [{ tags: { 'data-classification': 'phi', owner: 'platform' } }] }] }, resource: { aws_s3_bucket: { trail: { bucket: 'acme-cloudtrail', tags: { 'data-classification': 'audit' } } } } }, null, 2) };
  for (const terraform of [own, json]) {
    const [finding, ...rest] = runRuleOn(rule as unknown as AnyRule, terraform).findings.filter((f) => f.status === 'fail');
    assert.equal(rest.length, 0);
    assert.match(finding!.message, /sets data-classification to "audit"/);
    assert.deepEqual(finding!.related.map((r) => r.span.start.line), [], 'no default_tags line');
  }
  // From default_tags alone, the history points there.
  const inherited = runRuleOn(rule as unknown as AnyRule, `${provider.replace('"phi"', '"audit"')}resource "aws_s3_bucket" "trail" {\n  bucket = "acme-cloudtrail"\n  tags = {\n    name = "trail"\n  }\n}\n`).findings.filter((f) => f.status === 'fail');
  assert.deepEqual(inherited.map((f) => f.related.map((r) => r.span.start.line)), [[3]]);
});

// A type here that cannot carry tags would fail for a tag it cannot have; a name that is no type
// (aws_timestream_database was one) judges nothing.
test('every AWS data-store type takes tags', () => {
  const aws = [...DATA_STORES].filter((t) => t.startsWith('aws_'));
  assert.deepEqual(aws.filter((t) => !defaultTagsReach(t)), []);
  assert.ok(!DATA_STORES.has('aws_timestream_database'));
});

test('an awscc classification given twice with different values is unknown, and says why', () => {
  const terraform = 'resource "awscc_s3_bucket" "b" {\n  tags = [{ key = "data_classification", value = "bogus" }, { key = "data_classification", value = "phi" }, { key = "owner", value = "data" }]\n}\n';
  const findings = runRuleOn(rule as unknown as AnyRule, terraform).findings;
  assert.deepEqual(findings.map((f) => f.status), ['unknown']);
  assert.match(findings[0]!.message, /the tag is given more than once: "data_classification" with different values, and AWS either refuses duplicate tag keys or keeps one of them, so its value is not known/);
});
