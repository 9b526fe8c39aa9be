// Policy files: Checkov's custom policy shape runs unchanged, and every mistake is reported with
// file:line:col and the key path, next to the accepted values.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { compilePolicy } from './compile.js';
import { parsePolicy, pythonRegex } from './parse-policy.js';
import { runExample } from './policy-test.js';

// The shape of Checkov's documented composite example: metadata with name/category/guideline/
// severity in capitals, a scope, nested and/or, a connection block and a filter.
const CHECKOV_STYLE = `---
metadata:
  name: "Ensure buckets have an owner tag and versioning, and load balancers a security group"
  id: "CKV2_ACME_1"
  category: "BACKUP_AND_RECOVERY"
  guideline: "https://example.com/guidelines/ckv2_acme_1"
  severity: "HIGH"
scope:
  provider: aws
definition:
  or:
    - and:
      - cond_type: "attribute"
        resource_types:
          - "aws_s3_bucket"
        attribute: "tags.owner"
        operator: "exists"
      - cond_type: "attribute"
        resource_types: ["aws_s3_bucket"]
        attribute: "versioning.enabled"
        operator: "equals"
        value: true
    - and:
      - cond_type: "connection"
        resource_types: ["aws_elb"]
        connected_resource_types: ["aws_security_group"]
        operator: "exists"
      - cond_type: "filter"
        attribute: "resource_type"
        value: ["aws_elb"]
        operator: "within"
`;

function errorsOf(yaml: string): string[] {
  return parsePolicy(yaml, 'policies/p.yaml').errors.map((e) => `${e.span!.file}:${e.span!.start.line}:${e.span!.start.column} ${e.message}`);
}

describe('Checkov regular expressions (Python re.match)', () => {
  test('escapes Python accepts and leading inline flags compile; anchored at the start only', () => {
    const cases: readonly [string, string, boolean][] = [
      ['phi\\-[a-z]+', 'phi-data', true],
      ['arn\\:aws\\:kms\\:', 'arn:aws:kms:us-east-1', true],
      ['(?i)phi-', 'PHI-data', true],
      ['(?i)phi-', 'x-phi-', false],
      ['phi-[a-z]+', 'phi-data.evil', true],
      ['phi-[a-z]+$', 'phi-data.evil', false],
    ];
    for (const [source, text, matches] of cases) {
      const compiled = pythonRegex(source);
      assert.ok(compiled instanceof RegExp, `${source}: ${String(compiled)}`);
      assert.equal(compiled.test(text), matches, `${source} on ${text}`);
    }
    assert.equal(typeof pythonRegex('('), 'string');
  });
});

describe('policy files', () => {
  test('a Checkov-style custom policy runs unchanged: name → title, severity HIGH → high, category → controls, guideline → link', () => {
    const parsed = parsePolicy(CHECKOV_STYLE, 'p.yaml');
    assert.deepEqual(parsed.errors, []);
    const policy = parsed.policy!;
    assert.equal(policy.id, 'CKV2_ACME_1');
    assert.equal(policy.title, 'Ensure buckets have an owner tag and versioning, and load balancers a security group');
    assert.equal(policy.severity, 'high');
    assert.equal(policy.category, 'BACKUP_AND_RECOVERY');
    assert.deepEqual(policy.controls, ['164.308(a)(7)(ii)(A)']);
    assert.deepEqual(policy.links, ['https://example.com/guidelines/ckv2_acme_1']);
    const rule = compilePolicy(policy);
    assert.deepEqual(rule.references.checkov, ['CKV2_ACME_1'], 'checkov:skip=CKV2_ACME_1 comments suppress it');
    const good = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  tags = { owner = "data-team" }\n  versioning {\n    enabled = true\n  }\n}\n';
    assert.deepEqual(runExample(rule, good).findings.map((f) => f.status), ['pass']);
    const bad = 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  tags = { owner = "data-team" }\n}\n';
    assert.deepEqual(runExample(rule, bad).findings.map((f) => f.status), ['fail']);
    const elb = 'resource "aws_security_group" "sg" {\n  name = "sg"\n}\nresource "aws_elb" "lb" {\n  name = "lb"\n  security_groups = [aws_security_group.sg.id]\n  listener {\n    instance_port = 80\n    instance_protocol = "http"\n    lb_port = 80\n    lb_protocol = "http"\n  }\n}\n';
    assert.deepEqual(runExample(rule, elb).findings.map((f) => `${f.resource.address} ${f.status}`), ['aws_elb.lb pass']);
  });

  test('Checkov\'s basic shapes: resource_types all with a tag, and the module pseudo-type', () => {
    const allTagged = parsePolicy('---\nmetadata:\n  name: "Check that all resources are tagged with the key - env"\n  id: "CKV2_ACME_2"\n  category: "GENERAL_SECURITY"\nscope:\n  provider: aws\ndefinition:\n  cond_type: "attribute"\n  resource_types: "all"\n  attribute: "tags.env"\n  operator: "exists"\n', 'p.yaml');
    assert.deepEqual(allTagged.errors, []);
    const tf = 'resource "aws_s3_bucket" "a" {\n  bucket = "a"\n  tags = { env = "prod" }\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
    assert.deepEqual(runExample(compilePolicy(allTagged.policy!), tf).findings.map((f) => `${f.resource.address} ${f.status}`), ['aws_s3_bucket.a pass', 'aws_sqs_queue.q fail']);

    const modules = parsePolicy('metadata:\n  name: "Ensure all modules are using the official AWS ones"\n  id: "CKV2_ACME_3"\n  category: "SUPPLY_CHAIN"\ndefinition:\n  cond_type: attribute\n  resource_types:\n    - module\n  attribute: source\n  operator: starting_with\n  value: terraform-aws-modules/\n', 'p.yaml');
    assert.deepEqual(modules.errors, []);
    const calls = 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "5.0.0"\n}\n\nmodule "db" {\n  source  = "someone/rds/aws"\n  version = "1.0.0"\n}\n';
    const run = runExample(compilePolicy(modules.policy!), calls);
    assert.deepEqual(run.findings.map((f) => `${f.resource.address} ${f.status} ${f.span.start.line}`), ['module.vpc pass 1', 'module.db fail 7']);
  });

  test('Safeguard metadata: title, controls, why, how_to_fix, links; examples', () => {
    const parsed = parsePolicy(
      `metadata:\n  id: acme-kms\n  title: Keys from the allow-list\n  severity: critical\n  controls: ["164.312(a)(2)(iv)"]\n  why: Because.\n  how_to_fix: Use an approved key.\n  links: [https://example.com]\ndefinition:\n  cond_type: attribute\n  resource_types: [aws_ebs_volume]\n  attribute: kms_key_id\n  operator: within\n  value: [arn:a]\nexamples:\n  good: ['resource "aws_ebs_volume" "v" {\\n  kms_key_id = "arn:a"\\n}\\n']\n  bad: ['resource "aws_ebs_volume" "v" {\\n}\\n']\n`,
      'p.yaml',
    );
    assert.deepEqual(parsed.errors, []);
    assert.deepEqual(parsed.policy!.controls, ['164.312(a)(2)(iv)']);
    assert.equal(parsed.policy!.severity, 'critical');
    assert.equal(parsed.policy!.why, 'Because.');
    assert.equal(parsed.policy!.howToFix, 'Use an approved key.');
    assert.equal(parsed.policy!.examples!.good.length, 1);
  });

  const errorCases: readonly { name: string; yaml: string; errors: readonly (string | RegExp)[] }[] = [
    {
      name: 'unknown operator, with the key path and a suggestion',
      yaml: 'metadata:\n  id: a\n  name: b\ndefinition:\n  and:\n    - cond_type: attribute\n      resource_types: all\n      attribute: tags.owner\n      operator: exits\n',
      errors: [/^policies\/p\.yaml:9:17 definition\.and\[0\]\.operator: unknown operator "exits"; docs\/policies\.md lists every operator$/],
    },
    {
      name: 'unknown keys at every level',
      yaml: 'metadata:\n  id: a\n  name: b\n  sevrity: high\ndefinition:\n  cond_type: attribute\n  resource_types: all\n  attribute: x\n  operator: exists\n  valeu: 1\nextra: 1\n',
      errors: [
        /^policies\/p\.yaml:4:3 metadata\.sevrity: unknown key/,
        /^policies\/p\.yaml:10:3 definition\.valeu: unknown key/,
        /^policies\/p\.yaml:11:1 extra: unknown key/,
      ],
    },
    {
      name: 'unknown cond_type and missing keys',
      yaml: 'metadata:\n  id: a\n  name: b\ndefinition:\n  or:\n    - cond_type: attributes\n    - cond_type: connection\n      resource_types: [aws_elb]\n      operator: exists\n',
      errors: [/^policies\/p\.yaml:6:18 definition\.or\[0\]\.cond_type: unknown condition type "attributes"/, /^policies\/p\.yaml:7:7 definition\.or\[1\]\.connected_resource_types: is missing/],
    },
    {
      name: 'values of the wrong shape, bad regex, unknown HIPAA section',
      yaml: 'metadata:\n  id: a\n  name: b\n  controls: ["164.312(z)"]\ndefinition:\n  and:\n    - cond_type: attribute\n      resource_types: all\n      attribute: a\n      operator: within\n      value: x\n    - cond_type: attribute\n      resource_types: all\n      attribute: a\n      operator: regex_match\n      value: "("\n    - cond_type: attribute\n      resource_types: all\n      attribute: a\n      operator: exists\n      value: 1\n',
      errors: [
        /^policies\/p\.yaml:4:14 metadata\.controls\[0\]: unknown HIPAA section "164\.312\(z\)"/,
        /^policies\/p\.yaml:11:14 definition\.and\[0\]\.value: operator "within" needs a list of values, got "x"/,
        /^policies\/p\.yaml:16:14 definition\.and\[1\]\.value: not a valid regular expression/,
        /^policies\/p\.yaml:21:7 definition\.and\[2\]\.value: operator "exists" takes no value/,
      ],
    },
    {
      name: 'missing metadata id and definition',
      yaml: 'metadata:\n  name: b\n',
      errors: [/^policies\/p\.yaml:1:1 definition: is missing/, /^policies\/p\.yaml:2:3 metadata\.id: is missing/],
    },
    {
      name: 'YAML syntax errors have a position',
      yaml: 'metadata:\n  id: [a\n',
      errors: [/^policies\/p\.yaml:\d+:\d+ The policy file is not valid YAML/],
    },
    {
      name: 'a bad connection operator and filter attribute',
      yaml: 'metadata:\n  id: a\n  name: b\ndefinition:\n  and:\n    - cond_type: connection\n      resource_types: [a]\n      connected_resource_types: [b]\n      operator: equals\n    - cond_type: filter\n      attribute: name\n      operator: within\n      value: [a]\n',
      errors: [/^policies\/p\.yaml:9:17 definition\.and\[0\]\.operator: unknown connection operator "equals"/, /^policies\/p\.yaml:11:18 definition\.and\[1\]\.attribute: a filter selects by "resource_type"/],
    },
    {
      name: 'JSONPath the evaluator cannot read (it used to name nothing, so negative operators passed everything)',
      yaml: 'metadata:\n  id: a\n  name: b\ndefinition:\n  or:\n    - cond_type: attribute\n      resource_types: all\n      attribute: "$.ingress[?(@.from_port == 22)].cidr_blocks"\n      operator: jsonpath_not_contains\n      value: 0.0.0.0/0\n    - cond_type: attribute\n      resource_types: all\n      attribute: $..cidr_blocks\n      operator: jsonpath_not_contains\n      value: 0.0.0.0/0\n    - cond_type: attribute\n      resource_types: all\n      attribute: ingress[-1].cidr_blocks\n      operator: not_contains\n      value: 0.0.0.0/0\n',
      errors: [
        /^policies\/p\.yaml:8:18 definition\.or\[0\]\.attribute: cannot read the path .*filter expressions/,
        /^policies\/p\.yaml:13:18 definition\.or\[1\]\.attribute: cannot read the path .*recursive descent/,
        /^policies\/p\.yaml:18:18 definition\.or\[2\]\.attribute: cannot read the path .*inside brackets/,
      ],
    },
  ];
  for (const c of errorCases) {
    test(`rejects: ${c.name}`, () => {
      const errors = errorsOf(c.yaml);
      assert.equal(errors.length, c.errors.length, errors.join('\n'));
      c.errors.forEach((expected, i) => (typeof expected === 'string' ? assert.equal(errors[i], expected) : assert.match(errors[i]!, expected)));
    });
  }
});
