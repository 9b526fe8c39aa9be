// Terraform Stacks (stacks.ts): a component's local module is evaluated as the stack's called
// module, `component.<name>`, with the inputs the component passes as the stack's deployments give
// them (stack-inputs.ts) and the provider configuration it passes (unknown where the stack writes none here); it is no root module.
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

test("a component's module is evaluated as component.<name>: its inputs evaluated, its defaults kept, its provider's region and default_tags unknown where the stack declares no such provider", () => {
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
  assert.equal(bucket.attributes.get('bucket')!.value, 'example-bucket');
  // Traced to the input the component passes, as a module argument is.
  assert.deepEqual(bucket.attributes.get('bucket')!.via.map((s) => `${s.file}:${s.start.line}`), ['stack/app.tfcomponent.hcl:4']);
  assert.equal(bucket.provider.region?.provenance, 'unresolved');
  assert.equal(bucket.effectiveTags?.provenance, 'unresolved');
  // Passed by the component: its value. Left out by a computed inputs (local.common, which the stack does not declare): unknown.
  const status = (address: string): unknown => byAddress.get(address)!.blocks.find((b) => b.type === 'versioning_configuration')!.attributes.get('status')!.value;
  assert.equal(status('component.app.aws_s3_bucket_versioning.v'), 'Suspended');
  assert.equal(byAddress.get('component.regional[?].aws_s3_bucket_versioning.v')!.blocks.find((b) => b.type === 'versioning_configuration')!.attributes.get('status')!.provenance, 'unresolved');
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

test("a stack's file() outside the scan root is refused with a warning, as a module's is", () => {
  const stack = 'component "app" {\n  source = "./modules/app"\n  inputs = {\n    name = file("../../outside.txt")\n  }\n}\n';
  const { diagnostics } = evaluateFiles({ ...files, 'stack/app.tfcomponent.hcl': stack });
  const refused = diagnostics.filter((d) => d.code === 'eval/file-outside-root');
  assert.equal(refused.length, 1);
  assert.equal(refused[0]!.span?.file, 'stack/app.tfcomponent.hcl');
  assert.equal(refused[0]!.span?.start.line, 3, "at the component's inputs");
});

test('without a stack file the module is a root module, as before', () => {
  const { model } = evaluateFiles({ 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS });
  assert.deepEqual(model.repo.rootModules, ['stack/modules/app']);
});

// The stack's variables, locals and deployments, for the component's inputs (stack-inputs.ts).
const VARIABLES = `variable "versioned" {
  type    = bool
  default = false
}

variable "name" {
  type      = string
  sensitive = true
}

locals {
  prefix = "phi-"
}

component "app" {
  source = "./modules/app"
  inputs = {
    name      = "\${local.prefix}\${var.name}"
    versioned = var.versioned
  }
}
`;

/** The bucket name and versioning status component.app's module gets, given the stack's files. */
function appValues(extra: Record<string, string>, stack = VARIABLES): { name: { value: unknown; provenance: string; reason?: string; sensitive: boolean; via: string[] }; status: unknown } {
  const { model } = evaluateFiles({ 'stack/app.tfcomponent.hcl': stack, 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS, ...extra });
  const bucket = model.resources.find((r) => r.address === 'component.app.aws_s3_bucket.b')!.attributes.get('bucket')!;
  const status = model.resources.find((r) => r.address === 'component.app.aws_s3_bucket_versioning.v')!.blocks[0]!.attributes.get('status')!;
  const value = bucket.value as unknown;
  return {
    name: { value, provenance: bucket.provenance, ...(bucket.provenance === 'unresolved' ? { reason: (value as { reason: string }).reason } : {}), sensitive: bucket.sensitive, via: bucket.via.map((s) => `${s.file}:${s.start.line}`) },
    status: status.provenance === 'unresolved' ? 'unknown' : status.value,
  };
}

/** The store the deployments below read (`store.varset.names...`). */
const STORE = 'store "varset" "names" {\n  name     = "names"\n  category = "terraform"\n}\n\n';

const deployment = (name: string, inputs: string, more = ''): string => `deployment "${name}" {\n  inputs = {\n${inputs}  }\n${more}}\n`;

test("one deployment: a stack variable is the deployment's input, else its default; a local reads them; sensitive stays sensitive", () => {
  const one = appValues({ 'stack/deploy.tfdeploy.hcl': deployment('prod', '    name = "records"\n') });
  assert.equal(one.name.value, 'phi-records');
  assert.equal(one.name.sensitive, true, 'var.name is a sensitive stack variable');
  // The local, the deployment's input, the variable, the component's input.
  assert.deepEqual(one.name.via, ['stack/app.tfcomponent.hcl:12', 'stack/deploy.tfdeploy.hcl:3', 'stack/app.tfcomponent.hcl:6', 'stack/app.tfcomponent.hcl:18']);
  assert.equal(one.status, 'Suspended', 'var.versioned: its default, false');
  // The deployment's value wins over the default, through the deployment file's own locals.
  const set = appValues({ 'stack/deploy.tfdeploy.hcl': `locals {\n  on = true\n}\n\n${deployment('prod', '    name      = "records"\n    versioned = local.on\n')}` });
  assert.equal(set.status, 'Enabled');
});

test('what only HCP Terraform knows is unknown: a store, an identity token, another component, a variable no deployment gives', () => {
  const store = appValues({ 'stack/deploy.tfdeploy.hcl': STORE + deployment('prod', '    name = store.varset.names.stable.bucket\n') });
  assert.equal(store.name.provenance, 'unresolved');
  assert.match(store.name.reason!, /a store's value/);
  assert.equal(store.status, 'Suspended', 'the other variable is known all the same');
  assert.match(appValues({ 'stack/deploy.tfdeploy.hcl': 'identity_token "aws" {\n  audience = ["aws.workload.identity"]\n}\n\n' + deployment('prod', '    name = identity_token.aws.jwt\n') }).name.reason!, /an identity token/);
  // No deployment file here: var.name has no default.
  const none = appValues({});
  assert.match(none.name.reason!, /stack variable "name", which has no default and no deployment here gives/);
  // The deployment leaves it out (Terraform refuses that): unknown, not the other deployment's value.
  const missing = appValues({ 'stack/deploy.tfdeploy.hcl': deployment('prod', '    versioned = true\n') });
  assert.match(missing.name.reason!, /stack variable "name", which deployment "prod" does not give/);
  const other = appValues({}, VARIABLES.replace('versioned = var.versioned', 'versioned = component.flags.versioned'));
  assert.equal(other.status, 'unknown');
});

test('several deployments: a value they all give is known; one they give differently is unknown, naming them; a destroyed deployment deploys nothing', () => {
  const files = (dev: string, more = ''): Record<string, string> => ({
    'stack/deploy.tfdeploy.hcl': STORE + deployment('prod', '    name      = "records"\n    versioned = true\n') + deployment('dev', dev, more),
  });
  const same = appValues(files('    name      = "records"\n    versioned = true\n'));
  assert.equal(same.name.value, 'phi-records');
  assert.equal(same.status, 'Enabled');
  const differ = appValues(files('    name      = "scratch"\n    versioned = true\n'));
  assert.match(differ.name.reason!, /the deployments "prod", "dev" set differently/);
  assert.equal(differ.status, 'Enabled', 'the input they agree on is known');
  // Unknown in one deployment: unknown, not the other deployment's value.
  assert.match(appValues(files('    name      = store.varset.names.stable.bucket\n    versioned = true\n')).name.reason!, /a store's value/);
  const destroyed = appValues(files('    name      = "scratch"\n    versioned = false\n', '  destroy = true\n'));
  assert.equal(destroyed.name.value, 'phi-records');
  assert.equal(destroyed.status, 'Enabled');
});

// Another component's outputs, read in a component's inputs (stack-inputs.ts readComponent).
const NAMES = `variable "prefix" {
  type = string
}

resource "aws_s3_bucket" "seed" {
  bucket = "\${var.prefix}-seed"
}

output "bucket" {
  value = "\${var.prefix}-records"
}

output "versioned" {
  value = false
}

output "keys" {
  value = toset(["a"])
}

output "arn" {
  value = aws_s3_bucket.seed.arn
}
`;

const component = (name: string, source: string, inputs: string, more = ''): string => `component "${name}" {\n${more}  source = "${source}"\n  inputs = {\n${inputs}  }\n}\n\n`;

function outputsModel(stack: string, extra: Record<string, string> = {}): ReturnType<typeof evaluateFiles> {
  return evaluateFiles({ 'stack/app.tfcomponent.hcl': stack, 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS, 'stack/modules/names/main.tf': NAMES, ...extra });
}

const attribute = (model: ReturnType<typeof evaluateFiles>['model'], address: string, name: string): { value: unknown; provenance: string; via: string[] } => {
  const r = model.resources.find((x) => x.address === address)!;
  const a = r.attributes.get(name) ?? r.blocks.find((b) => b.type === 'versioning_configuration')!.attributes.get(name)!;
  return { value: a.value, provenance: a.provenance, via: a.via.map((s) => `${s.file}:${s.start.line}`) };
};

test("a component's inputs read another component's outputs, evaluated first; unknown outputs stay unknown", () => {
  // "app" is written first, yet reads "names": names is evaluated before it.
  const stack =
    component('app', './modules/app', '    name      = component.names.bucket\n    versioned = component.names.versioned\n') +
    component('names', './modules/names', '    prefix = "phi"\n') +
    component('computed', './modules/app', '    name = component.names.arn\n') +
    component('remote', 'app.terraform.io/example/names/aws', '    prefix = "x"\n') +
    component('fromRemote', './modules/app', '    name = component.remote.bucket\n');
  const { model, diagnostics } = outputsModel(stack);
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const bucket = attribute(model, 'component.app.aws_s3_bucket.b', 'bucket');
  assert.equal(bucket.value, 'phi-records');
  // Traced through the output to the input names is given, then app's input.
  assert.deepEqual(bucket.via, ['stack/app.tfcomponent.hcl:12', 'stack/modules/names/main.tf:10', 'stack/app.tfcomponent.hcl:4']);
  assert.equal(attribute(model, 'component.app.aws_s3_bucket_versioning.v', 'status').value, 'Suspended');
  // A computed attribute's output, and a component whose module is not in the scan: unknown.
  assert.equal(attribute(model, 'component.computed.aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
  assert.equal(attribute(model, 'component.fromRemote.aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
  const order = model.resources.map((r) => r.address);
  assert.ok(order.indexOf('component.names.aws_s3_bucket.seed') < order.indexOf('component.app.aws_s3_bucket.b'), order.join('\n'));
});

test("a for_each component's output by key is what its instances share; what depends on the key, or an unknown key, is unknown", () => {
  const stack =
    component('regional', './modules/names', '    prefix = "r"\n', '  for_each = toset(["a", "b"])\n') +
    component('keyed', './modules/names', '    prefix = each.key\n', '  for_each = toset(["a", "b"])\n') +
    component('app', './modules/app', '    name      = component.regional["a"].bucket\n    versioned = component.keyed["a"].versioned\n') +
    component('fromKeyed', './modules/app', '    name = component.keyed["a"].bucket\n') +
    component('each', './modules/app', '    name = component.regional[each.key].bucket\n', '  for_each = toset(["a"])\n') +
    component('whole', './modules/app', '    name = component.regional\n');
  const { model } = outputsModel(stack);
  assert.equal(attribute(model, 'component.app.aws_s3_bucket.b', 'bucket').value, 'r-records');
  assert.equal(attribute(model, 'component.app.aws_s3_bucket_versioning.v', 'status').value, 'Suspended');
  assert.equal(attribute(model, 'component.fromKeyed.aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
  assert.equal(attribute(model, 'component.each[?].aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
  assert.equal(attribute(model, 'component.whole.aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
});

test('components that read each other\'s outputs in a cycle: an error naming them and their files, their inputs from each other unknown', () => {
  const { model, diagnostics } = outputsModel(component('a', './modules/names', '    prefix = component.b.bucket\n'), {
    'stack/b.tfcomponent.hcl': component('b', './modules/names', '    prefix = local.from_a\n') + 'locals {\n  from_a = component.a.bucket\n}\n',
  });
  const cycles = diagnostics.filter((d) => d.code === 'eval/cycle');
  assert.equal(cycles.length, 1, JSON.stringify(diagnostics));
  assert.equal(cycles[0]!.severity, 'error');
  assert.match(cycles[0]!.message, /component "a" \(stack\/app\.tfcomponent\.hcl\), component "b" \(stack\/b\.tfcomponent\.hcl\)/);
  assert.equal(cycles[0]!.span?.file, 'stack/app.tfcomponent.hcl');
  for (const address of ['component.a.aws_s3_bucket.seed', 'component.b.aws_s3_bucket.seed']) assert.equal(attribute(model, address, 'bucket').provenance, 'unresolved', address);
});

// The stack's provider configurations (stack-inputs.ts providerConfigs), passed to components.
const PROVIDERS = `variable "region" {
  type = string
}

provider "aws" "this" {
  config {
    region = var.region
    default_tags {
      tags = {
        data_classification = "phi"
      }
    }
  }
}

provider "aws" "regions" {
  for_each = toset(["us-east-1"])
  config {
    region = each.value
  }
}

component "app" {
  source = "./modules/app"
  inputs = {
    name = "records"
  }
  providers = {
    aws = provider.aws.this
  }
}

component "each" {
  source = "./modules/app"
  inputs = {
    name = "records"
  }
  providers = {
    aws = provider.aws.regions["us-east-1"]
  }
}
`;

test("a component's provider is the stack's provider config, as its deployments give it: region and default_tags reach its resources and its child modules; the block is in the model", () => {
  const files = (deployments: string): Record<string, string> => ({ 'stack/app.tfcomponent.hcl': PROVIDERS, 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS, 'stack/deploy.tfdeploy.hcl': deployments });
  const { model } = evaluateFiles(files(deployment('prod', '    region = "eu-west-1"\n')));
  const bucket = model.resources.find((r) => r.address === 'component.app.aws_s3_bucket.b')!;
  assert.equal(bucket.provider.region?.value, 'eu-west-1');
  assert.deepEqual(bucket.provider.region?.via.map((s) => `${s.file}:${s.start.line}`), ['stack/deploy.tfdeploy.hcl:3', 'stack/app.tfcomponent.hcl:1']);
  assert.deepEqual(bucket.effectiveTags?.value, { data_classification: 'phi' });
  assert.equal(model.resources.find((r) => r.address === 'component.app.module.logs.aws_cloudwatch_log_group.l')!.provider.region?.value, 'eu-west-1');
  // A for_each provider's instance: unknown, as before.
  assert.equal(model.resources.find((r) => r.address === 'component.each.aws_s3_bucket.b')!.provider.region?.provenance, 'unresolved');
  assert.deepEqual(model.providers.map((p) => [p.module, p.name, p.alias, p.body.span.file, p.body.span.start.line, p.body.attributes.get('region')?.value]), [['', 'aws', 'this', 'stack/app.tfcomponent.hcl', 5, 'eu-west-1']]);
  // The stack's directory is still no root module.
  assert.deepEqual(model.repo.rootModules, []);
  // Deployments that give different regions: unknown, naming them; the tags they agree on stay.
  const two = evaluateFiles(files(deployment('prod', '    region = "us-east-1"\n') + deployment('dev', '    region = "eu-west-1"\n'))).model;
  const twoBucket = two.resources.find((r) => r.address === 'component.app.aws_s3_bucket.b')!;
  assert.equal(twoBucket.provider.region?.provenance, 'unresolved');
  assert.match((twoBucket.provider.region?.value as { reason: string }).reason, /the deployments "prod", "dev" set differently/);
  assert.deepEqual(twoBucket.effectiveTags?.value, { data_classification: 'phi' });
});

test('a stack variable with nullable = false: given null, its default, else an error as for a module variable; a null default, an error', () => {
  const stack = VARIABLES.replace('variable "name" {\n  type      = string\n', 'variable "name" {\n  type      = string\n  nullable  = false\n').replace('  default = false\n}', '  default  = false\n  nullable = false\n}');
  const given = (inputs: string): { name: ReturnType<typeof appValues>['name']; status: unknown; diagnostics: { code: string; severity: string; message: string; at: string }[] } => {
    const extra = { 'stack/deploy.tfdeploy.hcl': deployment('prod', inputs) };
    const { diagnostics } = evaluateFiles({ 'stack/app.tfcomponent.hcl': stack, 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS, ...extra });
    return { ...appValues(extra, stack), diagnostics: diagnostics.filter((d) => d.code.startsWith('vars/')).map((d) => ({ code: d.code, severity: d.severity, message: d.message, at: `${d.span?.file}:${d.span?.start.line}` })) };
  };
  const refused = given('    name      = null\n    versioned = null\n');
  assert.deepEqual(refused.diagnostics, [
    { code: 'vars/null', severity: 'error', message: 'var.name is given null, but it sets nullable = false and has no default, so Terraform refuses the value (a required variable not set).', at: 'stack/deploy.tfdeploy.hcl:3' },
  ]);
  assert.equal(refused.name.provenance, 'unresolved');
  assert.equal(refused.status, 'Suspended', 'versioned: null, so its default (false)');
  assert.deepEqual(given('    name      = "records"\n').diagnostics, []);
  // nullable unset (true): null is the value, with no error, as before.
  const nullable = evaluateFiles({ 'stack/app.tfcomponent.hcl': VARIABLES, 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS, 'stack/deploy.tfdeploy.hcl': deployment('prod', '    name = null\n') });
  assert.deepEqual(nullable.diagnostics.filter((d) => d.code.startsWith('vars/')), []);
  const withNullDefault = evaluateFiles({ 'stack/app.tfcomponent.hcl': stack.replace('  default  = false\n', '  default  = null\n'), 'stack/modules/app/main.tf': MODULE, 'stack/modules/logs/main.tf': LOGS, 'stack/deploy.tfdeploy.hcl': deployment('prod', '    name = "records"\n') });
  assert.deepEqual(withNullDefault.diagnostics.filter((d) => d.code.startsWith('vars/')).map((d) => [d.code, d.severity, d.message, `${d.span?.file}:${d.span?.start.line}`]), [
    ['vars/null-default', 'error', 'variable "versioned" sets nullable = false and a null default, which Terraform refuses.', 'stack/app.tfcomponent.hcl:3'],
  ]);
});

// An error in a component's inputs is said as a module's expression says it (the same codes, at the
// expression's file, line and column), once however many deployments evaluate it; the input is
// unknown and the rest of the stack evaluated on.
test("an error in a component's inputs: an undeclared variable or local, an unknown function, said once at the expression; the rest evaluated", () => {
  const stack =
    'variable "prefix" {\n  type = string\n}\n\nlocals {\n  broken = var.missing_too\n}\n\n' +
    component('app', './modules/app', '    name      = var.nope\n    versioned = nosuchfn(true)\n') +
    component('viaLocal', './modules/app', '    name = local.broken\n') +
    component('names', './modules/names', '    prefix = var.prefix\n');
  const deployments = { 'stack/deploy.tfdeploy.hcl': deployment('prod', '    prefix = "phi"\n') + deployment('dev', '    prefix = "phi"\n') };
  const { model, diagnostics } = outputsModel(stack, deployments);
  const said = diagnostics.filter((d) => d.span?.file === 'stack/app.tfcomponent.hcl').map((d) => `${d.severity} ${d.code} ${d.span!.start.line}:${d.span!.start.column}`);
  assert.deepEqual(said.sort(), ['error eval/unknown-reference 12:17', 'error eval/unknown-reference 6:12', 'warning eval/unknown-function 13:17']);
  assert.match(diagnostics.find((d) => d.span?.start.line === 12)!.message, /input name of component "app": Reference to undeclared input variable "nope"/);
  assert.match(diagnostics.find((d) => d.span?.start.line === 6)!.message, /local\.broken: Reference to undeclared input variable "missing_too"/);
  assert.equal(attribute(model, 'component.app.aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
  assert.equal(attribute(model, 'component.viaLocal.aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
  assert.equal(attribute(model, 'component.names.aws_s3_bucket.seed', 'bucket').value, 'phi-seed', 'the rest of the stack goes on');
});

// component.x["k"] of a for_each component: a key none of its instances has fails as a module
// instance's does (eval/instance-key, at the key); a known key reads that instance's outputs.
test('component.x["k"]: a key that is none of its instances\' is an error naming them; a known key reads the outputs', () => {
  const stack =
    'variable "regions" {\n  type    = set(string)\n  default = ["a", "b"]\n}\n\n' +
    component('regional', './modules/names', '    prefix = "r"\n', '  for_each = var.regions\n') +
    component('app', './modules/app', '    name = component.regional["a"].bucket\n') +
    component('typo', './modules/app', '    name = component.regional["c"].bucket\n') +
    component('unknownKeys', './modules/app', '    name = component.later["z"].bucket\n') +
    component('later', './modules/names', '    prefix = "l"\n', '  for_each = toset([store.varset.v.stable.k])\n');
  const { model, diagnostics } = outputsModel(stack);
  assert.equal(attribute(model, 'component.app.aws_s3_bucket.b', 'bucket').value, 'r-records');
  const keyErrors = diagnostics.filter((d) => d.code === 'eval/instance-key');
  assert.deepEqual(keyErrors.map((d) => `${d.severity} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column}`), ['error stack/app.tfcomponent.hcl:24:30']);
  assert.match(keyErrors[0]!.message, /component\.regional\["c"\] does not exist: component\.regional has the instances "a", "b"/);
  assert.equal(attribute(model, 'component.typo.aws_s3_bucket.b', 'bucket').provenance, 'unresolved');
  // Keys not known here: not checked, the output every instance shares read as before.
  assert.equal(attribute(model, 'component.unknownKeys.aws_s3_bucket.b', 'bucket').value, 'l-records');
  assert.equal(diagnostics.filter((d) => d.severity === 'error').length, 1, JSON.stringify(diagnostics.filter((d) => d.severity === 'error')));
});

// A component's for_each: an error in it is said as in its inputs (the same codes, at the
// expression, once however many deployments evaluate it), and a value Terraform refuses for a
// component's for_each (no map or set of strings: stackeval/for_each.go) with a module's for_each
// codes; its instances are then one, with `each` unknown, and the rest of the stack evaluated on.
test("a component's for_each: an undeclared name, an unknown function, a value that is no map or set of strings, said once at the expression; valid ones silent", () => {
  const forEach = (expr: string): string => `  for_each = ${expr}\n`;
  const stack =
    'variable "regions" {\n  type    = set(string)\n  default = ["a"]\n}\n\nvariable "shape" {\n  type = any\n}\n\n' +
    component('undeclaredVar', './modules/names', '    prefix = "v"\n', forEach('var.nope')) +
    component('undeclaredLocal', './modules/names', '    prefix = "l"\n', forEach('local.nope')) +
    component('undeclaredComponent', './modules/names', '    prefix = "c"\n', forEach('component.ghost.keys')) +
    component('unknownFunction', './modules/names', '    prefix = "f"\n', forEach('nosuchkeys(var.regions)')) +
    component('list', './modules/names', '    prefix = "t"\n', forEach('["a", "b"]')) +
    component('perDeployment', './modules/names', '    prefix = "d"\n', forEach('var.shape')) +
    component('set', './modules/names', '    prefix = "s"\n', forEach('var.regions')) +
    component('map', './modules/names', '    prefix = "m"\n', forEach('{ a = 1 }')) +
    component('literalSet', './modules/names', '    prefix = "ls"\n', forEach('toset(["a"])')) +
    component('app', './modules/app', '    name = component.set["a"].bucket\n');
  const deployments = { 'stack/deploy.tfdeploy.hcl': deployment('prod', '    shape = "a"\n') + deployment('dev', '    shape = { a = 1 }\n') };
  const { model, diagnostics } = outputsModel(stack, deployments);
  const said = diagnostics.filter((d) => d.span?.file === 'stack/app.tfcomponent.hcl').map((d) => `${d.severity} ${d.code} ${d.span!.start.line}:${d.span!.start.column}`);
  assert.deepEqual(said, [
    'error eval/unknown-reference 11:14',
    'error eval/unknown-reference 19:14',
    'error eval/unknown-reference 27:14',
    'warning eval/unknown-function 35:14',
    'error eval/for-each-list 43:14',
    'error eval/for-each 51:14',
  ]);
  const message = (line: number): string => diagnostics.find((d) => d.span?.start.line === line)!.message;
  assert.match(message(11), /^for_each of component "undeclaredVar": Reference to undeclared input variable "nope"/);
  assert.match(message(19), /Reference to undeclared local value "nope"/);
  assert.match(message(27), /Reference to undeclared component "ghost"/);
  assert.match(message(43), /^for_each of component "list" is a tuple, so Terraform refuses it: it requires a map or a set of strings/);
  assert.match(message(51), /^for_each of component "perDeployment" in deployment "prod" is a string, so Terraform refuses it/);
  // Its instances are one, with `each` unknown; the rest of the stack goes on.
  assert.equal(attribute(model, 'component.list[?].aws_s3_bucket.seed', 'bucket').value, 't-seed');
  assert.equal(attribute(model, 'component.app.aws_s3_bucket.b', 'bucket').value, 's-records');
});

// A deployment's inputs (.tfdeploy.hcl): an error in an input's expression, or in a deployment
// local it reads, is said at the expression, once; an input for a variable the stack does not
// declare is an error ("The keys in the inputs map must correspond to the names of the variables
// defined in your component configuration", the deployment block reference). What the reference
// says inputs may read (locals, identity_token, store, upstream_input) is silent, and so is what it
// does not say either way (var., component.).
test("a deployment's inputs: an undeclared local or name, an unknown function, an undeclared variable, said once at the expression; what inputs may read, silent", () => {
  const stack = 'variable "prefix" {\n  type = string\n}\n\n' + component('names', './modules/names', '    prefix = var.prefix\n');
  const deploy =
    'locals {\n  broken = local.missing_too\n  region = "us-east-1"\n}\n\n' +
    deployment('prod', '    prefix = local.nope\n    typo   = local.nope_too\n') +
    deployment('dev', '    prefix = nosuchdeployfn("x")\n    prefx  = "phi"\n') +
    deployment('stage', '    prefix = local.broken\n') +
    deployment('qa', '    prefix = "${local.broken}-${nosuch.thing}"\n');
  const { diagnostics } = outputsModel(stack, { 'stack/deploy.tfdeploy.hcl': deploy });
  const said = diagnostics.filter((d) => d.span?.file === 'stack/deploy.tfdeploy.hcl').map((d) => `${d.severity} ${d.code} ${d.span!.start.line}:${d.span!.start.column}`);
  // local.broken, read by two deployments, is said once; typo's value goes to no variable and is not evaluated.
  assert.deepEqual(said.sort(), [
    'error eval/unknown-reference 25:33',
    'error eval/unknown-reference 2:12',
    'error eval/unknown-reference 8:14',
    'error vars/undeclared 15:5',
    'error vars/undeclared 9:5',
    'warning eval/unknown-function 14:14',
  ]);
  const message = (line: number): string => diagnostics.find((d) => d.span?.file === 'stack/deploy.tfdeploy.hcl' && d.span.start.line === line)!.message;
  assert.match(message(8), /^input prefix of deployment "prod": Reference to undeclared local value "nope"/);
  assert.match(message(2), /^local\.broken: Reference to undeclared local value "missing_too"/);
  assert.match(message(15), /^deployment "dev" sets prefx, but the stack declares no variable "prefx".* Did you mean "prefix"\?/);
  assert.match(message(25), /^input prefix of deployment "qa": Unknown reference "nosuch"/);

  const valid =
    'identity_token "aws" {\n  audience = ["aws.workload.identity"]\n}\n\nstore "varset" "names" {\n  name     = "names"\n  category = "terraform"\n}\n\nlocals {\n  prefix = "phi"\n}\n\n' +
    deployment('prod', '    prefix = "${local.prefix}-${store.varset.names.stable.suffix}"\n') +
    deployment('dev', '    prefix = identity_token.aws.jwt\n') +
    deployment('up', '    prefix = upstream_input.network.prefix\n') +
    'upstream_input "network" {\n  type   = "stack"\n  source = "app.terraform.io/example/network/stack"\n}\n\n' +
    deployment('unsaid', '    prefix = var.elsewhere\n');
  const silent = outputsModel(stack, { 'stack/deploy.tfdeploy.hcl': valid });
  assert.deepEqual(silent.diagnostics.filter((d) => d.span?.file === 'stack/deploy.tfdeploy.hcl'), []);
  // With a component configuration file that does not parse, the stack's variables are not all known: no key is judged.
  const partial = outputsModel(stack, { 'stack/deploy.tfdeploy.hcl': deployment('prod', '    prefix = "phi"\n    other = 1\n'), 'stack/broken.tfcomponent.hcl': '= {\n' });
  assert.deepEqual(partial.diagnostics.filter((d) => d.code === 'vars/undeclared'), []);
});

// A sensitive for_each: Terraform Stacks refuses it for a component and for a provider alike
// (stackeval for_each.go evaluateForEachExpr: "Invalid for_each value", "Sensitive values, or values
// derived from sensitive values, cannot be used as for_each arguments"), checking the value's own
// mark (HasMark), so a map whose values alone are sensitive is taken. Said as a module's sensitive
// for_each is (eval/for-each, an error, at the expression), once, without any key of it.
test('a sensitive for_each of a component or a provider: an error at the expression, naming what marks it and no key; a map with only sensitive values, or nonsensitive(), silent', () => {
  const variables =
    'variable "regions" {\n  type      = set(string)\n  sensitive = true\n  default   = ["zz-secret-region"]\n}\n\n' +
    'variable "by_region" {\n  type      = map(string)\n  sensitive = true\n  default   = { zz-secret-key = "v" }\n}\n\n' +
    'variable "plain" {\n  type    = set(string)\n  default = ["a"]\n}\n\n' +
    'locals {\n  region_keys = keys(var.by_region)\n}\n\n';
  const cases: [name: string, forEach: string, marked: string | undefined][] = [
    ['sensitiveVar', 'var.regions', 'var.regions'],
    ['throughFunction', 'toset(var.regions)', 'var.regions'],
    ['throughLocal', 'toset(local.region_keys)', 'local.region_keys (var.by_region)'],
    ['forOverSecret', '{ for k, v in var.by_region : k => v }', 'var.by_region'],
    ['sensitiveCall', 'sensitive(toset(["a"]))', 'sensitive()'],
    ['valuesOnly', '{ a = var.regions }', undefined],
    ['unmarked', 'nonsensitive(var.regions)', undefined],
    ['plainVar', 'var.plain', undefined],
  ];
  const stack = variables + cases.map(([name, expr]) => component(name, './modules/names', '    prefix = "p"\n', `  for_each = ${expr}\n`)).join('') +
    'provider "aws" "regional" {\n  for_each = var.regions\n  config {\n    region = each.value\n  }\n}\n\n' +
    'provider "aws" "plain" {\n  for_each = var.plain\n  config {\n    region = each.value\n  }\n}\n';
  const { diagnostics } = outputsModel(stack, { 'stack/deploy.tfdeploy.hcl': deployment('prod', '    plain = ["b"]\n') + deployment('dev', '    plain = ["c"]\n') });
  const lineOf = (text: string): number => stack.slice(0, stack.indexOf(text)).split('\n').length;
  const said = diagnostics.filter((d) => d.code === 'eval/for-each').map((d) => ({ at: `${d.span?.file}:${d.span?.start.line}`, severity: d.severity, message: d.message, hint: d.hint !== undefined }));
  const expected = cases
    .filter(([, , marked]) => marked !== undefined)
    .map(([name, expr, marked]) => ({ at: `stack/app.tfcomponent.hcl:${lineOf(`component "${name}"`) + 1}`, severity: 'error', message: `for_each of component "${name}" is sensitive (${marked}), so Terraform refuses it: its keys would show the sensitive value in the instances' addresses; its instances are not told apart here.`, hint: true, expr }));
  assert.deepEqual(said, [
    ...expected.map(({ expr: _expr, ...d }) => d),
    { at: `stack/app.tfcomponent.hcl:${lineOf('provider "aws" "regional"') + 1}`, severity: 'error', message: 'for_each of provider "aws" "regional" is sensitive (var.regions), so Terraform refuses it: its keys would show the sensitive value in the instances\' addresses.', hint: true },
  ]);
  assert.ok(diagnostics.every((d) => !d.message.includes('zz-secret')), 'no key of a sensitive for_each is printed');
});

// Terraform Stacks orders components by what their for_each, inputs and providers read
// (stackeval Component.References); one that reads its own outputs, or components that read each
// other's in a cycle through any of those, it refuses ("Self-dependent item in configuration: The
// item ... depends on its own results", diagnostics.go taskSelfDependencyDiagnostic). Said once
// (eval/cycle, an error) at the argument that reads the next component of the cycle; what is read is unknown.
test("a component that reads its own outputs in its for_each, inputs or provider, or components in a cycle through for_each: an error at the argument; an order without a cycle, silent", () => {
  const names = (name: string, inputs: string, more = ''): string => component(name, './modules/names', inputs, more);
  const provider = (alias: string, region: string): string => `provider "aws" "${alias}" {\n  config {\n    region = ${region}\n  }\n}\n\n`;
  const cases: [what: string, stack: string, expected: string | undefined][] = [
    ['self, for_each by key', names('x', '    prefix = "x"\n', '  for_each = component.x["a"].keys\n'), '2 component "x" (stack/app.tfcomponent.hcl) reads its own outputs in its for_each'],
    ['self, for_each whole', names('x', '    prefix = "x"\n', '  for_each = component.x\n'), '2 component "x" (stack/app.tfcomponent.hcl) reads its own outputs in its for_each'],
    ['self, inputs', names('x', '    prefix = component.x.bucket\n'), '3 component "x" (stack/app.tfcomponent.hcl) reads its own outputs in its inputs'],
    ['self, through a local in for_each', 'locals {\n  mine = component.x["a"].keys\n}\n\n' + names('x', '    prefix = "x"\n', '  for_each = local.mine\n'), '6 component "x" (stack/app.tfcomponent.hcl) reads its own outputs in its for_each'],
    [
      'self, through its provider',
      provider('fromX', 'component.x.bucket') + component('x', './modules/names', '    prefix = "x"\n').replace('  }\n}\n', '  }\n  providers = {\n    aws = provider.aws.fromX\n  }\n}\n'),
      '12 component "x" (stack/app.tfcomponent.hcl) reads its own outputs in its providers',
    ],
    ['a cycle through for_each and inputs', names('a', '    prefix = "a"\n', '  for_each = component.b.keys\n') + names('b', '    prefix = component.a["k"].bucket\n'), '2 components component "a" (stack/app.tfcomponent.hcl), component "b" (stack/app.tfcomponent.hcl) read each other\'s outputs'],
    ['for_each reading another, no cycle', names('a', '    prefix = "a"\n', '  for_each = component.b.keys\n') + names('b', '    prefix = "b"\n'), undefined],
  ];
  for (const [what, stack, expected] of cases) {
    const { model, diagnostics } = outputsModel(stack);
    const errors = diagnostics.filter((d) => d.severity === 'error');
    if (expected === undefined) {
      assert.deepEqual(errors, [], what);
      const order = model.resources.map((r) => r.address);
      assert.ok(order.indexOf('component.b.aws_s3_bucket.seed') < order.indexOf('component.a[?].aws_s3_bucket.seed'), `${what}: b is evaluated first`);
      continue;
    }
    assert.deepEqual(errors.map((d) => d.code), ['eval/cycle'], `${what}: ${JSON.stringify(errors)}`);
    const [line, text] = [Number(expected.split(' ')[0]), expected.slice(expected.indexOf(' ') + 1)];
    assert.equal(errors[0]!.span?.start.line, line, what);
    assert.ok(errors[0]!.message.startsWith(`The Terraform Stacks ${text}`), `${what}: ${errors[0]!.message}`);
  }
});

// A deployment's expressions read the identity_token, store and upstream_input blocks the deployment
// configuration declares; one it does not declare is an error naming the block (eval/unknown-reference,
// at the reference, once), as Terraform Stacks says a reference to an undeclared component is
// ("Reference to undeclared component": stackeval Stack.ResolveExpressionReference). With a
// deployment file that does not parse, the declared blocks are not all known: nothing is judged.
test('a deployment reads an identity_token, store or upstream_input it does not declare: an error naming the block, at the reference, once; declared ones silent', () => {
  const stack = 'variable "prefix" {\n  type = string\n}\n\n' + component('names', './modules/names', '    prefix = var.prefix\n');
  const blocks =
    'identity_token "aws" {\n  audience = ["aws.workload.identity"]\n}\n\n' +
    STORE +
    'upstream_input "network" {\n  type   = "stack"\n  source = "app.terraform.io/example/network/stack"\n}\n\n' +
    'locals {\n  caller = identity_token.missing.jwt\n}\n\n';
  const cases: [input: string, undeclared: string | undefined][] = [
    ['identity_token.aws.jwt', undefined],
    ['identity_token.gcp.jwt', 'Reference to undeclared identity token: there is no identity_token "gcp" block declared in the deployment configuration.'],
    ['store.varset.names.stable.prefix', undefined],
    ['store.varset.names.prefix', undefined],
    ['store.varset.other.stable.prefix', 'Reference to undeclared store: there is no store "varset" "other" block declared in the deployment configuration.'],
    ['store.keyvault.names.prefix', 'Reference to undeclared store: there is no store "keyvault" "names" block declared in the deployment configuration.'],
    ['upstream_input.network.prefix', undefined],
    ['upstream_input.netwrk.prefix', 'Reference to undeclared upstream input: there is no upstream_input "netwrk" block declared in the deployment configuration.'],
  ];
  const deploy = blocks + cases.map(([input], i) => deployment(`d${i}`, `    prefix = ${input}\n`)).join('') + deployment('viaLocal', '    prefix = local.caller\n') + deployment('viaLocalToo', '    prefix = local.caller\n');
  const { diagnostics } = outputsModel(stack, { 'stack/deploy.tfdeploy.hcl': deploy });
  const lineOf = (text: string): number => deploy.slice(0, deploy.indexOf(text)).split('\n').length;
  const said = diagnostics.filter((d) => d.span?.file === 'stack/deploy.tfdeploy.hcl').map((d) => `${d.severity} ${d.code} ${d.span!.start.line}:${d.span!.start.column} ${d.message}`);
  assert.deepEqual(said.sort(), [
    ...cases.flatMap(([input, u], i) => (u === undefined ? [] : [`error eval/unknown-reference ${lineOf(`prefix = ${input}\n`)}:14 input prefix of deployment "d${i}": ${u}`])),
    `error eval/unknown-reference ${lineOf('caller = ')}:12 local.caller: Reference to undeclared identity token: there is no identity_token "missing" block declared in the deployment configuration.`,
  ].sort());
  // A deployment file that does not parse may declare the block: not judged.
  const partial = outputsModel(stack, { 'stack/deploy.tfdeploy.hcl': deployment('prod', '    prefix = identity_token.gcp.jwt\n'), 'stack/broken.tfdeploy.hcl': 'identity_token "gcp" {\n' });
  assert.deepEqual(partial.diagnostics.filter((d) => d.code === 'eval/unknown-reference'), []);
});

// A deployment's inputs are the stack's root variable values, converted to each variable's declared
// type; Terraform refuses one that does not convert (stackeval InputVariable.CheckValue: "Invalid
// value for root input variable", "Cannot use the given value for input variable"). Said at the
// input (eval/type, an error, as a module argument of the wrong type), with the conversion's reason
// (the evaluator's, types.ts convert), a sensitive variable's value masked; the variable is then unknown.
test("a deployment's input that does not convert to the variable's type: an error at the input; one that converts, or a default, silent", () => {
  const variable = (name: string, type: string, more = ''): string => `variable "${name}" {\n  type = ${type}\n${more}}\n\n`;
  const cases: [name: string, type: string, given: string, refused: string | undefined, more?: string][] = [
    ['count', 'number', '"abc"', 'Invalid var.count: cannot convert "abc" to a number.'],
    ['count_text', 'number', '"2"', undefined],
    ['label', 'string', '["a"]', 'var.label: string required, got tuple.'],
    ['label_number', 'string', '2', undefined],
    ['names', 'list(string)', '"a"', 'var.names: list required, got string.'],
    ['shape', 'object({ a = string })', '{ b = "x" }', 'var.shape: attribute "a" is required.'],
    ['flag', 'bool', '"true"', undefined],
    ['flag_text', 'bool', '"maybe"', 'Invalid var.flag_text: a bool is required, got string.'],
    ['secret', 'number', '"hunter2-text"', 'Invalid var.secret: cannot convert (a sensitive value) to a number.', '  sensitive = true\n'],
    ['fallback', 'number', 'null', undefined, '  default  = 3\n  nullable = false\n'],
  ];
  const stack = cases.map(([name, type, , , more]) => variable(name, type, more)).join('') + component('names', './modules/names', '    prefix = "p${var.count_text}"\n');
  const inputs = cases.map(([name, , given]) => `    ${name} = ${given}\n`).join('');
  const deploy = deployment('prod', inputs) + deployment('dev', inputs);
  const { model, diagnostics } = outputsModel(stack, { 'stack/deploy.tfdeploy.hcl': deploy });
  const lineOf = (text: string, from = 0): number => deploy.slice(0, deploy.indexOf(text, from)).split('\n').length;
  const said = diagnostics.filter((d) => d.code === 'eval/type').map((d) => `${d.severity} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column} ${d.message}`);
  const expected = ['prod', 'dev'].flatMap((d) =>
    cases.flatMap(([name, , given, refused]) => (refused === undefined ? [] : [`error stack/deploy.tfdeploy.hcl:${lineOf(`    ${name} = ${given}\n`, deploy.indexOf(`deployment "${d}"`))}:5 The value deployment "${d}" gives var.${name} does not match its type, so Terraform refuses it: ${refused}`])),
  );
  assert.deepEqual(said, expected);
  assert.ok(diagnostics.every((d) => !d.message.includes('hunter2')), 'a sensitive variable\'s value is not printed');
  // What converts is converted ("2" to 2); the rest of the stack goes on.
  assert.equal(attribute(model, 'component.names.aws_s3_bucket.seed', 'bucket').value, 'p2-seed');
});

// hashicorp/terraform's stack validation (stackeval InputVariableConfig.ValidateDefaultValue): an
// error "Invalid default value for input variable" at the variable's declaration, whether or not a
// deployment gives the variable a value. An optional attribute's default fills in first.
test("a stack variable's default that does not convert to its type is an error at its declaration, once, whatever the deployments give", () => {
  const stack = [
    'variable "versioned" {\n  type    = bool\n  default = "maybe"\n}',
    'variable "ports" {\n  type    = list(number)\n  default = ["a"]\n}',
    'variable "o" {\n  type    = object({ a = string, b = optional(number, 1) })\n  default = { a = "x" }\n}',
    'variable "bad" {\n  type    = object({ a = string })\n  default = { b = 1 }\n}',
    'variable "fine" {\n  type    = number\n  default = "3"\n}',
    'component "app" {\n  source = "./modules/app"\n  inputs = { versioned = var.versioned }\n}\n',
  ].join('\n');
  const { diagnostics } = evaluateFiles({
    'stack/app.tfcomponent.hcl': stack,
    'stack/modules/app/main.tf': 'variable "versioned" {}\n',
    'stack/deploy.tfdeploy.hcl': 'deployment "prod" {\n  inputs = { versioned = true }\n}\ndeployment "dev" {\n  inputs = {}\n}\n',
  });
  assert.deepEqual(
    diagnostics.map((d) => `${d.severity} ${d.code} ${d.span?.file}:${d.span?.start.line}:${d.span?.start.column} ${d.message}`),
    [
      'error eval/type stack/app.tfcomponent.hcl:1:1 Invalid default value for input variable: the default of stack variable "versioned" does not conform to its type constraint, so Terraform refuses the stack: Invalid var.versioned: a bool is required, got string.',
      'error eval/type stack/app.tfcomponent.hcl:5:1 Invalid default value for input variable: the default of stack variable "ports" does not conform to its type constraint, so Terraform refuses the stack: Invalid var.ports[0]: cannot convert "a" to a number.',
      'error eval/type stack/app.tfcomponent.hcl:13:1 Invalid default value for input variable: the default of stack variable "bad" does not conform to its type constraint, so Terraform refuses the stack: var.bad: attribute "a" is required.',
    ],
  );
});
