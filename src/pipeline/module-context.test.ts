import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { aboutNamedFiles } from './module-context.js';

const at = (file: string): Span => ({ file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } });
const finding = (file: string, related: string[] = [], status: Finding['status'] = 'fail'): Finding => ({
  ruleId: 'r',
  status,
  severity: 'high',
  title: 't',
  message: `in ${file}`,
  resource: { address: 'aws_s3_bucket.b', kind: 'aws_s3_bucket' },
  span: at(file),
  related: related.map((r) => ({ span: at(r), message: 'value comes from here' })),
  controls: [],
});
const FILES = ['app/main.tf', 'app/rds.tf', 'app/terraform.tfvars', 'mods/db/main.tf', 'mods/dbx/main.tf', 'other/main.tf'];

test('without named files everything is reported as it is', () => {
  const findings = [finding('a.tf')];
  const diagnostics: Diagnostic[] = [{ code: 'x', severity: 'error', message: 'm', file: 'b.tf' }];
  const view = aboutNamedFiles(findings, diagnostics, undefined, FILES, 0);
  assert.equal(view.findings, findings);
  assert.equal(view.diagnostics, diagnostics);
});

test("the named files' modules are reported: their directories, and findings elsewhere with a location in them; the rest is counted in one note", () => {
  const view = aboutNamedFiles(
    [
      finding('app/main.tf'),
      // A sibling's resource: a change to the named file (a deleted public-access block) can fail it.
      finding('app/rds.tf', [], 'pass'),
      // A called module's resource judged by the value the named file passes it.
      finding('mods/db/main.tf', ['app/main.tf']),
      finding('mods/dbx/main.tf'),
      finding('other/main.tf', [], 'pass'),
    ],
    [
      { code: 'eval/x', severity: 'warning', message: 'in main', span: at('app/main.tf') },
      { code: 'hcl/parse', severity: 'error', message: 'in a sibling', span: at('app/rds.tf') },
      { code: 'eval/y', severity: 'warning', message: 'elsewhere', span: at('other/main.tf') },
      { code: 'scan/z', severity: 'info', message: 'no file' },
    ],
    { files: ['app/main.tf'], dirs: [] },
    FILES,
    5,
  );
  assert.deepEqual(view.findings.map((f) => f.span.file), ['app/main.tf', 'app/rds.tf', 'mods/db/main.tf']);
  assert.deepEqual(view.diagnostics.map((d) => d.code), ['eval/x', 'hcl/parse', 'scan/z', 'scan/module-context']);
  const note = view.diagnostics.at(-1)!;
  assert.equal(note.severity, 'info');
  assert.equal(note.message, "Evaluated the named files with the 5 other Terraform files under the scan root, as one configuration. Their 2 findings (1 failing) and 1 diagnostic outside the named files' modules are not reported.");
  assert.equal(note.hint, 'Scan without naming files to see everything.');
});

test('a named directory names what is under it', () => {
  const view = aboutNamedFiles([finding('mods/db/main.tf'), finding('mods/dbx/main.tf')], [], { files: ['app/main.tf'], dirs: ['mods/db'] }, FILES, 1);
  assert.deepEqual(view.findings.map((f) => f.span.file), ['mods/db/main.tf']);
});

test('errors elsewhere are counted in the note, not raised: a broken file in another stack is not the named files\' to fix', () => {
  const view = aboutNamedFiles([], [{ code: 'hcl/parse', severity: 'error', message: 'bad', span: at('other/main.tf') }], { files: ['app/main.tf'], dirs: [] }, FILES, 4);
  assert.equal(view.diagnostics.length, 1);
  assert.equal(view.diagnostics[0]!.severity, 'info');
  assert.equal(view.diagnostics[0]!.message, "Evaluated the named files with the 4 other Terraform files under the scan root, as one configuration. Their 1 diagnostic (1 error) outside the named files' modules is not reported.");
});
