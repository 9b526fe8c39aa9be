// Terraform treats an argument set to null as one left out: the provider's default applies. So every
// rule must judge `x = null` as it judges a block without `x`. Checked over every rule's own
// examples: each one-line argument of a resource block is, in turn, set to null and removed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../engine/run-rules.js';
import { evaluateTerraform } from '../graph/index.js';
import { allRules } from './index.js';
import type { AnyRule } from './define-rule.js';

function verdicts(rule: AnyRule, tf: string): string {
  const files = new Map([['main.tf', tf]]);
  const { model } = evaluateTerraform({ files, readFile: () => undefined });
  return runRules(model, [rule], { today: '2026-12-04' })
    .findings.map((f) => f.status)
    .sort()
    .join(',');
}

/** Lines `  name = value` (two spaces in: a resource's own argument) whose value ends on that line. */
function oneLineArguments(lines: readonly string[]): { index: number; name: string }[] {
  const out: { index: number; name: string }[] = [];
  lines.forEach((line, index) => {
    const m = /^ {2}([a-z_0-9]+)\s*=\s*(\S.*)$/.exec(line);
    if (m && !/[{[(]\s*$/.test(m[2]!) && !m[2]!.startsWith('<<')) out.push({ index, name: m[1]! });
  });
  return out;
}

test('every rule judges an argument set to null as the argument left out', () => {
  const differences: string[] = [];
  let variants = 0;
  for (const rule of allRules) {
    const examples = rule.examples?.terraform;
    if (!examples) continue;
    for (const tf of [...(examples.good ?? []), ...(examples.bad ?? [])]) {
      const lines = tf.split('\n');
      for (const { index, name } of oneLineArguments(lines)) {
        const nulled = lines.map((l, i) => (i === index ? `  ${name} = null` : l)).join('\n');
        const removed = lines.filter((_, i) => i !== index).join('\n');
        variants++;
        const [a, b] = [verdicts(rule, nulled), verdicts(rule, removed)];
        if (a !== b) differences.push(`${rule.id}: ${name} = null gives [${a}], left out [${b}]`);
      }
    }
  }
  assert.ok(variants > 500, `only ${variants} variants: the examples' shape changed`);
  assert.deepEqual(differences, []);
});

test('a failure about an argument set to null also points at the null line', () => {
  const rule = allRules.find((r) => r.id === 'aws-rds-storage-encrypted')!;
  const tf = 'resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  storage_encrypted = null\n}\n';
  const { model } = evaluateTerraform({ files: new Map([['main.tf', tf]]), readFile: () => undefined });
  const [finding] = runRules(model, [rule], { today: '2026-12-04' }).findings;
  assert.equal(finding?.status, 'fail');
  assert.deepEqual(
    finding!.related.map((r) => [r.span.start.line, r.message]),
    [[4, 'storage_encrypted is set to null here, which Terraform reads as not set']],
  );
});
