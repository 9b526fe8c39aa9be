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
  // Only that the kms dependency's outputs are unknown, at its block.
  assert.deepEqual(
    unit.notes.map((n) => [n.severity, n.code, n.span?.start.line]),
    [['info', 'terragrunt/dependency-outputs', 9]],
  );
  assert.match(unit.notes[0]!.message, /dependency "kms" \(\.\.\/kms\)/);
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

// include merge_strategy, expose (the Terragrunt docs' "include" and "What is deep merge?").
const MERGE_ROOT = `locals {
  team = "data"
}

remote_state {
  backend = "s3"
  config = {
    bucket  = "root-state"
    encrypt = true
  }
}

inputs = {
  tags          = { DataClassification = "phi", Team = local.team }
  allowed_cidrs = ["10.0.0.0/8"]
  db            = { backup = { retention = 7, encrypted = true }, multi_az = true }
  public        = true
}
`;

const mergeChild = (strategy: string, extra = ''): string => `include "root" {
  path           = find_in_parent_folders("root.hcl")
  merge_strategy = ${strategy}
}

terraform {
  source = "../../modules//x"
}
${extra}
inputs = {
  tags          = { Environment = "dev" }
  allowed_cidrs = ["192.168.0.0/16"]
  db            = { backup = { retention = 35 } }
  public        = false
}
`;

const plainInputs = (unit: ReturnType<typeof readTerragruntUnit>): Record<string, unknown> => Object.fromEntries([...unit.inputs].map(([k, v]) => [k, toPlain(v.value)]));

test('merge_strategy = "deep": maps merged recursively, lists concatenated (the parent\'s first), the child wins for scalars; remote_state is the child\'s whole', () => {
  const files = { 'root.hcl': MERGE_ROOT, 'modules/x/main.tf': 'variable "a" {}\n', 'live/u/terragrunt.hcl': mergeChild('"deep"', 'remote_state {\n  backend = "s3"\n  config = {\n    bucket = "child-state"\n  }\n}\n') };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.deepEqual(unit.notes, []);
  assert.deepEqual(plainInputs(unit), {
    tags: { DataClassification: 'phi', Environment: 'dev', Team: 'data' },
    allowed_cidrs: ['10.0.0.0/8', '192.168.0.0/16'],
    db: { backup: { encrypted: true, retention: 35 }, multi_az: true },
    public: false,
  });
  // A merged input points where the child writes it; one the child leaves out, where the parent does.
  assert.equal(unit.inputs.get('tags')!.span.file, 'live/u/terragrunt.hcl');
  // remote_state is not deep mergeable (the docs): the child's block replaces the parent's, encrypt and all.
  const backend = unit.generated.find((g) => g.name === 'backend.tf')!;
  assert.match(backend.text, /bucket = "child-state"/);
  assert.doesNotMatch(backend.text, /encrypt/);
});

test('merge_strategy = "shallow" (and no merge_strategy): the child\'s top-level inputs replace the parent\'s', () => {
  for (const strategy of ['"shallow"', 'null']) {
    const files = { 'root.hcl': MERGE_ROOT, 'modules/x/main.tf': 'variable "a" {}\n', 'live/u/terragrunt.hcl': mergeChild(strategy) };
    const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
    assert.deepEqual(plainInputs(unit), { tags: { Environment: 'dev' }, allowed_cidrs: ['192.168.0.0/16'], db: { backup: { retention: 35 } }, public: false }, strategy);
    assert.match(unit.generated.find((g) => g.name === 'backend.tf')!.text, /encrypt = true/, 'the parent\'s remote_state, which the child does not set');
  }
});

test('deep merge: locals are never merged; each side\'s dependency blocks are readable in the other (outputs unknown)', () => {
  const files = {
    'root.hcl': 'locals {\n  region = "us-east-1"\n}\ndependency "vpc" {\n  config_path = "../vpc"\n  mock_outputs = { id = "vpc-mock" }\n}\ninputs = {\n  db_id = dependency.mysql.outputs.id\n}\n',
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': 'include "root" {\n  path           = find_in_parent_folders("root.hcl")\n  merge_strategy = "deep"\n}\ndependency "mysql" {\n  config_path = "../mysql"\n}\nterraform {\n  source = "../../modules//x"\n}\ninputs = {\n  vpc_id = dependency.vpc.outputs.id\n  region = local.region\n}\n',
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.ok(!unit.notes.some((n) => n.code === 'terragrunt/eval' && /vpc|mysql/.test(n.message)), JSON.stringify(unit.notes));
  // And the child's in the parent: its inputs read dependency.mysql, which only the child declares.
  assert.match(JSON.stringify(toPlain(unit.inputs.get('db_id')!.value)), /dependency\.mysql\.outputs/);
  const vpc = toPlain(unit.inputs.get('vpc_id')!.value);
  assert.ok(typeof vpc === 'object' && vpc !== null && !JSON.stringify(vpc).includes('vpc-mock'), JSON.stringify(vpc));
  assert.match(JSON.stringify(vpc), /dependency\.vpc\.outputs/);
  // local.region is the parent's only: the child cannot read it, merged or not.
  assert.ok(unit.notes.some((n) => n.code === 'terragrunt/eval' && /region/.test(n.message)), JSON.stringify(unit.notes));
});

test('several includes: the last written wins over the earlier ones, the child over all', () => {
  const files = {
    'a.hcl': 'inputs = {\n  x = "a"\n  y = "a"\n  z = "a"\n}\n',
    'b.hcl': 'inputs = {\n  x = "b"\n  y = "b"\n}\n',
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': 'include "a" {\n  path = find_in_parent_folders("a.hcl")\n}\ninclude "b" {\n  path = find_in_parent_folders("b.hcl")\n}\nterraform {\n  source = "../../modules//x"\n}\ninputs = {\n  x = "child"\n}\n',
  };
  assert.deepEqual(plainInputs(readTerragruntUnit('live/u/terragrunt.hcl', read(files))), { x: 'child', y: 'b', z: 'a' });
});

test('merge_strategy = "no_merge": nothing of the parent is merged; with expose its values are still readable', () => {
  const files = {
    'region.hcl': 'locals {\n  region = "us-west-2"\n}\ninputs = {\n  public = true\n}\n',
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': 'include "region" {\n  path           = find_in_parent_folders("region.hcl")\n  expose         = true\n  merge_strategy = "no_merge"\n}\nterraform {\n  source = "../../modules//x"\n}\ninputs = {\n  region = include.region.locals.region\n  parent = include.region.inputs.public\n}\n',
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.deepEqual(unit.notes, []);
  assert.deepEqual(plainInputs(unit), { parent: true, region: 'us-west-2' });
});

test('a merge_strategy Terragrunt does not know (a typo) is an error at the attribute: the unit is refused, not merged as shallow', () => {
  const files = { 'root.hcl': MERGE_ROOT, 'modules/x/main.tf': 'variable "a" {}\n', 'live/u/terragrunt.hcl': mergeChild('"deeep"') };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.equal(unit.refused, true);
  assert.equal(unit.moduleDir, undefined);
  assert.deepEqual(unit.inputs.size, 0);
  const note = unit.notes.find((n) => n.code === 'terragrunt/merge-strategy')!;
  assert.equal(note.severity, 'error');
  assert.match(note.message, /"deeep".*no_merge, shallow or deep/);
  assert.deepEqual([note.span!.file, note.span!.start.line], ['live/u/terragrunt.hcl', 3]);
});

test('include.<label> without expose = true: a warning where it is read, and the value unknown (Terragrunt refuses the reference)', () => {
  const files = {
    'root.hcl': 'locals {\n  account_id = "111122223333"\n}\ninputs = {\n  public = true\n}\n',
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nterraform {\n  source = "../../modules//x"\n}\ninputs = {\n  account = include.root.locals.account_id\n  own     = true\n}\n',
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  const notes = unit.notes.filter((n) => n.code === 'terragrunt/include-not-exposed');
  assert.equal(notes.length, 1, JSON.stringify(unit.notes));
  assert.equal(notes[0]!.severity, 'warning');
  assert.deepEqual([notes[0]!.span!.file, notes[0]!.span!.start.line, notes[0]!.span!.start.column], ['live/u/terragrunt.hcl', 8, 13]);
  const account = toPlain(unit.inputs.get('account')!.value);
  assert.ok(typeof account === 'object' && account !== null && !JSON.stringify(account).includes('111122223333'), JSON.stringify(account));
  assert.equal(toPlain(unit.inputs.get('own')!.value), true);
  assert.equal(toPlain(unit.inputs.get('public')!.value), true, 'the include is merged all the same');
});

test('an exposed include offers what this scan evaluates of it: inputs, locals, terraform.source, remote_state, generate', () => {
  const files = {
    'root.hcl': 'locals {\n  env = "prod"\n}\nterraform {\n  source = "../../modules//x"\n}\nremote_state {\n  backend = "s3"\n  config = {\n    bucket = "st"\n  }\n}\ngenerate "provider" {\n  path     = "provider.tf"\n  contents = "# p"\n}\ninputs = {\n  n = 1\n}\n',
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': 'include "root" {\n  path   = find_in_parent_folders("root.hcl")\n  expose = true\n}\ninputs = {\n  env     = include.root.locals.env\n  n2      = include.root.inputs.n\n  source  = include.root.terraform.source\n  bucket  = include.root.remote_state.config.bucket\n  backend = include.root.remote_state.backend\n  gen     = include.root.generate.provider.path\n}\n',
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.deepEqual(unit.notes, []);
  assert.deepEqual(plainInputs(unit), { backend: 's3', bucket: 'st', env: 'prod', gen: 'provider.tf', n: 1, n2: 1, source: '../../modules//x' });
});

test('dependency outputs: unknown without skip_outputs; with skip_outputs = true the mock_outputs, as apply passes them; a note names each dependency whose outputs are read', () => {
  const files = {
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': [
      'terraform {\n  source = "../../modules//x"\n}',
      'dependency "vpc" {\n  config_path  = "../vpc"\n  skip_outputs = true\n  mock_outputs = { cidrs = ["0.0.0.0/0"] }\n}',
      'dependency "kms" {\n  config_path = "../kms"\n  mock_outputs = { arn = "arn:aws:kms:us-east-1:111122223333:key/mock" }\n  mock_outputs_allowed_terraform_commands = ["plan", "validate"]\n}',
      'dependency "unused" {\n  config_path = "../unused"\n}',
      'dependencies {\n  paths = ["../iam"]\n}',
      'inputs = {\n  cidrs = dependency.vpc.outputs.cidrs\n  arn   = dependency.kms.outputs.arn\n}',
    ].join('\n'),
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.deepEqual(toPlain(unit.inputs.get('cidrs')!.value), ['0.0.0.0/0'], 'skip_outputs: the mock_outputs are what apply passes');
  const arn = toPlain(unit.inputs.get('arn')!.value);
  assert.ok(typeof arn === 'object' && arn !== null && !/mock/.test(JSON.stringify(arn)), JSON.stringify(arn));
  assert.deepEqual(
    unit.notes.map((n) => [n.severity, n.code, n.span?.start.line, /"(\w+)"/.exec(n.message)?.[1]]),
    [
      ['info', 'terragrunt/dependency-outputs', 9, 'kms'],
      ['warning', 'terragrunt/dependency-outputs', 4, 'vpc'],
    ],
  );
  assert.match(unit.notes[1]!.message, /skip_outputs = true.*apply included.*judged as deployed/);
});

test('skip_outputs = true: the mock_outputs only where mock_outputs_allowed_terraform_commands lets apply have them (unset, empty or naming apply)', () => {
  const unitWith = (allowed: string): ReturnType<typeof readTerragruntUnit> =>
    readTerragruntUnit(
      'live/u/terragrunt.hcl',
      read({
        'modules/x/main.tf': 'variable "a" {}\n',
        'live/u/terragrunt.hcl': `terraform {\n  source = "../../modules//x"\n}\ndependency "db" {\n  config_path  = "../db"\n  skip_outputs = true\n  mock_outputs = { encrypted = false }\n${allowed}}\ninputs = {\n  encrypted = dependency.db.outputs.encrypted\n}\n`,
      }),
    );
  for (const allowed of ['', '  mock_outputs_allowed_terraform_commands = []\n', '  mock_outputs_allowed_terraform_commands = ["plan", "apply"]\n']) {
    assert.equal(toPlain(unitWith(allowed).inputs.get('encrypted')!.value), false, allowed);
  }
  const planOnly = unitWith('  mock_outputs_allowed_terraform_commands = ["plan", "validate"]\n');
  const value = toPlain(planOnly.inputs.get('encrypted')!.value);
  assert.ok(typeof value === 'object' && value !== null, JSON.stringify(value));
  const note = planOnly.notes.find((n) => n.code === 'terragrunt/dependency-outputs')!;
  assert.equal(note.severity, 'warning');
  assert.match(note.message, /leave out apply.*apply fails/);
  const unknownCommands = unitWith('  mock_outputs_allowed_terraform_commands = [get_env("CMD")]\n');
  assert.equal(typeof toPlain(unknownCommands.inputs.get('encrypted')!.value), 'object');
});

// enabled = false (gruntwork-io/terragrunt pkg/config/dependency.go): the dependency is skipped, never
// run first nor its outputs read; a disabled dependency returns its mock_outputs on every command
// (mock_outputs_allowed_terraform_commands aside), and without them it has no outputs to read.
test('enabled = false: the mock_outputs on every command, apply included, whatever the commands they are allowed for; without them no outputs, said', () => {
  const unitWith = (block: string): ReturnType<typeof readTerragruntUnit> =>
    readTerragruntUnit(
      'live/u/terragrunt.hcl',
      read({
        'modules/x/main.tf': 'variable "a" {}\n',
        'live/u/terragrunt.hcl': `terraform {\n  source = "../../modules//x"\n}\ndependency "db" {\n  config_path = "../db"\n${block}}\ninputs = {\n  encrypted = dependency.db.outputs.encrypted\n}\n`,
      }),
    );
  for (const enabled of ['false', '"false"']) {
    const unit = unitWith(`  enabled      = ${enabled}\n  mock_outputs = { encrypted = false }\n  mock_outputs_allowed_terraform_commands = ["plan"]\n`);
    assert.equal(toPlain(unit.inputs.get('encrypted')!.value), false, enabled);
    const note = unit.notes.find((n) => n.code === 'terragrunt/dependency-outputs')!;
    assert.equal(note.severity, 'warning');
    assert.match(note.message, /enabled = false.*apply included.*judged as deployed/);
  }
  const none = unitWith('  enabled = false\n');
  assert.equal(typeof toPlain(none.inputs.get('encrypted')!.value), 'object', 'no outputs: nothing known');
  assert.match(none.notes.find((n) => n.code === 'terragrunt/dependency-outputs')!.message, /enabled = false without mock_outputs.*a read of one fails/);
  // Enabled (true, or not known): not the mocks.
  for (const enabled of ['true', 'get_env("ON")']) {
    const unit = unitWith(`  enabled      = ${enabled}\n  mock_outputs = { encrypted = false }\n`);
    assert.equal(typeof toPlain(unit.inputs.get('encrypted')!.value), 'object', enabled);
  }
});

// The dependency blocks of an included configuration are merged into the child before any output is
// read (the docs' include deep merge example; Terragrunt's handleIncludeForDependency): the child
// reads them as its own whatever the merge, and every configuration of the chain reads the merged ones.
const DEP_ROOT = 'dependency "net" {\n  config_path  = "${get_terragrunt_dir()}/../net"\n  skip_outputs = true\n  mock_outputs = { cidrs = ["0.0.0.0/0"], id = "vpc-mock" }\n}\ninputs = {\n  parent_cidrs = dependency.net.outputs.cidrs\n}\n';
const depChild = (strategy: string, block = ''): Record<string, string> => ({
  'root.hcl': DEP_ROOT,
  'modules/x/main.tf': 'variable "a" {}\n',
  'live/u/terragrunt.hcl': `include "root" {\n  path           = find_in_parent_folders("root.hcl")\n  expose         = true\n  merge_strategy = ${strategy}\n}\nterraform {\n  source = "../../modules//x"\n}\n${block}inputs = {\n  cidrs   = dependency.net.outputs.cidrs\n  exposed = include.root.dependency.net.outputs.id\n}\n`,
});

test("an included configuration's dependency block: read in the child as its own (shallow, deep), with expose as include.<label>.dependency too; its note at the parent's block", () => {
  for (const strategy of ['"shallow"', 'null', '"deep"']) {
    const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(depChild(strategy)));
    assert.deepEqual(unit.notes.map((n) => `${n.severity} ${n.code} ${n.span?.file}:${n.span?.start.line}`), ['warning terragrunt/dependency-outputs root.hcl:1'], strategy);
    assert.deepEqual(plainInputs(unit), { cidrs: ['0.0.0.0/0'], exposed: 'vpc-mock', parent_cidrs: ['0.0.0.0/0'] }, strategy);
  }
  // Without skip_outputs: readable all the same, and unknown.
  const applied = readTerragruntUnit('live/u/terragrunt.hcl', read({ ...depChild('"shallow"'), 'root.hcl': DEP_ROOT.replace('  skip_outputs = true\n', '') }));
  assert.deepEqual(applied.notes.map((n) => `${n.severity} ${n.code}`), ['info terragrunt/dependency-outputs']);
  assert.match(JSON.stringify(toPlain(applied.inputs.get('cidrs')!.value)), /dependency\.net\.outputs, known after \/live\/u\/\.\.\/net is applied/);
});

test('a dependency block both declare: shallow, the child\'s replaces the parent\'s, for the parent\'s inputs too; deep, the child\'s attributes over the parent\'s, mock_outputs merged', () => {
  const child = 'dependency "net" {\n  config_path  = "../net2"\n  mock_outputs = { id = "vpc-child" }\n}\n';
  const shallow = readTerragruntUnit('live/u/terragrunt.hcl', read(depChild('"shallow"', child)));
  for (const k of ['cidrs', 'parent_cidrs', 'exposed']) {
    const v = toPlain(shallow.inputs.get(k)!.value);
    assert.ok(typeof v === 'object' && v !== null && !Array.isArray(v), `${k}: ${JSON.stringify(v)}`);
  }
  assert.deepEqual(shallow.notes.map((n) => `${n.severity} ${n.span?.file}:${n.span?.start.line}`), ['info live/u/terragrunt.hcl:9']);
  assert.match(shallow.notes[0]!.message, /\(\.\.\/net2\)/);
  // Deep: skip_outputs stays the parent's, the mocks are both sides' (the child's id wins).
  const deep = readTerragruntUnit('live/u/terragrunt.hcl', read(depChild('"deep"', child)));
  assert.deepEqual(plainInputs(deep), { cidrs: ['0.0.0.0/0'], exposed: 'vpc-child', parent_cidrs: ['0.0.0.0/0'] });
  assert.deepEqual(deep.notes.map((n) => `${n.severity} ${n.span?.file}:${n.span?.start.line}`), ['warning live/u/terragrunt.hcl:9']);
  assert.match(deep.notes[0]!.message, /\(\.\.\/net2\).*skip_outputs = true/);
});

test('an included configuration with a syntax error: the unit is refused, the note at the first error and naming no unit (the scan says it once per file)', () => {
  const files = {
    'root.hcl': 'inputs = {\n  public = true\n  tags = { a = "b" \n}\n',
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': 'include "root" {\n  path = find_in_parent_folders("root.hcl")\n}\nterraform {\n  source = "../../modules//x"\n}\n',
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  assert.equal(unit.refused, true);
  assert.equal(unit.inputs.size, 0, 'nothing evaluated from what the parser recovered');
  const notes = unit.notes.filter((n) => n.code === 'terragrunt/parse');
  assert.equal(notes.length, 1, JSON.stringify(unit.notes));
  assert.deepEqual([notes[0]!.severity, notes[0]!.span?.file, notes[0]!.span?.start.line], ['error', 'root.hcl', 5]);
  assert.match(notes[0]!.message, /^root\.hcl:5:1 could not be parsed \(.+\): Terragrunt stops/);
  assert.doesNotMatch(notes[0]!.message, /live\/u/);
});

test('an include whose file is not in the scan is said, not dropped in silence (Terragrunt stops on it)', () => {
  const files = {
    'modules/x/main.tf': 'variable "a" {}\n',
    'live/u/terragrunt.hcl': 'include "root" {\n  path = "${get_terragrunt_dir()}/../../missing.hcl"\n}\n\nterraform {\n  source = "../../modules/x"\n}\n\ninputs = { a = 1 }\n',
  };
  const unit = readTerragruntUnit('live/u/terragrunt.hcl', read(files));
  const note = unit.notes.find((n) => n.code === 'terragrunt/include');
  assert.ok(note, JSON.stringify(unit.notes));
  assert.equal(note.severity, 'warning');
  assert.match(note.message, /names missing\.hcl, which is not in the scan/);
  assert.equal(note.span?.start.line, 2);
  assert.deepEqual(plainInputs(unit), { a: 1 }, 'the unit itself is still read');
});
