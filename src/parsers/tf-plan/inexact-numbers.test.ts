// Integers past 2^53 in plan and state JSON: Terraform writes them exactly (terraform show -json
// 1.11.4 writes a terraform_data input of 9007199254740993 digit for digit, checked offline), a
// double rounds them, and the scan says so instead of printing another number unsaid.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createInfraModel } from '../../graph/infra-model.js';
import { memoryFileSystem } from '../../pipeline/memory-file-system.js';
import { decideOutcome } from '../../pipeline/run-outcome.js';
import { scan } from '../../pipeline/scan.js';
import { resolveScanRoot } from '../../pipeline/scan-root.js';
import { parseJsonTree } from './json-tree.js';

function warningsOf(text: string) {
  const parsed = parseJsonTree('t.json', text);
  assert.ok(parsed.ok);
  return parsed.warnings;
}

test('an integer a double rounds is warned of once per file, at the first, without its value in the message', () => {
  const text = '{"a": 9007199254740993, "b": [-12345678901234567, 9007199254740993]}';
  const warnings = warningsOf(text);
  assert.equal(warnings.length, 1);
  assert.equal(warnings[0]!.code, 'parse/inexact-number');
  assert.equal(warnings[0]!.severity, 'warning');
  assert.match(warnings[0]!.message, /holds 3 integers past 2\^53/);
  assert.doesNotMatch(warnings[0]!.message, /9007199254740993|12345678901234567/);
  assert.equal(text.slice(warnings[0]!.span!.start.offset, warnings[0]!.span!.end.offset), '9007199254740993');
});

test('integers a double holds exactly, however long, and fractions are not warned of', () => {
  for (const text of ['9007199254740992', '-9007199254740992', '1000000000000000000000', '123456789012345', '[1.5, 0.1, 1e300, 12345678901234567.5]']) assert.deepEqual(warningsOf(text), [], text);
});

test('a scan of a plan holding one reports the warning; a warning fails no run', async () => {
  const plan = JSON.stringify({
    format_version: '1.2',
    terraform_version: '1.11.4',
    resource_changes: [{ address: 'terraform_data.big', mode: 'managed', type: 'terraform_data', name: 'big', provider_name: 'terraform.io/builtin/terraform', change: { actions: ['create'], before: null, after: { input: 0, triggers_replace: null }, after_unknown: { id: true, output: true }, before_sensitive: false, after_sensitive: {} } }],
  }).replace('"input":0', '"input":9007199254740993');
  const context = { cwd: '/repo', env: {}, now: new Date('2026-01-01T00:00:00Z'), fs: memoryFileSystem({ files: { '/repo/plan.json': plan } }), monotonicMs: () => 0 };
  const root = resolveScanRoot(context.fs, context.cwd, []);
  if (!root.ok) assert.fail();
  const result = await scan(context, { scanRoot: root.value, rules: [], evaluate: () => ({ model: createInfraModel({ resources: [], diagnostics: [] }), diagnostics: [] }) });
  const inexact = result.diagnostics.filter((d) => d.code === 'parse/inexact-number');
  assert.equal(inexact.length, 1);
  assert.equal(inexact[0]!.span?.file, 'plan.json');
  assert.equal(plan.slice(inexact[0]!.span!.start.offset, inexact[0]!.span!.end.offset), '9007199254740993');
  assert.equal(decideOutcome(result, 'low').exitCode, 0);
});
