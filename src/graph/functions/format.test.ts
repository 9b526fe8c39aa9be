// format()'s flags, widths and precisions against terraform console 1.11.4 (the function
// differential of stop 54): each row is what the console printed. cty pads %s, %q and %v itself,
// and leaves the integer verbs to Go's big.Int and the float verbs to big.Float, each its own way.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../../model/value.js';
import { evaluateFiles, valueOf } from '../testing-helpers.js';

const cases: [string, string][] = [
  // %s, %q, %v: the 0 flag pads text with zeros, - on the right (both: zeros on the right); no sign flag.
  ['format("|%06s|", "abc")', '|000abc|'],
  ['format("|%-06s|", "abc")', '|abc000|'],
  ['format("|%06v|", 42)', '|000042|'],
  ['format("|%06v|", -1.5)', '|00-1.5|'],
  ['format("|%+v|", 42)', '|42|'],
  ['format("|% 6v|", 42)', '|    42|'],
  ['format("|%010v|", "é😀")', '|00000000é😀|'],
  // A precision cuts the text before %q quotes it; a precision of 0 cuts nothing.
  ['format("|%.2q|", "abc")', '|"ab"|'],
  ['format("|%6.2q|", -3.14159)', '|  "-3"|'],
  ['format("|%05.1q|", "abc")', '|00"a"|'],
  ['format("|%.0s|", "abc")', '|abc|'],
  // Integers (Go's big.Int): the precision is the fewest digits, and then 0 pads with spaces.
  ['format("|%06.2d|", 42)', '|    42|'],
  ['format("|%+06.2x|", 42)', '|   +2a|'],
  ['format("|%08.3d|", -5)', '|    -005|'],
  ['format("|%.2d|", -3)', '|-03|'],
  ['format("|%+.3x|", 10)', '|+00a|'],
  ['format("|%5.0d|", 0)', '||'],
  ['format("|%#b|", 5)', '|0b101|'],
  ['format("|%#.5o|", 8)', '|000010|'],
  ['format("|%+x|", -0)', '|+0|'],
  // Floats (Go's big.Float): 0 wins over -, but an infinity is padded with spaces.
  ['format("|%-06.2f|", -3.14159)', '|-03.14|'],
  ['format("|%-06.2g|", 42)', '|000042|'],
  ['format("|%-+8.2f|", 3.14159)', '|+3.14   |'],
  ['format("|%06.1f|", 1/0)', '|  +Inf|'],
  ['format("|% 06.1f|", 1/0)', '|   Inf|'],
];

test('format() pads and cuts as terraform console 1.11.4 does', () => {
  for (const [expr, expected] of cases) assert.equal(valueOf(expr), expected, expr);
});

// Argument indexes count from 1: [0] is refused at its digit ("unrecognized format character '0'
// at offset 2"); list() and map() are refused whatever their arguments, an error can() catches.
const refused = ['format("%[0]s", "a")', 'format("%[1]s%[0]s", "a")', 'list(1)', 'map("a", 1)'];

test('calls terraform console 1.11.4 refuses are errors, not values or unknowns', () => {
  for (const expr of refused) {
    const { model, diagnostics } = evaluateFiles({ 'main.tf': `output "o" {\n  value = ${expr}\n}\n` });
    assert.ok(isUnknown(model.outputs.find((o) => o.name === 'o')?.value.value), `${expr}: no value`);
    assert.ok(diagnostics.some((d) => d.severity === 'error' && d.span?.start.line === 2), `${expr}: ${JSON.stringify(diagnostics.map((d) => [d.severity, d.message]))}`);
  }
  assert.equal(valueOf('can(list())'), false);
  assert.equal(valueOf('try(map("a", 1), 2)'), 2);
});
