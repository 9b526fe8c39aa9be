// Override files merge into the blocks they override, as Terraform merges them (overrides.ts).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';
import { isOverrideFile } from './overrides.js';

const db = 'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  publicly_accessible = false\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';

test('which files are override files', () => {
  const cases: [string, boolean][] = [
    ['override.tf', true],
    ['infra/override.tf.json', true],
    ['infra/db_override.tf', true],
    ['db_override.tf.json', true],
    ['myoverride.tf', false],
    ['override.tfvars', false],
    ['_override.tf', false],
  ];
  for (const [path, expected] of cases) assert.equal(isOverrideFile(path), expected, path);
});

test('an argument of an override replaces the original, and its span is in the override file', () => {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': db, 'override.tf': 'resource "aws_db_instance" "phi" {\n  publicly_accessible = true\n}\n' });
  assert.deepEqual(diagnostics, []);
  const r = model.ofType('aws_db_instance')[0]!;
  const attr = r.attributes.get('publicly_accessible')!;
  assert.equal(attr.value, true);
  assert.deepEqual([attr.span.file, attr.span.start.line, attr.span.start.column], ['override.tf', 2, 3]);
  assert.equal(r.attributes.get('engine')!.value, 'postgres');
  assert.equal(r.span.file, 'main.tf');
});

test('nested blocks of a type in the override replace all of that type; lifecycle merges argument by argument', () => {
  const base = 'resource "aws_security_group" "sg" {\n  name = "sg"\n  ingress {\n    from_port = 22\n  }\n  ingress {\n    from_port = 443\n  }\n  egress {\n    from_port = 0\n  }\n  lifecycle {\n    prevent_destroy = true\n  }\n}\n';
  const over = 'resource "aws_security_group" "sg" {\n  ingress {\n    from_port = 8443\n  }\n  lifecycle {\n    create_before_destroy = true\n  }\n}\n';
  const { model } = evaluateFiles({ 'main.tf': base, 'sg_override.tf': over });
  const sg = model.ofType('aws_security_group')[0]!;
  assert.deepEqual(
    sg.blocks.filter((b) => b.type === 'ingress').map((b) => b.attributes.get('from_port')!.value),
    [8443],
  );
  assert.equal(sg.blocks.filter((b) => b.type === 'egress').length, 1);
});

test('override files apply in name order after the others; locals, variables, outputs and providers are overridden too', () => {
  const { model } = evaluateFiles({
    'main.tf':
      'variable "region" {\n  default = "us-east-1"\n}\nlocals {\n  env = "prod"\n}\nprovider "aws" {\n  region = var.region\n}\nprovider "aws" {\n  alias  = "dr"\n  region = "us-west-2"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "a"\n}\noutput "env" {\n  value = local.env\n}\n',
    'override.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "from-override"\n}\n',
    'a_override.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "from-a"\n}\nvariable "region" {\n  default = "eu-west-1"\n}\nlocals {\n  env = "stage"\n}\nprovider "aws" {\n  alias  = "dr"\n  region = "eu-central-1"\n}\n',
  });
  assert.equal(model.ofType('aws_s3_bucket')[0]!.attributes.get('bucket')!.value, 'from-override');
  assert.equal(model.outputs.find((o) => o.name === 'env')!.value.value, 'stage');
  const regions = model.providers.map((p) => [p.alias ?? '', p.body.attributes.get('region')!.value]);
  assert.deepEqual(regions, [
    ['', 'eu-west-1'],
    ['dr', 'eu-central-1'],
  ]);
});

test('terraform: required_providers merge by provider, and cloud replaces a backend', () => {
  const { model } = evaluateFiles({
    'main.tf':
      'terraform {\n  required_version = ">= 1.5"\n  backend "s3" {\n    bucket = "state"\n  }\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0"\n    }\n    random = {\n      source = "hashicorp/random"\n    }\n  }\n}\n',
    'override.tf': 'terraform {\n  cloud {\n    organization = "acme"\n  }\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "~> 6.0"\n    }\n  }\n}\n',
  });
  const settings = model.terraform[0]!;
  assert.equal(settings.backend, undefined);
  assert.equal(settings.cloud?.config.attributes.get('organization')?.value, 'acme');
  assert.deepEqual([...settings.requiredProviders.keys()].sort(), ['aws', 'random']);
  assert.equal(settings.requiredProviders.get('aws')!.version?.value, '~> 6.0');
});

test('an override with no base block is an error at the override (terraform init 1.11.4: "Missing resource to override", "Missing base provider configuration for override" for an aliased provider), and is not applied; a default provider configuration with none is added, as Terraform adds it', () => {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': db, 'override.tf': 'resource "aws_db_instance" "other" {\n  publicly_accessible = true\n}\nprovider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\n' });
  const d = diagnostics.filter((x) => x.code === 'module/override');
  assert.deepEqual(d.map((x) => [x.severity, x.span?.start.line]), [['error', 1], ['error', 7]]);
  assert.deepEqual(model.providers.map((p) => [p.name, p.alias]), [['aws', undefined]]);
  assert.match(d[0]!.message, /override\.tf overrides aws_db_instance\.other, which no other file of the module declares/);
  assert.deepEqual([d[0]!.span?.file, d[0]!.span?.start.line], ['override.tf', 1]);
  assert.deepEqual(model.ofType('aws_db_instance').map((r) => r.address), ['aws_db_instance.phi']);
});

test('an override.tf.json file overrides in JSON syntax', () => {
  const { model } = evaluateFiles({ 'main.tf': db, 'override.tf.json': JSON.stringify({ resource: { aws_db_instance: { phi: { publicly_accessible: true } } } }) });
  const attr = model.ofType('aws_db_instance')[0]!.attributes.get('publicly_accessible')!;
  assert.equal(attr.value, true);
  assert.equal(attr.span.file, 'override.tf.json');
});
