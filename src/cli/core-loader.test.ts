// loadCore reads the bundle as Latin-1 only when every byte is ASCII; anything else is UTF-8.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { CODE_CACHE_FILE, CORE_FILE, loadCore } from './core-loader.js';

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

test('the built code cache is accepted by a starting CLI (made under the flags the launcher sets)', { skip: !existsSync(new URL(`./${CODE_CACHE_FILE}`, import.meta.url)) && 'no code cache built' }, () => {
  // A fresh process, as the launcher starts: its flags (v8-tuning.js) first, then the core.
  const script = `await import(${JSON.stringify(new URL('./v8-tuning.js', import.meta.url).href)}); const { loadCore } = await import(${JSON.stringify(new URL('./core-loader.js', import.meta.url).href)}); process.stdout.write(loadCore(${JSON.stringify(fileURLToPath(new URL('.', import.meta.url)))}).codeCache);`;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.stdout, 'accepted', run.stderr);
});
