// The bundled CLI (scripts/bundle.mjs, what `safeguard` runs once installed) reports exactly what
// the modules report: the same JSON on the examples and on a multi-root tree, one thread and with
// --jobs 2 (which starts the bundled worker).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, test } from 'node:test';
import { multiRootTree } from '../../testing/multi-root-tree.js';
import { MIN_PARALLEL_BYTES } from '../source-scan-setup.js';
import { CLI } from './run-cli.js';

const BUNDLE = path.join(path.dirname(CLI), 'main.bundle.js');
const temp = mkdtempSync(path.join(tmpdir(), 'safeguard-bundle-'));
after(() => rmSync(temp, { recursive: true, force: true }));

let n = 0;
function report(cli: string, args: readonly string[], cache: readonly string[] = ['--no-cache']): { status: number | null; json: string } {
  const out = path.join(temp, `report-${n++}.json`);
  const run = spawnSync(process.execPath, [cli, 'scan', ...args, ...cache, '--format', `json:${out}`, '--no-color'], { encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '' }, timeout: 120_000 });
  assert.doesNotMatch(run.stderr, /internal error|Error:/, run.stderr);
  const json = JSON.parse(readFileSync(out, 'utf8')) as { scan: Record<string, unknown> };
  delete json.scan['timingsMs']; // the only part that differs between equal runs
  return { status: run.status, json: JSON.stringify(json) };
}

const built = existsSync(BUNDLE);
const why = built ? false : `${path.relative(process.cwd(), BUNDLE)} is not built (npm run build makes it)`;

test('the bundle reports what the modules report on the examples', { skip: why }, () => {
  const modules = report(CLI, ['examples']);
  const bundle = report(BUNDLE, ['examples']);
  assert.equal(bundle.status, modules.status);
  assert.ok(modules.json.length > 100_000, 'the examples give a full report');
  assert.equal(bundle.json, modules.json);
});

/** A tree over MIN_PARALLEL_BYTES of Terraform, so --jobs 2 really starts a worker (its .tpl is not Terraform: a margin); made once. */
let multi: string | undefined;
function parallelTree(): string {
  if (multi !== undefined) return multi;
  multi = path.join(temp, 'multi');
  const written = multiRootTree(multi, 300);
  assert.ok(written > MIN_PARALLEL_BYTES + 10_000, `${written} characters`);
  return multi;
}

test('the bundle with --jobs 2 (bundled worker) reports what the modules report with --jobs 1', { skip: why }, () => {
  const tree = parallelTree();
  const modules = report(CLI, [tree, '--jobs', '1']);
  const bundle = report(BUNDLE, [tree, '--jobs', '2']);
  assert.equal(bundle.status, modules.status);
  assert.equal(bundle.json, modules.json);
});

// V8 prints each code cache it deserializes under --profile-deserialization (a flag its check of a
// cache's flags leaves out), and nothing for one it rejects. The worker's own ES-module bundle had
// no cache; loading the CLI's with the young generation grown by the scan, V8 rejected it.
test('the bundled --jobs worker compiles the CLI with its code cache too, and V8 accepts it', { skip: why }, () => {
  const tree = parallelTree();
  const cacheBytes = statSync(path.join(path.dirname(BUNDLE), 'main.core.cache')).size;
  const out = path.join(temp, `report-${n++}.json`);
  const run = spawnSync(process.execPath, ['--profile-deserialization', BUNDLE, 'scan', tree, '--no-cache', '--jobs', '2', '--format', `json:${out}`], { encoding: 'utf8', timeout: 120_000 });
  assert.doesNotMatch(run.stderr, /internal error|Error:/, run.stderr);
  const loads = run.stdout.split('\n').filter((line) => line.startsWith(`[Deserializing from ${cacheBytes} bytes`));
  assert.equal(loads.length, 2, 'the launcher and the worker each deserialize main.core.cache');
});

test('the bundle prints its version', { skip: why }, () => {
  const run = spawnSync(process.execPath, [BUNDLE, '--version'], { encoding: 'utf8' });
  assert.equal(run.status, 0);
  assert.match(run.stdout.trim(), /^\d+\.\d+\.\d+/);
});

test('a warm run of the bundle hits the entry its cold run wrote (the cache keys on the bundles beside it) and reports the same', { skip: why }, () => {
  const cache = path.join(temp, 'bundle-cache');
  // Entry → inode: a write renames a new file into place; a hit leaves the file as it is.
  const entries = (): Map<string, number> => new Map(readdirSync(cache, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('.json')).map((name) => [name, statSync(path.join(cache, name)).ino]));
  const cold = report(BUNDLE, ['examples/noncompliant'], ['--cache-dir', cache]);
  const written = entries();
  assert.equal(written.size, 2, 'entries for the sources and the swept documents are written');
  const warm = report(BUNDLE, ['examples/noncompliant'], ['--cache-dir', cache]);
  assert.deepEqual(entries(), written, 'a hit neither adds nor rewrites an entry');
  assert.equal(warm.json, cold.json);
  assert.equal(warm.json, report(CLI, ['examples/noncompliant']).json, 'and the modules report the same, uncached');
});

/** `loadCore(dir)` in a fresh process with the CLI's V8 flags set first, as the launcher does; its code-cache state and `--version`'s output. */
function loadInChild(dir: string): { codeCache: string; version: string } {
  const modules = path.dirname(CLI);
  const script = [
    `import ${JSON.stringify(pathToFileURL(path.join(modules, 'v8-tuning.js')).href)};`,
    `import { loadCore } from ${JSON.stringify(pathToFileURL(path.join(modules, 'core-loader.js')).href)};`,
    `const { core, codeCache } = loadCore(${JSON.stringify(dir)});`,
    'let version = "";',
    'await core.main(["--version"], { out: (t) => { version += t; }, err: () => undefined, stdoutIsTTY: false, stderrIsTTY: false, env: {} });',
    'process.stdout.write(JSON.stringify({ codeCache, version: version.trim() }));',
  ].join('\n');
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '', 'no warning on stderr');
  return JSON.parse(run.stdout) as { codeCache: string; version: string };
}

test('the launcher compiles the bundled CLI with the code cache the build made: V8 accepts it under the CLI flags', { skip: why }, () => {
  assert.ok(existsSync(path.join(path.dirname(BUNDLE), 'main.core.cache')), 'npm run build makes main.core.cache');
  const loaded = loadInChild(path.dirname(BUNDLE));
  assert.equal(loaded.codeCache, 'accepted');
  assert.match(loaded.version, /^\d+\.\d+\.\d+$/);
});

test('a code cache that does not match is rejected and the CLI runs compiled from source; without one it runs too', { skip: why }, () => {
  const dir = path.join(temp, 'stale-cache');
  mkdirSync(dir);
  copyFileSync(path.join(path.dirname(BUNDLE), 'main.core.cjs'), path.join(dir, 'main.core.cjs'));
  // Away from package.json the version reads 0.0.0: what matters is that the CLI ran.
  const none = loadInChild(dir);
  assert.equal(none.codeCache, 'none');
  assert.match(none.version, /^\d+\.\d+\.\d+$/);
  writeFileSync(path.join(dir, 'main.core.cache'), Buffer.alloc(4096, 7));
  assert.deepEqual(loadInChild(dir), { ...none, codeCache: 'rejected' });
});

test('the bundle loads a --plugin module (the launcher imports it for the bundled CLI) as the modules do', { skip: why }, () => {
  const plugin = ['--plugin', './examples/policies/plugin/acme-policy-pack.js'];
  const modules = report(CLI, ['examples/noncompliant', ...plugin]);
  const bundle = report(BUNDLE, ['examples/noncompliant', ...plugin]);
  assert.match(bundle.json, /"ruleId":"acme-/, 'the plugin rules ran');
  assert.equal(bundle.json, modules.json);
});

/** The Node built-ins (not Node's internal modules) the bundle loads after its first V8 flag is set, running `args`. */
function builtinsLoadedAfterFlags(args: readonly string[]): string[] {
  const hook = path.join(temp, 'flags-hook.mjs');
  const list = path.join(temp, `after-flags-${n++}.json`);
  // Records process.moduleLoadList's length at the first setFlagsFromString (the launcher's
  // v8-tuning.ts uses the ES module binding, so the built-in's ES exports are synced to the patch).
  writeFileSync(hook, [
    "import v8 from 'node:v8';",
    "import { syncBuiltinESMExports } from 'node:module';",
    "import { writeFileSync } from 'node:fs';",
    'let at = -1;',
    'const set = v8.setFlagsFromString;',
    'v8.setFlagsFromString = (flags) => { if (at < 0) at = process.moduleLoadList.length; set(flags); };',
    'syncBuiltinESMExports();',
    `process.on('exit', () => writeFileSync(${JSON.stringify(list)}, JSON.stringify(at < 0 ? null : process.moduleLoadList.slice(at))));`,
  ].join('\n'));
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(hook).href, BUNDLE, ...args], { encoding: 'utf8', timeout: 120_000 });
  assert.doesNotMatch(run.stderr, /internal error|Error:/, run.stderr);
  const after = JSON.parse(readFileSync(list, 'utf8')) as string[] | null;
  assert.ok(after !== null, 'the launcher set a V8 flag');
  return after.filter((m) => m.startsWith('NativeModule ') && !m.startsWith('NativeModule internal/')).map((m) => m.slice('NativeModule '.length));
}

// Node's own modules carry a code cache made under V8's default flags; one loaded after the CLI
// changes a flag is compiled from source (core-builtins.ts). Before the launcher loaded them first:
// crypto, os, perf_hooks, diagnostics_channel, net, dgram, child_process, process, zlib, worker_threads.
test('the launcher loads every Node built-in the bundled CLI requires before it sets V8 flags', { skip: why }, () => {
  assert.deepEqual(builtinsLoadedAfterFlags(['scan', 'examples/noncompliant', '--no-cache', '--jobs', '1', '--quiet', '--format', `json:${path.join(temp, 'after-flags.json')}`]), []);
  assert.deepEqual(builtinsLoadedAfterFlags(['--version']), []);
});

test('the bundles are ASCII, so V8 reads them as one byte per character (scripts/bundle.mjs escapes the rest)', { skip: why }, () => {
  for (const name of ['main.core.cjs', 'scan-worker.bundle.js', 'main.bundle.js']) {
    const bytes = readFileSync(path.join(path.dirname(BUNDLE), name));
    const at = bytes.findIndex((b) => b > 0x7f);
    assert.equal(at, -1, `${name} has a byte past ASCII at offset ${at}`);
  }
});
