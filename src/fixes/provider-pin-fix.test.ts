// Issue 10: "pin a provider constraint to the version in the lock file" — tf-provider-versions-pinned's fix.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { allRules } from '../rules/index.js';
import { fixInMemory } from './fix-in-memory.js';

const rule = allRules.filter((r) => r.id === 'tf-provider-versions-pinned');
const LOCK = `# This file is maintained automatically by "terraform init".
provider "registry.terraform.io/hashicorp/aws" {
  version     = "5.31.0"
  constraints = ">= 5.0.0"
  hashes = [
    "h1:ltxyuBWIy9cq0kIKDJH1jeWJy/y7XJLjS4QrsQK4plA=",
  ]
}

provider "registry.terraform.io/datadog/datadog" {
  version = "3.40.1"
  hashes = [
    "h1:lYvRZSomfr2RCGQkqzMrdhlYjgO7o9dVm0vFuKlKsp0=",
  ]
}
`;

describe('tf-provider-versions-pinned fix: the lock file version', () => {
  test('a stale lock the constraint excludes is not written as the pin (it would downgrade the provider two majors)', async () => {
    const main = 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0"\n    }\n  }\n}\n\nresource "aws_sqs_queue" "q" {\n  name = "q"\n}\n';
    const run = await fixInMemory({ 'main.tf': main, '.terraform.lock.hcl': LOCK.replace('5.31.0', '3.32.0') }, rule, { unsafe: false });
    assert.deepEqual(run.changed, []);
  });

  test('an open-ended constraint is rewritten in place to ~> MAJOR.MINOR of the locked version, comments and layout kept', async () => {
    const main = 'terraform {\n  required_version = "~> 1.9"\n\n  # providers\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      # bounded by the platform team\n      version = ">= 5.0" # TODO\n    }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "pin-test"\n}\n';
    const run = await fixInMemory({ 'main.tf': main, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.deepEqual(run.changed, ['main.tf']);
    assert.equal(
      run.files.get('main.tf'),
      main.replace('version = ">= 5.0"', 'version = "~> 5.31"'),
    );
    assert.deepEqual(run.remaining, [], 'the rule passes after the fix');
    assert.match(run.entries[0]!.description, /Pin provider "aws" to ~> 5\.31 \(the lock file has 5\.31\.0\)/);
  });

  test('an undeclared provider is added to required_providers with the source the lock file names', async () => {
    const main = 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 5.31"\n    }\n  }\n}\n\nresource "datadog_monitor" "m" {\n  name = "phi-api-errors"\n}\n';
    const run = await fixInMemory({ 'main.tf': main, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.match(run.files.get('main.tf')!, /\n {4}datadog = \{ source = "datadog\/datadog", version = "~> 3\.40" \}\n/);
    assert.deepEqual(run.remaining, []);
  });

  test('a terraform block without required_providers gets one', async () => {
    const main = 'terraform {\n  required_version = "~> 1.9"\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "pin-test"\n}\n';
    const run = await fixInMemory({ 'main.tf': main, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.match(run.files.get('main.tf')!, /terraform \{\n {2}required_version = "~> 1\.9"\n\n? {2}required_providers \{\n {4}aws = \{ source = "hashicorp\/aws", version = "~> 5\.31" \}\n {2}\}\n\}/);
    assert.deepEqual(run.remaining, []);
  });

  test('a missing version is added as a new line in the object; a legacy string entry becomes an object; a one-line object gets a comma', async () => {
    const multi = 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws" # official\n    }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "pin-test"\n}\n';
    const a = await fixInMemory({ 'main.tf': multi, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    // Aligned with the item above as terraform fmt aligns them: `source = …` over an added
    // `version = …` left `terraform fmt -check` failing after the fix.
    assert.equal(a.files.get('main.tf'), multi.replace('      source = "hashicorp/aws" # official\n', '      source  = "hashicorp/aws" # official\n      version = "~> 5.31"\n'));
    const legacy = multi.replace(/aws = \{[^}]*\}/, 'aws = ">= 4"');
    const b = await fixInMemory({ 'main.tf': legacy, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.match(b.files.get('main.tf')!, /aws = \{ source = "hashicorp\/aws", version = "~> 5\.31" \}/);
    const oneLine = multi.replace(/aws = \{[^}]*\}/, 'aws = { source = "hashicorp/aws" }');
    const c = await fixInMemory({ 'main.tf': oneLine, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.match(c.files.get('main.tf')!, /aws = \{ source = "hashicorp\/aws", version = "~> 5\.31" \}/);
    for (const run of [a, b, c]) assert.deepEqual(run.remaining, []);
  });

  test('a version added to a multi-line object joins the alignment group above it, and only that group', async () => {
    const main = 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n      # pinned later\n    }\n    datadog = {\n      source                = "datadog/datadog"\n      configuration_aliases = [datadog.eu]\n      version               = "~> 3.40"\n    }\n  }\n}\n\nresource "aws_s3_bucket" "b" {\n  bucket = "pin-test"\n}\n';
    const run = await fixInMemory({ 'main.tf': main, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.equal(run.files.get('main.tf'), main.replace('      source = "hashicorp/aws"\n', '      source  = "hashicorp/aws"\n      version = "~> 5.31"\n'));
    // Not aligned by the author (a one-space group): the new line takes one space too.
    const loose = main.replace('      source = "hashicorp/aws"\n', '      source = "hashicorp/aws"\n      configuration_aliases = [aws.dr]\n');
    const b = await fixInMemory({ 'main.tf': loose, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.equal(b.files.get('main.tf'), loose.replace('[aws.dr]\n', '[aws.dr]\n      version = "~> 5.31"\n'));
  });

  test('without a lock entry there is no fix: a version is never invented', async () => {
    const main = 'terraform {\n  required_providers {\n    random = {\n      source = "hashicorp/random"\n    }\n  }\n}\n\nresource "random_id" "x" {\n  byte_length = 4\n}\n';
    const run = await fixInMemory({ 'main.tf': main, '.terraform.lock.hcl': LOCK }, rule, { unsafe: false });
    assert.deepEqual(run.changed, []);
    assert.equal(run.remaining.length, 1);
  });
});
