// The reports a code host reads name files from the repository's root, wherever the scan ran from:
// a GitHub step with `working-directory: infra`, or a scan of a checkout outside the working directory.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runCli } from './run-cli.js';

const BUCKET = 'resource "aws_db_instance" "db" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = true\n}\n';

describe('paths in SARIF, GitLab, GitHub annotations and Markdown links', () => {
  const base = mkdtempSync(path.join(tmpdir(), 'safeguard-repo-paths-'));
  after(() => rmSync(base, { recursive: true, force: true }));
  const repo = path.join(base, 'repo');
  mkdirSync(path.join(repo, '.git'), { recursive: true });
  mkdirSync(path.join(repo, 'infra'), { recursive: true });
  writeFileSync(path.join(repo, 'infra', 'main.tf'), BUCKET);
  const elsewhere = path.join(base, 'elsewhere');
  mkdirSync(elsewhere);

  const reports = (cwd: string, target: string, env: Record<string, string> = {}): { github: string; sarif: string; gitlab: string; sast: string; markdown: string; text: string } => {
    const out = path.join(base, `out-${Math.random().toString(36).slice(2)}`);
    mkdirSync(out);
    const run = runCli(['scan', target, '--no-cache', '--format', 'github', '--format', `sarif:${out}/r.sarif`, '--format', `gitlab:${out}/r.json`, '--format', `gitlab-sast:${out}/s.json`, '--format', `markdown:${out}/r.md`, '--format', `text:${out}/r.txt`], {
      cwd,
      env: { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'o/r', GITHUB_SHA: 'abc123', ...env },
    });
    assert.equal(run.status, 1, run.stderr);
    const read = (name: string): string => readFileSync(path.join(out, name), 'utf8');
    return { github: run.stdout, sarif: read('r.sarif'), gitlab: read('r.json'), sast: read('s.json'), markdown: read('r.md'), text: read('r.txt') };
  };

  const expectRepositoryPaths = (r: ReturnType<typeof reports>): void => {
    assert.match(r.github, /::error file=infra\/main\.tf,line=\d+/);
    assert.doesNotMatch(r.github, /file=(?!infra\/main\.tf,)/);
    const sarif = JSON.parse(r.sarif) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.deepEqual([...new Set(sarif.runs[0]!.results.map((x) => x.locations[0]!.physicalLocation.artifactLocation.uri))], ['infra/main.tf']);
    const quality = JSON.parse(r.gitlab) as { location: { path: string } }[];
    assert.deepEqual([...new Set(quality.map((v) => v.location.path))], ['infra/main.tf']);
    const sast = JSON.parse(r.sast) as { vulnerabilities: { location: { file: string } }[] };
    assert.deepEqual([...new Set(sast.vulnerabilities.map((v) => v.location.file))], ['infra/main.tf']);
    assert.match(r.markdown, /\(https:\/\/github\.com\/o\/r\/blob\/abc123\/infra\/main\.tf#L\d+\)/);
  };

  test('from the module directory (a working-directory step): repository paths; the text report keeps the working directory\'s', () => {
    const r = reports(path.join(repo, 'infra'), '.');
    expectRepositoryPaths(r);
    assert.match(r.text, /^main\.tf:\d+/m);
  });

  test('from outside the checkout: repository paths, not ../', () => {
    const r = reports(elsewhere, path.join(repo, 'infra'));
    expectRepositoryPaths(r);
    assert.doesNotMatch(r.sarif + r.gitlab + r.sast + r.github, /\.\.\//);
  });

  test('GITHUB_WORKSPACE names the checkout when no .git is there (a source archive)', () => {
    const archive = path.join(base, 'archive');
    mkdirSync(path.join(archive, 'infra'), { recursive: true });
    writeFileSync(path.join(archive, 'infra', 'main.tf'), BUCKET);
    expectRepositoryPaths(reports(path.join(archive, 'infra'), '.', { GITHUB_WORKSPACE: archive }));
  });
});
