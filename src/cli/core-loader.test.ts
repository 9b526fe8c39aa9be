// loadCore reads the bundle as Latin-1 only when every byte is ASCII; anything else is UTF-8.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { CORE_FILE, loadCore } from './core-loader.js';

const temp = mkdtempSync(path.join(tmpdir(), 'safeguard-core-loader-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function coreOf(name: string, source: string): Record<string, unknown> {
  const own = mkdtempSync(path.join(temp, `${name}-`));
  writeFileSync(path.join(own, CORE_FILE), source, 'utf8');
  return loadCore(own, false).core as unknown as Record<string, unknown>;
}

test('a bundle with characters past ASCII is decoded as UTF-8', () => {
  const core = coreOf('utf8', 'exports.text = "µs → ✓ 😀";\nexports.length = exports.text.length;\n');
  assert.equal(core['text'], 'µs → ✓ 😀');
  assert.equal(core['length'], 9);
});

test('an ASCII bundle loads as written', () => {
  const core = coreOf('ascii', 'exports.text = "\\u00b5s";\n');
  assert.equal(core['text'], 'µs');
});
