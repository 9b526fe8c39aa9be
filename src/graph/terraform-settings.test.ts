// Version constraints and provider sources as Terraform 1.11.4 reads them. Every row was run
// through `terraform validate` (required_version, a module's version) or `terraform init
// -backend=false` (required_providers) and the comment or table says what it printed.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';
import { providerSourceProblem, unsatisfiable } from './terraform-settings.js';
import { isGoVersionConstraint, prereleaseConstraints, providerConstraintProblem } from '../util/go-version-syntax.js';

function diagnosticsOf(files: Record<string, string>): string[] {
  return evaluateFiles(files)
    .diagnostics.filter((d) => d.severity === 'error' || d.code.startsWith('config/'))
    .map((d) => `${d.severity} ${d.code} ${d.span?.file}:${d.span?.start.line}`);
}

// "Invalid version constraint: This string does not use correct version constraint syntax."
const refusedConstraints = ['latest', '', ' ', '>= 1.5,', 'V1.2', '=> 1.2', '== 1.2', '> = 1.2', '~> 1.x', '1.*', '>= 1.2 < 2', '^1.2', '1..2', '~ 1.2', '1.2,,1.3', '1.2.3+', 'x', '1.2.3-a..b', '.1', '1.', '1.99999999999999999999'];
// Read as constraints (then met by 1.11.4 or not: "Unsupported Terraform Core version" is another matter).
const readConstraints = ['>= 1.2, < 2.0', '>=1.5', '~>1.5', '1.2.3.4', 'v1.2', '>= v1.2', '1.2.3-beta', '1.2.3+build', '1.2-', '01.2', ' 1.2 ', '1.2.3-01', '1.2.3beta', '1.2.3-beta+b.1', '1', '>=1,<2', '>= 1.2 ,< 2', '1.2.3-~', '!=1.0', '<=1.0.0'];

test('go-version constraint syntax, as terraform validate 1.11.4 reads required_version', () => {
  for (const c of refusedConstraints) assert.equal(isGoVersionConstraint(c), false, JSON.stringify(c));
  for (const c of readConstraints) assert.equal(isGoVersionConstraint(c), true, JSON.stringify(c));
});

test('prerelease constraints, which required_version refuses ("Invalid required_version constraint: Prerelease version constraints are not supported")', () => {
  assert.deepEqual(['1.2.3-beta', '1.2-', '>= 1.2.3-beta.1', '1.2.3beta', '1.2.3-beta+b.1', '1.2.3-~'].map((c) => prereleaseConstraints(c).length), [1, 1, 1, 1, 1, 1]);
  // Build metadata is no prerelease: "1.2.3+build" gave "Unsupported Terraform Core version" only.
  assert.deepEqual(['1.2.3+build', '>= 1.2, < 2.0', 'v1.2', '1.2.3.4'].map((c) => prereleaseConstraints(c).length), [0, 0, 0, 0]);
});

test('required_version no version satisfies ("Unsupported Terraform Core version: This configuration does not support Terraform version 1.11.4", whatever the version)', () => {
  // Each refused by terraform validate 1.11.4 with that error; ranges holding 1.11.4 ('= 1.11.4, != 1.11.3', '~> 1.11.4, < 1.12', '>= 1.11, <= 1.11.4') were valid.
  const none = ['>= 2.0, < 1.0', '= 1.2.3, != 1.2.3', '~> 1.2.3, >= 1.3', '~> 1.11.3, >= 1.12', '~> 1, < 1', '= 1.11.4, != 1.11.4.0', '>= 1.12, <= 1.11.4', '> 1.2, <= 1.2.0', '~> 1.2, >= 2'];
  const some = ['= 1.11.4, != 1.11.3', '~> 1.11.4, < 1.12', '>= 1.11, <= 1.11.4', '>= 1.0, <= 1.0', '~> 1, >= 9', '> 1.2.3, < 1.2.4', '!= 1.2', '< 0.1', '~> 1.2, < 1.3', '= 1.2, = 1.2.0', '1.2.3+b, 1.2.3'];
  assert.deepEqual(none.filter((c) => !unsatisfiable(c)), []);
  assert.deepEqual(some.filter((c) => unsatisfiable(c)), []);
});

test('a provider constraint go-version reads and terraform init reads again, Ruby style', () => {
  // init: "Incorrect version constraint syntax: invalid specification "1.2.3.4": too many numbered portions ..."
  const refused = ['1.2.3.4', 'v1.2', '>= v1.2', '1.2.3beta', '1.2.3-~', '>=  1.2', '>=\t1.2', '1.2.3-a~b', '1.2.3+b~'];
  for (const c of refused) assert.notEqual(providerConstraintProblem(c), undefined, JSON.stringify(c));
  // Went on to look for releases ("no available releases match the given constraints"), or installed 5.100.0.
  const read = ['1.2.3-beta', '1.2.3+build', '1.2-', '01.2', ' 1.2 ', '>= 1.2,  < 2', '=1.2.3', '~> 5.0', '>=5.0,<6.0', ' >= 5.0 ', '5.100.0-', '5.100.0+x', '>= 1.2.3-beta.1', '!=1.0'];
  for (const c of read) assert.equal(providerConstraintProblem(c), undefined, JSON.stringify(c));
});

test('provider source strings, as terraform init 1.11.4 reads them', () => {
  const refused: [string, string][] = [
    ['hashicorp//aws', 'Invalid provider source string'],
    ['/aws', 'Invalid provider source string'],
    ['aws/', 'Invalid provider source string'],
    ['a/b/c/d', 'Invalid provider source string'],
    ['', 'Invalid provider source string'],
    ['hashicorp/aws.x', 'Invalid provider type'],
    ['hashicorp/-aws', 'Invalid provider type'],
    ['hashicorp/aws_', 'Invalid provider type'],
    ['hashicorp/_aws', 'Invalid provider type'],
    ['hashicorp/aw s', 'Invalid provider type'],
    ['hashicorp/a--b', 'Invalid provider type'],
    ['hashicorp/terraform-provider-aws', 'Invalid provider type'],
    ['hashicorp/Terraform-aws', 'Invalid provider type'],
    ['h_x/aws', 'Invalid provider namespace'],
    ['xn--abc/aws', 'Invalid provider namespace'],
    ['exa mple.com/h/aws', 'Invalid provider source hostname'],
    ['example.com:99999/h/aws', 'Invalid provider source hostname'],
    ['example.com:abc/h/aws', 'Invalid provider source hostname'],
    ['example..com/h/aws', 'Invalid provider source hostname'],
    ['.example.com/h/aws', 'Invalid provider source hostname'],
    ['-example.com/h/aws', 'Invalid provider source hostname'],
    ['ex_ample.com/h/aws', 'Invalid provider source hostname'],
  ];
  for (const [source, summary] of refused) assert.equal(providerSourceProblem(source)?.summary, summary, source);
  // Installed, or looked up ("Failed to query available provider packages"): the address was read.
  // "-/aws" fails later ("Invalid legacy provider address"), which is not judged here.
  const read = ['hashicorp/aws', 'HashiCorp/AWS', 'aws', 'registry.terraform.io/hashicorp/aws', 'hashicorp/a', 'hashicorp/9aws', `hashicorp/${'a'.repeat(65)}`, 'hashicorp/ümlaut', 'example.com/h/aws', 'example.com:8080/h/aws', 'localhost/h/aws', 'EXAMPLE.com/h/aws', 'example.com./h/aws', 'terraform.io/builtin/terraform', '-/aws'];
  for (const source of read) assert.equal(providerSourceProblem(source), undefined, source);
});

const settings: [string, string, string[]][] = [
  // validate: "Invalid version constraint" at main.tf line 2 (the mutant A-terraform-required-version-bad).
  ['required_version "latest"', 'terraform {\n  required_version = "latest"\n}\n', ['error config/argument main.tf:2']],
  // validate: "Invalid required_version constraint: Prerelease version constraints are not supported: 1.2.3-beta."
  ['a required_version no version satisfies', 'terraform {\n  required_version = ">= 2.0, < 1.0"\n}\n', ['error config/argument main.tf:2']],
  ['a prerelease required_version', 'terraform {\n  required_version = ">= 1.2.3-beta"\n}\n', ['error config/argument main.tf:2']],
  // init: "Invalid version constraint" at line 5, the version (the mutant C-required-providers-bad-version).
  ['a provider version "latest"', 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "latest"\n    }\n  }\n}\n', ['error config/argument main.tf:5']],
  // init: "Invalid version constraint: Incorrect version constraint syntax: invalid specification "1.2.3.4": too many numbered portions", at the entry (line 3).
  ['a provider version with four numbers', 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "1.2.3.4"\n    }\n  }\n}\n', ['error config/argument main.tf:3']],
  // validate: "Invalid version constraint: Version must be specified as a string."
  ['a provider version that is a number', 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = 5\n    }\n  }\n}\n', ['error config/argument main.tf:5']],
  ['a provider version from a variable', 'variable "v" {\n  default = "5.0"\n}\nterraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = var.v\n    }\n  }\n}\n', ['error config/argument main.tf:8']],
  // validate: "Invalid source: Source must be specified as a string."
  ['a provider source that is a number', 'terraform {\n  required_providers {\n    aws = {\n      source = 5\n    }\n  }\n}\n', ['error config/argument main.tf:4']],
  // init: "Invalid provider source string: The "source" attribute must be in the format "[hostname/][namespace/]name"" (C-required-providers-bad-source).
  ['a provider source with an empty part', 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp//aws"\n      version = "5.100.0"\n    }\n  }\n}\n', ['error config/argument main.tf:4']],
  // validate: "Invalid version constraint" at line 3, in the legacy form.
  ['a legacy provider version "latest"', 'terraform {\n  required_providers {\n    aws = "latest"\n  }\n}\n', ['error config/argument main.tf:3']],
  // init: "Invalid version constraint: Incorrect version constraint syntax: invalid specification "1.2.3.4"", in the legacy form.
  ['a legacy provider version with four numbers', 'terraform {\n  required_providers {\n    aws = "1.2.3.4"\n  }\n}\n', ['error config/argument main.tf:3']],
  // init: "Invalid required_providers object: required_providers objects can only contain "version", "source" and "configuration_aliases" attributes", at the key.
  ['a provider argument in required_providers', 'terraform {\n  required_providers {\n    aws = {\n      source = "hashicorp/aws"\n      region = "x"\n    }\n  }\n}\n', ['error config/argument main.tf:5']],
  // validate: "Invalid version constraint" at the version of a registry module.
  ['a module version "latest"', 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "latest"\n}\n', ['error config/argument main.tf:3']],
  ['an empty module version', 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = ""\n}\n', ['error config/argument main.tf:3']],
  // validate: 'The "chef" provisioner has been removed' at the label.
  ['a removed provisioner', 'resource "terraform_data" "x" {\n  provisioner "chef" {\n  }\n}\n', ['error config/block main.tf:2']],
  // validate: 'Missing required provisioner plugin ... If you're intending to use an external provisioner plugin, you must install it manually'.
  ['a provisioner no built-in one is', 'resource "terraform_data" "x" {\n  provisioner "nope" {\n  }\n}\n', ['warning config/block main.tf:2']],
];

for (const [name, text, want] of settings) {
  test(`Terraform refuses it, and so does the scan: ${name}`, () => {
    assert.deepEqual(diagnosticsOf({ 'main.tf': text }), want);
  });
}

const accepted: [string, string][] = [
  ['constraints Terraform reads', 'terraform {\n  required_version = ">= 1.5, < 2.0"\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = ">= 5.0, < 6.0"\n    }\n    random = {\n      source  = "registry.terraform.io/hashicorp/random"\n      version = "~> 3.6"\n    }\n    null = "~> 3.0"\n  }\n}\n'],
  ['a string Terraform computes without variables', 'terraform {\n  required_providers {\n    aws = {\n      source  = "hashicorp/aws"\n      version = "${"~> 5.0"}"\n    }\n  }\n}\n'],
  ['configuration_aliases', 'terraform {\n  required_providers {\n    aws = {\n      source                = "hashicorp/aws"\n      configuration_aliases = [aws.west]\n    }\n  }\n}\n'],
  ['a registry module with a version', 'module "vpc" {\n  source  = "terraform-aws-modules/vpc/aws"\n  version = "~> 5.0"\n}\n'],
  ['built-in provisioners', 'resource "terraform_data" "x" {\n  provisioner "local-exec" {\n    command = "true"\n  }\n}\n'],
];

for (const [name, text] of accepted) {
  test(`Terraform accepts it, and so does the scan: ${name}`, () => {
    assert.deepEqual(diagnosticsOf({ 'main.tf': text }).filter((d) => d.includes('config/')), []);
  });
}

test('JSON syntax: a required_providers entry is read the same way', () => {
  const json = JSON.stringify({ terraform: { required_providers: { aws: { source: 'hashicorp//aws', version: 'latest' } } } }, null, 2);
  assert.deepEqual(diagnosticsOf({ 'main.tf.json': json }).filter((d) => d.includes('config/')).length, 2);
});
