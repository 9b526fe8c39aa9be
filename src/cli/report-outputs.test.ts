// Reports written to files: whole, through a temporary file renamed over the old report (writeReports, file-writes.ts).
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import { renderJson } from '../reporters/json.js';
import { fixtureContext, fixtureInput } from '../testing/report-fixture.js';
import { resolveOutputs, writeReports } from './report-outputs.js';
import type { Terminal } from './terminal.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-report-outputs-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const terminal: Terminal = { out: () => undefined, err: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} };
const context = { cwd: dir, env: {}, now: new Date(0), fs: memoryFileSystem({ files: {} }), monotonicMs: () => 0 };

test('a report written over a longer or a shorter old one, or a new file, holds exactly the report', () => {
  const input = fixtureInput();
  const expected = renderJson(input, fixtureContext());
  const files = { longer: 'x'.repeat(expected.length * 3), shorter: '{}', absent: undefined };
  for (const [name, old] of Object.entries(files)) {
    const file = path.join(dir, `${name}.json`);
    if (old !== undefined) writeFileSync(file, old);
    writeReports(context, input, [{ format: 'json', file }], fixtureContext(), { color: false, quiet: true }, terminal);
    assert.equal(readFileSync(file, 'utf8'), expected, name);
  }
});

test('--output that no --format would use is refused, naming it: no file where a CI step looks for one', () => {
  assert.throws(() => resolveOutputs([{ format: 'sarif', file: 'r.sarif' }], 'report.txt'), /--output report\.txt: every --format names its own file, so nothing would be written to report\.txt/);
  assert.deepEqual(resolveOutputs([{ format: 'sarif', file: 'r.sarif' }, { format: 'text' }], 'report.txt'), [{ format: 'sarif', file: 'r.sarif' }, { format: 'text', file: 'report.txt' }]);
  assert.deepEqual(resolveOutputs([{ format: 'text' }], undefined), [{ format: 'text' }]);
});

test('a comma-separated list of FORMAT:FILE is refused, showing the repeated flags: it wrote one report to a file named after both', () => {
  assert.throws(() => resolveOutputs([{ format: 'json', file: 'out.json,sarif:out.sarif' }], undefined), (error: Error & { hint?: string }) => /one report per --format/.test(error.message) && error.hint === 'Repeat the flag: --format json:out.json --format sarif:out.sarif');
  assert.deepEqual(resolveOutputs([{ format: 'json', file: 'a,b.json' }], undefined), [{ format: 'json', file: 'a,b.json' }], 'a comma in a file name is fine');
});
