// Redaction is a guarantee of every output (issue 6): canary secrets and PHI are planted in every
// place a scan reads (variable defaults, tfvars, tags, compute environment, outputs, locals), the
// scan must find them, and no output format may contain a canary string.
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { REPORTER_NAMES } from '../../reporters/registry.js';
import { runCli } from './run-cli.js';
import { tempDir } from '../../testing/temp-dir.js';

// Fake but well-formed: an AWS key pair, a GitHub token, a database URL password, an SSN and an NPI.
const CANARIES = {
  accessKeyId: 'AKIAZ7QK4LMN2PRS5TUV',
  secretKey: 'q8Vd3Lw0Zr6Hn1Bt9Xc4Mf7Ks2Pg5Jy0Ue8Ra3Wi',
  githubToken: 'ghp_R4nd0mC4n4ryT0k3nV4lu3Xy9Zq1Wm5Lp8Kd2',
  dbPassword: 'C4nary-Db-Passw0rd-917',
  ssn: '536-22-1847',
  // Only in the non-Terraform files the sweep reads (.env, YAML).
  envSecret: 'Zx81-EnvFile-Canary-Qw47',
  // A token written into a git module source (the module is not downloaded, so a diagnostic names it).
  moduleToken: 'ghs_ModuleSourceCanary0000000000000000001',
  yamlSsn: '536-22-1848',
};

const MAIN_TF = `provider "aws" {
  region = "us-east-1"
}

variable "db_password" {
  type    = string
  default = "${CANARIES.dbPassword}"
}

variable "ci_token" {
  type    = string
}

locals {
  patient_ssn = "${CANARIES.ssn}"
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

  tags = {
    patient_ssn = "${CANARIES.ssn}"
  }
}

module "shared_vpc" {
  source = "git::https://ci-bot:${CANARIES.moduleToken}@git.example.com/infra/vpc.git?ref=0123456789abcdef0123456789abcdef01234567"
}

# Broken on purpose: an error message quotes the value it could not use, and must not quote these.
variable "build_label" {
  type    = string
  default = "${CANARIES.githubToken}"
}

variable "api_token" {
  type = number
}

locals {
  db_port     = tonumber(var.db_password)
  ssn_digits  = tonumber(local.patient_ssn)
  build_count = tonumber(var.build_label)
}

output "database_url" {
  value = "postgres://app:${CANARIES.dbPassword}@db.internal:5432/phi"
}
`;

const TFVARS = `ci_token = "${CANARIES.githubToken}"\napi_token = "${CANARIES.dbPassword}"\n`;

describe('redaction of secrets and PHI in every output', () => {
  const dir = tempDir('safeguard-canary-');
  writeFileSync(join(dir, 'main.tf'), MAIN_TF);
  writeFileSync(join(dir, 'terraform.tfvars'), TFVARS);
  writeFileSync(join(dir, 'service.env'), `APP_ENV=prod\nSERVICE_API_TOKEN=${CANARIES.envSecret}\n`);
  writeFileSync(join(dir, 'fixtures.yaml'), `patients:\n  - ssn: "${CANARIES.yamlSsn}"\n`);

  test('the canaries are found', () => {
    const run = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout) as { findings: { ruleId: string; status: string; span: { file: string } }[] };
    const failing = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId));
    const failingFiles = new Set(report.findings.filter((f) => f.status === 'fail').map((f) => `${f.ruleId} ${f.span.file.split('/').pop()}`));
    assert.ok(failingFiles.has('tf-no-secrets-in-code service.env'), 'the .env canary is found');
    assert.ok(failingFiles.has('phi-no-phi-in-code fixtures.yaml'), 'the YAML canary is found');
    for (const rule of ['tf-no-secrets-in-code', 'tf-no-secrets-in-compute-config', 'phi-no-phi-in-code', 'tf-sensitive-outputs']) {
      assert.ok(failing.has(rule), `${rule} should fail on the canaries; failing: ${[...failing].join(', ')}`);
    }
  });

  test('the errors that would quote a canary are reported, without it', () => {
    const run = runCli(['scan', dir, '--format', 'json', '--fail-on', 'none']);
    const report = JSON.parse(run.stdout) as { diagnostics: { code: string; message: string }[] };
    const conversions = report.diagnostics.filter((d) => d.code === 'eval/type').map((d) => d.message);
    for (const name of ['local.db_port', 'local.ssn_digits', 'local.build_count', 'var.api_token']) {
      assert.ok(
        conversions.some((m) => m.includes(name) && /\((a sensitive value|a value that looks like a secret or PHI)\)/.test(m)),
        `an error about ${name}, with its value replaced: ${conversions.join(' | ')}`,
      );
    }
  });

  for (const format of REPORTER_NAMES) {
    test(`no canary appears in the ${format} output or on stderr`, () => {
      const run = runCli(['scan', dir, '--format', format, '--fail-on', 'none', '--verbose', '--no-color']);
      assert.ok(run.stdout.length > 0, `the ${format} report is empty`);
      for (const [name, canary] of Object.entries(CANARIES)) {
        assert.ok(!run.stdout.includes(canary), `${format} output contains the ${name} canary`);
        assert.ok(!run.stderr.includes(canary), `stderr contains the ${name} canary`);
      }
    });
  }
});
