// yamlencode and yamldecode against what Terraform 1.11 printed for the same expressions.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueOf } from '../testing-helpers.js';

const WORDS = 'word '.repeat(30);
const encoded: [string, string][] = [
  [
    'yamlencode({ a = { b = [1, { c = "x", d = [true, null] }], e = {} }, f = [], g = "multi\\nline", h = 1.5, "k e y" = "it\'s \\"q\\" é", t = "trail\\n", u = "", v = " lead" })',
    '"a":\n  "b":\n  - 1\n  - "c": "x"\n    "d":\n    - true\n    - null\n  "e": {}\n"f": []\n"g": |-\n  multi\n  line\n"h": 1.5\n"k e y": "it\'s \\"q\\" é"\n"t": |\n  trail\n"u": ""\n"v": " lead"\n',
  ],
  [
    `yamlencode([" lead\\nx", "a \\nb", "a\\n\\n", "\\n", "x\\ty\\nz", "a\\nb", "é\\u0085\\u00a0\\u2028x", "${WORDS}"])`,
    `- |2-\n   lead\n  x\n- "a \\nb"\n- |+\n  a\n\n- |2+\n\n- "x\\ty\\nz"\n- |-\n  a\n  b\n- "é\\N\u00a0\\Lx"\n- "${'word '.repeat(15)}word\n  ${'word '.repeat(14)}"\n`,
  ],
  ['yamlencode([[1, 2], [3], { a = [] }])', '- - 1\n  - 2\n- - 3\n- "a": []\n'],
  ['yamlencode({ b = 1, a = 2, B = 3, "_" = 4, "1" = 5 })', '"1": 5\n"B": 3\n"_": 4\n"a": 2\n"b": 1\n'],
  ['yamlencode([1e-7, -0.5, 100000, 3.0, 1e21])', '- 0.0000001\n- -0.5\n- 100000\n- 3\n- 1000000000000000000000\n'],
  ['yamlencode(true)', 'true\n...\n'],
  ['yamlencode(null)', 'null\n...\n'],
  ['yamlencode("x")', '"x"\n'],
  ['yamlencode("a\\nb")', '|-\n  a\n  b\n'],
  ['yamlencode([])', '[]\n'],
];

test('yamlencode writes what Terraform writes', () => {
  for (const [expr, expected] of encoded) assert.equal(valueOf(expr), expected, expr);
});

test("yamldecode: YAML 1.1's booleans and timestamps, YAML 1.2's numbers", () => {
  assert.deepEqual(valueOf('yamldecode("a: 0644\\nb: 0o17\\nc: 0x1F\\nd: 1_000\\ne: .5\\nf: 1e3\\ng: +12\\nh: 0b11\\ni: ~\\nk: 012e1\\nl: 09\\nm: -0x10\\nn: 1:20")'), {
    a: 644,
    b: 15,
    c: 31,
    d: '1_000',
    e: 0.5,
    f: 1000,
    false: '1:20', // the key n is YAML 1.1's false
    g: 12,
    h: '0b11',
    i: null,
    k: 120,
    l: 9,
    m: '-0x10',
  });
  assert.deepEqual(valueOf('yamldecode("a: yes\\nb: On\\nc: y\\nd: NO\\ne: True\\nf: 2001-12-14")'), { a: true, b: true, c: true, d: false, e: true, f: '2001-12-14T00:00:00Z' });
});

test('what yamlencode writes, yamldecode reads back unchanged: a quoted "off" stays a string', () => {
  assert.deepEqual(valueOf('yamldecode(yamlencode({ a = "off", b = "yes", c = "y", d = "N", e = "False", f = "0644" }))'), { a: 'off', b: 'yes', c: 'y', d: 'N', e: 'False', f: '0644' });
});
