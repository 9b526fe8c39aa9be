// count and for_each that depend on values Terraform knows only at apply: refused at plan. Each case
// says what terraform plan -refresh=false 1.11.4 printed for it (AWS provider 5.100, a plan with no
// state); the scan's unknowns that Terraform knows at plan (a variable not given, a data source read
// at plan) stay info.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';
import { applyTimePart } from './apply-time.js';
import type { DeferredRead, UnknownCause } from '../model/unknown-cause.js';

const CODES = new Set(['eval/count', 'eval/for-each', 'eval/unknown-count', 'eval/unknown-for-each']);

/** `code severity file:line` of the count and for_each diagnostics. */
function repetitionDiagnostics(files: Record<string, string>): string[] {
  const { diagnostics } = evaluateFiles(files);
  return diagnostics.filter((d) => CODES.has(d.code)).map((d) => `${d.code} ${d.severity} ${d.span?.file ?? ''}:${d.span?.start.line ?? ''}`);
}

const A = 'resource "terraform_data" "a" {\n  input = "x"\n}\n'; // lines 1-3
const S3 = 'resource "aws_s3_bucket" "s" {\n  bucket = "bkt"\n}\n';

const cases: [string, Record<string, string>, string[]][] = [
  // Error: Invalid count argument (The "count" value depends on resource attributes that cannot be determined until apply...)
  ['a count of the length of terraform_data output', { 'main.tf': `${A}resource "terraform_data" "b" {\n  count = length(terraform_data.a.output)\n}\n` }, ['eval/count error main.tf:5']],
  // Error: Invalid for_each argument (terraform_data.a.id is a string, known only after apply)
  ['a for_each set of a terraform_data id', { 'main.tf': `${A}resource "terraform_data" "c" {\n  for_each = toset([terraform_data.a.id])\n}\n` }, ['eval/for-each error main.tf:5']],
  // Error: Invalid count argument, for each: the provider shows id and arn "(known after apply)".
  ['counts of an S3 bucket id and a KMS key arn', { 'main.tf': `${S3}resource "aws_kms_key" "k" {\n}\nresource "terraform_data" "f" {\n  count = length(aws_s3_bucket.s.id)\n}\nresource "terraform_data" "g" {\n  count = length(aws_kms_key.k.arn)\n}\n` }, ['eval/count error main.tf:7', 'eval/count error main.tf:10']],
  // Accepted: force_destroy defaults to false in the provider's schema, known at plan. Without the
  // schema the scan cannot tell, so a warning, not an error.
  ['a count of a managed attribute the configuration does not write', { 'main.tf': `${S3}resource "terraform_data" "h" {\n  count = aws_s3_bucket.s.force_destroy ? 1 : 0\n}\n` }, ['eval/count warning main.tf:5']],
  // Error: Invalid count argument for timestamp() and uuid(); plantimestamp() is known at plan (accepted).
  ['counts of timestamp(), uuid() and plantimestamp()', { 'main.tf': 'resource "terraform_data" "l" {\n  count = length(timestamp())\n}\nresource "terraform_data" "n" {\n  count = length(uuid())\n}\nresource "terraform_data" "m" {\n  count = length(plantimestamp())\n}\n' }, ['eval/count error main.tf:2', 'eval/count error main.tf:5', 'eval/unknown-count info main.tf:8']],
  // Accepted: the keys are known, the values (apply-time) are not needed to plan.
  ['a for_each map with known keys and apply-time values', { 'main.tf': `${A}resource "terraform_data" "k" {\n  for_each = { x = terraform_data.a.id }\n}\n` }, []],
  // Accepted: the length of a list of apply-time elements is known (and so is a written attribute).
  ['a count of the length of a list of ids, and of a written attribute', { 'main.tf': `${A}resource "terraform_data" "o" {\n  count = length([terraform_data.a.id])\n}\nresource "terraform_data" "p" {\n  count = length(terraform_data.a.input)\n}\n` }, []],
  // Through a local, sha256() and a template with a variable: Error: Invalid count argument.
  ['a count through a local, a digest and a template', { 'main.tf': `${A}variable "s" {\n  type = string\n}\nlocals {\n  u = terraform_data.a.output\n}\nresource "terraform_data" "r" {\n  count = length(sha256("\${var.s}-\${local.u}"))\n}\n` }, ['eval/count error main.tf:11']],
  // Accepted with var.on = false (the scan was not given it): the apply-time branch is not taken.
  ['a conditional on a variable the scan was not given', { 'main.tf': `${A}variable "on" {\n  type = bool\n}\nresource "terraform_data" "b" {\n  count = var.on ? length(terraform_data.a.output) : 0\n}\n` }, ['eval/unknown-count info main.tf:8']],
  // Accepted: data "aws_region" with known arguments is read at plan (the scan does not read it).
  ['a count of a data source read at plan', { 'main.tf': 'data "aws_region" "r" {\n}\nresource "terraform_data" "b" {\n  count = length(data.aws_region.r.name)\n}\n' }, ['eval/unknown-count info main.tf:4']],
  // Error: Invalid count argument: "data.aws_region.r2 will be read during apply (depends on a
  // resource or a module with changes pending)". name is not id or arn: a warning.
  ['a count of a data source that depends on a managed resource', { 'main.tf': `${S3}data "aws_region" "r2" {\n  depends_on = [aws_s3_bucket.s]\n}\nresource "terraform_data" "d" {\n  count = length(data.aws_region.r2.name)\n}\n` }, ['eval/count warning main.tf:8']],
  // Error: Invalid for_each argument: "data.aws_iam_policy_document.late will be read during apply
  // (config refers to values not yet known)", and its id with it.
  [
    'a for_each of the id of a data source whose arguments are known only at apply',
    { 'main.tf': `${S3}data "aws_iam_policy_document" "late" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["\${aws_s3_bucket.s.arn}/*"]\n  }\n}\nresource "terraform_data" "h" {\n  for_each = toset([data.aws_iam_policy_document.late.id])\n}\n` },
    ['eval/for-each error main.tf:11'],
  ],
  // Error: Invalid for_each argument in mod/main.tf (var.ids is list of string with 1 element); the
  // count of its length is accepted.
  [
    "a module's for_each of ids its caller gives",
    {
      'main.tf': `${A}module "m" {\n  source = "./mod"\n  ids    = [terraform_data.a.id]\n}\n`,
      'mod/main.tf': 'variable "ids" {\n  type = list(string)\n}\nresource "terraform_data" "x" {\n  count = length(var.ids)\n}\nresource "terraform_data" "y" {\n  for_each = toset(var.ids)\n}\n',
    },
    ['eval/for-each error mod/main.tf:8'],
  ],
  // Error: Invalid count argument on the call only: Terraform never expands the module, so what its
  // instance (assumed here) would refuse is said as before, info.
  [
    "a module call's count, and a count in the instance the scan assumes",
    {
      'main.tf': `${A}module "n" {\n  source = "./mod"\n  count  = length(terraform_data.a.output)\n  name   = terraform_data.a.output\n}\n`,
      'mod/main.tf': 'variable "name" {\n  type = string\n}\nresource "terraform_data" "z" {\n  count = length(var.name)\n}\n',
    },
    ['eval/count error main.tf:6', 'eval/unknown-count info mod/main.tf:5'],
  ],
  // Error: Invalid count argument in mod/main.tf line 5, for module.m (its call depends_on a managed
  // resource defers its data sources); module.q's read at plan is accepted.
  [
    'a data source in a module whose call has depends_on',
    {
      'main.tf': `${A}module "m" {\n  source     = "./mod"\n  depends_on = [terraform_data.a]\n}\nmodule "q" {\n  source = "./mod"\n}\n`,
      'mod/main.tf': 'data "aws_region" "r" {\n}\nresource "terraform_data" "w" {\n  count = length(data.aws_region.r.name)\n}\n',
    },
    ['eval/count warning mod/main.tf:4', 'eval/unknown-count info mod/main.tf:4'],
  ],
  // Error: Invalid count argument for data.aws_region.r, "read during apply (depends on a resource or
  // a module with changes pending)": module.m creates a terraform_data. module.d reads a data source
  // only: data.aws_region.r2 is read at plan, accepted.
  [
    'data sources that name a module in depends_on',
    {
      'main.tf': 'module "m" {\n  source = "./mod"\n}\nmodule "d" {\n  source = "./dmod"\n}\ndata "aws_region" "r" {\n  depends_on = [module.m]\n}\ndata "aws_region" "r2" {\n  depends_on = [module.d]\n}\nresource "terraform_data" "b" {\n  count = length(data.aws_region.r.name)\n}\nresource "terraform_data" "c" {\n  count = length(data.aws_region.r2.name)\n}\n',
      'mod/main.tf': 'resource "terraform_data" "x" {\n}\n',
      'dmod/main.tf': 'data "aws_region" "q" {\n}\n',
    },
    ['eval/count warning main.tf:14', 'eval/unknown-count info main.tf:17'],
  ],
  // Accepted: a module called with count = 0 is not expanded.
  [
    'a module called with count = 0',
    {
      'main.tf': `${A}module "z" {\n  source = "./mod"\n  count  = 0\n  name   = terraform_data.a.output\n}\n`,
      'mod/main.tf': 'variable "name" {\n  type = string\n}\nresource "terraform_data" "z" {\n  count = length(var.name)\n}\n',
    },
    [],
  ],
];

for (const [name, files, expected] of cases) {
  test(`apply-time count and for_each: ${name}`, () => {
    assert.deepEqual(repetitionDiagnostics(files).sort(), [...expected].sort());
  });
}

test('apply-time count: the message names the value and what Terraform says', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': `${A}resource "terraform_data" "b" {\n  count = length(terraform_data.a.output)\n}\n` });
  const d = diagnostics.find((x) => x.code === 'eval/count');
  assert.equal(d?.message, 'The count of terraform_data.b depends on a value known only at apply (terraform_data.a.output is computed by the provider), so Terraform refuses it: it cannot predict how many instances there will be ("Invalid count argument"). It is checked as one instance.');
  assert.equal(d?.span?.start.line, 5);
  assert.equal(d?.span?.start.column, 3);
});

// The classification by cause alone (what Terraform printed for each: see the cases above).
const managed = (type: string, attribute: string, nulled = false): UnknownCause => ({ kind: 'attribute', address: `${type}.x`, type, mode: 'managed', attribute, how: 'computed', ...(nulled ? { nulled: true as const } : {}) });
const data = (attribute: string, deferred?: DeferredRead): UnknownCause => ({ kind: 'attribute', address: 'data.aws_region.r', type: 'aws_region', mode: 'data', attribute, how: 'read', ...(deferred ? { deferred } : {}) });
const variable: UnknownCause = { kind: 'variable', module: '', name: 'v', why: 'required' };
const causes: [string, UnknownCause, boolean | undefined][] = [
  ['an id of a managed resource', managed('aws_s3_bucket', 'id'), true],
  ['an attribute the provider may know at plan', managed('aws_s3_bucket', 'force_destroy'), false],
  ["terraform_data's output", managed('terraform_data', 'output'), true],
  ['an id set to null in the configuration: the provider decides', managed('aws_s3_bucket', 'id', true), false],
  ['a variable not given to the scan', variable, undefined],
  ['a data source read at plan', data('id'), undefined],
  ['the id of a data source read at apply', data('id', { certain: true, because: 'depends on aws_s3_bucket.s' }), true],
  ['another attribute of a data source read at apply', data('name', { certain: true, because: 'depends on aws_s3_bucket.s' }), false],
  ['the id of a data source perhaps read at apply', data('id', { certain: false, because: 'has a configuration value' }), false],
  ['timestamp()', { kind: 'function', fn: 'timestamp', text: 'timestamp() is known only at apply time' }, true],
  ['plantimestamp()', { kind: 'function', fn: 'plantimestamp', text: 'plantimestamp() is known only at plan time' }, undefined],
  ['a digest of an id', { kind: 'one-way', fn: 'sha256', of: managed('aws_kms_key', 'arn'), told: 'wrapped' }, true],
  ['a variable beside an id in a template', { kind: 'parts', causes: [variable, managed('aws_kms_key', 'arn')] }, true],
  ['instances whose count is refused where it is written', { kind: 'instances', address: 'aws_subnet.s', type: 'aws_subnet' }, undefined],
];

for (const [name, cause, certain] of causes) {
  test(`applyTimePart: ${name}`, () => {
    assert.equal(applyTimePart(cause)?.certain, certain);
  });
}
