// A tree mixing good, broken and hostile files (issue 12): the good files' findings are all still
// reported (compared with scanning the good files alone), every file that could not be checked is
// in every report format, and the run exits 1 — unless the user excludes those files on purpose.
import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ROOT } from '../../parsers/hcl/conformance-support.js';
import { runCli } from './run-cli.js';

interface JsonReport {
  findings: { ruleId: string; status: string; resource: { address: string }; span: { file: string; start: { line: number; column: number } } }[];
  diagnostics: { code: string; severity: string; file?: string; span?: { file: string } }[];
  skipped: { path: string; reason: string }[];
}

let dir = '';
let outside = '';

function write(rel: string, contents: string | Uint8Array): void {
  mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
  writeFileSync(path.join(dir, rel), contents);
}

/** Findings in files under `prefix`; repository-wide ones are anchored at whichever root module comes first, so they are left out. */
// The repository, and the account subject of the stacks that name no AWS account (the broken tree's,
// judged with every account, so its passes may point at the good stack's trail), are not the good files'.
const findingKeys = (report: JsonReport, prefix: string): string[] =>
  report.findings.filter((f) => f.span.file.startsWith(prefix) && f.resource.address !== 'repository' && f.resource.address !== 'aws-account-baseline').map((f) => `${f.ruleId} ${f.status} ${f.span.file.slice(prefix.length)}:${f.span.start.line}:${f.span.start.column}`).sort();

function scanJson(target: string, extra: readonly string[] = []): { status: number | null; report: JsonReport } {
  // A file, not stdout: the report is larger than spawnSync's output buffer.
  const file = path.join(os.tmpdir(), `safeguard-mixed-${process.pid}.json`);
  const run = runCli(['scan', target, '--format', `json:${file}`, ...extra], { cwd: dir });
  try {
    return { status: run.status, report: JSON.parse(readFileSync(file, 'utf8')) as JsonReport };
  } catch (e) {
    throw new Error(`no JSON report (exit ${run.status}): ${run.stderr}`, { cause: e });
  } finally {
    rmSync(file, { force: true });
  }
}

describe('a tree of good, broken and hostile files', () => {
  before(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'safeguard-mixed-'));
    outside = mkdtempSync(path.join(os.tmpdir(), 'safeguard-outside-'));
    writeFileSync(path.join(outside, 'secret.tf'), 'resource "aws_s3_bucket" "outside" {}\n');
    cpSync(path.join(ROOT, 'examples', 'hipaa-baseline'), path.join(dir, 'good'), { recursive: true });
    // Broken: a syntax error, binary, invalid UTF-8, over the 5 MB limit.
    write('broken/syntax.tf', 'resource "aws_s3_bucket" "x" {\n  bucket = \n');
    write('broken/binary.tf', new Uint8Array([0x72, 0x65, 0, 0x73, 0xff]));
    // Latin-1 in a string: Terraform refuses it too ("Invalid character encoding"). In a comment
    // Terraform reads it: that file is checked, with a warning (and fails nothing).
    write('broken/latin1.tf', new Uint8Array([...Buffer.from('locals {\n  owner = "caf'), 0xe9, ...Buffer.from('"\n}\n')]));
    write('notes/latin1-comment.tf', new Uint8Array([...Buffer.from('# caf'), 0xe9, ...Buffer.from('\nlocals {\n  owner = "x"\n}\n')]));
    write('broken/huge.tf', `# ${'x'.repeat(5 * 1024 * 1024)}\n`);
    // Hostile: deep nesting, evaluation bombs, a link loop and a link out of the root.
    write('hostile/deep.tf', `locals {\n  x = ${'['.repeat(100_000)}\n}\n`);
    write('hostile/bombs.tf', 'resource "aws_s3_bucket" "many" {\n  count = 1e7\n}\nlocals {\n  big = range(1e9)\n  s   = join("", [for i in range(1e5) : "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx"])\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "${local.s}${length(local.big)}"\n}\n');
    write('hostile/escape-file.tf', 'locals {\n  p = file("/etc/passwd")\n  q = file("../../../../etc/passwd")\n}\nresource "aws_s3_bucket" "p" {\n  bucket = "${local.p}${local.q}"\n}\n');
    symlinkSync(dir, path.join(dir, 'hostile', 'loop'));
    symlinkSync(path.join(outside, 'secret.tf'), path.join(dir, 'hostile', 'escape.tf'));
    // Not Terraform: listed as skipped, never a failure.
    write('README.md', '# infra\n');
    write('docs/logo.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]));
    write('k8s/deploy.yaml', 'apiVersion: apps/v1\nkind: Deployment\n');
  });

  after(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  test('the good files alone pass; in the mixed tree their findings are all still reported', () => {
    const alone = scanJson('good');
    assert.equal(alone.status, 0, 'the baseline example is compliant');
    const mixed = scanJson('.');
    const good = findingKeys(alone.report, 'good/');
    assert.ok(good.length > 50, `findings: ${good.length}`);
    assert.deepEqual(findingKeys(mixed.report, 'good/'), good);
    assert.equal(mixed.status, 1, 'unverified inputs fail the run');
  });

  test('every broken or hostile input is an error naming the file; non-Terraform files are only skipped', () => {
    const { report } = scanJson('.');
    const errors = report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.span?.file ?? d.file ?? ''}`);
    for (const expected of [
      /^parse\/hcl broken\/syntax\.tf$/,
      /^discovery\/binary broken\/binary\.tf$/,
      /^discovery\/invalid-utf8 broken\/latin1\.tf$/,
      /^discovery\/too-large broken\/huge\.tf$/,
      /^discovery\/outside-root hostile\/escape\.tf$/,
      /^parse\/hcl hostile\/deep\.tf$/,
      /^eval\/budget hostile\/bombs\.tf$/,
    ]) {
      assert.ok(errors.some((e) => expected.test(e)), `${expected} in\n${errors.join('\n')}`);
    }
    assert.ok(errors.every((e) => !/README|logo|deploy\.yaml/.test(e)), errors.join('\n'));
    const skipped = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    assert.equal(skipped['README.md'], 'not-iac');
    assert.equal(skipped['docs/logo.png'], 'not-iac');
    assert.equal(skipped['k8s/deploy.yaml'], 'not-yet-supported');
    assert.ok(!report.findings.some((f) => f.span.file.includes('outside') || f.span.file.startsWith('..')), 'nothing from outside the root');
    const fileReads = report.diagnostics.filter((d) => d.span?.file === 'hostile/escape-file.tf').map((d) => d.code);
    assert.ok(fileReads.includes('eval/file-outside-root'), fileReads.join());
  });

  test('every report format shows the files that could not be checked, and the skipped ones', () => {
    const out = path.join(dir, 'out');
    const formats = ['text', 'json', 'sarif', 'junit', 'markdown'];
    const run = runCli(['scan', '.', '--no-color', '--verbose', ...formats.map((f) => `--format=${f}:out/report.${f}`)], { cwd: dir });
    assert.equal(run.status, 1, run.stderr);
    for (const format of formats) {
      const text = readFileSync(path.join(out, `report.${format}`), 'utf8');
      for (const file of ['broken/syntax.tf', 'broken/binary.tf', 'broken/latin1.tf', 'broken/huge.tf', 'hostile/escape.tf', 'README.md', 'docs/logo.png', 'k8s/deploy.yaml']) {
        assert.ok(text.includes(file), `${format} report names ${file}`);
      }
    }
    rmSync(out, { recursive: true, force: true });
  });

  test('excluding the broken and hostile files on purpose makes the run pass again', () => {
    write('.safeguardignore', 'broken/\nhostile/\n');
    try {
      const { status, report } = scanJson('.');
      assert.equal(status, 0, report.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.code} ${d.file ?? d.span?.file}`).join('\n'));
      assert.deepEqual(report.skipped.filter((s) => s.reason === 'ignored').map((s) => s.path), ['broken/', 'hostile/']);
      const warnings = report.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.code} ${d.span?.file ?? d.file ?? ''}`);
      assert.ok(warnings.includes('discovery/invalid-utf8-replaced notes/latin1-comment.tf'), warnings.join('\n'));
    } finally {
      rmSync(path.join(dir, '.safeguardignore'));
    }
  });
});
