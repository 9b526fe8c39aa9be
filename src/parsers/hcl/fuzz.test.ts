// Property tests: the parser never throws or hangs, on random text and on mutated real files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseHcl } from './index.js';
import { toCanonical } from './canonical.js';
import { listTfFiles } from './canonical-cli.js';
import { ROOT, SHARED } from './conformance-support.js';

const MAX_MS = 1000;

function check(text: string): void {
  const t0 = performance.now();
  const { file, diagnostics } = parseHcl(text, 'fuzz.tf');
  JSON.stringify(toCanonical(file, diagnostics.length));
  for (const d of diagnostics) {
    assert.equal(typeof d.message, 'string');
    assert.ok(d.span && d.span.start.offset <= d.span.end.offset && d.span.end.offset <= text.length);
  }
  const ms = performance.now() - t0;
  assert.ok(ms < MAX_MS, `took ${ms.toFixed(0)} ms`);
}

const pieces = [
  'a', ' ', '\n', '\r\n', '\t', '=', '{', '}', '[', ']', '(', ')', '"', '${', '%{', '~', '}', '<<EOT\n', '<<-EOT\n', 'EOT\n',
  '#', '//', '/*', '*/', ',', '.', '*', '...', '?', ':', '=>', 'for', 'in', 'if', 'endif', 'else', 'endfor', '1', '1.5e3',
  'var.x', '"s"', '\\', '\\u00e9', '$$', '%%', 'é', '😀', '\uFFFD', '&', ';', "'", '-', '!', '==', '&&', 'null', 'true',
];

test('random token soup never throws and finishes quickly', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 200 }), (parts) => check(parts.join(''))),
    { numRuns: 300 },
  );
});

test('random unicode strings never throw', () => {
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => check(s)), { numRuns: 300 });
});

const corpus = (() => {
  const dirs = [join(SHARED, 'corpora', 'terraform'), join(ROOT, 'test', 'fixtures', 'hcl')];
  const texts: string[] = [];
  for (const d of dirs) if (existsSync(d)) for (const f of listTfFiles(d).slice(0, 150)) texts.push(readFileSync(f.path, 'utf8'));
  return texts.filter((t) => t.length < 20000);
})();

test('mutated real files never throw', (t) => {
  if (corpus.length === 0) {
    t.skip('no corpus files found');
    return;
  }
  const mutation = fc.record({
    file: fc.nat({ max: corpus.length - 1 }),
    edits: fc.array(
      fc.record({ at: fc.nat(), del: fc.nat({ max: 8 }), ins: fc.constantFrom('', ...pieces) }),
      { minLength: 1, maxLength: 6 },
    ),
  });
  fc.assert(
    fc.property(mutation, ({ file, edits }) => {
      let text = corpus[file]!;
      for (const e of edits) {
        const at = text.length === 0 ? 0 : e.at % text.length;
        text = text.slice(0, at) + e.ins + text.slice(at + e.del);
      }
      check(text);
    }),
    { numRuns: 300 },
  );
});
