// yamldecode() against terraform console 1.11.4 (the function differential of stop 54).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../model/value.js';
import { evaluateFiles, valueOf } from '../testing-helpers.js';

// A "---" makes a document even with nothing in it (console: null); so do "" and ''.
const values: [string, unknown][] = [
  ['yamldecode("---")', null],
  ['yamldecode("# c\\n---")', null],
  ['yamldecode("---\\n...")', null],
  ['yamldecode("\\"\\"")', ''],
  ['yamldecode("a: !!map {x: 1}")', { a: { x: 1 } }],
  ['yamldecode("!!seq [1]")', [1]],
];

test('yamldecode gives what terraform console 1.11.4 gives', () => {
  for (const [expr, expected] of values) assert.deepEqual(valueOf(expr), expected, expr);
});

// Comments or a document end alone are no document (console: "missing start of document", "did not
// find expected node content"); go-yaml v2 reads no !!set, !!omap or !!pairs ("can't interpret mapping
// as tag:yaml.org,2002:set").
const refused = ['yamldecode("# c")', 'yamldecode(" \\n# c\\n")', 'yamldecode("...")', 'yamldecode("!!set {a, b}")', 'yamldecode("a: !!set {x}")', 'yamldecode("!!omap [a: 1]")', 'yamldecode("!!pairs [a: 1]")'];

test('yamldecode refuses what terraform console 1.11.4 refuses', () => {
  for (const expr of refused) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o')?.value.value), `${expr}: no value`);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.span?.start.line === 2), `${expr}: an error`);
  }
});
