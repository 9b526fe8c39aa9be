import assert from 'node:assert/strict';
import { test } from 'node:test';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isUnknown } from '../model/value.js';
import { evaluateFiles } from './testing-helpers.js';
import { evaluateTerraform } from './index.js';

test('variable precedence: default < TF_VAR < terraform.tfvars < auto.tfvars < var-file < -var', () => {
  const main = ['a', 'b', 'c', 'd', 'e', 'f'].map((n) => `variable "${n}" {\n  default = "default"\n}\n`).join('') + 'variable "none" {}\n';
  const files = {
    'main.tf': main,
    'terraform.tfvars': 'b = "tfvars"\nc = "tfvars"\nd = "tfvars"\ne = "tfvars"\n',
    'b.auto.tfvars': 'c = "auto-b"\n',
    'a.auto.tfvars': 'c = "auto-a"\nd = "auto-a"\n',
    'prod.tfvars': 'd = "varfile"\ne = "varfile"\n',
  };
  const { model } = evaluateFiles(files, { env: { TF_VAR_a: 'env', TF_VAR_b: 'env' }, varFiles: ['prod.tfvars'], vars: { e: 'cli' } });
  const value = (n: string): unknown => model.variables.find((v) => v.name === n)?.value.value;
  assert.equal(value('a'), 'env');
  assert.equal(value('b'), 'tfvars');
  assert.equal(value('c'), 'auto-b');
  assert.equal(value('d'), 'varfile');
  assert.equal(value('e'), 'cli');
  assert.equal(value('f'), 'default');
  assert.ok(isUnknown(value('none')));
});

test('-var and -var-file apply in command-line order: a later file wins over an earlier -var (terraform plan 1.11)', () => {
  const files = {
    'main.tf': ['a', 'b', 'c'].map((n) => `variable "${n}" {\n  default = "default"\n}\n`).join(''),
    'one.tfvars': 'a = "one"\nb = "one"\n',
    'two.tfvars': 'a = "two"\n',
  };
  // terraform plan -var a=cli -var b=cli -var-file one.tfvars -var c=cli -var-file two.tfvars
  const { model } = evaluateFiles(files, { varFiles: ['one.tfvars', 'two.tfvars'], vars: { a: 'cli', b: 'cli', c: 'cli' }, varPositions: { a: 0, b: 0, c: 1 } });
  const value = (n: string): unknown => model.variables.find((v) => v.name === n)?.value.value;
  assert.equal(value('a'), 'two');
  assert.equal(value('b'), 'one');
  assert.equal(value('c'), 'cli');
  // Without positions every -var comes last, as before.
  const last = evaluateFiles(files, { varFiles: ['one.tfvars', 'two.tfvars'], vars: { a: 'cli' } }).model;
  assert.equal(last.variables.find((v) => v.name === 'a')?.value.value, 'cli');
});

test('a TF_VAR_ or -var value is an expression for type = any and literal text without a type (terraform plan 1.11)', () => {
  const { model } = evaluateFiles(
    { 'main.tf': 'variable "typed" {\n  type = any\n}\nvariable "untyped" {}\nvariable "text" {\n  type = string\n}\n' },
    { env: { TF_VAR_typed: '["x", 1]', TF_VAR_untyped: '["x", 1]', TF_VAR_text: '["x", 1]' } },
  );
  const value = (n: string): unknown => model.variables.find((v) => v.name === n)?.value.value;
  assert.deepEqual(value('typed'), ['x', 1]);
  assert.equal(value('untyped'), '["x", 1]');
  assert.equal(value('text'), '["x", 1]');
});

test('tfvars provenance: via points at the tfvars line', () => {
  const { model } = evaluateFiles({
    'main.tf': 'variable "versioning" {\n  type    = bool\n  default = true\n}\nresource "aws_s3_bucket" "b" {\n  bucket              = "x"\n  object_lock_enabled = var.versioning\n}\n',
    'terraform.tfvars': '# prod\nversioning = false\n',
  });
  const attr = model.ofType('aws_s3_bucket')[0]!.attributes.get('object_lock_enabled')!;
  assert.equal(attr.value, false);
  assert.equal(attr.span.file, 'main.tf');
  assert.equal(attr.span.start.line, 7);
  assert.equal(attr.via[0]!.file, 'terraform.tfvars');
  assert.equal(attr.via[0]!.start.line, 2);
});

test('count, for_each over maps and sets, addresses and keys', () => {
  const { model } = evaluateFiles({
    'main.tf': `variable "envs" {
  default = { prod = "p", dev = "d" }
}
resource "aws_kms_key" "k" {
  count       = 2
  description = "key-\${count.index}"
}
resource "aws_s3_bucket" "m" {
  for_each = var.envs
  bucket   = "\${each.key}-\${each.value}"
}
resource "aws_s3_bucket" "s" {
  for_each = toset(["a", "b"])
  bucket   = each.value
}
variable "unknown_count" {}
resource "aws_sqs_queue" "q" {
  count = var.unknown_count
  name  = "q"
}
`,
  });
  assert.deepEqual(model.ofType('aws_kms_key').map((r) => [r.address, r.attributes.get('description')?.value]), [['aws_kms_key.k[0]', 'key-0'], ['aws_kms_key.k[1]', 'key-1']]);
  assert.deepEqual(model.ofType('aws_s3_bucket').map((r) => [r.address, r.attributes.get('bucket')?.value]), [
    ['aws_s3_bucket.m["dev"]', 'dev-d'], ['aws_s3_bucket.m["prod"]', 'prod-p'], ['aws_s3_bucket.s["a"]', 'a'], ['aws_s3_bucket.s["b"]', 'b'],
  ]);
  assert.equal(model.ofType('aws_sqs_queue').length, 1, 'unknown count keeps one instance');
});

test('nested local modules: outputs feed other resources; module instance addresses', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': `module "app" {
  for_each = toset(["prod"])
  source   = "./modules/app"
  name     = "phi-\${each.key}"
}
resource "aws_s3_bucket_policy" "p" {
  bucket = module.app["prod"].bucket_name
  policy = "{}"
}
module "remote" {
  source  = "terraform-aws-modules/s3-bucket/aws"
  version = "4.0.0"
}
`,
    'modules/app/main.tf': `variable "name" {}
module "kms" {
  source = "../kms"
  alias  = var.name
}
resource "aws_s3_bucket" "b" {
  bucket = var.name
}
resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = aws_s3_bucket.b.bucket
  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = module.kms.key_alias
      sse_algorithm     = "aws:kms"
    }
  }
}
output "bucket_name" {
  value = aws_s3_bucket.b.bucket
}
`,
    'modules/kms/main.tf': `variable "alias" {}
resource "aws_kms_key" "k" {}
output "key_alias" {
  value = "alias/\${var.alias}"
}
`,
  });
  assert.deepEqual(model.repo.rootModules, ['']);
  assert.equal(model.ofType('aws_s3_bucket_policy')[0]!.attributes.get('bucket')!.value, 'phi-prod');
  assert.equal(model.ofType('aws_kms_key')[0]!.address, 'module.app["prod"].module.kms.aws_kms_key.k');
  const sse = model.ofType('aws_s3_bucket_server_side_encryption_configuration')[0]!;
  assert.equal(sse.blocks[0]!.blocks[0]!.attributes.get('kms_master_key_id')!.value, 'alias/phi-prod');
  assert.equal(model.related(model.ofType('aws_s3_bucket')[0]!, 'aws_s3_bucket_server_side_encryption_configuration').length, 1);
  const remote = model.moduleCalls.find((m) => m.address === 'module.remote')!;
  assert.equal(remote.evaluated, false);
  assert.equal(diagnostics.filter((d) => d.code === 'module/not-downloaded').length, 1);
});

test('a module repository scanned from its root: an example calling `../../` evaluates the root module', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'variable "name" {\n  default = "x"\n}\nresource "aws_s3_bucket" "b" {\n  bucket = var.name\n}\n',
    'examples/a/main.tf': 'module "m" {\n  source = "../../"\n  name   = "from-example"\n}\n',
    'examples/b/main.tf': 'module "m" {\n  source = "../.."\n  name   = "from-b"\n}\n',
  });
  assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('module/')), []);
  assert.deepEqual(model.repo.rootModules, ['examples/a', 'examples/b']);
  assert.deepEqual(
    model.ofType('aws_s3_bucket').map((b) => [b.address, b.attributes.get('bucket')!.value]),
    [
      ['module.m.aws_s3_bucket.b', 'from-example'],
      ['module.m.aws_s3_bucket.b', 'from-b'],
    ],
  );
});

test('module cycles and missing directories are diagnosed', () => {
  const { diagnostics } = evaluateFiles({
    'root/main.tf': 'module "a" {\n  source = "../a"\n}\nmodule "gone" {\n  source = "./nope"\n}\n',
    'a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
    'b/main.tf': 'module "a" {\n  source = "../a"\n}\n',
  });
  assert.ok(diagnostics.some((d) => d.code === 'module/cycle'));
  assert.ok(diagnostics.some((d) => d.code === 'module/missing'));
});

test('a Windows-style local module source (.\\modules\\db, ..\\shared) is a local module, as Terraform reads it on every platform', () => {
  // Terraform normalises the backslashes of a local source (addrs.parseModuleSourceLocal; `terraform init`
  // records "./modules/db"). Read as a remote source, the call was left unevaluated ("not downloaded",
  // info), module/db counted as a root of its own with var.encrypted unknown, and the scan passed.
  const { model, diagnostics } = evaluateFiles({
    'env/main.tf': 'module "db" {\n  source    = ".\\\\db"\n  encrypted = false\n}\nmodule "shared" {\n  source = "..\\\\modules\\\\shared"\n}\n',
    'env/db/main.tf': 'variable "encrypted" {\n  type = bool\n}\nresource "aws_db_instance" "db" {\n  storage_encrypted = var.encrypted\n}\n',
    'modules/shared/main.tf': 'resource "aws_s3_bucket" "b" {\n  bucket = "shared"\n}\n',
  });
  assert.deepEqual(diagnostics.map((d) => d.code), []);
  const db = model.ofType('aws_db_instance').map((r) => [r.address, r.attributes.get('storage_encrypted')?.value]);
  assert.deepEqual(db, [['module.db.aws_db_instance.db', false]]);
  assert.deepEqual(model.ofType('aws_s3_bucket').map((r) => r.address), ['module.shared.aws_s3_bucket.b']);
  assert.deepEqual(model.moduleCalls.map((m) => m.kind), ['local', 'local']);
});

test('dynamic blocks expand into nested blocks', () => {
  const { model } = evaluateFiles({
    'main.tf': `locals {
  rules = [{ port = 443 }, { port = 80 }]
}
resource "aws_security_group" "sg" {
  dynamic "ingress" {
    for_each = local.rules
    iterator = r
    content {
      from_port = r.value.port
      to_port   = r.value.port
    }
  }
}
`,
  });
  const sg = model.ofType('aws_security_group')[0]!;
  assert.deepEqual(sg.blocks.map((b) => [b.type, b.attributes.get('from_port')?.value]), [['ingress', 443], ['ingress', 80]]);
});

test('provider aliases and default_tags', () => {
  const { model } = evaluateFiles({
    'main.tf': `provider "aws" {
  region = "us-east-1"
  default_tags {
    tags = { Owner = "sec", Env = "default" }
  }
}
provider "aws" {
  alias  = "replica"
  region = "us-west-2"
}
resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags   = { Env = "prod" }
}
resource "aws_s3_bucket" "b" {
  provider = aws.replica
  bucket   = "b"
}
`,
  });
  const [a, b] = model.ofType('aws_s3_bucket');
  assert.equal(a!.provider.region?.value, 'us-east-1');
  assert.deepEqual(a!.effectiveTags?.value, { Env: 'prod', Owner: 'sec' });
  assert.equal(b!.provider.alias, 'replica');
  assert.equal(b!.provider.region?.value, 'us-west-2');
  assert.equal(b!.effectiveTags, undefined);
});

test('a resource tag set to null leaves the default tag in place, as the provider merges tags_all (terraform plan 1.11)', () => {
  const { model } = evaluateFiles({
    'main.tf': `provider "aws" {
  default_tags {
    tags = { data_classification = "phi", Owner = "sec" }
  }
}
resource "aws_s3_bucket" "a" {
  bucket = "a"
  tags   = { data_classification = null, Env = "prod" }
}
`,
  });
  assert.deepEqual(model.ofType('aws_s3_bucket')[0]!.effectiveTags?.value, { data_classification: 'phi', Env: 'prod', Owner: 'sec' });
});

test('ingress, egress and route written as list arguments are the same blocks (the provider\'s attributes-as-blocks mode)', () => {
  const { model } = evaluateFiles({
    'main.tf': `variable "rules" {
  default = [{ from_port = 443, to_port = 443, protocol = "tcp", cidr_blocks = ["10.0.0.0/8"], description = null }]
}
resource "aws_security_group" "sg" {
  ingress = var.rules
  egress  = []
}
resource "aws_route_table" "rt" {
  vpc_id = "vpc-1"
  route  = [{ cidr_block = "0.0.0.0/0", gateway_id = "igw-1" }]
}
`,
  });
  const sg = model.ofType('aws_security_group')[0]!;
  assert.deepEqual(sg.blocks.map((b) => [b.type, b.attributes.get('from_port')?.value, [...b.nullArguments!.keys()]]), [['ingress', 443, ['description']]]);
  assert.equal(sg.attributes.has('ingress') || sg.attributes.has('egress'), false);
  assert.equal(sg.blocks[0]!.attributes.get('from_port')?.via.length, 1, 'the value keeps where it came from');
  assert.deepEqual(model.ofType('aws_route_table')[0]!.blocks.map((b) => b.attributes.get('gateway_id')?.value), ['igw-1']);
});

test('aws_iam_policy_document renders the JSON AWS receives', () => {
  const { model } = evaluateFiles({
    'main.tf': `data "aws_iam_policy_document" "base" {
  statement {
    sid       = "Base"
    actions   = ["s3:ListBucket"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "p" {
  source_policy_documents = [data.aws_iam_policy_document.base.json]
  statement {
    sid     = "DenyInsecure"
    effect  = "Deny"
    actions = ["s3:*"]
    resources = ["arn:aws:s3:::b", "arn:aws:s3:::b/*"]
    principals {
      type        = "*"
      identifiers = ["*"]
    }
    condition {
      test     = "Bool"
      variable = "aws:SecureTransport"
      values   = ["false"]
    }
  }
}
resource "aws_s3_bucket_policy" "p" {
  bucket = "b"
  policy = data.aws_iam_policy_document.p.json
}
`,
  });
  const policy = model.ofType('aws_s3_bucket_policy')[0]!.attributes.get('policy')!.value as string;
  assert.deepEqual(JSON.parse(policy), {
    Version: '2012-10-17',
    Statement: [
      { Sid: 'Base', Effect: 'Allow', Action: 's3:ListBucket', Resource: '*' },
      { Sid: 'DenyInsecure', Effect: 'Deny', Action: 's3:*', Resource: ['arn:aws:s3:::b/*', 'arn:aws:s3:::b'], Principal: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } },
    ],
  });
  // The document's json is what the provider renders; the bucket policy, what it plans from it
  // (provider-json.ts: compact, keys sorted).
  const json = model.dataOfType('aws_iam_policy_document')[0]!.attributes.get('json')!.value as string;
  assert.ok(json.startsWith('{\n  "Version": "2012-10-17",\n  "Statement": ['));
  assert.ok(policy.startsWith('{"Statement":[{"Action":"s3:ListBucket","Effect":"Allow","Resource":"*","Sid":"Base"}'));
});

test('file() reads inside the scan root and refuses paths outside it', () => {
  const { model, diagnostics } = evaluateFiles({
    'main.tf': 'output "inside" {\n  value = file("${path.module}/policy.json")\n}\noutput "outside" {\n  value = file("../../etc/passwd")\n}\noutput "tpl" {\n  value = templatefile("t.tpl", { name = "x" })\n}\n',
    'policy.json': '{"a":1}',
    't.tpl': 'hello ${name}%{ if name == "x" }!%{ endif }',
  });
  const out = (n: string): unknown => model.outputs.find((o) => o.name === n)?.value.value;
  assert.equal(out('inside'), '{"a":1}');
  assert.ok(isUnknown(out('outside')));
  assert.ok(diagnostics.some((d) => d.code === 'eval/file-outside-root'));
  assert.equal(out('tpl'), 'hello x!');
});

test('fileexists(): true or false inside the scan root; unknown outside it, which the scan never looks at (false took a branch Terraform would not)', () => {
  const { model } = evaluateFiles({
    'main.tf': 'output "here" {\n  value = fileexists("${path.module}/policy.json")\n}\noutput "absent" {\n  value = fileexists("missing.json")\n}\noutput "outside" {\n  value = fileexists("/etc/passwd") ? "a" : "b"\n}\n',
    'policy.json': '{}',
  });
  const out = (n: string): unknown => model.outputs.find((o) => o.name === n)?.value.value;
  assert.equal(out('here'), true);
  assert.equal(out('absent'), false);
  assert.ok(isUnknown(out('outside')));
});

test('file() of a file not in the scan says so (a build step may make it), not that it is outside the root', () => {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': 'output "zip" {\n  value = filebase64sha256("build/package.zip")\n}\n' });
  assert.ok(isUnknown(model.outputs.find((o) => o.name === 'zip')?.value.value));
  const d = diagnostics.find((x) => x.code === 'eval/file');
  assert.match(d?.message ?? '', /no readable file "build\/package\.zip" in the scan \(it may be made by a build step/);
  assert.ok(!diagnostics.some((x) => x.code === 'eval/file-outside-root'));
});

test('literal-name linking of split S3 resources, and references through locals', () => {
  const { model } = evaluateFiles({
    'main.tf': `resource "aws_s3_bucket" "phi" {
  bucket = "phi-data"
}
resource "aws_s3_bucket" "other" {
  bucket = "other"
}
resource "aws_s3_bucket_versioning" "v" {
  bucket = "phi-data"
  versioning_configuration {
    status = "Enabled"
  }
}
locals {
  key = aws_kms_key.k.arn
}
resource "aws_kms_key" "k" {}
resource "aws_s3_bucket_server_side_encryption_configuration" "e" {
  bucket = aws_s3_bucket.other.id
  rule {
    apply_server_side_encryption_by_default {
      kms_master_key_id = local.key
      sse_algorithm     = "aws:kms"
    }
  }
}
`,
  });
  const phi = model.ofType('aws_s3_bucket').find((b) => b.name === 'phi')!;
  const other = model.ofType('aws_s3_bucket').find((b) => b.name === 'other')!;
  assert.deepEqual(model.related(phi, 'aws_s3_bucket_versioning').map((r) => r.address), ['aws_s3_bucket_versioning.v']);
  assert.deepEqual(model.related(other, 'aws_s3_bucket_versioning'), []);
  const sse = model.ofType('aws_s3_bucket_server_side_encryption_configuration')[0]!;
  assert.deepEqual([...sse.references].sort(), ['aws_kms_key.k', 'aws_s3_bucket.other']);
  assert.equal(model.related(other, 'aws_s3_bucket_server_side_encryption_configuration').length, 1);
  assert.ok(isUnknown(sse.blocks[0]!.blocks[0]!.attributes.get('kms_master_key_id')!.value));
});

test('sensitive variables mark values; comments attach to blocks; lock file providers', () => {
  const { model } = evaluateFiles({
    'main.tf': 'variable "pw" {\n  sensitive = true\n  default   = "s3cret"\n}\n# safeguard:ignore aws-rds-x reason\nresource "aws_db_instance" "db" {\n  password = var.pw # trailing\n}\n',
    '.terraform.lock.hcl': 'provider "registry.terraform.io/hashicorp/aws" {\n  version = "5.31.0"\n  hashes = []\n}\n',
  });
  const db = model.ofType('aws_db_instance')[0]!;
  assert.equal(db.attributes.get('password')!.sensitive, true);
  assert.ok(db.comments.some((c) => c.text.includes('safeguard:ignore')));
  assert.deepEqual(model.repo.lockedProviders.get(''), [{ source: 'registry.terraform.io/hashicorp/aws', version: '5.31.0' }]);
});

test('evaluation budget: huge range() gives a diagnostic, not a hang', () => {
  const { diagnostics } = evaluateFiles({ 'main.tf': 'locals {\n  big = range(100000000)\n}\noutput "o" {\n  value = length(local.big)\n}\n' });
  assert.ok(diagnostics.some((d) => d.code === 'eval/budget'));
});

function walk(dir: string, root: string, out: Map<string, string>): void {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, root, out);
    else if (/\.(tf|tfvars|json|tpl|hcl)$/.test(name) && statSync(full).size < 2_000_000) out.set(relative(root, full).split('\\').join('/'), readFileSync(full, 'utf8'));
  }
}

test('real-world corpus: every root module evaluates without exceptions', () => {
  const candidates = ['../shared/corpora/terraform', '/work/shared/corpora/terraform'];
  const corpus = candidates.find((c) => { try { return statSync(c).isDirectory(); } catch { return false; } });
  if (!corpus) return;
  const files = new Map<string, string>();
  walk(corpus, corpus, files);
  const started = performance.now();
  const { model, diagnostics } = evaluateTerraform({ files, readFile: (p) => files.get(p) });
  const ms = performance.now() - started;
  assert.ok(model.repo.rootModules.length > 20, `root modules: ${model.repo.rootModules.length}`);
  assert.ok(model.resources.length > 200, `resources: ${model.resources.length}`);
  assert.equal(diagnostics.filter((d) => d.code === 'eval/internal').length, 0, diagnostics.filter((d) => d.code === 'eval/internal').map((d) => d.message).join('\n'));
  console.log(`# corpus: ${files.size} files, ${model.repo.rootModules.length} roots, ${model.resources.length} resources, ${diagnostics.length} diagnostics, ${ms.toFixed(0)} ms`);
});

test('data "template_file" is rendered as templatefile() renders (old stacks build user data with it), unknown when its template is', () => {
  const files = {
    'main.tf':
      'variable "later" {}\ndata "template_file" "boot" {\n  template = "export API_TOKEN=$${token}\\nexport ENV=$${env}\\n"\n  vars = {\n    token = "q8Zr2LmN4vB6xC1tY7wE"\n    env   = "prod"\n  }\n}\ndata "template_file" "open" {\n  template = var.later\n}\n' +
      'output "boot" {\n  value = data.template_file.boot.rendered\n}\noutput "open" {\n  value = data.template_file.open.rendered\n}\n',
  };
  const { model } = evaluateFiles(files);
  assert.equal(model.outputs.find((o) => o.name === 'boot')?.value.value, 'export API_TOKEN=q8Zr2LmN4vB6xC1tY7wE\nexport ENV=prod\n');
  assert.ok(isUnknown(model.outputs.find((o) => o.name === 'open')?.value.value));
});

test("default_tags reach only the types the provider's schema gives a tags argument (a dashboard or an account region setting takes none)", () => {
  const { model } = evaluateFiles({
    'main.tf': 'provider "aws" {\n  default_tags {\n    tags = { data_classification = "internal", owner = "ops" }\n  }\n}\nresource "aws_cloudwatch_dashboard" "d" {\n  dashboard_name = "d"\n  dashboard_body = "{}"\n}\nresource "aws_account_region" "r" {\n  region_name = "ap-east-1"\n  enabled     = false\n}\nresource "aws_sns_topic" "t" {\n  name = "t"\n}\n',
  });
  assert.equal(model.ofType('aws_cloudwatch_dashboard')[0]!.effectiveTags, undefined);
  assert.equal(model.ofType('aws_account_region')[0]!.effectiveTags, undefined);
  assert.deepEqual(model.ofType('aws_sns_topic')[0]!.effectiveTags?.value, { data_classification: 'internal', owner: 'ops' });
});

test('provider ignore_tags leaves its keys and prefixes to systems outside Terraform: unknown in the managed tags, written or not, default and resource tags alike', () => {
  const { model } = evaluateFiles({
    'main.tf': 'provider "aws" {\n  default_tags {\n    tags = { Ign = "x", team = "data" }\n  }\n  ignore_tags {\n    keys         = ["Ign", "Own", "Other"]\n    key_prefixes = ["kubernetes.io/"]\n  }\n}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = { Own = "o", Keep = "k", "kubernetes.io/cluster/x" = "owned" }\n}\n',
  });
  const tags = model.ofType('aws_sqs_queue')[0]!.effectiveTags?.value as Record<string, unknown>;
  // The values written for ignored keys are never applied (terraform plan 1.11 leaves them out of tags_all).
  assert.deepEqual(Object.keys(tags).sort(), ['Ign', 'Keep', 'Other', 'Own', 'kubernetes.io/cluster/x', 'team']);
  assert.equal(tags['team'], 'data');
  assert.equal(tags['Keep'], 'k');
  for (const k of ['Ign', 'Own', 'Other', 'kubernetes.io/cluster/x']) assert.ok(isUnknown(tags[k]), k);
});

test('a source policy document keeps the conditions the provider keeps: a numeric value drops its key, a boolean becomes text (terraform plan, hashicorp/aws 5.100)', () => {
  const { model } = evaluateFiles({
    'main.tf':
      'data "aws_iam_policy_document" "p" {\n  source_policy_documents = [jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:ListBucket", Resource = "*", Condition = { NumericLessThan = { "s3:max-keys" = 10 }, Bool = { "aws:SecureTransport" = true }, StringEquals = { "aws:SourceAccount" = "111122223333" } } }] })]\n}\n',
  });
  const json = JSON.parse(model.dataOfType('aws_iam_policy_document')[0]!.attributes.get('json')!.value as string) as { Statement: { Condition: unknown }[] };
  assert.deepEqual(json.Statement[0]!.Condition, { Bool: { 'aws:SecureTransport': 'true' }, StringEquals: { 'aws:SourceAccount': '111122223333' } });
});

test('a policy document lists actions once each and keeps condition values as written (terraform plan, hashicorp/aws 5.100)', () => {
  const { model } = evaluateFiles({
    'main.tf':
      'data "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject", "s3:GetObject"]\n    resources = ["*"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:SourceVpce"\n      values   = ["vpce-b", "vpce-a", "vpce-b"]\n    }\n  }\n}\n',
  });
  const json = JSON.parse(model.dataOfType('aws_iam_policy_document')[0]!.attributes.get('json')!.value as string) as { Statement: { Action: unknown; Condition: unknown }[] };
  assert.equal(json.Statement[0]!.Action, 's3:GetObject');
  assert.deepEqual(json.Statement[0]!.Condition, { StringEquals: { 'aws:SourceVpce': ['vpce-b', 'vpce-a', 'vpce-b'] } });
});

test('policy documents: &{aws:username} is the policy variable ${aws:username}, and a source document\'s Id is adopted (terraform plan, hashicorp/aws 5.100)', () => {
  const { model } = evaluateFiles({
    'main.tf':
      'data "aws_iam_policy_document" "src" {\n  policy_id = "SrcId"\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["arn:aws:s3:::home/&{aws:username}/*"]\n  }\n}\ndata "aws_iam_policy_document" "p" {\n  source_policy_documents = [data.aws_iam_policy_document.src.json]\n}\noutput "src" {\n  value = data.aws_iam_policy_document.src.json\n}\noutput "p" {\n  value = data.aws_iam_policy_document.p.json\n}\n',
  });
  const json = (name: string): { Id?: string; Statement: { Resource: string }[] } => JSON.parse(model.outputs.find((o) => o.name === name)!.value.value as string);
  assert.equal(json('src').Statement[0]!.Resource, 'arn:aws:s3:::home/${aws:username}/*');
  assert.equal(json('p').Id, 'SrcId');
});

test('data "aws_default_tags" reads its provider\'s default_tags, so tags merged from it are known (terraform plan 1.11)', () => {
  const { model } = evaluateFiles({
    'main.tf': 'provider "aws" {\n  default_tags {\n    tags = { Env = "d" }\n  }\n}\ndata "aws_default_tags" "cur" {}\nresource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = merge(data.aws_default_tags.cur.tags, { Extra = "e" })\n}\n',
  });
  assert.deepEqual(model.ofType('aws_sqs_queue')[0]!.attributes.get('tags')?.value, { Env: 'd', Extra: 'e' });
});

test('count given as a string converts as Terraform converts it to a number ("2.0" and "1e0" are whole)', () => {
  const { model, diagnostics } = evaluateFiles({ 'main.tf': 'variable "n" {\n  default = "2.0"\n}\n\nresource "terraform_data" "a" {\n  count = var.n\n}\n\nresource "terraform_data" "b" {\n  count = "1e0"\n}\n' });
  assert.deepEqual(model.resources.map((r) => r.address), ['terraform_data.a[0]', 'terraform_data.a[1]', 'terraform_data.b[0]']);
  assert.deepEqual(diagnostics.filter((d) => d.code.startsWith('eval/')), []);
});

test('a module call with count = 0 or for_each = {} is an empty tuple or object, in the scan or not downloaded', () => {
  // terraform console 1.11.4 on the local calls: [], {}, 0, [], [], {}, {}; the values do not depend on
  // the module's text, so a call not downloaded gives the same (it was unknown).
  const calls = (source: string, prefix: string): string =>
    `module "${prefix}c0" {\n  source = "${source}"\n  count  = 0\n}\nmodule "${prefix}f0" {\n  source   = "${source}"\n  for_each = {}\n}\n`;
  const exprs: [string, unknown][] = [
    ['[for m in module.PREc0 : m.id]', []],
    ['{ for k, m in module.PREf0 : k => m.id }', {}],
    ['length(module.PREc0)', 0],
    ['module.PREc0[*].id', []],
    ['[for i, m in module.PREc0 : i]', []],
    ['module.PREf0', {}],
    ['{ for k, m in module.PREc0 : k => m.id }', {}],
  ];
  for (const [source, prefix] of [['./child', 'l'], ['terraform-aws-modules/s3-bucket/aws', 'r']] as const) {
    const outputs = exprs.map(([e], i) => `output "o${i}" {\n  value = ${e.replace('PRE', prefix)}\n}\n`).join('');
    const { model } = evaluateFiles({ 'main.tf': calls(source, prefix) + outputs, 'child/main.tf': 'output "id" {\n  value = "x"\n}\n' });
    exprs.forEach(([e, want], i) => assert.deepEqual(model.outputs.find((o) => o.name === `o${i}` && o.module === '')?.value.value, want, `${source}: ${e}`));
  }
});
