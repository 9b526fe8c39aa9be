// `safeguard evidence` end to end (issue 9): the built CLI writes a pack for a fixture with a lock
// file, modules, a waiver register and planted canary secrets and PHI; the pack holds every file
// the docs promise, no canary, and `evidence verify` names every tampered, missing or added file.
import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { appendFileSync, mkdirSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { unzipPack, zipPack } from '../../evidence/zip.js';
import { runCli } from './run-cli.js';
import { tempDir } from '../../testing/temp-dir.js';

// Fake but well-formed: an AWS key pair, a database password, an SSN.
const CANARIES = {
  accessKeyId: 'AKIAZ7QK4LMN2PRS5TUV',
  secretKey: 'q8Vd3Lw0Zr6Hn1Bt9Xc4Mf7Ks2Pg5Jy0Ue8Ra3Wi',
  dbPassword: 'C4nary-Db-Passw0rd-917',
  ssn: '536-22-1847',
  githubToken: 'ghp_R4nd0mC4n4ryT0k3nV4lu3Xy9Zq1Wm5Lp8Kd2',
};

const LOCK = `provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.82.2"
  constraints = ">= 5.0"
  hashes = [
    "h1:3NA8fnGVqY8sU+8wzn/SjSRBlmqImLd06bZhQsDCPjM=",
    "zh:0601f35b634009274fb316082dce5d3c4f102bfe306ab42431a3fee1f1eeb33d",
    "zh:08cf3b7bb7380c7a4f7e03aceba3b03747d4a829992c62e7612d2c1b9ee23835",
  ]
}
`;

const MAIN_TF = `provider "aws" {
  region = "us-east-1"
}

variable "db_password" {
  type    = string
  default = "${CANARIES.dbPassword}"
}

resource "aws_s3_bucket" "records" {
  bucket = "example-patient-records"
  tags = {
    data_classification = "phi"
    owner               = "records-team"
    patient_ssn         = "${CANARIES.ssn}"
  }
}

resource "aws_s3_bucket" "site" {
  bucket = "example-public-site"
  tags = {
    data_classification = "public"
    owner               = "web-team"
  }
}

module "vpc" {
  source  = "terraform-aws-modules/vpc/aws"
  version = "5.8.1"
}

module "shared" {
  source = "git::https://deploy:${CANARIES.githubToken}@github.com/example/shared.git?ref=v1.2.0"
}

resource "aws_lambda_function" "intake" {
  function_name = "intake"
  role          = "arn:aws:iam::123456789012:role/intake"
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "intake.zip"

  environment {
    variables = {
      AWS_ACCESS_KEY_ID     = "${CANARIES.accessKeyId}"
      AWS_SECRET_ACCESS_KEY = "${CANARIES.secretKey}"
    }
  }
}

output "database_url" {
  value = "postgres://app:${CANARIES.dbPassword}@db.internal:5432/phi"
}
`;

// Dated from today, so the waiver is in force (and within the 180-day limit) whenever the test runs.
const day = (offset: number): string => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const REGISTER = `version: 1
waivers:
  - id: WVR-001
    rule: aws-s3-bucket-versioning
    resources:
      - aws_s3_bucket.site
    justification: The public site bucket is rebuilt from git on every deploy.
    risk:
      likelihood: low
      impact: low
    compensating_controls:
      - Site content is regenerated from the repository
    requested_by: alice@example.com
    approved_by:
      - bob@example.com
    created: ${day(-1)}
    expires: ${day(60)}
    ticket: https://tickets.example.com/SEC-42
`;

const PACK_FILES = ['control-matrix.csv', 'findings.csv', 'findings.json', 'findings.sarif', 'index.html', 'manifest.json', 'manifest.sig', 'risk-register.csv', 'risk-register.json', 'sbom.cdx.json', 'waivers.json'];

function fixture(): { dir: string; work: string; key: string; otherKey: string; publicKey: string } {
  const work = tempDir('safeguard-evidence-');
  const dir = join(work, 'infra');
  mkdirSync(join(dir, '.safeguard'), { recursive: true });
  writeFileSync(join(dir, 'main.tf'), MAIN_TF);
  writeFileSync(join(dir, '.terraform.lock.hcl'), LOCK);
  writeFileSync(join(dir, '.safeguard', 'waivers.yaml'), REGISTER);
  const pair = generateKeyPairSync('ed25519');
  const other = generateKeyPairSync('ed25519');
  const key = join(work, 'key.pem');
  const otherKey = join(work, 'other.pem');
  const publicKey = join(work, 'key.pub');
  writeFileSync(key, pair.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(otherKey, other.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  writeFileSync(publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  return { dir, work, key, otherKey, publicKey };
}

/** Every file under `dir`, relative paths → bytes. */
function readTree(dir: string): Map<string, Buffer> {
  return new Map(readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => [join(e.parentPath, e.name).slice(dir.length + 1), readFileSync(join(e.parentPath, e.name))]));
}

describe('safeguard evidence', () => {
  const f = fixture();
  const pack = join(f.work, 'pack');
  const built = runCli(['evidence', f.dir, '-o', pack, '--zip', '--sign-key', f.key, '--no-color']);

  test('writes the pack and the zip, exits as the scan does, and says where', () => {
    assert.equal(built.status, 1, built.stderr); // failing findings at or above high
    assert.match(built.stderr, /Evidence pack written to .*pack and .*pack\.zip: 11 files, \d+ failing, 1 waived, \d+ passing; signed with SHA256:[0-9a-f]{64}\./);
    assert.deepEqual([...readTree(pack).keys()].sort(), PACK_FILES);
    const zipped = unzipPack(readFileSync(`${pack}.zip`));
    assert.deepEqual([...zipped.keys()].sort(), PACK_FILES);
    for (const [name, bytes] of readTree(pack)) assert.deepEqual(Buffer.from(zipped.get(name)!), bytes, `${name} differs in the zip`);
  });

  test('no canary secret or PHI value appears in any file of the pack or the zip', () => {
    const files = [...readTree(pack)].map(([name, bytes]) => [name, bytes.toString('utf8')] as const);
    files.push(...[...unzipPack(readFileSync(`${pack}.zip`))].map(([name, bytes]) => [`zip:${name}`, Buffer.from(bytes).toString('utf8')] as const));
    for (const [name, text] of files) {
      for (const [label, canary] of Object.entries(CANARIES)) assert.ok(!text.includes(canary), `${name} contains the ${label} canary`);
    }
    for (const [label, canary] of Object.entries(CANARIES)) assert.ok(!built.stderr.includes(canary) && !built.stdout.includes(canary), `the console shows the ${label} canary`);
    // …and the scan did see them: the findings exist, masked.
    const report = JSON.parse(readFileSync(join(pack, 'findings.json'), 'utf8')) as { findings: { ruleId: string; status: string }[] };
    const failing = new Set(report.findings.filter((x) => x.status === 'fail').map((x) => x.ruleId));
    for (const rule of ['tf-no-secrets-in-code', 'tf-no-secrets-in-compute-config', 'phi-no-phi-in-code', 'tf-sensitive-outputs']) assert.ok(failing.has(rule), `${rule} should fail`);
  });

  test('the manifest hashes every other file and records the run', () => {
    const manifest = JSON.parse(readFileSync(join(pack, 'manifest.json'), 'utf8')) as { run: { scanRoot: string; tool: { name: string }; counts: Record<string, number>; gitCommit: string | null }; files: { path: string }[]; signature: { algorithm: string; publicKeyFingerprint: string } };
    assert.deepEqual(manifest.files.map((x) => x.path), PACK_FILES.filter((x) => x !== 'manifest.json' && x !== 'manifest.sig'));
    assert.equal(manifest.run.tool.name, 'safeguard');
    assert.equal(manifest.run.counts['waived'], 1);
    assert.equal(manifest.signature.algorithm, 'Ed25519');
    assert.match(manifest.signature.publicKeyFingerprint, /^SHA256:[0-9a-f]{64}$/);
  });

  test('the waiver register, risk register and SBOM carry the fixture', () => {
    const waivers = JSON.parse(readFileSync(join(pack, 'waivers.json'), 'utf8')) as { register: { id: string; state: string; waived: string[] }[] };
    assert.deepEqual(waivers.register.map((w) => [w.id, w.state, w.waived]), [['WVR-001', 'active', ['aws-s3-bucket-versioning aws_s3_bucket.site']]]);
    const risk = JSON.parse(readFileSync(join(pack, 'risk-register.json'), 'utf8')) as { entries: { ruleId: string; resource: string; classification: string; score: number; status: string }[] };
    const versioning = (resource: string) => risk.entries.find((e) => e.ruleId === 'aws-s3-bucket-versioning' && e.resource === resource);
    assert.deepEqual([versioning('aws_s3_bucket.records')?.classification, versioning('aws_s3_bucket.site')?.classification], ['phi', 'public']);
    assert.ok(versioning('aws_s3_bucket.records')!.score > versioning('aws_s3_bucket.site')!.score, 'PHI raises the score');
    assert.equal(versioning('aws_s3_bucket.site')?.status, 'waived');
    const sbom = JSON.parse(readFileSync(join(pack, 'sbom.cdx.json'), 'utf8')) as { components: { name: string; version?: string; hashes?: unknown[] }[] };
    assert.deepEqual(sbom.components.map((c) => [c.name, c.version, c.hashes?.length]), [['aws', '5.82.2', 2], ['terraform-aws-modules/vpc/aws', '5.8.1', undefined], [`git::https://${'*'.repeat(`deploy:${CANARIES.githubToken}`.length)}@github.com/example/shared.git`, 'v1.2.0', undefined]]);
    const html = readFileSync(join(pack, 'index.html'), 'utf8');
    for (const part of ['id="controls"', 'WVR-001', 'id="risks"', 'terraform-aws-modules/vpc/aws', '.terraform.lock.hcl']) assert.ok(html.includes(part), `index.html lacks ${part}`);
  });

  test('an intact pack verifies, as a folder and as a zip, with and without the public key', () => {
    for (const args of [[pack], [`${pack}.zip`], [pack, '--pub-key', f.publicKey], [pack, '--pub-key', f.key]]) {
      const run = runCli(['evidence', 'verify', ...args, '--no-color']);
      assert.equal(run.status, 0, run.stdout + run.stderr);
      assert.match(run.stdout, /^ok .*: 9 files match manifest\.json; signature valid \(key SHA256:[0-9a-f]{64}/);
    }
  });

  describe('tampering is detected and the file named', () => {
    const copy = (name: string): string => {
      const target = join(f.work, name);
      rmSync(target, { recursive: true, force: true });
      mkdirSync(target);
      for (const [file, bytes] of readTree(pack)) writeFileSync(join(target, file), bytes);
      return target;
    };
    const verify = (dir: string, ...extra: string[]) => runCli(['evidence', 'verify', dir, '--no-color', ...extra]);

    for (const file of PACK_FILES) {
      test(`one changed byte in ${file}`, () => {
        const dir = copy('tamper-byte');
        const path = join(dir, file);
        const bytes = readFileSync(path);
        const at = Math.floor(bytes.length / 2);
        bytes[at] = bytes[at]! ^ 0x01;
        writeFileSync(path, bytes);
        const run = verify(dir);
        assert.equal(run.status, 1, run.stdout);
        assert.match(run.stdout, /^FAILED /m);
        if (file === 'manifest.json' || file === 'manifest.sig') assert.match(run.stdout, /bad-signature +manifest\.json, manifest\.sig\n|invalid-manifest +manifest\.json\n/);
        else assert.match(run.stdout, new RegExp(`changed +${file.replace('.', '\\.')}\\n`));
      });
    }

    test('a deleted file', () => {
      const dir = copy('tamper-delete');
      unlinkSync(join(dir, 'risk-register.csv'));
      const run = verify(dir);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /missing +risk-register\.csv\n/);
    });

    test('an added file, also in a sub-folder', () => {
      const dir = copy('tamper-add');
      writeFileSync(join(dir, 'extra.txt'), 'not part of the pack\n');
      mkdirSync(join(dir, 'more'));
      writeFileSync(join(dir, 'more', 'notes.md'), '# later\n');
      const run = verify(dir);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /added +extra\.txt\n/);
      assert.match(run.stdout, /added +more\/notes\.md\n/);
    });

    test('an appended byte (same prefix) still changes the hash', () => {
      const dir = copy('tamper-append');
      appendFileSync(join(dir, 'index.html'), ' ');
      assert.match(verify(dir).stdout, /changed +index\.html\n/);
    });

    test('a manifest re-signed with another key fails against the expected public key', () => {
      const other = join(f.work, 'pack-other');
      rmSync(other, { recursive: true, force: true });
      runCli(['evidence', f.dir, '-o', other, '--sign-key', f.otherKey, '-q']);
      // Its own embedded key verifies it (integrity), the auditor's key does not (authenticity).
      assert.equal(verify(other).status, 0);
      const run = verify(other, '--pub-key', f.publicKey);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /key-mismatch +manifest\.json\n/);
      assert.match(run.stdout, /bad-signature +manifest\.json, manifest\.sig\n/);
    });

    test('a signature from another key over the same manifest', () => {
      const dir = copy('tamper-sig');
      const other = join(f.work, 'pack-other');
      writeFileSync(join(dir, 'manifest.sig'), readFileSync(join(other, 'manifest.sig')));
      const run = verify(dir);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /bad-signature +manifest\.json, manifest\.sig\n/);
    });

    test('a missing signature, and an unsigned pack when a key is required', () => {
      const dir = copy('tamper-nosig');
      unlinkSync(join(dir, 'manifest.sig'));
      assert.match(verify(dir).stdout, /missing +manifest\.sig\n/);
      const unsigned = join(f.work, 'pack-unsigned');
      rmSync(unsigned, { recursive: true, force: true });
      runCli(['evidence', f.dir, '-o', unsigned, '-q']);
      assert.equal(verify(unsigned).status, 0);
      const run = verify(unsigned, '--pub-key', f.publicKey);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /unsigned +manifest\.json\n/);
    });

    test('a tampered zip', () => {
      const zipped = unzipPack(readFileSync(`${pack}.zip`));
      const json = Buffer.from(zipped.get('findings.json')!).toString('utf8').replace('"status": "fail"', '"status": "pass"');
      zipped.set('findings.json', new TextEncoder().encode(json));
      const target = join(f.work, 'tampered.zip');
      writeFileSync(target, zipPack('pack', zipped, new Date('2026-12-01T00:00:00Z')));
      const run = verify(target);
      assert.equal(run.status, 1);
      assert.match(run.stdout, /changed +findings\.json\n/);
    });
  });

  test('refuses a non-empty output directory, a missing -o and a key that is not Ed25519', () => {
    const notEmpty = runCli(['evidence', f.dir, '-o', pack]);
    assert.equal(notEmpty.status, 2);
    assert.match(notEmpty.stderr, /the directory is not empty/);
    const noOut = runCli(['evidence', f.dir]);
    assert.equal(noOut.status, 2);
    assert.match(noOut.stderr, /-o DIR is required/);
    const rsa = join(f.work, 'rsa.pem');
    writeFileSync(rsa, generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const badKey = runCli(['evidence', f.dir, '-o', join(f.work, 'pack-rsa'), '--sign-key', rsa]);
    assert.equal(badKey.status, 2);
    assert.match(badKey.stderr, /an rsa key, expected Ed25519/);
    assert.ok(!badKey.stderr.includes('PRIVATE KEY'), 'key material is never echoed');
    const missingPack = runCli(['evidence', 'verify', join(f.work, 'nope')]);
    assert.equal(missingPack.status, 2);
  });
});
