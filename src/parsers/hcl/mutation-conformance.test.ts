// Differential conformance on broken input: deterministic mutants of the Terraform corpus (one
// token or character deleted, duplicated or inserted, truncation, unterminated strings, heredocs,
// templates and comments, invalid UTF-8, NUL, BOM, CR line ends, odd numbers) go through hclref
// (Terraform's hclsyntax) and our parser. Both must accept or both refuse each mutant, and an
// accepted one must have the same canonical record. Live only: skipped without .cache/hclref or
// ../shared (scripts/hclref-build.sh builds the binary). A larger run of the same kind is the
// scratch fuzzer this test was cut down from; its findings are in parser.test.ts's tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { canonicalLine, listTfFiles } from './canonical-cli.js';
import { HCLREF_BIN, SHARED, type Record } from './conformance-support.js';

const COUNT = 400;
const SEED = 41;

/** mulberry32: a small seeded generator, so every run makes the same mutants. */
function generator(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
  };
}

const TOKENS = ['{', '}', '[', ']', '(', ')', '"', '${', '%{', '<<EOT\n', '<<-EOT\n', 'EOT', '=', ',', '\n', '.', '*', ':', '?', '#', '/*', '*/', '=>', '...', '\\', '$', '~'];
const TAILS = ['"', '"${', '<<EOT\n', '/*', '${', '%{'];
const BYTES = [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0xc0, 0xaf], [0], [0xef, 0xbb, 0xbf], [0x0d], [0x09]];
// Not 1e999 here: hclref prints its exact value, which has no JavaScript number to compare with
// (parser.test.ts checks that it parses).
const NUMBERS = ['0x1F', '1.', '.5', '1e', '1.5.5', '01', '1E5', '1e-3', '-0'];

function mutate(src: Buffer, pick: (n: number) => number): Buffer {
  const at = pick(src.length + 1);
  const cat = (...parts: (Buffer | string | number[])[]): Buffer => Buffer.concat(parts.map((p) => (Buffer.isBuffer(p) ? p : Buffer.from(p as string))));
  switch (pick(8)) {
    case 0: // delete one occurrence of a token
    case 1: {
      const tok = TOKENS[pick(TOKENS.length)]!;
      const i = src.indexOf(tok, at);
      return i < 0 ? src.subarray(0, at) : cat(src.subarray(0, i), src.subarray(i + Buffer.byteLength(tok)));
    }
    case 2: // insert a token
      return cat(src.subarray(0, at), TOKENS[pick(TOKENS.length)]!, src.subarray(at));
    case 3: // duplicate or delete one byte
      return pick(2) === 0 ? cat(src.subarray(0, at + 1), src.subarray(at)) : cat(src.subarray(0, at), src.subarray(at + 1));
    case 4: // truncate, maybe inside something left open
      return cat(src.subarray(0, at), pick(2) === 0 ? '' : TAILS[pick(TAILS.length)]!);
    case 5: // a byte sequence: invalid UTF-8, NUL, BOM, a lone CR, a tab
      return cat(src.subarray(0, at), Buffer.from(BYTES[pick(BYTES.length)]!), src.subarray(at));
    case 6: {
      // a number in place of a value
      const m = /= *("[^"\n]*"|\d+|true|false)/g;
      const found = [...src.toString('latin1').matchAll(m)];
      if (found.length === 0) return src.subarray(0, at);
      const f = found[pick(found.length)]!;
      const start = f.index + f[0].length - f[1]!.length;
      return cat(src.subarray(0, start), NUMBERS[pick(NUMBERS.length)]!, src.subarray(start + f[1]!.length));
    }
    default: // CR-only line ends
      return Buffer.from(src.toString('latin1').replace(/\r?\n/g, '\r'), 'latin1');
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });
function validUtf8(bytes: Uint8Array): boolean {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

test('broken input: corpus mutants are accepted or refused as hclsyntax does, and accepted ones parse alike', (t) => {
  const corpus = join(SHARED, 'corpora', 'terraform');
  if (!existsSync(HCLREF_BIN) || !existsSync(corpus)) {
    t.skip('needs .cache/hclref (scripts/hclref-build.sh) and ../shared/corpora/terraform');
    return;
  }
  const sources = listTfFiles(corpus).map((f) => readFileSync(f.path)).filter((b) => b.length > 0 && b.length < 20000);
  const pick = generator(SEED);
  const dir = mkdtempSync(join(tmpdir(), 'hcl-mutants-'));
  try {
    const mutants = new Map<string, Buffer>();
    for (let i = 0; i < COUNT; i++) {
      const label = `m${String(i).padStart(4, '0')}.tf`;
      const bytes = mutate(sources[pick(sources.length)]!, pick);
      mutants.set(label, bytes);
      writeFileSync(join(dir, label), bytes);
    }
    const expected = execFileSync(HCLREF_BIN, ['-dir', dir], { encoding: 'utf8', maxBuffer: 1 << 28 })
      .split('\n')
      .filter((l) => l !== '')
      .map((l) => JSON.parse(l) as Record);
    assert.equal(expected.length, COUNT);
    const problems: string[] = [];
    let refused = 0;
    for (const e of expected) {
      const bytes = mutants.get(e.file)!;
      const a = JSON.parse(canonicalLine(e.file, bytes)) as Record;
      if (e.errors > 0) refused++;
      if (e.errors > 0 !== a.errors > 0) {
        problems.push(`${e.file}: hclsyntax reports ${e.errors} error(s), we report ${a.errors}`);
        continue;
      }
      // Offsets after an invalid byte differ by design (it is read as U+FFFD, 3 bytes in UTF-8).
      if (e.errors > 0 || !validUtf8(bytes)) continue;
      try {
        assert.deepStrictEqual(a, e);
      } catch (err) {
        problems.push(`${e.file}: ${(err as Error).message.split('\n').slice(0, 8).join('\n')}`);
      }
    }
    t.diagnostic(`mutants=${COUNT} refused by hclsyntax=${refused} disagreements=${problems.length}`);
    assert.equal(problems.length, 0, `${problems.map((p) => p.split(':')[0]).join(' ')}\n${problems.slice(0, 5).join('\n\n')}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
