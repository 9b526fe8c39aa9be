// Table tests for every operator and combinator of custom policies: each row is a policy condition
// and a Terraform snippet, run through the real parser, evaluator and engine, and the outcome
// expected (pass, fail, unknown when a value is known only at apply time, none when not applicable).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePolicy } from './compile.js';
import { parsePolicy } from './parse-policy.js';
import { runExample } from './policy-test.js';

type Status = 'pass' | 'fail' | 'unknown' | 'none';

function policyYaml(definition: string): string {
  return `metadata:\n  id: acme-test-policy\n  name: Test policy\ndefinition:\n${definition.replace(/^/gm, '  ')}\n`;
}

function outcome(definition: string, terraform: string): { status: Status; messages: string[]; lines: number[] } {
  const parsed = parsePolicy(policyYaml(definition), 'policy.yaml');
  assert.deepEqual(parsed.errors.map((e) => e.message), [], 'the policy parses');
  const run = runExample(compilePolicy(parsed.policy!), terraform);
  assert.deepEqual(run.errors, [], 'the Terraform evaluates');
  const statuses = new Set(run.findings.map((f) => f.status));
  assert.ok(statuses.size <= 1, `one outcome per snippet, got ${[...statuses].join(', ')}`);
  return { status: (run.findings[0]?.status as Status | undefined) ?? 'none', messages: run.findings.map((f) => f.message), lines: run.findings.map((f) => f.span.start.line) };
}

const attribute = (operator: string, value?: string, path = 'acl', types = '[aws_s3_bucket]'): string =>
  `cond_type: attribute\nresource_types: ${types}\nattribute: ${path}\noperator: ${operator}${value === undefined ? '' : `\nvalue: ${value}`}`;

const bucket = (body: string, prelude = ''): string => `${prelude}resource "aws_s3_bucket" "b" {\n  bucket = "phi"\n${body}}\n`;
const UNKNOWN = 'variable "v" {}\n';
const CORS_UNKNOWN = '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = var.v\n  }\n';

interface Row {
  readonly operator: string;
  readonly value?: string;
  readonly path?: string;
  readonly pass: string;
  readonly fail: string;
  /** Outcome when the attribute is not set at all. */
  readonly missing: Status;
  /** The attribute's body when its value is known only at apply time (default `<path> = var.v`). */
  readonly unknown?: string;
  readonly unknownStatus?: Status;
}

const rows: readonly Row[] = [
  { operator: 'equals', value: 'private', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'fail' },
  { operator: 'not_equals', value: 'public-read', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'pass' },
  { operator: 'equals_ignore_case', value: 'PRIVATE', pass: '  acl = "private"\n', fail: '  acl = "public"\n', missing: 'fail' },
  { operator: 'not_equals_ignore_case', value: 'PUBLIC-READ', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'pass' },
  { operator: 'exists', path: 'tags.owner', pass: '  tags = { owner = "team" }\n', fail: '  tags = { env = "prod" }\n', missing: 'fail', unknown: '  tags = var.v\n' },
  { operator: 'not_exists', path: 'tags.legacy', pass: '  tags = { owner = "team" }\n', fail: '  tags = { legacy = "yes" }\n', missing: 'pass', unknown: '  tags = var.v\n' },
  { operator: 'contains', value: 'read', pass: '  acl = "public-read"\n', fail: '  acl = "private"\n', missing: 'fail' },
  { operator: 'not_contains', value: 'public', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'pass' },
  { operator: 'starting_with', value: 'pri', pass: '  acl = "private"\n', fail: '  acl = "public"\n', missing: 'fail' },
  { operator: 'not_starting_with', value: 'pub', pass: '  acl = "private"\n', fail: '  acl = "public"\n', missing: 'pass' },
  { operator: 'ending_with', value: 'vate', pass: '  acl = "private"\n', fail: '  acl = "public"\n', missing: 'fail' },
  { operator: 'not_ending_with', value: 'read', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'pass' },
  { operator: 'regex_match', value: '"pri[a-z]+"', pass: '  acl = "private"\n', fail: '  acl = "x-private"\n', missing: 'fail' },
  { operator: 'not_regex_match', value: '"public.*"', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'pass' },
  { operator: 'greater_than', value: '30', path: 'tags.days', pass: '  tags = { days = "90" }\n', fail: '  tags = { days = "7" }\n', missing: 'fail', unknown: '  tags = { days = var.v }\n' },
  { operator: 'greater_than_or_equal', value: '30', path: 'tags.days', pass: '  tags = { days = "30" }\n', fail: '  tags = { days = "29" }\n', missing: 'fail', unknown: '  tags = { days = var.v }\n' },
  { operator: 'less_than', value: '30', path: 'tags.days', pass: '  tags = { days = "7" }\n', fail: '  tags = { days = "30" }\n', missing: 'fail', unknown: '  tags = { days = var.v }\n' },
  { operator: 'less_than_or_equal', value: '30', path: 'tags.days', pass: '  tags = { days = "30" }\n', fail: '  tags = { days = "31" }\n', missing: 'fail', unknown: '  tags = { days = var.v }\n' },
  { operator: 'within', value: '[private, log-delivery-write]', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'fail' },
  { operator: 'not_within', value: '[public-read, public-read-write]', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'pass' },
  { operator: 'subset', value: '[GET, HEAD]', path: 'cors_rule.*.allowed_methods', pass: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["GET"]\n  }\n', fail: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["GET", "PUT"]\n  }\n', missing: 'fail', unknown: CORS_UNKNOWN },
  { operator: 'not_subset', value: '[GET, HEAD]', path: 'cors_rule.*.allowed_methods', pass: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["PUT"]\n  }\n', fail: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["HEAD"]\n  }\n', missing: 'pass', unknown: CORS_UNKNOWN },
  { operator: 'intersects', value: '[PUT, DELETE]', path: 'cors_rule.*.allowed_methods', pass: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["GET", "PUT"]\n  }\n', fail: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["GET"]\n  }\n', missing: 'fail', unknown: CORS_UNKNOWN },
  { operator: 'not_intersects', value: '[PUT, DELETE]', path: 'cors_rule.*.allowed_methods', pass: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["GET"]\n  }\n', fail: '  cors_rule {\n    allowed_origins = ["*"]\n    allowed_methods = ["GET", "DELETE"]\n  }\n', missing: 'pass', unknown: CORS_UNKNOWN },
  { operator: 'is_empty', path: 'tags', pass: '  tags = {}\n', fail: '  tags = { a = "b" }\n', missing: 'fail' },
  { operator: 'is_not_empty', path: 'tags', pass: '  tags = { a = "b" }\n', fail: '  tags = {}\n', missing: 'pass' },
  { operator: 'is_true', path: 'force_destroy', pass: '  force_destroy = true\n', fail: '  force_destroy = false\n', missing: 'fail' },
  { operator: 'is_false', path: 'force_destroy', pass: '  force_destroy = false\n', fail: '  force_destroy = true\n', missing: 'fail' },
  { operator: 'length_equals', value: '2', path: 'tags', pass: '  tags = { a = "1", b = "2" }\n', fail: '  tags = { a = "1" }\n', missing: 'fail' },
  { operator: 'length_not_equals', value: '2', path: 'tags', pass: '  tags = { a = "1" }\n', fail: '  tags = { a = "1", b = "2" }\n', missing: 'pass' },
  { operator: 'length_greater_than', value: '1', path: 'tags', pass: '  tags = { a = "1", b = "2" }\n', fail: '  tags = { a = "1" }\n', missing: 'fail' },
  { operator: 'length_greater_than_or_equal', value: '1', path: 'tags', pass: '  tags = { a = "1" }\n', fail: '  tags = {}\n', missing: 'fail' },
  { operator: 'length_less_than', value: '2', path: 'tags', pass: '  tags = { a = "1" }\n', fail: '  tags = { a = "1", b = "2" }\n', missing: 'fail' },
  { operator: 'length_less_than_or_equal', value: '1', path: 'tags', pass: '  tags = { a = "1" }\n', fail: '  tags = { a = "1", b = "2" }\n', missing: 'fail' },
  { operator: 'jsonpath_equals', value: 'private', path: '$.acl', pass: '  acl = "private"\n', fail: '  acl = "public-read"\n', missing: 'fail' },
  { operator: 'jsonpath_exists', path: "$.tags['owner']", pass: '  tags = { owner = "a" }\n', fail: '  tags = {}\n', missing: 'fail', unknown: '  tags = var.v\n' },
];

describe('custom policy operators', () => {
  for (const row of rows) {
    const path = row.path ?? 'acl';
    const condition = attribute(row.operator, row.value, JSON.stringify(path));
    test(`${row.operator}: good passes, bad fails, missing ${row.missing}, apply-time value unknown`, () => {
      assert.equal(outcome(condition, bucket(row.pass)).status, 'pass', 'good');
      const bad = outcome(condition, bucket(row.fail));
      assert.equal(bad.status, 'fail', 'bad');
      assert.match(bad.messages[0]!, /^aws_s3_bucket\.b breaks "Test policy": /);
      assert.equal(outcome(condition, bucket('')).status, row.missing, 'missing attribute');
      const unknownBody = row.unknown ?? `  ${path.replace(/^\$\./, '')} = var.v\n`;
      assert.equal(outcome(condition, bucket(unknownBody, UNKNOWN)).status, row.unknownStatus ?? 'unknown', 'apply-time value');
    });
  }

  // The Cloud Control provider (awscc) takes tags as a list of { key, value }: a key under tags is read from it as from a map.
  test('tags.<key> on an awscc resource reads its list of { key, value } tags', () => {
    const condition = attribute('equals', 'team', 'tags.owner', '[awscc_s3_bucket]');
    const awscc = (tags: string, prelude = ''): string => `${prelude}resource "awscc_s3_bucket" "b" {\n  tags = ${tags}\n}\n`;
    assert.equal(outcome(condition, awscc('[{ key = "owner", value = "team" }]')).status, 'pass');
    assert.equal(outcome(condition, awscc('[{ key = "owner", value = "ops" }]')).status, 'fail');
    assert.equal(outcome(condition, awscc('[{ key = "owner", value = var.v }]', UNKNOWN)).status, 'unknown', 'a value known only at apply time');
    assert.equal(outcome(condition, awscc('[var.v]', UNKNOWN)).status, 'unknown', 'an element known only at apply time');
    assert.equal(outcome(condition, awscc('[{ key = "owner", value = "team" }, { key = "owner", value = "ops" }]')).status, 'unknown', 'a key given twice with different values');
  });

  test('every operator the parser accepts has a row', () => {
    const tested = new Set(rows.map((r) => r.operator.replace(/^jsonpath_/, '')));
    for (const op of ['equals', 'not_equals', 'exists', 'not_exists', 'contains', 'not_contains', 'starting_with', 'ending_with', 'regex_match', 'greater_than', 'less_than', 'within', 'subset']) {
      assert.ok(tested.has(op), op);
    }
  });

  test('exists on an attribute whose own value is known only at apply time passes: it is set', () => {
    assert.equal(outcome(attribute('exists', undefined, 'tags.owner'), bucket('  tags = { owner = var.v }\n', UNKNOWN)).status, 'pass');
  });

  test('a failure points at the attribute; a missing attribute points at the resource block', () => {
    assert.deepEqual(outcome(attribute('equals', 'private'), bucket('  acl = "public-read"\n')).lines, [3]);
    const missing = outcome(attribute('exists', undefined, 'tags.owner'), bucket(''));
    assert.deepEqual(missing.lines, [1]);
    assert.match(missing.messages[0]!, /tags\.owner must exist, but it is not set\.$/);
  });

  test('values are never quoted from the resource in messages (they may be secrets)', () => {
    const run = outcome(attribute('not_equals', 'x', 'tags.secret'), bucket('  tags = { secret = "x" }\n'));
    assert.equal(run.status, 'fail');
    assert.equal(run.messages.length, 1);
    assert.doesNotMatch(run.messages[0]!.replace('"x"', ''), /\bx\b/);
  });
});

describe('wildcards and nested blocks', () => {
  const sg = (rules: string): string => `resource "aws_security_group" "g" {\n  name = "g"\n${rules}}\n`;
  const ingress = (cidr: string): string => `  ingress {\n    from_port   = 443\n    to_port     = 443\n    protocol    = "tcp"\n    cidr_blocks = ["${cidr}"]\n  }\n`;
  const types = '[aws_security_group]';

  test('`*` matches any element: a positive operator passes when one element satisfies it', () => {
    const c = attribute('contains', '10.0.0.0/8', 'ingress.*.cidr_blocks', types);
    assert.equal(outcome(c, sg(ingress('0.0.0.0/0') + ingress('10.0.0.0/8'))).status, 'pass');
    assert.equal(outcome(c, sg(ingress('0.0.0.0/0'))).status, 'fail');
  });

  test('a negative operator holds only when no element satisfies the positive one, and points at the offender', () => {
    const c = attribute('not_contains', '0.0.0.0/0', 'ingress.*.cidr_blocks', types);
    assert.equal(outcome(c, sg(ingress('10.0.0.0/8') + ingress('10.1.0.0/16'))).status, 'pass');
    const bad = outcome(c, sg(ingress('10.0.0.0/8') + ingress('0.0.0.0/0')));
    assert.equal(bad.status, 'fail');
    assert.deepEqual(bad.lines, [13]);
  });

  test('numeric indexes and implicit fan-out over blocks', () => {
    assert.equal(outcome(attribute('equals', '443', 'ingress.0.from_port', types), sg(ingress('10.0.0.0/8'))).status, 'pass');
    assert.equal(outcome(attribute('equals', '443', 'ingress.from_port', types), sg(ingress('10.0.0.0/8'))).status, 'pass');
    assert.equal(outcome(attribute('exists', undefined, 'ingress.1.from_port', types), sg(ingress('10.0.0.0/8'))).status, 'fail');
  });

  test('an element known only at apply time makes a wildcard check unknown unless a known one decides it', () => {
    const c = attribute('not_contains', '0.0.0.0/0', 'ingress.*.cidr_blocks', types);
    assert.equal(outcome(c, UNKNOWN + sg(ingress('10.0.0.0/8').replace('["10.0.0.0/8"]', 'var.v'))).status, 'unknown');
    assert.equal(outcome(c, UNKNOWN + sg(ingress('0.0.0.0/0') + ingress('x').replace('["x"]', 'var.v'))).status, 'fail');
  });

  test('JSON strings (policy documents) are looked into', () => {
    const doc = `resource "aws_iam_policy" "p" {\n  policy = jsonencode({ Statement = [{ Effect = "Allow", Action = "*" }] })\n}\n`;
    const c = attribute('not_equals', '"*"', 'policy.Statement.*.Action', '[aws_iam_policy]');
    assert.equal(outcome(c, doc).status, 'fail');
    assert.equal(outcome(c, doc.replace('"*"', '"s3:GetObject"')).status, 'pass');
  });

  test('tags include the provider default_tags', () => {
    const c = attribute('exists', undefined, 'tags.owner');
    const tf = `provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = { owner = "platform" }\n  }\n}\n${bucket('')}`;
    assert.equal(outcome(c, tf).status, 'pass');
  });

  test('provider.region is the region of the provider configuration the resource uses', () => {
    const c = attribute('within', '[us-east-1, us-west-2]', 'provider.region', 'all');
    const tf = (region: string): string => `provider "aws" {\n  region = "${region}"\n}\n${bucket('')}`;
    assert.equal(outcome(c, tf('us-east-1')).status, 'pass');
    assert.equal(outcome(c, tf('eu-west-1')).status, 'fail');
    assert.equal(outcome(c, `${UNKNOWN}provider "aws" {\n  region = var.v\n}\n${bucket('')}`).status, 'unknown');
    assert.equal(outcome(c, bucket('')).status, 'unknown', 'no region in the code: AWS_REGION decides when Terraform runs');
  });

  test('provider.region is a resource\'s own region argument when it sets one (AWS provider v6)', () => {
    const c = attribute('within', '[us-east-1, us-west-2]', 'provider.region', 'all');
    const tf = (own: string): string => `provider "aws" {\n  region = "us-east-1"\n}\n${bucket(`  region = ${own}\n`)}`;
    assert.equal(outcome(c, tf('"eu-west-1"')).status, 'fail', 'the bucket is in eu-west-1 whatever its provider says');
    assert.equal(outcome(c, tf('"us-west-2"')).status, 'pass');
    assert.equal(outcome(c, `${UNKNOWN}${tf('var.v')}`).status, 'unknown', 'its own region known only at apply time, not the provider\'s');
    assert.equal(outcome(c, tf('null')).status, 'pass', 'region = null leaves the provider\'s region');
  });

  test('resource_types: all applies to every managed resource; other types are not judged', () => {
    const tf = `${bucket('  tags = { owner = "a" }\n')}resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n`;
    const parsed = parsePolicy(policyYaml(attribute('exists', undefined, 'tags.owner', 'all')), 'p.yaml');
    const run = runExample(compilePolicy(parsed.policy!), tf);
    assert.deepEqual(run.findings.map((f) => `${f.resource.address} ${f.status}`).sort(), ['aws_s3_bucket.b pass', 'aws_sqs_queue.q fail']);
    assert.equal(outcome(attribute('exists', undefined, 'name', '[aws_sqs_queue]'), bucket('')).status, 'none');
  });
});

describe('combinators, connections and filters', () => {
  const owner = attribute('exists', undefined, 'tags.owner');
  const privateAcl = attribute('equals', 'private');
  const list = (items: string[]): string => items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n');

  const table: readonly { name: string; definition: string; terraform: string; expected: Status }[] = [
    { name: 'and: both hold', definition: `and:\n${list([owner, privateAcl]).replace(/^/gm, '  ')}`, terraform: bucket('  acl = "private"\n  tags = { owner = "a" }\n'), expected: 'pass' },
    { name: 'and: one fails', definition: `and:\n${list([owner, privateAcl]).replace(/^/gm, '  ')}`, terraform: bucket('  acl = "public-read"\n  tags = { owner = "a" }\n'), expected: 'fail' },
    { name: 'and: one unknown, none failing', definition: `and:\n${list([owner, privateAcl]).replace(/^/gm, '  ')}`, terraform: bucket('  acl = var.v\n  tags = { owner = "a" }\n', UNKNOWN), expected: 'unknown' },
    { name: 'and: a failure decides even beside an unknown', definition: `and:\n${list([owner, privateAcl]).replace(/^/gm, '  ')}`, terraform: bucket('  acl = var.v\n', UNKNOWN), expected: 'fail' },
    { name: 'or: one holds', definition: `or:\n${list([owner, privateAcl]).replace(/^/gm, '  ')}`, terraform: bucket('  acl = "private"\n'), expected: 'pass' },
    { name: 'or: none holds', definition: `or:\n${list([owner, privateAcl]).replace(/^/gm, '  ')}`, terraform: bucket('  acl = "public-read"\n'), expected: 'fail' },
    { name: 'or: unknown when nothing holds and one is unknown', definition: `or:\n${list([owner, privateAcl]).replace(/^/gm, '  ')}`, terraform: bucket('  acl = var.v\n', UNKNOWN), expected: 'unknown' },
    { name: 'not: negates a pass', definition: `not:\n${privateAcl.replace(/^/gm, '  ')}`, terraform: bucket('  acl = "private"\n'), expected: 'fail' },
    { name: 'not: negates a fail', definition: `not:\n${privateAcl.replace(/^/gm, '  ')}`, terraform: bucket('  acl = "public-read"\n'), expected: 'pass' },
    { name: 'not: keeps unknown', definition: `not:\n${privateAcl.replace(/^/gm, '  ')}`, terraform: bucket('  acl = var.v\n', UNKNOWN), expected: 'unknown' },
  ];
  for (const row of table) test(row.name, () => assert.equal(outcome(row.definition, row.terraform).status, row.expected));

  const connection = (operator: string): string => `cond_type: connection\nresource_types: [aws_s3_bucket]\nconnected_resource_types: [aws_s3_bucket_public_access_block]\noperator: ${operator}`;
  const pab = 'resource "aws_s3_bucket_public_access_block" "p" {\n  bucket = aws_s3_bucket.b.id\n  block_public_acls = true\n}\n';

  test('connection exists: a resource referencing the bucket connects it', () => {
    assert.equal(outcome(connection('exists'), bucket('') + pab).status, 'pass');
    assert.equal(outcome(connection('exists'), bucket('')).status, 'fail');
  });

  test('connection not_exists is the opposite', () => {
    assert.equal(outcome(connection('not_exists'), bucket('') + pab).status, 'fail');
    assert.equal(outcome(connection('not_exists'), bucket('')).status, 'pass');
  });

  test('a filter restricts the resource types judged (Checkov shape)', () => {
    const definition = `and:\n${list([`cond_type: filter\nattribute: resource_type\noperator: within\nvalue: [aws_s3_bucket]`, attribute('exists', undefined, 'tags.owner', 'all')]).replace(/^/gm, '  ')}`;
    const tf = `${bucket('')}resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n`;
    const parsed = parsePolicy(policyYaml(definition), 'p.yaml');
    const run = runExample(compilePolicy(parsed.policy!), tf);
    assert.deepEqual(run.findings.map((f) => `${f.resource.address} ${f.status}`), ['aws_s3_bucket.b fail']);
  });

  test('an and over two resource types judges each resource by the blocks about its type', () => {
    const definition = `and:\n${list([owner, attribute('exists', undefined, 'name', '[aws_sqs_queue]')]).replace(/^/gm, '  ')}`;
    const tf = `${bucket('  tags = { owner = "a" }\n')}resource "aws_sqs_queue" "q" {\n  fifo_queue = true\n}\n`;
    const parsed = parsePolicy(policyYaml(definition), 'p.yaml');
    const run = runExample(compilePolicy(parsed.policy!), tf);
    assert.deepEqual(run.findings.map((f) => `${f.resource.address} ${f.status}`), ['aws_s3_bucket.b pass', 'aws_sqs_queue.q fail']);
  });
});

describe('negation, brackets and partly unknown lists', () => {
  const sg = (cidrs: string, prelude = ''): string => `${prelude}resource "aws_security_group" "g" {\n  name = "g"\n  egress {\n    from_port   = 0\n    to_port     = 0\n    protocol    = "-1"\n    cidr_blocks = ${cidrs}\n  }\n}\n`;
  const types = '[aws_security_group]';

  test('jsonpath_not_<op> requires every match to satisfy not_<op>: one world-open CIDR among approved ones fails', () => {
    for (const [operator, value] of [['jsonpath_not_equals', '0.0.0.0/0'], ['jsonpath_not_within', '[0.0.0.0/0]']] as const) {
      const c = attribute(operator, value, '"egress[*].cidr_blocks[*]"', types);
      assert.equal(outcome(c, sg('["10.0.0.0/8", "0.0.0.0/0"]')).status, 'fail', `${operator}: mixed`);
      assert.equal(outcome(c, sg('["0.0.0.0/0"]')).status, 'fail', `${operator}: only the world`);
      assert.equal(outcome(c, sg('["10.0.0.0/8", "10.1.0.0/16"]')).status, 'pass', `${operator}: approved only`);
      assert.equal(outcome(c, sg('[var.v, "10.0.0.0/8"]', UNKNOWN)).status, 'unknown', `${operator}: one unknown`);
      assert.equal(outcome(c, sg('[var.v, "0.0.0.0/0"]', UNKNOWN)).status, 'fail', `${operator}: the known one decides`);
    }
  });

  test('bracket indexes in a plain path are read like dots, not as a name that matches nothing', () => {
    for (const path of ['egress[*].cidr_blocks', 'egress[0].cidr_blocks', '$.egress[*].cidr_blocks']) {
      const c = attribute('not_contains', '0.0.0.0/0', JSON.stringify(path), types);
      assert.equal(outcome(c, sg('["10.0.0.0/8", "0.0.0.0/0"]')).status, 'fail', path);
      assert.equal(outcome(c, sg('["10.0.0.0/8"]')).status, 'pass', path);
    }
  });

  test('within / subset: a known element outside the values fails even beside an unknown one', () => {
    for (const operator of ['within', 'subset']) {
      const c = attribute(operator, '[10.0.0.0/8]', 'egress.*.cidr_blocks', types);
      assert.equal(outcome(c, sg('[var.v, "0.0.0.0/0"]', UNKNOWN)).status, 'fail', operator);
      assert.equal(outcome(c, sg('[var.v, "10.0.0.0/8"]', UNKNOWN)).status, 'unknown', operator);
    }
    assert.equal(outcome(attribute('not_subset', '[10.0.0.0/8]', 'egress.*.cidr_blocks', types), sg('[var.v, "0.0.0.0/0"]', UNKNOWN)).status, 'pass');
  });

  test('not over a filter selects the types the filter leaves out', () => {
    const list = (items: string[]): string => items.map((i) => `- ${i.replace(/\n/g, '\n  ')}`).join('\n');
    const filter = 'not:\n  cond_type: filter\n  attribute: resource_type\n  operator: within\n  value: [aws_s3_bucket]';
    const definition = `and:\n${list([filter, attribute('exists', undefined, 'tags.owner', 'all')]).replace(/^/gm, '  ')}`;
    const tf = `${bucket('')}resource "aws_sqs_queue" "q" {\n  name = "q"\n}\nresource "aws_sqs_queue" "r" {\n  name = "r"\n  tags = { owner = "a" }\n}\n`;
    const parsed = parsePolicy(policyYaml(definition), 'p.yaml');
    assert.deepEqual(parsed.errors, []);
    const run = runExample(compilePolicy(parsed.policy!), tf);
    assert.deepEqual(run.findings.map((f) => `${f.resource.address} ${f.status}`).sort(), ['aws_sqs_queue.q fail', 'aws_sqs_queue.r pass']);
  });
});

test('a policy failure shows where the offending value came from (a variable default, a tfvars line), as the built-in rules do', () => {
  const parsed = parsePolicy(policyYaml(attribute('within', '[private, log-delivery-write]')), 'policy.yaml');
  const rule = compilePolicy(parsed.policy!);
  const terraform = 'variable "acl" {\n  default = "public-read"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "phi"\n  acl    = var.acl\n}\n';
  const { findings } = runExample(rule, terraform);
  assert.deepEqual(findings.map((f) => f.status), ['fail']);
  assert.equal(findings[0]!.span.start.line, 6, 'at the argument');
  assert.deepEqual(findings[0]!.related.map((r) => [r.span.start.line, r.message]), [[2, 'value comes from here']], 'and the default it came from');
  // A literal has nowhere else to come from.
  assert.deepEqual(runExample(rule, bucket('  acl = "public-read"\n')).findings[0]!.related, []);
});

test('regex_match runs in bounded time: runaway backtracking is linear, or undecided, never a hang', () => {
  // A policy may come from the scanned repository's config; its patterns were compiled with the u
  // flag, which V8's linear engine does not take, so `(a+)+$` on a long value hung the scan.
  const long = `${'a'.repeat(5000)}!`;
  const started = Date.now();
  assert.equal(outcome(attribute('regex_match', '"(a+)+$"'), bucket(`  acl = "${long}"\n`)).status, 'fail', 'the same answer, in linear time');
  assert.equal(outcome(attribute('not_regex_match', '"(a+)+$"'), bucket(`  acl = "${long}"\n`)).status, 'pass');
  // Needing the u flag (an emoji in the value), or (?i): run on the worker, stopped: undecided.
  assert.equal(outcome(attribute('regex_match', '"(a+)+$"'), bucket(`  acl = "${long}😀"\n`)).status, 'unknown');
  assert.equal(outcome(attribute('regex_match', '"(?i)(a+)+$"'), bucket(`  acl = "${long}"\n`)).status, 'unknown');
  assert.ok(Date.now() - started < 10_000, `${Date.now() - started} ms`);
  // Ordinary patterns of either kind still match as before.
  assert.equal(outcome(attribute('regex_match', '"(?i)PRI"'), bucket('  acl = "private"\n')).status, 'pass');
  assert.equal(outcome(attribute('regex_match', '"\\\\p{L}+-😀"'), bucket('  acl = "héllo-😀"\n')).status, 'pass');
});
