// The JSON report's findings memo (issue 11): a report's findings text is remembered by everything it
// depends on and copied only when all of it is the same; anything else is written afresh, so the bytes
// are always those of a report written without the memo.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../engine/finding.js';
import { fixtureContext, fixtureFindings, fixtureInput } from '../testing/report-fixture.js';
import { renderJson, renderJsonChunks } from './json.js';
import { textPieces, type FindingsMemo, type ReportContext, type ReportInput } from './report-input.js';

/**
 * A memo in memory over `findings` (their places), counting reads that found text and writes ended.
 * It hands its text out as the file memo does: in pieces of one reused buffer (7 bytes here, so
 * pieces end inside characters), only when the text has the shape asked for.
 */
function memoryMemo(findings: readonly Finding[], entries = 'g1'): FindingsMemo & { texts: Map<string, string>; hits: number; aborted: number } {
  const places = new Map(findings.map((f, i) => [f, i]));
  const memo = {
    texts: new Map<string, string>(),
    hits: 0,
    aborted: 0,
    entries,
    places: (list: readonly Finding[]) => {
      const out = list.map((f) => places.get(f));
      return out.includes(undefined) ? undefined : Uint32Array.from(out as number[]);
    },
    read: (signature: string, shape: { start: string; end: string }) => {
      const text = memo.texts.get(signature);
      if (text === undefined || text.length < shape.start.length + shape.end.length || !text.startsWith(shape.start) || !text.endsWith(shape.end)) return undefined;
      memo.hits++;
      const bytes = new TextEncoder().encode(text);
      return (function* () {
        const buffer = new Uint8Array(7);
        for (let at = 0; at < bytes.length; at += buffer.length) {
          const piece = bytes.subarray(at, at + buffer.length);
          buffer.set(piece);
          yield buffer.subarray(0, piece.length);
        }
      })();
    },
    write: (signature: string) => {
      const pieces: string[] = [];
      return { add: (p: string) => void pieces.push(p), end: () => void memo.texts.set(signature, pieces.join('')), abort: () => void memo.aborted++ };
    },
  };
  return memo;
}

const withMemo = (memo: FindingsMemo, context: ReportContext = fixtureContext()): ReportContext => ({ ...context, findingsMemo: memo });

/** Findings with a non-ASCII message and an inline waiver among them: the memo holds UTF-8 bytes. */
function findings(): Finding[] {
  const base = fixtureFindings();
  return [...base, { ...base[1]!, message: 'naïve — 東京 \u{1F600} "quoted"\nline' }];
}

test('a report remembered, then copied: the same bytes as written without the memo', () => {
  const list = findings();
  const input = fixtureInput({ findings: list, blocking: [list[1]!] });
  const memo = memoryMemo(list);
  const plain = renderJson(input, fixtureContext());
  assert.equal(renderJson(input, withMemo(memo)), plain, 'written and remembered');
  assert.equal(memo.texts.size, 1);
  assert.equal(memo.hits, 0);
  const pieces = [...renderJsonChunks(input, withMemo(memo))];
  assert.equal(memo.hits, 1, 'copied');
  assert.ok(pieces.some((p) => typeof p !== 'string'), 'the findings are pieces of bytes');
  assert.equal(renderJson(input, withMemo(memo)), plain);
});

test('whatever the findings text depends on gives another signature: order, blocking, display root, documentation, entries', () => {
  const list = findings();
  const base = fixtureInput({ findings: list, blocking: [list[1]!] });
  const memo = memoryMemo(list);
  renderJson(base, withMemo(memo));
  const otherDocs: ReportContext = { ...fixtureContext(), ruleDoc: (id) => ({ ...fixtureContext().ruleDoc(id)!, id, title: 't', why: 'another why', howToFix: 'h', links: [] }) };
  const variants: [string, ReportInput, ReportContext, FindingsMemo][] = [
    ['order', fixtureInput({ findings: [...list].reverse(), blocking: [list[1]!] }), fixtureContext(), memo],
    ['blocking', fixtureInput({ findings: list, blocking: [list[1]!, list[2]!] }), fixtureContext(), memo],
    ['display root', fixtureInput({ findings: list, blocking: [list[1]!], displayRoot: 'elsewhere' }), fixtureContext(), memo],
    ['documentation', base, otherDocs, memo],
  ];
  for (const [what, input, context, m] of variants) {
    const before = memo.texts.size;
    const hits = memo.hits;
    assert.equal(renderJson(input, withMemo(m, context)), renderJson(input, context), what);
    assert.equal(memo.hits, hits, `${what}: not copied`);
    assert.equal(memo.texts.size, before + 1, `${what}: remembered under a signature of its own`);
  }
  // The same places in other entries (another generation): none of the first memo's texts is found.
  const other = memoryMemo(list, 'g2');
  other.texts = memo.texts;
  const size = memo.texts.size;
  assert.equal(renderJson(base, withMemo(other)), renderJson(base, fixtureContext()));
  assert.equal(other.hits, 0);
  assert.equal(memo.texts.size, size + 1);
});

test('blocking findings listed in another order than the findings: the same flags, so the same memo', () => {
  const list = findings();
  const memo = memoryMemo(list);
  const inOrder = fixtureInput({ findings: list, blocking: [list[1]!, list[2]!] });
  renderJson(inOrder, withMemo(memo));
  const reversed = fixtureInput({ findings: list, blocking: [list[2]!, list[1]!] });
  assert.equal(renderJson(reversed, withMemo(memo)), renderJson(reversed, fixtureContext()));
  assert.equal(memo.hits, 1);
  assert.equal(memo.texts.size, 1);
});

test('a finding that is not one of the memo\'s (a waiver applied, a new object): nothing read or remembered', () => {
  const list = findings();
  const memo = memoryMemo(list);
  const changed = [...list.slice(0, -1), { ...list.at(-1)! }];
  const input = fixtureInput({ findings: changed, blocking: [] });
  assert.equal(renderJson(input, withMemo(memo)), renderJson(input, fixtureContext()));
  assert.equal(memo.texts.size, 0);
});

test('a remembered text that does not read as findings is not copied', () => {
  const list = findings();
  const input = fixtureInput({ findings: list, blocking: [] });
  const memo = memoryMemo(list);
  renderJson(input, withMemo(memo));
  const [signature, text] = [...memo.texts][0]!;
  for (const damaged of ['', text.slice(0, -1), text.slice(1), 'x'.repeat(text.length)]) {
    memo.texts.set(signature, damaged);
    assert.equal(renderJson(input, withMemo(memo)), renderJson(input, fixtureContext()));
  }
});

test('a report abandoned part way remembers nothing', () => {
  const base = fixtureFindings();
  const list = Array.from({ length: 200 }, (_, i) => ({ ...base[i % base.length]!, message: `finding ${i}` }));
  const memo = memoryMemo(list);
  const chunks = renderJsonChunks(fixtureInput({ findings: list, blocking: [] }), withMemo(memo));
  chunks.next();
  chunks.next();
  chunks.next(); // the first batch of findings
  chunks.return(undefined);
  assert.equal(memo.aborted, 1);
  assert.equal(memo.texts.size, 0);
});

test('no findings: no memo is asked', () => {
  const memo = memoryMemo([]);
  const input = fixtureInput({ findings: [], blocking: [] });
  assert.equal(renderJson(input, withMemo(memo)), renderJson(input, fixtureContext()));
  assert.equal(memo.texts.size, 0);
});

test('textPieces decodes byte pieces as one stream: a character split between two pieces comes out whole', () => {
  const bytes = Buffer.from('{"message":"café ✓"}', 'utf8');
  const cut = bytes.indexOf(0xc3) + 1; // inside "é"
  const out = [...textPieces(['head ', bytes.subarray(0, cut), bytes.subarray(cut), ' tail'])];
  assert.equal(out.join(''), 'head {"message":"café ✓"} tail');
  assert.ok(!out.join('').includes('\uFFFD'));
});
