import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { aboutNamedFiles } from './module-context.js';

const at = (file: string): Span => ({ file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } });
const finding = (file: string, related: [string, string][] = [], status: Finding['status'] = 'fail'): Finding => ({
  ruleId: 'r',
  status,
  severity: 'high',
  title: 't',
  message: `in ${file}`,
  resource: { address: 'aws_s3_bucket.b', kind: 'aws_s3_bucket' },
  span: at(file),
  related: related.map(([r, message]) => ({ span: at(r), message })),
  controls: [],
});

test('without named files everything is reported as it is', () => {
  const findings = [finding('a.tf')];
  const diagnostics: Diagnostic[] = [{ code: 'x', severity: 'error', message: 'm', file: 'b.tf' }];
  const view = aboutNamedFiles(findings, diagnostics, undefined, 0);
  assert.equal(view.findings, findings);
  assert.equal(view.diagnostics, diagnostics);
});

test("the named files' findings stay, with those whose value a named file sets; the rest are counted in one note", () => {
  const view = aboutNamedFiles(
    [
      finding('app/main.tf'),
      finding('app/rds.tf', [], 'pass'),
      finding('app/rds.tf', [['app/terraform.tfvars', 'value comes from here']]),
      // A secret in a sibling's default, used in the named file: the problem is not in the named file.
      finding('app/variables.tf', [['app/main.tf', 'the secret is used here']]),
      finding('mods/db/main.tf'),
    ],
    [
      { code: 'eval/x', severity: 'warning', message: 'in main', span: at('app/main.tf') },
      { code: 'eval/y', severity: 'warning', message: 'in rds', span: at('app/rds.tf') },
      { code: 'suppression/no-reason', severity: 'warning', message: 'why the comment did not apply', span: at('app/rds.tf') },
      { code: 'scan/z', severity: 'info', message: 'no file' },
    ],
    { files: ['app/main.tf', 'app/terraform.tfvars'], dirs: [] },
    5,
  );
  assert.deepEqual(
    view.findings.map((f) => f.span.file),
    ['app/main.tf', 'app/rds.tf'],
  );
  assert.deepEqual(view.diagnostics.map((d) => d.code), ['eval/x', 'suppression/no-reason', 'scan/z', 'scan/module-context']);
  const note = view.diagnostics.at(-1)!;
  assert.equal(note.severity, 'info');
  assert.equal(note.message, "Read 5 more Terraform files to evaluate the named files as part of their configuration. The rest of the configuration's 3 findings (2 failing) and 1 diagnostic are not reported.");
  assert.equal(note.hint, 'Scan the directory to see them.');
});

test('a named directory names what is under it', () => {
  const view = aboutNamedFiles([finding('mods/db/main.tf'), finding('mods/dbx/main.tf')], [], { files: ['app/main.tf'], dirs: ['mods/db'] }, 1);
  assert.deepEqual(view.findings.map((f) => f.span.file), ['mods/db/main.tf']);
});

test('an error in the context is a warning on the named files: their evaluation may be incomplete', () => {
  const view = aboutNamedFiles([], [{ code: 'hcl/parse', severity: 'error', message: 'bad', span: at('variables.tf') }], { files: ['main.tf'], dirs: [] }, 4);
  assert.equal(view.diagnostics.length, 1);
  assert.equal(view.diagnostics[0]!.severity, 'warning');
  assert.equal(view.diagnostics[0]!.message, "Read 4 more Terraform files to evaluate the named files as part of their configuration. 1 error in those files may leave parts of the named files unevaluated. The rest of the configuration's 1 diagnostic is not reported.");
});
