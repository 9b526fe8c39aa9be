// Terragrunt units (terragrunt.ts): the configuration read with its includes and Terragrunt's
// functions (nothing executed), and the unit evaluated as a root module of its own.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toPlain } from './value.js';
import { localSource, readTerragruntUnit } from './terragrunt.js';
import { evaluateFiles } from './testing-helpers.js';

const ROOT_TG = `locals {
  account_vars = read_terragrunt_config(find_in_parent_folders("account.hcl"))
  account_id   = local.account_vars.locals.account_id
  environment  = local.account_vars.locals.environment
}

remote_state {
  backend = "s3"
  generate = {
    path      = "backend.tf"
    if_exists = "overwrite_terragrunt"
  }
  config = {
    bucket  = "acme-tfstate-\${local.account_id}"
    key     = "\${path_relative_to_include()}/terraform.tfstate"
    region  = "us-east-1"
    encrypt = true
  }
}

generate "provider" {
  path      = "provider.tf"
  if_exists = "overwrite_terragrunt"
  contents  = <<EOT
provider "aws" {
  region              = "us-east-1"
  allowed_account_ids = ["\${local.account_id}"]
}
EOT
}

inputs = {
  tags = {
    Environment        = local.environment
    DataClassification = "phi"
  }
}
`;

const MODULE = `variable "publicly_accessible" {
  type    = bool
  default = false
}
variable "kms_key_arn" {
  type    = string
  default = null
}
variable "instance_class" {
  type    = string
  default = "db.t3.micro"
}
variable "tags" {
  type    = map(string)
  default = {}
}
resource "aws_db_instance" "this" {
  identifier          = "db"
  instance_class      = var.instance_class
  publicly_accessible = var.publicly_accessible
  kms_key_id          = var.kms_key_arn
  storage_encrypted   = true
  tags                = var.tags
}
`;

const UNIT = (dir: string, extra = ''): string => `include "root" {
  path = find_in_parent_folders()
}

terraform {
  source = "../../../modules//rds"
}

dependency "kms" {
  config_path  = "../kms"
  mock_outputs = { key_arn = "arn:aws:kms:us-east-1:111122223333:key/mock" }
}

inputs = {
  publicly_accessible = ${dir === 'dev' ? 'true' : 'false'}
  kms_key_arn         = dependency.kms.outputs.key_arn
  instance_class      = get_env("DB_CLASS", "db.r6g.large")
  ${extra}
}
`;

const REPO: Record<string, string> = {
  'terragrunt.hcl': ROOT_TG,
  'modules/rds/main.tf': MODULE,
  'live/dev/account.hcl': 'locals {\n  account_id  = "111122223333"\n  environment = "dev"\n}\n',
  'live/prod/account.hcl': 'locals {\n  account_id  = "444455556666"\n  environment = "prod"\n}\n',
  'live/dev/rds/terragrunt.hcl': UNIT('dev'),
  'live/prod/rds/terragrunt.hcl': UNIT('prod'),
};

const read = (files: Record<string, string>) => (rel: string): string | undefined => files[rel];

test('a unit: include merged (child wins), locals, read_terragrunt_config, path functions, generate and remote_state; dependency outputs unknown, never mock_outputs', () => {
  const unit = readTerragruntUnit('live/dev/rds/terragrunt.hcl', read(REPO));
  assert.equal(unit.moduleDir, 'modules/rds');
  assert.deepEqual(unit.notes, []);
  const inputs = Object.fromEntries([...unit.inputs].map(([k, v]) => [k, toPlain(v.value)]));
  assert.equal(inputs['publicly_accessible'], true);
  assert.equal(inputs['instance_class'], 'db.r6g.large', 'get_env with a default gives the default');
  assert.deepEqual(inputs['tags'], { DataClassification: 'phi', Environment: 'dev' });
  assert.ok(typeof inputs['kms_key_arn'] === 'object' && inputs['kms_key_arn'] !== null && !JSON.stringify(inputs['kms_key_arn']).includes('mock'), JSON.stringify(inputs['kms_key_arn']));
  assert.equal(unit.inputs.get('publicly_accessible')!.span.file, 'live/dev/rds/terragrunt.hcl');
  assert.equal(unit.inputs.get('publicly_accessible')!.span.start.line, 15);
  assert.equal(unit.inputs.get('tags')!.span.file, 'terragrunt.hcl');
  const byName = Object.fromEntries(unit.generated.map((g) => [g.name, g]));
  assert.match(byName['provider.tf']!.text, /allowed_account_ids = \["111122223333"\]/);
  assert.match(byName['backend.tf']!.text, /key = "live\/dev\/rds\/terraform.tfstate"/, 'path_relative_to_include() from the root configuration');
  assert.match(byName['backend.tf']!.text, /bucket = "acme-tfstate-111122223333"/);
  assert.deepEqual([byName['backend.tf']!.origin.file, byName['backend.tf']!.origin.start.line], ['terragrunt.hcl', 7]);
});

test('Terragrunt functions: directories, get_env without a default, run_cmd and account lookups unknown, find_in_parent_folders with a fallback', () => {
  const files = {
    'root.hcl': 'locals {\n  parent = get_parent_terragrunt_dir()\n}\ninputs = {\n  from_parent = get_parent_terragrunt_dir()\n  rel = path_relative_to_include()\n}\n',
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': [
      'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}',
      'terraform {\n  source = "${get_parent_terragrunt_dir("root")}/modules//x"\n}',
      'inputs = {',
      '  dir      = get_terragrunt_dir()',
      '  token    = get_env("TOKEN")',
      '  cmd      = run_cmd("echo", "hi")',
      '  account  = get_aws_account_id()',
      '  missing  = find_in_parent_folders("nowhere.hcl", "fallback")',
      '  own_rel  = path_relative_to_include()',
      '}',
    ].join('\n'),
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.equal(unit.moduleDir, 'modules/x');
  const v = (k: string): unknown => toPlain(unit.inputs.get(k)!.value);
  assert.equal(v('dir'), '/live/u');
  assert.equal(v('from_parent'), '/');
  assert.equal(v('rel'), 'live/u');
  assert.equal(v('own_rel'), '.');
  assert.equal(v('missing'), 'fallback');
  for (const k of ['token', 'cmd', 'account']) assert.ok(typeof v(k) === 'object' && v(k) !== null, `${k} is unknown`);
});

test('sources: local with and without //, remote, outside the root', () => {
  assert.equal(localSource('../../modules//rds', 'live/dev'), 'modules/rds');
  assert.equal(localSource('../../modules/rds', 'live/dev'), 'modules/rds');
  assert.equal(localSource('/modules//rds', 'live/dev'), 'modules/rds');
  assert.equal(localSource('git::https://example.com/org/modules.git//rds?ref=v1.2.0', 'live/dev'), 'remote');
  assert.equal(localSource('tfr:///terraform-aws-modules/vpc/aws?version=5.0.0', 'live/dev'), 'remote');
  assert.equal(localSource('../../../../modules//rds', 'live/dev'), undefined);
});

test('each unit is a root module named by its directory, with its inputs (value comes from the terragrunt.hcl line); the module is no root of its own', () => {
  const { model, diagnostics } = evaluateFiles(REPO);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  assert.deepEqual(model.repo.rootModules, ['live/dev/rds', 'live/prod/rds']);
  const db = (root: string) => model.resources.find((r) => r.type === 'aws_db_instance' && r.root === root)!;
  const dev = db('live/dev/rds');
  const pub = dev.attributes.get('publicly_accessible')!;
  assert.equal(pub.value, true);
  assert.ok(pub.via.some((s) => s.file === 'live/dev/rds/terragrunt.hcl' && s.start.line === 15), JSON.stringify(pub.via));
  assert.equal(db('live/prod/rds').attributes.get('publicly_accessible')!.value, false);
  assert.deepEqual(dev.attributes.get('tags')!.value, { DataClassification: 'phi', Environment: 'dev' });
  assert.equal(dev.span.file, 'modules/rds/main.tf');
  // The backend and provider the unit generates: its root's, pointing at the blocks that write them.
  const backend = model.terraform.find((t) => t.root === 'live/prod/rds' && t.backend)!;
  assert.equal(backend.backend!.type, 's3');
  assert.deepEqual([backend.span.file, backend.span.start.line], ['terragrunt.hcl', 7]);
  const provider = model.providers.find((p) => p.root === 'live/dev/rds')!;
  assert.deepEqual([provider.body.span.file, provider.body.span.start.line], ['terragrunt.hcl', 21]);
});

test("the module's own terraform.tfvars wins over a unit's inputs (inputs are TF_VAR_ variables)", () => {
  const { model } = evaluateFiles({ ...REPO, 'modules/rds/terraform.tfvars': 'publicly_accessible = false\n' });
  const dev = model.resources.find((r) => r.type === 'aws_db_instance' && r.root === 'live/dev/rds')!;
  assert.equal(dev.attributes.get('publicly_accessible')!.value, false);
});

test('a parent configuration only included is no unit; a remote source is not evaluated', () => {
  const { model } = evaluateFiles({ ...REPO, 'live/dev/vpc/terragrunt.hcl': 'terraform {\n  source = "tfr:///terraform-aws-modules/vpc/aws?version=5.0.0"\n}\n' });
  assert.deepEqual(model.repo.rootModules, ['live/dev/rds', 'live/prod/rds']);
});

test("remote_state without generate fills the module's partial backend: the unit's backend is remote_state's, complete", () => {
  const { model } = evaluateFiles({
    'terragrunt.hcl': 'remote_state {\n  backend = "s3"\n  config = {\n    bucket     = "st"\n    key        = "${path_relative_to_include()}/terraform.tfstate"\n    region     = "us-east-1"\n    encrypt    = true\n    kms_key_id = "arn:aws:kms:us-east-1:111122223333:key/abc"\n  }\n}\n',
    'modules/m/main.tf': 'terraform {\n  backend "s3" {}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "x"\n}\n',
    'live/u/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders()\n}\nterraform {\n  source = "../../modules//m"\n}\n',
  });
  const first = model.terraform.find((t) => t.root === 'live/u' && t.backend)!;
  assert.equal(first.span.file, 'terragrunt.hcl');
  assert.equal(first.backend!.config.attributes.get('kms_key_id')?.value, 'arn:aws:kms:us-east-1:111122223333:key/abc');
});
