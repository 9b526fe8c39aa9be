// loadCore reads the bundle as Latin-1 only when every byte is ASCII; anything else is UTF-8. It
// reads the code cache into the bundle's bytes when it fits.
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

/** A directory of its own holding `text` as the core. */
function coreDir(name: string, text: string): string {
  const dir = mkdtempSync(path.join(temp, `${name}-`));
  writeFileSync(path.join(dir, CORE_FILE), text, 'latin1');
  return dir;
}

// Each cache is made in one directory and read in another: V8's in-process compilation cache is
// keyed on the file name too, so the second compile really consumes the cache.
test('a code cache larger than the bundle is read whole', () => {
  const text = 'exports.twice = function twice(n) { return 2 * n; };\n';
  const cache = loadCore(coreDir('made', text), false).script.createCachedData();
  assert.ok(cache.length > text.length);
  const dir = coreDir('read', text);
  writeFileSync(path.join(dir, CODE_CACHE_FILE), cache);
  const loaded = loadCore(dir);
  assert.equal(loaded.codeCache, 'accepted');
  assert.equal((loaded.core as unknown as { twice(n: number): number }).twice(21), 42);
});

test('a code cache read into the bundle\'s bytes leaves the compiled text whole', () => {
  // Over a MB, as the real bundle: Node then makes the Latin-1 string outside V8's heap, from a copy
  // of the bytes. `f` runs first after loading, so V8 compiles it then, from the text.
  const f = "function f() { return 'kept'; }";
  const text = `exports.f = ${f};\n/*${'x'.repeat(1_200_000)}*/\n`;
  const cache = loadCore(coreDir('made', text), false).script.createCachedData();
  assert.ok(cache.length < text.length);
  const dir = coreDir('read', text);
  writeFileSync(path.join(dir, CODE_CACHE_FILE), cache);
  const loaded = loadCore(dir);
  assert.equal(loaded.codeCache, 'accepted');
  const core = loaded.core as unknown as { f(): string };
  assert.equal(core.f(), 'kept');
  assert.equal(core.f.toString(), f);
});
