// Terraform Stacks (stacks.ts): a component's local module is evaluated as the stack's called
// module, `component.<name>`, with the component's inputs and the stack's provider configuration
// unknown; it is no root module.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stackComponentsOf, stackRoots } from './stacks.js';
import { evaluateFiles } from './testing-helpers.js';

const MODULE = `variable "name" {
  type = string
}

variable "versioned" {
  type    = bool
  default = true
}

resource "aws_s3_bucket" "b" {
  bucket = var.name
}

resource "aws_s3_bucket_versioning" "v" {
  bucket = aws_s3_bucket.b.id
  versioning_configuration {
    status = var.versioned ? "Enabled" : "Suspended"
  }
}

module "logs" {
  source = "../logs"
}
`;

const LOGS = 'resource "aws_cloudwatch_log_group" "l" {\n  name = "app"\n}\n';

const STACK = `component "app" {
  source = "./modules/app"
  inputs = {
    name      = "example-bucket"
    "versioned" = false
  }
  providers = {
    aws = provider.aws.this
  }
}

component "regional" {
  for_each = var.regions
  source   = "./modules/app"
  inputs   = local.common
}

component "remote" {
  source  = "app.terraform.io/example/app/aws"
  version = "1.0.0"
}
`;

const files = {
  'stack/app.tfcomponent.hcl': STACK,
  'stack/modules/app/main.tf': MODULE,
  'stack/modules/logs/main.tf': LOGS,
  'plain/main.tf': 'resource "aws_s3_bucket" "p" {\n  bucket = "plain"\n}\n',
};

test('the components with a local source, with the inputs each passes (a computed inputs: any)', () => {
  const components = stackComponentsOf(new Map(Object.entries(files)));
  assert.deepEqual(
    components.map((c) => [c.stackDir, c.name, c.moduleDir, c.expanded, c.inputs === undefined ? 'any' : [...c.inputs.keys()]]),
    [
      ['stack', 'app', 'stack/modules/app', false, ['name', 'versioned']],
      ['stack', 'regional', 'stack/modules/app', true, 'any'],
    ],
  );
  assert.equal(components[0]!.inputs!.get('name')!.start.line, 4);
  // The module is no root module; the stack's directory is a unit, but no root module either.
  const roots = stackRoots(['plain', 'stack/modules/app'], components, () => true);
  assert.deepEqual(roots.roots, ['plain', 'stack']);
  assert.deepEqual([...roots.moduleRoots], ['plain']);
});

test("a component's module is evaluated as component.<name>: its inputs unknown, its defaults kept, its provider's region and default_tags unknown", () => {
  const { model } = evaluateFiles(files);
  assert.deepEqual(model.repo.rootModules, ['plain']);
  const byAddress = new Map(model.resources.map((r) => [r.address, r]));
  assert.deepEqual([...byAddress.keys()].sort(), [
    'aws_s3_bucket.p',
    'component.app.aws_s3_bucket.b',
    'component.app.aws_s3_bucket_versioning.v',
    'component.app.module.logs.aws_cloudwatch_log_group.l',
    'component.regional[?].aws_s3_bucket.b',
    'component.regional[?].aws_s3_bucket_versioning.v',
    'component.regional[?].module.logs.aws_cloudwatch_log_group.l',
  ]);
  const bucket = byAddress.get('component.app.aws_s3_bucket.b')!;
  assert.equal(bucket.root, 'stack');
  assert.equal(bucket.modulePath, 'component.app');
  assert.equal(bucket.attributes.get('bucket')!.provenance, 'unresolved');
  // Traced to the input the component passes, as a module argument is.
  assert.deepEqual(bucket.attributes.get('bucket')!.via.map((s) => `${s.file}:${s.start.line}`), ['stack/app.tfcomponent.hcl:4']);
  assert.equal(bucket.provider.region?.provenance, 'unresolved');
  assert.equal(bucket.effectiveTags?.provenance, 'unresolved');
  // Passed by the component: unknown. Left out (inputs = local.common may set it): unknown too.
  const status = (address: string): unknown => byAddress.get(address)!.blocks.find((b) => b.type === 'versioning_configuration')!.attributes.get('status')!.provenance;
  assert.equal(status('component.app.aws_s3_bucket_versioning.v'), 'unresolved');
  assert.equal(status('component.regional[?].aws_s3_bucket_versioning.v'), 'unresolved');
  // A child module of the component inherits the stack's provider, unknown as well.
  assert.equal(byAddress.get('component.app.module.logs.aws_cloudwatch_log_group.l')!.provider.region?.provenance, 'unresolved');
  // The root module beside it keeps its own (no provider block: no region set).
  assert.equal(byAddress.get('aws_s3_bucket.p')!.provider.region, undefined);
});

test('a variable the component does not pass takes its default', () => {
  const stack = 'component "app" {\n  source = "./modules/app"\n  inputs = {\n    name = "example-bucket"\n  }\n}\n';
  const { model } = evaluateFiles({ ...files, 'stack/app.tfcomponent.hcl': stack });
  const v = model.resources.find((r) => r.address === 'component.app.aws_s3_bucket_versioning.v')!;
  assert.equal(v.blocks.find((b) => b.type === 'versioning_configuration')!.attributes.get('status')!.value, 'Enabled');
});

test('without a stack file the module is a root module, as before', () => {
  const { model } = evaluateFiles({ 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS });
  assert.deepEqual(model.repo.rootModules, ['stack/modules/app']);
});
