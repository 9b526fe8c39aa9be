import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { aboutNamedFiles } from './module-context.js';

const at = (file: string): Span => ({ file, start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } });
const finding = (file: string, related: string[] = []): Finding => ({
  ruleId: 'r',
  status: 'fail',
  severity: 'high',
  title: 't',
  message: `in ${file}`,
  resource: { address: 'aws_s3_bucket.b', kind: 'aws_s3_bucket' },
  span: at(file),
  related: related.map((r) => ({ span: at(r), message: 'value comes from here' })),
  controls: [],
});

test('without context everything is reported as it is', () => {
  const findings = [finding('a.tf')];
  const diagnostics: Diagnostic[] = [{ code: 'x', severity: 'error', message: 'm', file: 'b.tf' }];
  const view = aboutNamedFiles(findings, diagnostics, []);
  assert.equal(view.findings, findings);
  assert.equal(view.diagnostics, diagnostics);
});

test("the named files' findings stay, with those a named file's value decides; the context's are counted in one note", () => {
  const view = aboutNamedFiles(
    [finding('main.tf'), finding('rds.tf'), finding('rds.tf', ['terraform.tfvars']), finding('rds.tf', ['variables.tf'])],
    [
      { code: 'eval/x', severity: 'warning', message: 'in main', span: at('main.tf') },
      { code: 'eval/y', severity: 'warning', message: 'in rds', span: at('rds.tf') },
      { code: 'scan/z', severity: 'info', message: 'no file' },
    ],
    ['rds.tf', 'variables.tf'],
  );
  assert.deepEqual(
    view.findings.map((f) => `${f.span.file} ${f.related.map((r) => r.span.file).join(',')}`),
    ['main.tf ', 'rds.tf terraform.tfvars'],
  );
  assert.deepEqual(view.diagnostics.map((d) => d.code), ['eval/x', 'scan/z', 'scan/module-context']);
  const note = view.diagnostics.at(-1)!;
  assert.equal(note.severity, 'info');
  assert.equal(note.message, "Read 2 other files of the named files' modules to evaluate them (rds.tf, variables.tf). Their own 2 findings and 1 diagnostic are not reported.");
  assert.equal(note.hint, 'Scan the directory to see them.');
});

test('an error in the context is a warning on the named files: their evaluation may be incomplete', () => {
  const view = aboutNamedFiles([], [{ code: 'hcl/parse', severity: 'error', message: 'bad', span: at('variables.tf') }], ['a.tf', 'b.tf', 'c.tf', 'variables.tf']);
  assert.equal(view.diagnostics.length, 1);
  assert.equal(view.diagnostics[0]!.severity, 'warning');
  assert.match(view.diagnostics[0]!.message, /Read 4 other files of the named files' modules to evaluate them \(a\.tf, b\.tf, c\.tf, and 1 more\); 1 error there may leave parts of the named files unevaluated\. Their own 1 diagnostic is not reported\./);
});
