// A data source Terraform reads only at apply (it names a managed resource with changes, or depends
// on one) has its computed attributes unknown at plan, even the ones this scan renders itself (a
// policy document's JSON, a template_file's text): the text is kept for rules as a template's is.
// Each case says what terraform plan -refresh=false 1.11.4 printed (AWS provider 5.100, no state).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isUnknown, knownText } from '../model/value.js';
import { evaluateFiles, valueOf } from './testing-helpers.js';

const S3 = 'resource "aws_s3_bucket" "b" {\n  bucket = "bkt-x"\n}\n';
const doc = (name: string, resources: string, extra = ''): string =>
  `data "aws_iam_policy_document" "${name}" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = [${resources}]\n  }\n${extra}}\n`;
const files = S3 + doc('known', '"arn:aws:s3:::x/*"') + doc('byarn', '"${aws_s3_bucket.b.arn}/*"') + doc('byname', '"arn:aws:s3:::${aws_s3_bucket.b.bucket}/*"') +
  doc('dep', '"arn:aws:s3:::x/*"', '  depends_on = [aws_s3_bucket.b]\n');

test('a policy document read at apply has an unknown json, its text kept (terraform plan 1.11.4: "(known after apply)")', () => {
  // Read at plan: known.
  assert.equal(typeof valueOf('data.aws_iam_policy_document.known.json', files), 'string');
  // Each was the rendered text: a known string, and `!= null` true.
  for (const name of ['byarn', 'byname', 'dep']) {
    const json = valueOf(`data.aws_iam_policy_document.${name}.json`, files);
    assert.ok(isUnknown(json), `${name}: ${JSON.stringify(json)}`);
    assert.match(knownText(json) ?? '', /"Action": "s3:GetObject"/, name);
    assert.ok(isUnknown(valueOf(`data.aws_iam_policy_document.${name}.json != null`, files)), name);
    assert.ok(isUnknown(valueOf(`data.aws_iam_policy_document.${name}.minified_json`, files)), name);
    assert.ok(isUnknown(valueOf(`[for d in [data.aws_iam_policy_document.${name}] : d.json][0]`, files)), name);
  }
  assert.equal(knownText(valueOf('data.aws_iam_policy_document.byname.json', files))?.includes('arn:aws:s3:::bkt-x/*'), true);
});

test('a document merging documents read at apply is read at apply too, with their statements (compact() keeps them for rules)', () => {
  const merged = `${files}data "aws_iam_policy_document" "all" {\n  source_policy_documents = compact([data.aws_iam_policy_document.byarn.json, "", data.aws_iam_policy_document.known.json])\n}\n`;
  const json = valueOf('data.aws_iam_policy_document.all.json', merged);
  assert.ok(isUnknown(json), JSON.stringify(json));
  const text = knownText(json) ?? '';
  assert.match(text, /arn:\$\{unknown\}\/\*/);
  assert.match(text, /arn:aws:s3:::x\/\*/);
  // compact() itself is unknown, as Terraform plans it (an unknown element may be "").
  assert.ok(isUnknown(valueOf('compact([data.aws_iam_policy_document.byarn.json, ""])', files)));
  assert.ok(isUnknown(valueOf('length(compact([data.aws_iam_policy_document.byarn.json, ""]))', files)));
});

test('a template_file read at apply renders unknown, its text kept', () => {
  const tf = (extra: string): string => `${S3}data "template_file" "t" {\n  template = "bucket $\${name}"\n  vars = {\n    name = ${extra}\n  }\n}\n`;
  assert.equal(valueOf('data.template_file.t.rendered', tf('"plain"')), 'bucket plain');
  // Names a managed resource with changes: read at apply, as Terraform reads any data source so (the
  // rule is Terraform's, not the provider's: checked above on aws_iam_policy_document). It was "bucket bkt-x".
  const late = valueOf('data.template_file.t.rendered', tf('aws_s3_bucket.b.bucket'));
  assert.ok(isUnknown(late), JSON.stringify(late));
  assert.equal(knownText(late), 'bucket bkt-x');
});

test('a depends_on on any enclosing module call defers a data source in a nested module (terraform plan 1.11.4)', () => {
  const call = (name: string, extra: string): string => `module "${name}" {\n  source = "./a"\n${extra}}\noutput "${name}" {\n  value = module.${name}.json\n}\n`;
  const { model } = evaluateFiles({
    'main.tf': `${S3}${call('bybucket', '  depends_on = [aws_s3_bucket.b]\n')}${call('bymodule', '  depends_on = [module.c]\n')}${call('plain', '')}module "c" {\n  source = "./c"\n}\n`,
    'a/main.tf': 'module "b" {\n  source = "./b"\n}\noutput "json" {\n  value = module.b.json\n}\n',
    'a/b/main.tf': `${doc('d', '"arn:aws:s3:::x/*"')}output "json" {\n  value = data.aws_iam_policy_document.d.json\n}\n`,
    'c/main.tf': 'resource "terraform_data" "t" {\n  input = 1\n}\n',
  });
  const out = (name: string) => model.outputs.find((o) => o.name === name && o.module === '')?.value.value;
  // Each was the rendered text: only the call one up (module.b's) was read for a depends_on.
  assert.ok(isUnknown(out('bybucket')), JSON.stringify(out('bybucket')));
  assert.ok(isUnknown(out('bymodule')), JSON.stringify(out('bymodule')));
  assert.equal(typeof out('plain'), 'string');
});
