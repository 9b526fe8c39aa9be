// Terraform's JSON syntax (.tf.json, .tfvars.json): blocks as nested objects, strings as templates,
// "//" comment properties ignored, spans on values. Fixture: test/fixtures/graph/json/.
import assert from 'node:assert/strict';
import { readFileSync, statSync } from 'node:fs';
import { test } from 'node:test';
import { evaluateFiles } from './testing-helpers.js';

function fixture(name: string): string | undefined {
  for (const base of ['test/fixtures/graph/json', '../test/fixtures/graph/json', '/work/main/test/fixtures/graph/json']) {
    try {
      if (statSync(`${base}/${name}`).isFile()) return readFileSync(`${base}/${name}`, 'utf8');
    } catch {
      // try the next base
    }
  }
  return undefined;
}

const main = fixture('main.tf.json');
const tfvars = fixture('terraform.tfvars.json');
const parserReady = ((): boolean => {
  if (main === undefined) return false;
  const { diagnostics } = evaluateFiles({ 'main.tf.json': '{}' });
  return !diagnostics.some((d) => d.code === 'parse/crashed' || d.code === 'parse/unavailable');
})();
const skip = parserReady ? false : 'parseHclJson is not available yet';

test('.tf.json: resources, nested blocks, templates and provider references', { skip }, () => {
  const { model, diagnostics } = evaluateFiles({ 'main.tf.json': main! });
  assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`), []);
  const [b, r] = model.ofType('aws_s3_bucket');
  assert.equal(b!.attributes.get('bucket')!.value, 'phi-prod');
  assert.deepEqual(b!.attributes.get('tags')!.value, { Env: 'prod', data: 'phi' }, 'tags stay a map argument');
  assert.deepEqual(b!.effectiveTags?.value, { Env: 'prod', Owner: 'sec', data: 'phi' });
  assert.equal(b!.blocks.length, 0, '"//" is a comment, not a block or argument');
  assert.equal(b!.attributes.has('//'), false);
  assert.equal(r!.provider.alias, 'replica');
  assert.equal(r!.provider.region?.value, 'us-west-2');
  const sse = model.ofType('aws_s3_bucket_server_side_encryption_configuration')[0]!;
  const rule = sse.blocks[0]!;
  assert.equal(rule.type, 'rule');
  assert.equal(rule.attributes.get('bucket_key_enabled')!.value, true);
  const byDefault = rule.blocks[0]!;
  assert.equal(byDefault.type, 'apply_server_side_encryption_by_default');
  assert.equal(byDefault.attributes.get('sse_algorithm')!.value, 'aws:kms');
  assert.deepEqual([...sse.references].sort(), ['aws_kms_key.k', 'aws_s3_bucket.b']);
  assert.equal(model.related(b!, 'aws_s3_bucket_server_side_encryption_configuration').length, 1);
  const sg = model.ofType('aws_security_group')[0]!;
  assert.deepEqual(sg.blocks.map((x) => [x.type, x.attributes.get('from_port')?.value]), [['ingress', 443], ['ingress', 80]]);
  assert.deepEqual(model.outputs.find((o) => o.name === 'retention')?.value.value, [30, 90], 'type "list(number)" converts "90"');
});

test('.tf.json: spans point into the JSON text', { skip }, () => {
  const { model } = evaluateFiles({ 'main.tf.json': main! });
  const b = model.ofType('aws_s3_bucket')[0]!;
  const bucket = b.attributes.get('bucket')!;
  const line = main!.split('\n').findIndex((l) => l.includes('"bucket": "${local.name}"')) + 1;
  assert.equal(bucket.span.file, 'main.tf.json');
  assert.equal(bucket.span.start.line, line);
  assert.equal(main!.slice(bucket.span.start.offset, bucket.span.end.offset), '"bucket": "${local.name}"');
  assert.ok(bucket.via.some((s) => s.file === 'main.tf.json' && main!.slice(s.start.offset, s.end.offset).startsWith('"name"')), 'via the local');
});

test('.tfvars.json: values override defaults, with spans on the value', { skip }, () => {
  const { model } = evaluateFiles({ 'main.tf.json': main!, 'terraform.tfvars.json': tfvars! });
  const bucket = model.ofType('aws_s3_bucket')[0]!.attributes.get('bucket')!;
  assert.equal(bucket.value, 'phi-staging');
  const from = bucket.via.find((s) => s.file === 'terraform.tfvars.json')!;
  assert.equal(tfvars!.slice(from.start.offset, from.end.offset), '"env": "staging"');
  const retention = model.variables.find((v) => v.name === 'retention')!;
  assert.deepEqual(retention.value.value, [7, 14]);
  assert.equal(retention.value.span.file, 'terraform.tfvars.json');
  assert.equal(tfvars!.slice(retention.value.span.start.offset, retention.value.span.end.offset), '"retention": [\n    7,\n    14\n  ]');
  assert.equal(model.variables.some((v) => v.name === '//'), false);
});

test('.tf.json next to .tf: one module, references across syntaxes', { skip }, () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'resource "aws_kms_key" "k" {}\n',
    'bucket.tf.json': '{"resource": {"aws_s3_bucket": {"b": {"bucket": "b", "versioning": {"enabled": true}, "server_side_encryption_configuration": {"rule": {"apply_server_side_encryption_by_default": {"kms_master_key_id": "${aws_kms_key.k.arn}", "sse_algorithm": "aws:kms"}}}}}}}',
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info'), []);
  const b = model.ofType('aws_s3_bucket')[0]!;
  assert.deepEqual(b.blocks.map((x) => x.type), ['versioning', 'server_side_encryption_configuration']);
  assert.equal(b.blocks[0]!.attributes.get('enabled')!.value, true);
  assert.equal(b.blocks[1]!.blocks[0]!.blocks[0]!.attributes.get('sse_algorithm')!.value, 'aws:kms');
  assert.deepEqual(b.references, ['aws_kms_key.k']);
});

test('.tf.json: an object given to terraform_data input is an argument, not a nested block (checked against terraform plan 1.11)', () => {
  const { model } = evaluateFiles({ 'main.tf.json': '{"resource": {"terraform_data": {"svc": {"input": {"env": "stg", "name": "stg-svc"}}}}}' });
  const svc = model.resources.find((r) => r.address === 'terraform_data.svc');
  assert.deepEqual(svc?.attributes.get('input')?.value, { env: 'stg', name: 'stg-svc' });
  assert.deepEqual(svc?.blocks, []);
});

test('a ${ left open in a variable default or description, or an output description, is no error: Terraform reads them as their JSON text', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf.json': '{"variable": {"v": {"default": "cost: ${", "description": "%{for x"}}, "output": {"o": {"value": "${var.v}", "description": "a ${ b"}}}',
  });
  assert.deepEqual(diagnostics, []);
  assert.equal(model.outputs.find((o) => o.name === 'o')!.value.value, 'cost: ${');
  // Where Terraform does read a template, a broken one is still an error.
  const broken = evaluateFiles({ 'main.tf.json': '{"variable": {"v": {"default": "x"}}, "output": {"o": {"value": "${var.v"}}}' });
  assert.ok(broken.diagnostics.some((d) => d.code === 'parse/hcl' && d.severity === 'error'), JSON.stringify(broken.diagnostics));
});

test('.tf.json: provider, count, for_each and depends_on are meta-arguments only in the resource body; inside a nested block they are blocks or arguments as any other name', () => {
  // aws_eks_cluster's encryption_config holds a nested block called `provider` (key_arn): read as the
  // resource's provider meta-argument, the key was lost and the cluster judged as not encrypting Secrets.
  const { model, diagnostics } = evaluateFiles({
    'main.tf.json': '{"resource": {"aws_eks_cluster": {"c": {"name": "c", "role_arn": "r", "vpc_config": {"subnet_ids": ["s"]}, "encryption_config": {"resources": ["secrets"], "provider": {"key_arn": "arn:aws:kms:us-east-1:123456789012:key/k"}}}}}}',
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error'), []);
  const encryption = model.ofType('aws_eks_cluster')[0]!.blocks.find((b) => b.type === 'encryption_config')!;
  assert.deepEqual(encryption.blocks.map((b) => [b.type, b.attributes.get('key_arn')?.value]), [['provider', 'arn:aws:kms:us-east-1:123456789012:key/k']]);
  assert.equal(encryption.attributes.has('provider'), false);
});

test('.tf.json: aws_ssm_document permissions is a map argument (the provider schema), not a nested block', () => {
  // Read as a block, the permissions were not there for the rule: a document shared with "All" passed as not shared.
  const { model } = evaluateFiles({ 'main.tf.json': '{"resource": {"aws_ssm_document": {"d": {"name": "d", "document_type": "Command", "content": "{}", "permissions": {"type": "Share", "account_ids": "All"}}}}}' });
  const doc = model.ofType('aws_ssm_document')[0]!;
  assert.deepEqual(doc.attributes.get('permissions')?.value, { type: 'Share', account_ids: 'All' });
  assert.deepEqual(doc.blocks, []);
});

test('.tf.json: provider_meta in the terraform block is a block, as in native syntax (terraform validate 1.11 accepts it), not an unexpected argument', () => {
  // Every terraform-aws-modules versions.tf sets one; written as JSON it was refused with an error that failed the scan.
  const { diagnostics } = evaluateFiles({ 'main.tf.json': '{"terraform": {"required_version": ">= 1.5", "provider_meta": {"aws": {"user_agent": ["github.com/terraform-aws-modules/terraform-aws-kms"]}}}}' });
  assert.deepEqual(diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.code} ${d.message}`), []);
});

test('.tf.json: data sources whose object arguments take any keys keep them as arguments (terraform_remote_state config, external query)', () => {
  const { model } = evaluateFiles({
    'main.tf.json': '{"data": {"terraform_remote_state": {"net": {"backend": "s3", "config": {"bucket": "state", "key": "net", "region": "us-east-1"}}}, "external": {"x": {"program": ["true"], "query": {"hash_internal": "h"}}}}}',
  });
  const remote = model.dataOfType('terraform_remote_state')[0]!;
  assert.deepEqual(remote.attributes.get('config')?.value, { bucket: 'state', key: 'net', region: 'us-east-1' });
  const external = model.dataOfType('external')[0]!;
  assert.deepEqual(external.attributes.get('query')?.value, { hash_internal: 'h' });
  assert.deepEqual([...remote.blocks, ...external.blocks], []);
});

test('.tf.json: a dynamic block\'s for_each written as a JSON object is its collection, at the resource level and inside a nested block, with its iterator', () => {
  // A nested block's body no longer treats for_each as a meta-argument, so the dynamic block names its own arguments.
  const { model, diagnostics } = evaluateFiles({
    'main.tf.json': JSON.stringify({
      resource: {
        aws_security_group: {
          s: {
            dynamic: { ingress: { for_each: { a: 22, b: 443 }, iterator: 'rule', content: { from_port: '${rule.value}', to_port: '${rule.value}', protocol: 'tcp' } } },
          },
        },
        aws_s3_bucket_lifecycle_configuration: {
          l: {
            bucket: 'b',
            rule: { id: 'r', status: 'Enabled', dynamic: { transition: { for_each: { x: 30 }, iterator: 't', content: { days: '${t.value}', storage_class: 'GLACIER' } } } },
          },
        },
      },
    }),
  });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
  const sg = model.ofType('aws_security_group')[0]!;
  assert.deepEqual(sg.blocks.map((b) => [b.type, b.attributes.get('from_port')?.value]), [['ingress', 22], ['ingress', 443]]);
  const rule = model.ofType('aws_s3_bucket_lifecycle_configuration')[0]!.blocks.find((b) => b.type === 'rule')!;
  assert.deepEqual(rule.blocks.map((b) => [b.type, b.attributes.get('days')?.value]), [['transition', 30]]);
});

test('.tf.json: OpenTofu\'s encryption block in terraform is accepted as in native syntax', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf.json': '{"terraform": {"encryption": {}}}' });
  assert.deepEqual(diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), []);
});
