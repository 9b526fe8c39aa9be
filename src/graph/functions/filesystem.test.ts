// Path and template functions against terraform console 1.11.4 (the function differential of
// stop 54): each row names what the console printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../model/value.js';
import { evaluateFiles } from '../testing-helpers.js';

const FILES: Record<string, string> = {
  'only.tftpl': '${x}',
  'd/a.txt': 'a',
};
const TREE = Object.keys(FILES);

function evaluate(expr: string): { value: unknown; errors: string[] } {
  const files = { ...FILES, 'main.tf': `locals {\n  t = "$\${x}"\n}\noutput "o" {\n  value = ${expr}\n}\n` };
  const listFiles = (relDir: string): readonly string[] => TREE.filter((p) => p.startsWith(`${relDir}/`)).map((p) => p.slice(relDir.length + 1));
  const { model, diagnostics } = evaluateFiles(files, { listFiles });
  return { value: model.outputs.find((o) => o.name === 'o')?.value.value, errors: diagnostics.filter((d) => d.severity === 'error' && d.span?.start.line === 5).map((d) => d.message) };
}

// Go's filepath.Base and filepath.Dir, as Terraform has them.
const values: [string, unknown][] = [
  ['basename("")', '.'],
  ['basename("/")', '/'],
  ['basename("//")', '/'],
  ['basename("a/b/")', 'b'],
  ['basename("/a/b.txt/")', 'b.txt'],
  ['dirname("a/b/")', 'a/b'],
  ['dirname("a//b")', 'a'],
  ['dirname("a/./b")', 'a'],
  ['dirname("/a/")', '/a'],
  ['dirname("a/../..")', '.'],
  ['dirname("")', '.'],
  ['dirname("/")', '/'],
  // templatestring() gives a string: a lone "${x}" of a number or bool is its text ("1", "true");
  // templatefile() gives the value as it is (1).
  ['templatestring(local.t, { x = 1 })', '1'],
  ['templatestring(local.t, { x = true })', 'true'],
  ['templatefile("only.tftpl", { x = 1 })', 1],
  ['templatefile("only.tftpl", { x = [1] })', [1]],
  ['fileexists("d/a.txt")', true],
  ['fileexists("nope")', false],
];

test('path and template functions give what terraform console 1.11.4 gives', () => {
  for (const [expr, expected] of values) assert.deepEqual(evaluate(expr).value, expected, expr);
});

// Console: "invalid template result: string required"; "Template result is null"; "\"d\" is a directory, not a file".
const refused = [
  'templatestring(local.t, { x = [1] })',
  'templatestring(local.t, { x = {} })',
  'templatestring(local.t, { x = null })',
  'templatefile("only.tftpl", { x = null })',
  'fileexists("d")',
];

test('template and file calls terraform console 1.11.4 refuses are reported, not given a value', () => {
  for (const expr of refused) {
    const { value, errors } = evaluate(expr);
    assert.ok(isUnknown(value), `${expr} should be unknown, got ${JSON.stringify(value)}`);
    assert.ok(errors.length > 0, `${expr}: no error reported`);
  }
});
