// CDK for Terraform output end to end (evaluator, a real rule, the engine): the construct path a
// synthesized block carries in `"//".metadata.path` reaches the finding, and the suppressions a CDKTF
// user can write with `construct.addOverride("//", {...})` are honoured as the comment forms are.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateTerraform } from '../graph/index.js';
import rdsNotPublic from '../rules/aws/rds/aws-rds-instance-not-public.js';
import type { AnyRule } from '../rules/define-rule.js';
import { suppressionIndexOf } from './inline-suppressions.js';
import { runRules } from './run-rules.js';

const rule = rdsNotPublic as unknown as AnyRule;

function run(text: string, file = 'cdktf.out/stacks/phi-stack/cdk.tf.json') {
  const map = new Map([[file, text]]);
  const { model, diagnostics } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
  const result = runRules(model, [rule], { today: '2026-06-01', suppressions: suppressionIndexOf(model) });
  return { ...result, diagnostics: [...diagnostics, ...result.diagnostics] };
}

/** A synthesized stack with one public database whose `"//"` member is `comment`. */
const stack = (comment: string): string =>
  JSON.stringify(
    {
      '//': { metadata: { backend: 'local', stackName: 'phi-stack', version: '0.21.0' } },
      resource: {
        aws_db_instance: {
          Reporting_Db_5E6F7A8B: {
            '//': JSON.parse(comment) as unknown,
            engine: 'postgres',
            instance_class: 'db.t3.micro',
            publicly_accessible: true,
          },
        },
      },
    },
    null,
    2,
  );

const METADATA = '{"metadata": {"path": "phi-stack/Reporting/Db", "uniqueId": "Reporting_Db_5E6F7A8B"}}';
const withMetadata = (extra: string): string => `{"metadata": {"path": "phi-stack/Reporting/Db", "uniqueId": "Reporting_Db_5E6F7A8B"}, ${extra}}`;

describe('CDK for Terraform: construct paths', () => {
  test('the finding names the construct path beside the synthesized address', () => {
    const { findings } = run(stack(METADATA));
    assert.equal(findings.length, 1);
    assert.equal(findings[0]!.resource.address, 'aws_db_instance.Reporting_Db_5E6F7A8B');
    assert.equal(findings[0]!.resource.constructPath, 'phi-stack/Reporting/Db');
  });

  test('a block without CDKTF metadata, and native syntax, have none', () => {
    assert.equal(run(stack('"hand-written"')).findings[0]!.resource.constructPath, undefined);
    const hcl = run('resource "aws_db_instance" "phi" {\n  engine = "postgres"\n  publicly_accessible = true\n}\n', 'main.tf');
    assert.equal(hcl.findings[0]!.status, 'fail');
    assert.equal('constructPath' in hcl.findings[0]!.resource, false);
  });
});

describe('CDK for Terraform: suppressions in "//"', () => {
  const cases: { name: string; comment: string; status: 'waived' | 'fail'; marker?: RegExp; reason?: string; diagnostic?: RegExp }[] = [
    {
      name: 'the safeguard form by rule id',
      comment: withMetadata('"safeguard": {"ignore": [{"id": "aws-rds-instance-not-public", "reason": "reached only through the VPN endpoint", "expires": "2026-12-31"}]}'),
      status: 'waived',
      marker: /safeguard:ignore aws-rds-instance-not-public/,
      reason: 'reached only through the VPN endpoint',
    },
    { name: 'the safeguard form by a peer id', comment: withMetadata('"safeguard": {"ignore": [{"id": "CKV_AWS_17", "reason": "accepted risk"}]}'), status: 'waived' },
    { name: 'the safeguard form without a reason: not honoured, said so', comment: withMetadata('"safeguard": {"ignore": [{"id": "aws-rds-instance-not-public"}]}'), status: 'fail', diagnostic: /gives no reason/ },
    { name: 'the safeguard form expired: not honoured, said so', comment: withMetadata('"safeguard": {"ignore": [{"id": "aws-rds-instance-not-public", "reason": "r", "expires": "2026-01-31"}]}'), status: 'fail', diagnostic: /expired on 2026-01-31/ },
    { name: 'the safeguard form with an impossible date', comment: withMetadata('"safeguard": {"ignore": [{"id": "aws-rds-instance-not-public", "reason": "r", "expires": "2026-13-45"}]}'), status: 'fail', diagnostic: /no calendar date/ },
    { name: 'the safeguard form naming another rule', comment: withMetadata('"safeguard": {"ignore": [{"id": "aws-s3-bucket-versioning", "reason": "r"}]}'), status: 'fail' },
    {
      name: "Checkov's form, through the rule's Checkov references",
      comment: withMetadata('"checkov": {"skip": [{"id": "CKV_AWS_17", "comment": "reached only from the VPN"}]}'),
      status: 'waived',
      marker: /checkov:skip=CKV_AWS_17/,
      reason: 'reached only from the VPN',
    },
    { name: "Checkov's form with another check", comment: withMetadata('"checkov": {"skip": [{"id": "CKV_AWS_18", "comment": "c"}]}'), status: 'fail' },
    { name: 'a misspelt key: not honoured, a warning', comment: withMetadata('"safeguard": {"ignore": [{"id": "aws-rds-instance-not-public", "reason": "r", "expiry": "2030-01-01"}]}'), status: 'fail', diagnostic: /has no key "expiry"/ },
    { name: 'a marker in a plain "//" string, as in a comment', comment: '"safeguard:ignore aws-rds-instance-not-public behind the VPN"', status: 'waived' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const text = stack(c.comment);
      const { findings, diagnostics } = run(text);
      assert.deepEqual(findings.map((f) => f.status), [c.status]);
      const f = findings[0]!;
      if (c.marker) assert.match(f.waiver?.marker ?? '', c.marker);
      if (c.reason !== undefined) assert.equal(f.waiver?.reason, c.reason);
      if (c.status === 'waived') assert.equal(f.waiver?.source, 'inline');
      const warnings = diagnostics.filter((d) => d.code.startsWith('suppression/'));
      if (c.diagnostic) {
        assert.equal(warnings.length, 1, JSON.stringify(diagnostics));
        assert.match(warnings[0]!.message, c.diagnostic);
        // At the entry or value, so the user finds it: inside the `"//"` member.
        const at = warnings[0]!.span!.start.offset;
        assert.ok(at > text.indexOf('"//": {\n          "metadata"') && at < text.indexOf('"engine"'), `${warnings[0]!.span!.start.line}:${warnings[0]!.span!.start.column}`);
        assert.equal(warnings[0]!.severity, 'warning');
      } else assert.deepEqual(warnings, []);
    });
  }

  test('on a module block (a CDKTF TerraformModule), it covers the resources of the module, and a malformed one is reported', () => {
    const root = (entry: string): string => JSON.stringify({ module: { Db: { '//': { metadata: { path: 'phi-stack/Db' }, safeguard: { ignore: [JSON.parse(entry) as unknown] } }, source: './db' } } }, null, 2);
    const files = (entry: string) => new Map([
      ['main.tf.json', root(entry)],
      ['db/main.tf', 'resource "aws_db_instance" "phi" {\n  engine = "postgres"\n  publicly_accessible = true\n}\n'],
    ]);
    const judge = (entry: string) => {
      const map = files(entry);
      const { model, diagnostics } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
      const result = runRules(model, [rule], { today: '2026-06-01', suppressions: suppressionIndexOf(model) });
      return { statuses: result.findings.map((f) => f.status), codes: [...diagnostics, ...result.diagnostics].map((d) => d.code) };
    };
    assert.deepEqual(judge('{"id": "aws-rds-instance-not-public", "reason": "reached only through the VPN"}'), { statuses: ['waived'], codes: [] });
    assert.deepEqual(judge('{"id": "aws-rds-instance-not-public", "why": "r"}'), { statuses: ['fail'], codes: ['suppression/malformed'] });
  });

  test('the waiver points at the entry, and a malformed entry at its line and column', () => {
    const text = stack(withMetadata('"safeguard": {"ignore": [{"id": "aws-rds-instance-not-public", "reason": "r", "expires": "soon"}]}'));
    const { diagnostics } = run(text);
    const warning = diagnostics.find((d) => d.code === 'suppression/malformed');
    assert.ok(warning?.span);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('"expires": "soon"')) + 1;
    assert.equal(warning.span.start.line, line);
    assert.equal(warning.span.start.column, lines[line - 1]!.indexOf('"soon"') + 1);
  });
});
