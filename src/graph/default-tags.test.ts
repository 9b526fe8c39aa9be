import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown } from '../model/value.js';
import { evaluateFiles } from './testing-helpers.js';

const provider = (inside: string, alias?: string): string => `provider "aws" {
${alias ? `  alias = "${alias}"\n` : ''}  region = "us-east-1"
${inside}}
`;

/** The root output `o` as the model shows it ('unknown' for an unknown). */
function outputOf(files: Record<string, string>): unknown {
  const { model } = evaluateFiles(files);
  const value = model.outputs.find((o) => o.module === '' && o.name === 'o')?.value.value;
  return isUnknown(value) ? 'unknown' : value;
}

// Each planned with terraform plan -refresh=false (1.11.4, hashicorp/aws 5.100); the output's value
// is what the plan showed for it.
const TAGS_ALL: [string, string, string, unknown][] = [
  ['default_tags under the resource tags', provider('  default_tags {\n    tags = { Env = "prod", Owner = "sec" }\n  }\n'), 'tags = { Env = "override", Name = "b" }', { Env: 'override', Name: 'b', Owner: 'sec' }],
  ['nulls on either side left out', provider('  default_tags {\n    tags = { A = "1", B = null }\n  }\n'), 'tags = { B = "2", C = null }', { A: '1', B: '2' }],
  ['numbers and bools as their text', provider('  default_tags {\n    tags = { Num = 5, Bool = true }\n  }\n'), 'tags = { Z = 1.5 }', { Bool: 'true', Num: '5', Z: '1.5' }],
  ['the keys ignore_tags names dropped', provider('  default_tags {\n    tags = { A = "1" }\n  }\n  ignore_tags {\n    keys = ["Ign"]\n  }\n'), 'tags = { Ign = "x", Keep = "y" }', { A: '1', Keep: 'y' }],
  ['resource tags alone', provider(''), 'tags = { X = "x" }', { X: 'x' }],
  // "(known after apply)": no tags at all, and the provider's empty-value handling.
  ['unknown when there are no tags at all', provider('  default_tags {\n    tags = {}\n  }\n'), 'tags = { X = null }', 'unknown'],
  ['unknown with a resource tag ""', provider('  default_tags {\n    tags = { A = "1" }\n  }\n'), 'tags = { X = "" }', 'unknown'],
  ['unknown with a default tag ""', provider('  default_tags {\n    tags = { A = "1", C = "" }\n  }\n'), '', 'unknown'],
  ['unknown with an unknown tag', provider('  default_tags {\n    tags = { A = "1" }\n  }\n'), 'tags = { X = terraform_data.u.id }', 'unknown'],
];

for (const [name, providerText, tags, expected] of TAGS_ALL) {
  test(`an AWS resource's tags_all read at plan: ${name}`, () => {
    const main = `${providerText}resource "terraform_data" "u" {}
resource "aws_s3_bucket" "b" {
  bucket = "b"
  ${tags}
}
output "o" { value = aws_s3_bucket.b.tags_all }
`;
    assert.deepEqual(outputOf({ 'main.tf': main }), expected);
  });
}

test('tags_all through the whole instance object, with an aliased provider and from a module that inherits it', () => {
  const main = `${provider('  default_tags {\n    tags = { Env = "default" }\n  }\n')}${provider('  default_tags {\n    tags = { Env = "alias" }\n  }\n', 'b')}
resource "aws_s3_bucket" "b" {
  for_each = toset(["x"])
  provider = aws.b
  bucket   = each.key
  tags     = { Name = each.key }
}
module "c" {
  source = "./c"
}
output "o" { value = { all = { for k, b in aws_s3_bucket.b : k => b.tags_all }, child = module.c.t } }
`;
  const child = 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\noutput "t" { value = aws_sqs_queue.q.tags_all }\n';
  assert.deepEqual(outputOf({ 'main.tf': main, 'c/main.tf': child }), { all: { x: { Env: 'alias', Name: 'x' } }, child: { Env: 'default' } });
});

// terraform plan 1.11.4 (hashicorp/aws 5.100) planned these tags_all with every value a string.
const EFFECTIVE: [string, string, string, unknown][] = [
  ['resource tags alone', provider(''), 'tags = { Z = 1, On = true, S = "s" }', { On: 'true', S: 's', Z: '1' }],
  ['default tags alone', provider('  default_tags {\n    tags = { Num = 5, Bool = false }\n  }\n'), '', { Bool: 'false', Num: '5' }],
  ['merged', provider('  default_tags {\n    tags = { Num = 5 }\n  }\n'), 'tags = { Z = 0.5 }', { Num: '5', Z: '0.5' }],
];

for (const [name, providerText, tags, expected] of EFFECTIVE) {
  test(`a resource's effective tags hold text, as the provider's map(string) does: ${name}`, () => {
    const { model } = evaluateFiles({ 'main.tf': `${providerText}resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  ${tags}\n}\n` });
    assert.deepEqual(model.ofType('aws_s3_bucket')[0]!.effectiveTags?.value, expected);
  });
}

// A resource's tags as terraform plan 1.11.4 (hashicorp/aws 5.100) planned them: plan.json's "after"
// for the argument, and what `aws_s3_bucket.b.tags` gave an output. The model keeps an empty map as
// written (a custom policy's is_empty means the map written there), which the plan shows null.
const PLANNED_TAGS: [what: string, written: string, planned: unknown, model: unknown][] = [
  ['an empty map: null (the model keeps {})', 'tags = {}', null, {}],
  ['a null key alone: null (the model keeps {})', 'tags = { Env = null }', null, {}],
  ['a key set to null left out', 'tags = { Env = null, Name = "n" }', { Name: 'n' }, { Name: 'n' }],
  ['a number as its text', 'tags = { Z = 1 }', { Z: '1' }, { Z: '1' }],
  ['left out: null', '', null, null],
  ['set to null: null', 'tags = null', null, null],
  ['tags as written otherwise', 'tags = { Name = "n" }', { Name: 'n' }, { Name: 'n' }],
];
for (const [what, written, planned, inModel] of PLANNED_TAGS) {
  test(`an AWS resource's tags as the provider plans them: ${what}`, () => {
    const { model } = evaluateFiles({ 'main.tf': `resource "aws_s3_bucket" "b" {\n  bucket = "b"\n  ${written}\n}\noutput "t" {\n  value = aws_s3_bucket.b.tags\n}\n` });
    assert.deepEqual(model.outputs.find((o) => o.name === 't')?.value.value, planned);
    const bucket = model.resources.find((r) => r.type === 'aws_s3_bucket');
    assert.deepEqual(bucket?.attributes.get('tags')?.value ?? null, inModel);
  });
}
