import assert from 'node:assert/strict';
import { test } from 'node:test';
import { decodeReplacing } from './decode-text.js';
import { decodeNonUtf8Terraform, decodeNulTerraform } from './terraform-encoding.js';

const bytesOf = (...parts: (string | number[])[]): Uint8Array => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

// The invalid-UTF-8 matrix run against hcl v2.14 (hclsyntax) and Terraform 1.11: every sequence is
// accepted in a comment; inside strings, heredocs, quoted keys and labels the ones shaped like
// UTF-8 are read, the others are "Invalid character encoding".
const SEQUENCES: Record<string, { readonly bytes: number[]; readonly shaped: boolean }> = {
  stray80: { bytes: [0x80], shaped: false },
  overlongC0AF: { bytes: [0xc0, 0xaf], shaped: true },
  leadC3Alone: { bytes: [0xc3], shaped: false },
  truncatedE282: { bytes: [0xe2, 0x82], shaped: false },
  latin1E9: { bytes: [0x4a, 0x6f, 0x73, 0xe9], shaped: false },
  surrogateEDA080: { bytes: [0xed, 0xa0, 0x80], shaped: true },
  aboveMaxF4908080: { bytes: [0xf4, 0x90, 0x80, 0x80], shaped: true },
  leadF5: { bytes: [0xf5, 0x80, 0x80, 0x80], shaped: true },
  byteFF: { bytes: [0xff], shaped: false },
};
const PLACES: Record<string, { readonly wrap: (b: number[]) => Uint8Array; readonly comment: boolean }> = {
  hash: { wrap: (b) => bytesOf('# ', b, '\na = 1\n'), comment: true },
  hashAtEof: { wrap: (b) => bytesOf('a = 1 # ', b), comment: true },
  trailingHash: { wrap: (b) => bytesOf('a = 1 # ', b, '\n'), comment: true },
  slashes: { wrap: (b) => bytesOf('// ', b, '\na = 1\n'), comment: true },
  block: { wrap: (b) => bytesOf('/* ', b, ' */\na = 1\n'), comment: true },
  string: { wrap: (b) => bytesOf('a = "', b, '"\n'), comment: false },
  heredoc: { wrap: (b) => bytesOf('a = <<EOT\n', b, '\nEOT\n'), comment: false },
  key: { wrap: (b) => bytesOf('a = {"', b, '" = 1}\n'), comment: false },
  label: { wrap: (b) => bytesOf('b "', b, '" {}\n'), comment: false },
  hashInString: { wrap: (b) => bytesOf('a = "# ', b, '"\n'), comment: false },
  hashInHeredoc: { wrap: (b) => bytesOf('a = <<EOT\n# ', b, '\nEOT\n'), comment: false },
  commentInInterpolation: { wrap: (b) => bytesOf('a = "${1 # ', b, '\n}"\n'), comment: true },
};

test('native syntax: read where hcl reads the bytes (any in a comment, UTF-8-shaped elsewhere), refused where it refuses them', () => {
  for (const [place, { wrap, comment }] of Object.entries(PLACES)) {
    for (const [name, { bytes, shaped }] of Object.entries(SEQUENCES)) {
      const read = decodeNonUtf8Terraform(wrap(bytes), 'native');
      assert.equal(read.ok, comment || shaped, `${name} in ${place}`);
    }
  }
});

test('the refusal points at the first byte hcl refuses, after any read in comments', () => {
  const read = decodeNonUtf8Terraform(bytesOf('# Jos', [0xe9], '\nb = "caf', [0xe9], '"\n'), 'native');
  assert.deepEqual(read, { ok: false, refusedAt: { line: 2, column: 9, offset: 15 } });
});

test('the text has U+FFFD where the bytes were; the position is the first invalid byte, in editor columns', () => {
  const read = decodeNonUtf8Terraform(bytesOf('a = "😀"\n# Jos', [0xe9], ' and ', [0xc0, 0xaf], '\n'), 'native');
  assert.ok(read.ok);
  assert.equal(read.text, 'a = "😀"\n# Jos\ufffd and \ufffd\ufffd\n');
  assert.deepEqual(read.firstReplaced, { line: 2, column: 6, offset: 14 });
  // Terraform prints a Latin-1 string of a .tf file as "Jos" and U+FFFD too.
  const overlong = decodeNonUtf8Terraform(bytesOf('a = "x', [0xc0, 0xaf], 'y"\n'), 'native');
  assert.ok(overlong.ok);
  assert.equal(overlong.text, 'a = "x\ufffd\ufffdy"\n');
});

test('JSON syntax is read whatever the bytes: Terraform reads them in strings as U+FFFD', () => {
  const read = decodeNonUtf8Terraform(bytesOf('{"locals": {"owner": "Jos', [0xe9], '"}}\n'), 'json');
  assert.ok(read.ok);
  assert.equal(read.text, '{"locals": {"owner": "Jos\ufffd"}}\n');
  assert.deepEqual(read.firstReplaced, { line: 1, column: 26, offset: 25 });
});

test('decodeReplacing: one offset per U+FFFD the Encoding Standard decoder emits, a BOM dropped', () => {
  const cases: [Uint8Array, number[], number[]][] = [
    [bytesOf([0xef, 0xbb, 0xbf], '# ', [0xe9], '\n'), [2], [2]],
    [bytesOf('x', [0xe2, 0x82], 'y'), [1], [1]], // a truncated sequence is one U+FFFD, one broken run
    [bytesOf([0xe2, 0x82]), [0], [0]], // truncated at the end of the file
    [bytesOf('😀', [0xed, 0xa0, 0x80]), [2, 3, 4], []], // a surrogate: three, shaped like UTF-8
    [bytesOf([0xf0, 0x9f, 0x98], 'a', [0x80, 0x80]), [0, 2, 3], [0, 2]], // one run per stretch of broken bytes
    [bytesOf([0xc0, 0xaf, 0xff, 0xfe], 'z'), [0, 1, 2, 3], [2]],
  ];
  for (const [bytes, replaced, broken] of cases) {
    const decoded = decodeReplacing(bytes);
    assert.equal(decoded.text, new TextDecoder().decode(bytes));
    assert.deepEqual([...decoded.replaced], replaced, JSON.stringify([...bytes]));
    assert.deepEqual([...decoded.broken], broken, JSON.stringify([...bytes]));
  }
});

test('decodeReplacing agrees with TextDecoder on random bytes', () => {
  let seed = 7;
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let n = 0; n < 2000; n++) {
    const bytes = new Uint8Array(Array.from({ length: Math.floor(random() * 12) }, () => (random() < 0.5 ? 0x80 + Math.floor(random() * 128) : Math.floor(random() * 128))));
    const decoded = decodeReplacing(bytes);
    const expected: number[] = [];
    // Without an EF BF BD in the input every U+FFFD in the text is a replacement.
    for (let i = 0; i < decoded.text.length; i++) if (decoded.text[i] === '\ufffd') expected.push(i);
    const literal = [...bytes].some((b, i) => b === 0xef && bytes[i + 1] === 0xbf && bytes[i + 2] === 0xbd);
    if (!literal) assert.deepEqual([...decoded.replaced], expected, JSON.stringify([...bytes]));
    for (const offset of decoded.broken) assert.equal(decoded.text[offset], '\ufffd');
  }
});

// NUL against hcl v2.14 (hclsyntax): read in comments, strings, heredocs, quoted keys and labels,
// "Invalid character" elsewhere.
const NUL_READ = ['# \0\na = 1\n', 'a = 1 # \0', '// \0\na = 1\n', '/* \0 */\na = 1\n', 'a = "\0"\n', 'a = <<EOT\n\0\nEOT\n', 'a = {"\0" = 1}\n', 'b "\0" {}\n', 'a = "$\0{"\n'];
const NUL_REFUSED: readonly (readonly [string, number, number])[] = [
  ['\0a = 1\n', 1, 1],
  ['a = 1\n\0', 2, 1],
  ['a = "${\0}"\n', 1, 8],
  ['b { \0 }\n', 1, 5],
  ['# ok \0\na = [1,\0 2]\n', 2, 8],
];

test('NUL: read where hcl reads it (comments, strings, heredocs), refused at the first NUL where hcl refuses it', () => {
  for (const src of NUL_READ) {
    const read = decodeNulTerraform(new TextEncoder().encode(src));
    assert.ok(read.ok && read.decoded.ok && read.decoded.text === src, JSON.stringify(src));
  }
  for (const [src, line, column] of NUL_REFUSED) {
    const read = decodeNulTerraform(new TextEncoder().encode(src));
    assert.ok(!read.ok, JSON.stringify(src));
    assert.deepEqual([read.refusedAt.line, read.refusedAt.column], [line, column], JSON.stringify(src));
  }
  // With invalid UTF-8 too: the NUL is fine, the byte is left to decodeNonUtf8Terraform.
  const both = decodeNulTerraform(bytesOf('# \0 ', [0xe9], '\na = 1\n'));
  assert.ok(both.ok && !both.decoded.ok && both.decoded.reason === 'invalid-utf8');
});
