// Issue 11 scenarios: `scan --jobs N` gives the same report as one thread, and the scan cache
// (--cache-dir, .safeguard/cache, --no-cache) reuses results only for unchanged inputs and never
// stores a secret or PHI value in clear.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { multiRootTree, writeTree } from '../../testing/multi-root-tree.js';
import { MIN_PARALLEL_BYTES } from '../source-scan-setup.js';
import { runCli } from './run-cli.js';

const temp = mkdtempSync(path.join(tmpdir(), 'safeguard-jobs-'));
after(() => rmSync(temp, { recursive: true, force: true }));

let reports = 0;

function report(args: readonly string[], env: Record<string, string> = {}, cwd?: string): { status: number | null; json: Record<string, unknown>; text: string } {
  const out = path.join(temp, `report-${reports++}.json`);
  const run = runCli(['scan', ...args, '--format', `json:${out}`, '--no-color'], { env, ...(cwd !== undefined ? { cwd } : {}) });
  assert.doesNotMatch(run.stderr, /internal error|safeguard:/, run.stderr);
  const json = JSON.parse(readFileSync(out, 'utf8')) as Record<string, unknown>;
  // Timings are the only part of a report that differs between equal runs.
  const scan = json['scan'] as Record<string, unknown> | undefined;
  if (scan) delete scan['timingsMs'];
  return { status: run.status, json, text: JSON.stringify(json) };
}

/** Cache entry → inode: a write renames a new file into place, a hit only refreshes the entry's time. */
function snapshot(dir: string): Map<string, number> {
  return new Map(cacheEntries(dir).map((file) => [file, statSync(file).ino]));
}

function cacheEntries(dir: string, suffix = '.json'): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(suffix)) out.push(p);
    }
  };
  walk(dir);
  return out;
}

describe('scan --jobs', () => {
  const tree = path.join(temp, 'multi');
  // Over MIN_PARALLEL_BYTES of Terraform, so --jobs 2 really starts a worker (the tree's .tpl is not Terraform: a margin).
  const written = multiRootTree(tree, 300);
  assert.ok(written > MIN_PARALLEL_BYTES + 10_000, `${written} characters`);

  test('--jobs 2 reports exactly what --jobs 1 reports, on a generated multi-root tree', () => {
    const one = report([tree, '--jobs', '1', '--no-cache']);
    const two = report([tree, '--jobs', '2', '--no-cache']);
    assert.equal(two.status, one.status);
    assert.ok(((one.json['findings'] as unknown[]) ?? []).length > 1000, 'the tree yields many findings');
    assert.equal(two.text, one.text);
  });

  test('--jobs 2 reports exactly what --jobs 1 reports, on the examples', () => {
    const one = report(['examples', '--jobs', '1', '--no-cache']);
    const two = report(['examples', '--jobs', '2', '--no-cache']);
    assert.equal(two.text, one.text);
  });

  test('--jobs 0 (every CPU) reports what --jobs 1 reports; --jobs rejects what is not a whole number', () => {
    assert.equal(report([tree, '--jobs', '0', '--no-cache']).text, report([tree, '--jobs', '1', '--no-cache']).text);
    const run = runCli(['scan', tree, '--jobs', 'two']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--jobs/);
  });
});

describe('scan cache', () => {
  test('off by default: a scan writes nothing into a repository without .safeguard/', () => {
    const repo = path.join(temp, 'plain');
    multiRootTree(repo, 2);
    report([repo]);
    assert.equal(existsSync(path.join(repo, '.safeguard')), false);
  });

  test('on when .safeguard/ exists: .safeguard/cache is created, ignored by git, and a warm run gives the same report', () => {
    const repo = path.join(temp, 'opted-in');
    multiRootTree(repo, 3);
    mkdirSync(path.join(repo, '.safeguard'));
    const cold = report([repo]);
    const cache = path.join(repo, '.safeguard', 'cache');
    assert.equal(readFileSync(path.join(cache, '.gitignore'), 'utf8').includes('*'), true);
    assert.match(readFileSync(path.join(cache, 'CACHEDIR.TAG'), 'utf8'), /^Signature: 8a477f597d28d172789f06886806bc55/);
    const entries = snapshot(cache);
    assert.equal(entries.size, 2, 'one entry for the Terraform sources, one for the swept documents (the template)');
    const warm = report([repo]);
    assert.equal(warm.text, cold.text);
    assert.deepEqual(snapshot(cache), entries, 'a hit neither adds nor rewrites an entry');
    // The tool's own directory, not one of the user's the scan left out.
    assert.equal(cold.text.includes('.safeguard/cache'), false, cold.text);
  });

  test('a changed document alone is judged again; the sources\' entry is still hit', () => {
    const repo = path.join(temp, 'documents');
    multiRootTree(repo, 2);
    const dir = path.join(temp, 'documents-cache');
    report([repo, '--cache-dir', dir]);
    const before = snapshot(dir);
    assert.equal(before.size, 2);
    const secret = ['Vx7r', 'Documnt', 'Passw0rd', 'Q2'].join(''); // built at run time: no planted value in the sources
    writeTree(repo, { 'config/.env': `DB_PASSWORD=${secret}\n` });
    const after = report([repo, '--cache-dir', dir]);
    assert.ok(((after.json['findings'] as { ruleId: string; status: string; span: { file: string } }[]) ?? []).some((f) => f.status === 'fail' && f.span.file.endsWith('config/.env')), 'the new document is judged');
    const now = snapshot(dir);
    assert.equal(now.size, 3, 'a new documents entry');
    assert.equal([...before].filter(([file, ino]) => now.get(file) === ino).length, 2, 'both earlier entries are left as they were (the sources\' one was hit, not rewritten)');
    for (const file of now.keys()) assert.equal(readFileSync(file, 'utf8').includes(secret), false, 'no entry holds the planted value');
  });

  test('the noncompliant example (secret-named variables, redacted secret findings) is cached and hit like any other', () => {
    const repo = path.join(temp, 'noncompliant');
    cpSync('examples/noncompliant', repo, { recursive: true });
    const cache = path.join(temp, 'noncompliant-cache');
    const cold = report([repo, '--cache-dir', cache]);
    assert.ok(((cold.json['findings'] as { ruleId: string; status: string }[]) ?? []).some((f) => f.ruleId === 'tf-no-secrets-in-code' && f.status === 'fail'), 'it has secret findings');
    const entries = snapshot(cache);
    assert.equal(entries.size, 2, 'both entries (sources, documents) are written: redacted messages are not taken for secrets');
    assert.equal(report([repo, '--cache-dir', cache]).text, cold.text);
    assert.deepEqual(snapshot(cache), entries, 'the warm run hit both entries');
  });

  test('--cache-dir naming a file is refused (exit 2, the flag named), not a scan without its cache', () => {
    const file = path.join(temp, 'not-a-directory');
    writeFileSync(file, '');
    const run = runCli(['scan', 'examples/hipaa-baseline', '--cache-dir', file, '--no-color']);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--cache-dir .*not-a-directory: this is not a directory/);
  });

  test('--no-cache neither reads nor writes, even with .safeguard/', () => {
    const repo = path.join(temp, 'no-cache');
    multiRootTree(repo, 2);
    mkdirSync(path.join(repo, '.safeguard'));
    report([repo, '--no-cache']);
    assert.equal(existsSync(path.join(repo, '.safeguard', 'cache')), false);
  });

  test('a changed input makes a new entry: file content, a template read by templatefile(), --var, TF_VAR_*, --var-file, the rule set', () => {
    const repo = path.join(temp, 'invalidate');
    multiRootTree(repo, 2);
    const dir = path.join(temp, 'invalidate-cache');
    const base = [repo, '--cache-dir', dir];
    const first = report(base);
    assert.equal(cacheEntries(dir).length, 2, 'sources and documents');
    report(base);
    assert.equal(cacheEntries(dir).length, 2, 'unchanged: a hit');

    const steps: [string, () => { text: string }][] = [
      ['content', () => (writeTree(repo, { 'envs/r000/main.tf': readFileSync(path.join(repo, 'envs/r000/main.tf'), 'utf8').replace('default = { main = true, reports = false }', 'default = { main = false }') }), report(base))],
      ['template', () => (writeTree(repo, { 'modules/db/policy.json.tpl': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n' }), report(base))],
      ['--var', () => report([...base, '--var', 'env=prod'])],
      ['TF_VAR_', () => report(base, { TF_VAR_env: 'staging' })],
      ['--var-file', () => (writeTree(repo, { 'prod.tfvars': 'env = "prod2"\n' }), report([...base, '--var-file', path.join(repo, 'prod.tfvars')]))],
      ['rule set', () => report([...base, '--skip-rule', 'aws-rds-storage-encrypted'])],
    ];
    let previous = first.text;
    for (const [what, step] of steps) {
      const before = snapshot(dir);
      const run = step();
      const now = snapshot(dir);
      // A new key, or (a template is not a scanned file) the same key whose recorded read no longer matches.
      assert.ok([...now].some(([file, ino]) => before.get(file) !== ino), `${what}: a miss writes an entry`);
      if (what === 'content' || what === 'template') assert.notEqual(run.text, previous, `${what}: the report follows the change`);
      previous = run.text;
    }
  });

  test('the template change is seen: an entry whose templatefile() input changed is not reused', () => {
    const repo = path.join(temp, 'template');
    multiRootTree(repo, 1);
    const dir = path.join(temp, 'template-cache');
    const before = report([repo, '--cache-dir', dir]);
    writeTree(repo, { 'modules/db/policy.json.tpl': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n' });
    const after = report([repo, '--cache-dir', dir]);
    assert.notEqual(after.text, before.text);
    assert.match(after.text, /aws-iam-no-admin-star-policy|Action \\"\*\\"|"\*"/);
  });

  test('a warm JSON report copies the findings the last one wrote only when all they depend on is the same', () => {
    const repo = path.join(temp, 'memo');
    multiRootTree(repo, 3);
    const dir = path.join(temp, 'memo-cache');
    const memos = (): Map<string, number> => new Map(cacheEntries(dir, '.findings').map((file) => [file, statSync(file).ino]));
    const scan = (extra: string[], cwd?: string): { text: string } => report([repo, '--cache-dir', dir, ...extra], {}, cwd);
    const cold = (extra: string[], cwd?: string): { text: string } => report([repo, '--no-cache', ...extra], {}, cwd);
    const first = scan([]);
    assert.equal(first.text, cold([]).text);
    assert.equal(memos().size, 1, 'the findings are remembered');
    const remembered = memos();
    assert.equal(scan([]).text, first.text, 'warm: copied');
    assert.deepEqual(memos(), remembered, 'a copy writes no memo');
    // What the findings' text depends on: each change writes the report afresh (and remembers it too).
    const changes: [string, string[], string?][] = [
      ['blocking (--fail-on)', ['--fail-on', 'low']],
      ['the working directory (every path shown)', [], temp],
      ['the findings (a rule skipped)', ['--skip-rule', 'aws-rds-storage-encrypted']],
    ];
    for (const [what, extra, cwd] of changes) {
      const before = memos().size;
      assert.equal(scan(extra, cwd).text, cold(extra, cwd).text, what);
      assert.equal(memos().size, before + 1, `${what}: remembered under another signature`);
      assert.equal(scan(extra, cwd).text, cold(extra, cwd).text, `${what}: then copied`);
    }
    // The same cache key with other findings (a template read by templatefile() changed): a new generation, so no old memo fits.
    writeTree(repo, { 'modules/db/policy.json.tpl': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}\n' });
    const changed = scan([]);
    assert.notEqual(changed.text, first.text);
    assert.equal(changed.text, cold([]).text);
    assert.equal(scan([]).text, changed.text);
  });

  test('a memo damaged where only its digest tells (zero-filled inside) is found as it is copied: the report is written again in full', () => {
    const repo = path.join(temp, 'memo-damaged');
    multiRootTree(repo, 3);
    const dir = path.join(temp, 'memo-damaged-cache');
    const first = report([repo, '--cache-dir', dir]);
    const [memo] = cacheEntries(dir, '.findings');
    assert.ok(memo !== undefined, 'the findings are remembered');
    const whole = readFileSync(memo);
    const damaged = Buffer.from(whole);
    damaged.fill(0, Math.floor(whole.length / 2), Math.floor(whole.length / 2) + 64); // same size, start and end
    writeFileSync(memo, damaged);
    const warm = report([repo, '--cache-dir', dir]);
    assert.equal(warm.text, first.text, 'the same report, whole (the damaged copy was thrown away)');
    assert.doesNotThrow(() => JSON.parse(warm.text));
    assert.equal(existsSync(memo), false, 'the damaged memo is deleted');
    assert.equal(report([repo, '--cache-dir', dir]).text, first.text, 'and the next scan writes the report itself again');
  });

  test('no secret or PHI value in clear in the cache directory (canary)', () => {
    const repo = path.join(temp, 'canary');
    const secret = 'Zq8vCanaryPassw0rdXk2';
    const awsKey = 'AKIAQ3CANARYZ7XK4P2M';
    const ssn = '078-51-1120';
    writeTree(repo, {
      'main.tf': [
        'resource "aws_db_instance" "db" {',
        '  engine            = "postgres"',
        `  password          = "${secret}"`,
        '  storage_encrypted = true',
        '}',
        'resource "aws_lambda_function" "f" {',
        '  function_name = "f"',
        '  role          = "r"',
        '  environment {',
        `    variables = { AWS_ACCESS_KEY_ID = "${awsKey}", PATIENT_SSN = "${ssn}" }`,
        '  }',
        '}',
        '',
      ].join('\n'),
      // Swept documents: their findings are cached too.
      'config/.env': `DB_PASSWORD=${secret}\nAWS_ACCESS_KEY_ID=${awsKey}\n`,
      'intake.yaml': `patient:\n  ssn: "${ssn}"\n`,
    });
    const dir = path.join(temp, 'canary-cache');
    const cold = report([repo, '--cache-dir', dir]);
    assert.ok(!cold.text.includes(secret) && !cold.text.includes(awsKey), 'the report itself is redacted');
    assert.ok(((cold.json['findings'] as { status: string; span: { file: string } }[]) ?? []).some((f) => f.status === 'fail' && f.span.file.endsWith('config/.env')), 'the documents are judged');
    const check = (): void => {
      for (const file of cacheEntries(dir, '')) {
        const text = readFileSync(file, 'utf8');
        for (const canary of [secret, awsKey, ssn, ssn.replace(/-/g, '')]) assert.equal(text.includes(canary), false, `${path.basename(file)} holds a planted value`);
      }
    };
    check();
    assert.ok(cacheEntries(dir, '.findings').length > 0, 'the JSON report\'s findings memo is checked too');
    assert.equal(report([repo, '--cache-dir', dir]).text, cold.text);
    check();
  });
});

describe('scan cache: file index', () => {
  const KEY = (rotation: string): string => `resource "aws_kms_key" "phi" {\n  description         = "phi"\n  enable_key_rotation = ${rotation}\n}\n`;
  const rotation = (json: Record<string, unknown>): string | undefined =>
    ((json['findings'] as { ruleId: string; status: string }[]) ?? []).find((f) => f.ruleId === 'aws-kms-key-rotation')?.status;
  const indexFiles = (dir: string): string[] => cacheEntries(dir, '.files');
  const repo = path.join(temp, 'file-index');
  const SECRET = ['Vx7r', 'Indexd', 'Passw0rd', 'Q3'].join(''); // built at run time: no planted value in the sources
  const noncompliant = path.join(temp, 'file-index-noncompliant');

  before(async () => {
    mkdirSync(repo, { recursive: true });
    writeFileSync(path.join(repo, 'main.tf'), KEY('true '));
    writeFileSync(path.join(repo, 'config.env'), `DB_PASSWORD=${'x'.repeat(SECRET.length)}\n`);
    cpSync('examples/noncompliant', noncompliant, { recursive: true });
    // Files changed within the last two seconds are not indexed (a second write in the same clock tick keeps the times): wait that out.
    await new Promise((resolve) => setTimeout(resolve, 2100));
  });

  test('a warm scan trusts a file only while its stat is the one indexed: a same-size edit with its modification time set back is still seen', () => {
    const dir = path.join(temp, 'file-index-cache');
    const cold = report([repo, '--cache-dir', dir]);
    assert.equal(rotation(cold.json), 'pass');
    assert.equal(indexFiles(dir).length, 1, 'the index is written beside the entries');
    const indexText = readFileSync(indexFiles(dir)[0]!, 'utf8');
    assert.match(indexText, /"main\.tf"/);
    assert.equal(indexText.includes('enable_key_rotation'), false, 'paths and digests only, never a text');
    assert.equal(report([repo, '--cache-dir', dir]).text, cold.text, 'warm: the same report');

    // Same size, modification time put back as it was: the change time still moves.
    const file = path.join(repo, 'main.tf');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, KEY('false'));
    utimesSync(file, atime, mtime);
    assert.equal(statSync(file).size, Buffer.byteLength(KEY('true ')));
    const changed = report([repo, '--cache-dir', dir]);
    assert.equal(rotation(changed.json), 'fail', 'the edit is judged');
    assert.deepEqual(changed.json, report([repo, '--no-cache']).json, 'as a cold scan judges it');
  });

  test('a swept document (not Terraform) edited to the same size, its modification time set back, is judged again', () => {
    const dir = path.join(temp, 'file-index-documents-cache');
    const secrets = (json: Record<string, unknown>): number =>
      ((json['findings'] as { ruleId: string; status: string; span: { file: string } }[]) ?? []).filter((f) => f.status === 'fail' && f.span.file.endsWith('config.env')).length;
    const cold = report([repo, '--cache-dir', dir]);
    assert.equal(secrets(cold.json), 0, 'a placeholder is no secret');
    assert.equal(report([repo, '--cache-dir', dir]).text, cold.text);
    assert.match(readFileSync(indexFiles(dir)[0]!, 'utf8'), /"config\.env"/, 'the document is indexed');
    const file = path.join(repo, 'config.env');
    const { atime, mtime } = statSync(file);
    writeFileSync(file, `DB_PASSWORD=${SECRET}\n`);
    utimesSync(file, atime, mtime);
    const changed = report([repo, '--cache-dir', dir]);
    assert.ok(secrets(changed.json) > 0, 'the planted secret is found');
    assert.equal(changed.text.includes(SECRET), false, 'and not shown');
    assert.deepEqual(changed.json, report([repo, '--no-cache']).json);
  });

  test('text reports of indexed files (read only for their code frames) are those of a cold scan, redaction included', () => {
    const dir = path.join(temp, 'file-index-text-cache');
    // The run's duration is the only line that differs.
    const text = (flags: readonly string[]): string => runCli(['scan', noncompliant, '--no-color', ...flags]).stdout.replace(/ · [0-9.]+s\n/, '\n');
    const first = text(['--cache-dir', dir]);
    assert.ok(indexFiles(dir).length === 1 && readFileSync(indexFiles(dir)[0]!, 'utf8').includes('"variables.tf"'), 'the files are indexed');
    const warm = text(['--cache-dir', dir]);
    assert.match(warm, /tf-no-secrets-in-code/);
    assert.equal(warm, first);
    assert.equal(warm, text(['--no-cache']));
  });
});
