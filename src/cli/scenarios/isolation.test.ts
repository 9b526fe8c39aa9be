// The scanner makes no network calls and executes nothing from the scanned content (issue 12).
// Statically: no built module imports a network module, and only an allow-list runs a process
// (git, with fixed arguments). Dynamically: a scan of content that asks for network access and
// command execution runs in-process with sockets, DNS and process spawning patched to record.
import assert from 'node:assert/strict';
import childProcess from 'node:child_process';
import dns from 'node:dns';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { nodeScanContext } from '../node-context.js';
import { runCli } from '../program.js';

const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const NETWORK_MODULES = /^(node:)?(http|https|http2|net|tls|dns|dgram|undici)(\/.*)?$/;
/** Modules that may start a process: each runs `git` with arguments of its own for --changed-since, audit logs and evidence packs. */
const MAY_SPAWN = new Set(['cli/narrow-findings.js', 'cli/audit-trail.js', 'cli/evidence-command.js', 'cli/main.core.cjs']); // the bundled CLI holds the three
/** The launchers (the CLI's and its --jobs worker's) and their loader compile one script, the bundled CLI beside them (core-loader.ts): they alone may import node:vm. */
/** The launcher loads child_process before it sets V8's flags (core-builtins.ts), for Node's code cache; it calls none of it. */
const LOADS_CHILD_PROCESS = new Set(['cli/core-builtins.js', 'cli/main.bundle.js']);
const COMPILES_THE_CLI = new Set(['cli/core-loader.js', 'cli/main.bundle.js', 'cli/scan-worker.bundle.js']);
/** Dev tools, not the scanner: benchmarks and tests start child processes on purpose. */
const NOT_SHIPPED = /(^|\/)(bench|fuzz|testing)\/|\.test\.js$|scenarios\//;

function builtModules(): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir, { withFileTypes: true })) {
      const childRel = rel === '' ? name.name : `${rel}/${name.name}`;
      if (name.isDirectory()) walk(path.join(dir, name.name), childRel);
      else if ((name.name.endsWith('.js') || name.name.endsWith('.cjs')) && !NOT_SHIPPED.test(childRel)) out.push(childRel);
    }
  };
  walk(DIST, '');
  return out;
}

const importsOf = (source: string): string[] => [...source.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2] ?? m[3]!);

test('no shipped module imports a network module; only the allow-list may start a process, and only git', () => {
  const modules = builtModules();
  assert.ok(modules.length > 100, `modules found: ${modules.length}`);
  for (const rel of modules) {
    const source = readFileSync(path.join(DIST, rel), 'utf8');
    const imports = importsOf(source);
    const network = imports.filter((i) => NETWORK_MODULES.test(i));
    assert.deepEqual(network, [], `${rel} imports ${network.join(', ')}`);
    // A call to eval, not the evaluator's own `eval(expr, scope, trace)` method.
    const evaluatesCode = /\bnew Function\(|(?:[=(,;:!&|?+]|\breturn)[ \t]*eval\(|globalThis\.eval\b/.exec(source) ?? (COMPILES_THE_CLI.has(rel) ? null : /['"]node:vm['"]/.exec(source));
    assert.ok(evaluatesCode === null, `${rel} evaluates code: ${evaluatesCode?.[0]}`);
    if (COMPILES_THE_CLI.has(rel)) {
      // One vm.Script, of the file named main.core.cjs in the launcher's own directory.
      assert.deepEqual([...source.matchAll(/\bvm\.(\w+)/g)].map((m) => m[1]), ['Script'], `${rel} uses vm for more than compiling the CLI`);
      assert.match(source, /["']main\.core\.cjs["']/, `${rel} compiles the bundled CLI`);
    }
    if (imports.some((i) => /^(node:)?child_process$/.test(i))) {
      assert.ok(MAY_SPAWN.has(rel) || LOADS_CHILD_PROCESS.has(rel), `${rel} imports child_process`);
      // The bundler renames clashing imports (execFileSync2), calls an imported function as
      // `(0, import_x.execFileSync)(` in CommonJS and writes double quotes; `.exec(` is a RegExp's.
      let calls = 0;
      for (const call of source.matchAll(/(?:(?<![.\w])|\(0, [\w$]+\.)(execFileSync|execFile|spawnSync|spawn|execSync|exec)\d*\)?\(([^,)]*)/g)) {
        assert.equal(call[1], 'execFileSync', `${rel}: ${call[0]}`);
        assert.match(call[2]!.trim(), /^(['"])git\1$/, `${rel} runs ${call[2]}`);
        calls++;
      }
      if (LOADS_CHILD_PROCESS.has(rel)) assert.equal(calls, 0, `${rel} only loads child_process`);
      else assert.ok(calls > 0, `${rel}: its calls are found, so the check above is not empty`);
    }
  }
});

test('scanning content that asks for the network and for commands opens no socket and runs nothing', async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-isolation-'));
  const marker = path.join(dir, 'pwned');
  writeFileSync(
    path.join(dir, 'main.tf'),
    [
      'data "http" "x" {\n  url = "https://example.invalid/secrets"\n}\n',
      'data "external" "x" {\n  program = ["sh", "-c", "touch ' + marker + '"]\n}\n',
      'resource "null_resource" "x" {\n  provisioner "local-exec" {\n    command = "touch ' + marker + '"\n  }\n}\n',
      'module "remote" {\n  source = "git::https://example.invalid/modules.git"\n}\n',
      'module "registry" {\n  source  = "hashicorp/consul/aws"\n  version = "0.1.0"\n}\n',
      'locals {\n  t = templatefile("https://example.invalid/t.tpl", {})\n  f = file("/etc/hostname")\n}\n',
      'resource "aws_s3_bucket" "b" {\n  bucket = "${local.t}${local.f}${data.http.x.response_body}"\n}\n',
    ].join(''),
  );
  const calls: string[] = [];
  const saved = { connect: net.Socket.prototype.connect, lookup: dns.lookup, spawn: childProcess.spawn, spawnSync: childProcess.spawnSync, execFile: childProcess.execFile, execFileSync: childProcess.execFileSync, exec: childProcess.exec, execSync: childProcess.execSync };
  const refuse = (what: string) => (...args: unknown[]): never => {
    calls.push(`${what} ${String(args[0])}`);
    throw new Error(`${what} is not allowed during a scan`);
  };
  net.Socket.prototype.connect = refuse('connect') as typeof net.Socket.prototype.connect;
  Object.assign(dns, { lookup: refuse('dns.lookup') });
  for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync'] as const) Object.assign(childProcess, { [name]: refuse(name) });
  syncBuiltinESMExports();
  let out = '';
  try {
    const terminal = { out: (s: string) => void (out += s), err: (s: string) => void (out += s), stdoutIsTTY: false, stderrIsTTY: false, env: {} };
    const code = await runCli(['scan', '.', '--format', 'json', '--no-color'], terminal, () => ({ ...nodeScanContext(), cwd: dir, env: {} }));
    assert.ok(code === 0 || code === 1, out.slice(0, 500));
  } finally {
    net.Socket.prototype.connect = saved.connect;
    Object.assign(dns, { lookup: saved.lookup });
    Object.assign(childProcess, { spawn: saved.spawn, spawnSync: saved.spawnSync, execFile: saved.execFile, execFileSync: saved.execFileSync, exec: saved.exec, execSync: saved.execSync });
    syncBuiltinESMExports();
  }
  try {
    assert.deepEqual(calls, []);
    assert.equal(existsSync(marker), false);
    const report = JSON.parse(out) as { findings: unknown[]; diagnostics: { code: string }[] };
    assert.ok(report.findings.length > 0, 'the scan ran');
    assert.ok(report.diagnostics.some((d) => d.code === 'eval/file-outside-root'), 'file("/etc/hostname") was refused');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
