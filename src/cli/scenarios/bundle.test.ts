// The bundled CLI (scripts/bundle.mjs, what `safeguard` runs once installed) reports exactly what
// the modules report: the same JSON on the examples and on a multi-root tree, one thread and with
// --jobs 2 (which starts the bundled worker).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { multiRootTree } from '../../testing/multi-root-tree.js';
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

test('the bundle with --jobs 2 (bundled worker) reports what the modules report with --jobs 1', { skip: why }, () => {
  const tree = path.join(temp, 'multi');
  multiRootTree(tree, 120); // over 256 KB of Terraform, so --jobs 2 really starts a worker
  const modules = report(CLI, [tree, '--jobs', '1']);
  const bundle = report(BUNDLE, [tree, '--jobs', '2']);
  assert.equal(bundle.status, modules.status);
  assert.equal(bundle.json, modules.json);
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
