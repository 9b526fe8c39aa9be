// No report format shows a sensitive value: what a rule quotes of a value set from a `sensitive =
// true` variable, an instance key that is a secret or PHI, a credential in a module source's query
// string, a --var without its =. Each shape was found printed by a hunt for leaks (fake values).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import type { ScanContext } from '../pipeline/scan-context.js';
import { runCli } from './program.js';
import type { Terminal } from './terminal.js';

function terminal(): Terminal & { stdout: string; stderr: string } {
  const t = {
    stdout: '',
    stderr: '',
    out: (text: string) => void (t.stdout += text),
    err: (text: string) => void (t.stderr += text),
    stdoutIsTTY: false,
    stderrIsTTY: false,
    env: {},
  };
  return t;
}

// A secret the rule decodes from base64: its encoded form is the secret too.
const USER_DATA_B64 = Buffer.from('#!/bin/bash\nexport DB_PASSWORD=b64PWcanary9Xz\n').toString('base64');

const MAIN = `variable "cfg" {
  type      = map(string)
  sensitive = true
}
resource "aws_s3_bucket" "tagged" {
  bucket = "plainbucket"
  tags   = { data_classification = var.cfg.cls, owner = "team" }
}
resource "aws_cloudwatch_log_group" "l" {
  name              = "app"
  retention_in_days = var.cfg.days
}
resource "aws_s3_bucket" "by_ssn" {
  for_each = toset(["523-71-4389"])
  bucket   = "b"
}
resource "aws_s3_bucket" "each" {
  for_each = { a = var.cfg.cls }
  bucket   = "e"
  tags     = { data_classification = each.value, owner = "team" }
}
resource "aws_db_instance" "by_pw" {
  for_each            = toset(["k3yPWcanary"])
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  password            = each.key
  storage_encrypted   = false
}
locals {
  k = "nEuTrAlCANARY7x"
}
resource "aws_elasticache_replication_group" "r" {
  replication_group_id       = "r"
  description                = "r"
  auth_token                 = local.k
  at_rest_encryption_enabled = false
}
variable "patients" {
  type    = map(object({ plan = string }))
  default = { "634825590" = { plan = "gold" } }
}
resource "aws_s3_bucket" "per_patient" {
  for_each = var.patients
  bucket   = "records-\${md5(each.key)}"
  tags     = { PatientSSN = each.key, data_classification = "phi", owner = "team" }
}
resource "aws_instance" "j" {
  ami              = "ami-12345678"
  instance_type    = "t3.micro"
  user_data_base64 = "${USER_DATA_B64}"
}
module "c" {
  source = "s3::https://s3.amazonaws.com/bkt/mod.zip?aws_access_key_secret=wJalrSECRETxCANARY&aws_access_token=tokCANARY5"
}
`;

const context = (): ScanContext => ({ cwd: '/w', env: {}, now: new Date('2026-01-01'), fs: memoryFileSystem({ files: { '/w/main.tf': MAIN } }), monotonicMs: () => 0 });

for (const format of ['text', 'json', 'sarif', 'junit', 'markdown', 'csv', 'gitlab', 'gitlab-sast', 'github']) {
  test(`the ${format} report shows no sensitive value, secret key or URL credential`, async () => {
    const t = terminal();
    const code = await runCli(['scan', '.', '--format', format, '--var', 'cfg={ cls = "p4ssCLASS9", days = "73" }'], t, context);
    assert.notEqual(code, 2, t.stderr);
    const out = t.stdout + t.stderr;
    for (const secret of ['p4ssCLASS9', '523-71-4389', 'k3yPWcanary', 'wJalrSECRETxCANARY', 'tokCANARY5', ' 73 days', 'nEuTrAlCANARY7x', USER_DATA_B64.slice(8, 40), '634825590']) assert.ok(!out.includes(secret), `${format} shows ${secret}`);
    // The findings are still there, with what is not secret.
    assert.ok(out.includes('tagged') && out.includes('ssn') && out.replace(/\\/g, '').includes('by_pw'), format);
  });
}

test('fix --dry-run masks the literal a secret rule reported under a name that says nothing (locals { k = "…" })', async () => {
  const t = terminal();
  const code = await runCli(['fix', '.', '--dry-run', '--unsafe', '--no-audit-log'], t, context);
  assert.notEqual(code, 2, t.stderr);
  assert.match(t.stdout, /at_rest_encryption_enabled = true/, 'the diff is there');
  assert.match(t.stdout, / {2}k = "\*+"/, 'with the locals line as context, masked');
  assert.ok(!(t.stdout + t.stderr).includes('nEuTrAlCANARY7x'));
  assert.match(t.stdout, /\+ {2}user_data_base64 += "\*+"/, 'a line the fix realigns still masks the reported literal');
  assert.ok(!t.stdout.includes(USER_DATA_B64.slice(8, 40)));
});

test('a --var without = is named by its leading name only', async () => {
  const t = terminal();
  const code = await runCli(['scan', '.', '--var', 'db_password:hunt3rCANARY'], t, context);
  assert.equal(code, 2);
  assert.ok(t.stderr.includes('--var db_password…: expected name=value.'), t.stderr);
  assert.ok(!t.stderr.includes('hunt3r'));
});

test('fix --dry-run: a reported module input prints the same before and after, only the fix as -/+ lines', async () => {
  // The secret rule reports the caller's whole listeners value; masking its strings on the + side
  // only once printed `+  ********* = "*********"` under `-  client_id = "*********"`.
  const root = 'module "lb" {\n  source = "../mod"\n\n  listeners = {\n    weighted = {\n      protocol      = "HTTPS"\n      client_id     = "client_id"\n      client_secret = "cs-EXAMPLE-not-real"\n    }\n  }\n}\n\nresource "aws_instance" "web" {\n  ami           = "ami-12345678"\n  instance_type = "t3.nano"\n}\n';
  const mod = 'variable "listeners" {\n  type    = any\n  default = {}\n}\n\nresource "aws_lb_listener" "this" {\n  for_each          = var.listeners\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/y"\n  port              = 443\n  protocol          = each.value.protocol\n\n  default_action {\n    type = "authenticate-oidc"\n    authenticate_oidc {\n      authorization_endpoint = "https://idp.example.com/auth"\n      client_id              = each.value.client_id\n      client_secret          = each.value.client_secret\n      issuer                 = "https://idp.example.com"\n      token_endpoint         = "https://idp.example.com/token"\n      user_info_endpoint     = "https://idp.example.com/user_info"\n    }\n  }\n}\n';
  const files = { '/w/root/main.tf': root, '/w/mod/main.tf': mod };
  const t = terminal();
  const code = await runCli(['fix', 'root', '--dry-run', '--no-audit-log'], t, () => ({ cwd: '/w', env: {}, now: new Date('2026-01-01'), fs: memoryFileSystem({ files }), monotonicMs: () => 0 }));
  assert.notEqual(code, 2, t.stderr);
  assert.match(t.stderr, /tf-no-secrets-in-code/, 'the literal is reported');
  assert.ok(!(t.stdout + t.stderr).includes('cs-EXAMPLE-not-real'));
  const changed = t.stdout.split('\n').filter((l) => /^[-+](?![-+])/.test(l));
  assert.ok(changed.length > 0 && changed.every((l) => l.startsWith('+')), `only the added metadata_options lines:\n${t.stdout}`);
  assert.ok(!changed.some((l) => l.includes('*')), 'nothing masked on a + line that is not on its - line');
});

test('a --var of one word without = is not echoed at all: it is the value, its name= forgotten', async () => {
  const keyId = ['AKIA', 'Q3EGRX7ZJ5TM4KWB'].join(''); // a fake key id the detector does not take for AWS's documented example
  for (const [argument, shown] of [
    ['AKIAIOSFODNN7EXAMPLE', '--var …: expected name=value.'],
    ['hunter2secretvalue', '--var …: expected name=value.'],
    [`${keyId}:x`, '--var …: expected name=value.'], // a leading "name" shaped like a secret
    ['=hunter2secretvalue', '--var =…: expected name=value.'],
  ] as const) {
    const t = terminal();
    const code = await runCli(['scan', '.', '--var', argument], t, context);
    assert.equal(code, 2);
    assert.ok(t.stderr.includes(shown), `${argument}: ${t.stderr}`);
    assert.ok(!t.stderr.includes('hunter2') && !t.stderr.includes('AKIA'), t.stderr);
  }
});
