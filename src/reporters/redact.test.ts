import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isSecretName, redactedSources, redactSecrets, reportedLiterals, sensitiveAssignmentsMasked, sensitiveVariableNames } from './redact.js';
import type { Needle } from '../discovery/file-index.js';

test('masks secret attribute strings and keeps length and line breaks', () => {
  const text = 'resource "aws_db_instance" "db" {\n  password = "hunter2"\n  engine   = "postgres"\n}\n';
  const out = redactSecrets(text);
  assert.equal(out.length, text.length);
  assert.ok(!out.includes('hunter2'));
  assert.ok(out.includes('"postgres"'));
  assert.ok(out.includes('password = "*******"'));
});

test('covers many secret names, JSON and YAML', () => {
  const cases = [
    'master_password = "a-secret"',
    'api_token="a-secret"',
    'private_key = "a-secret"',
    'secret_access_key = "a-secret"',
    'connection_string = "a-secret"',
    '"db_password": "a-secret"',
    'client_secret: a-secret # trailing',
    "auth_token: 'a-secret'",
  ];
  for (const line of cases) assert.ok(!redactSecrets(line).includes('a-secret'), line);
  assert.equal(redactSecrets('client_secret: a-secret # trailing'), 'client_secret: ******** # trailing');
});

test('masks heredoc bodies of secret attributes', () => {
  const text = 'private_key = <<EOT\n-----BEGIN KEY-----\nabc\nEOT\nname = "x"\n';
  const out = redactSecrets(text);
  assert.ok(!out.includes('BEGIN KEY') && !out.includes('abc'));
  assert.ok(out.includes('EOT\nname = "x"'));
  assert.equal(out.length, text.length);
});

test('masks defaults of secret-looking variables', () => {
  const text = 'variable "db_password" {\n  type    = string\n  default = "hunter2"\n}\nvariable "region" {\n  default = "us-east-1"\n}\n';
  const out = redactSecrets(text);
  assert.ok(!out.includes('hunter2'));
  assert.ok(out.includes('"us-east-1"'));
});

test('leaves ordinary attributes and escaped quotes intact', () => {
  assert.equal(redactSecrets('bucket = "phi-records"'), 'bucket = "phi-records"');
  assert.equal(redactSecrets('password = "a\\"b"'), 'password = "****"');
  assert.ok(isSecretName('kms_master_user_password'));
  assert.ok(!isSecretName('bucket'));
});

test('redactedSources: the reports of one scan share one redacted view; a changed text is redacted again', () => {
  const planted = ['hunter2', 'hunter2'].join('-'); // built at run time: no scanner takes the source for a leak
  const files = new Map([['main.tf', `password = "${planted}"\n`]]);
  const sources = (file: string): string | undefined => files.get(file);
  const first = redactedSources(sources);
  assert.equal(redactedSources(sources), first, 'one view per sources function');
  const before = first('main.tf');
  assert.ok(before !== undefined && !before.includes(planted));
  assert.equal(first('main.tf'), before);
  files.set('main.tf', 'name = "logs"\n');
  assert.equal(first('main.tf'), 'name = "logs"\n');
  assert.equal(first('missing.tf'), undefined);
  assert.notEqual(redactedSources((file) => files.get(file)), first, 'another function, another view');
});

test('masks shell and dotenv assignments of secret names, as in a user_data heredoc', () => {
  // The documented AWS example key: no detector masks it by its form, so only its name can.
  const text = 'user_data = <<EOF\nexport AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\nAPI_TOKEN=abc123def; echo ok\nREGION=us-east-1\nEOF\n';
  const out = redactSecrets(text);
  assert.equal(out.length, text.length);
  assert.ok(!out.includes('wJalr') && !out.includes('abc123def'), out);
  assert.ok(out.includes('; echo ok') && out.includes('REGION=us-east-1'), out);
});

test('keeps an unquoted HCL expression after a secret name: it shows no secret', () => {
  for (const line of ['secret_id = aws_secretsmanager_secret.db.id\n', 'kms_key_id=aws_kms_key.k.arn\n', 'auth_mode=lookup(var.m, "k")\n', 'client_secret = { a = 1 }\n', 'api_key = null\n']) assert.equal(redactSecrets(line), line);
});

test('a variable block that says sensitive = true has its strings masked whatever its name, and so do the values set for it elsewhere', () => {
  const tf = 'variable "conn" {\n  type      = string\n  sensitive = true\n  default   = "CANARYneut02aa"\n}\nvariable "region" {\n  default = "us-east-1"\n}\n';
  const redacted = redactSecrets(tf);
  assert.equal(redacted.length, tf.length);
  assert.ok(!redacted.includes('CANARYneut02aa') && redacted.includes('"us-east-1"'), redacted);
  const tfvars = 'conn   = "CANARYtfv03pw"\nregion = "eu-west-1"\nadmin  = { prod = "CANARYmap1" } # sensitive map\n';
  const sources = sensitiveAssignmentsMasked([
    { path: 'main.tf', text: `${tf}variable "admin" {\n  sensitive = true\n}\n` },
    { path: 'prod.tfvars', text: tfvars },
    { path: 'call.tf', text: 'module "m" {\n  source = "./m"\n  conn   = "CANARYarg4"\n  name   = "plain"\n}\n' },
  ]);
  const shown = sources('prod.tfvars')!;
  assert.equal(shown.length, tfvars.length);
  assert.ok(!shown.includes('CANARY') && shown.includes('"eu-west-1"') && shown.includes('# sensitive map'), shown);
  assert.ok(!sources('call.tf')!.includes('CANARYarg4') && sources('call.tf')!.includes('"plain"'));
  assert.deepEqual([...sensitiveVariableNames([tf])], ['conn']);
});

test('a secret wrapped in a function call, parentheses or a template with quotes inside is masked (a hunt for leaks found each printed)', () => {
  const tf = [
    'password = trimspace("CANARYfn1")',
    'secret_string = jsonencode({ dbpw = "CANARYfn2" })',
    'password = "${lower("CANARYfn3")}CANARYfn4"',
    'api_keys = ["CANARYfn5", "CANARYfn6"]',
    'name = trimspace("visible")',
    '',
  ].join('\n');
  const out = redactSecrets(tf);
  assert.equal(out.length, tf.length);
  assert.ok(!/CANARY/.test(out), out);
  assert.ok(out.includes('name = trimspace("visible")'), out);
});

test('arguments the provider marks sensitive under plain names are masked: an SSM parameter\'s value, a Kubernetes secret\'s data', () => {
  const tf = 'resource "aws_ssm_parameter" "sec" {\n  name  = "/prod/api/key"\n  type  = "SecureString"\n  value = "CANARYssm09sec"\n}\nresource "kubernetes_secret" "s" {\n  data = {\n    url = "CANARYk8s"\n  }\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "visible-bucket"\n}\n';
  const out = redactSecrets(tf);
  assert.equal(out.length, tf.length);
  assert.ok(!out.includes('CANARY'), out);
  assert.ok(out.includes('"/prod/api/key"') && out.includes('"visible-bucket"'), out);
});

test('masks values under quoted keys no identifier spells (tag and map keys with spaces, slashes, colons)', () => {
  const text = 'tags = {\n  "Admin Password" = "v4lue-one"\n  "app/secret"     = "v4lue-two"\n  "db:password"    = "v4lue-three"\n  "Cost Center"    = "kept"\n}\n';
  const out = redactSecrets(text);
  assert.equal(out.length, text.length);
  for (const v of ['v4lue-one', 'v4lue-two', 'v4lue-three']) assert.ok(!out.includes(v), v);
  assert.ok(out.includes('"kept"'));
});

test('masks YAML block scalars, anchored and tagged values under secret keys, and keeps what follows', () => {
  const text = 'spring:\n  datasource:\n    password: |-\n      v4lue-block\n      second-line\n    url: jdbc:postgresql://db/x\napi_token: >-\n  v4lue-folded\ndb_password: &pw v4lue-anchor\nother_password: *pw\nsecret_key: !!str v4lue-tagged\nplain: kept\n';
  const out = redactSecrets(text);
  assert.equal(out.length, text.length);
  for (const v of ['v4lue-block', 'second-line', 'v4lue-folded', 'v4lue-anchor', 'v4lue-tagged']) assert.ok(!out.includes(v), v);
  assert.ok(out.includes('url: jdbc:postgresql://db/x') && out.includes('plain: kept') && out.includes('other_password: *pw'));
  assert.ok(out.includes('db_password: &pw *'), out);
});

test("masks every value of a Kubernetes Secret's data and stringData, and no other document's", () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: db\ndata:\n  DB_URL: djRsdWUtYjY0\nstringData:\n  conn: v4lue-conn\n  cert: |\n    v4lue-cert\n---\nkind: ConfigMap\ndata:\n  region: us-east-1\n';
  const out = redactSecrets(text);
  assert.equal(out.length, text.length);
  for (const v of ['djRsdWUtYjY0', 'v4lue-conn', 'v4lue-cert']) assert.ok(!out.includes(v), v);
  assert.ok(out.includes('name: db') && out.includes('region: us-east-1') && out.includes('DB_URL: ') && out.includes('conn: '));
});

test('masks the value of a name/value pair whose name says secret (container environments)', () => {
  const yaml = 'env:\n  - name: DB_PASSWORD\n    value: v4lue-env\n  - name: REGION\n    value: us-east-1\n';
  const out = redactSecrets(yaml);
  assert.ok(!out.includes('v4lue-env') && out.includes('value: us-east-1'), out);
  const hcl = 'environment = [\n  { name = "API_TOKEN", value = "v4lue-ecs" },\n  { name = "LOG_LEVEL", value = "debug" },\n]\n';
  const masked = redactSecrets(hcl);
  assert.ok(!masked.includes('v4lue-ecs') && masked.includes('"debug"'), masked);
  const json = '[{"name": "DB_PASSWORD", "value": "v4lue-json"}, {"name": "PORT", "value": "5432"}]';
  const j = redactSecrets(json);
  assert.ok(!j.includes('v4lue-json') && j.includes('"5432"'), j);
});

test('masks a secret assignment a syntax error broke, as its frame shows the line', () => {
  for (const line of ['  password "v4lue-x"\n', '  password == "v4lue-x"\n', '  password =* "v4lue-x"\n', '  db_password := "v4lue-x"\n']) {
    const out = redactSecrets(line);
    assert.ok(!out.includes('v4lue-x'), line);
    assert.equal(out.length, line.length);
  }
  assert.equal(redactSecrets('  engine "postgres"\n'), '  engine "postgres"\n');
});

test('masks value-like words after a secret word in a comment, not the prose around them', () => {
  const text = '# db password was v4lue-2024, rotate it\nbucket = "x" // token: Abc123xyz\n/* old secret = Zq9_wx!\n */\n# the token is read from the vault\n# api key: Qx7-v4lue\n';
  const out = redactSecrets(text);
  assert.equal(out.length, text.length);
  for (const v of ['v4lue-2024', 'Abc123xyz', 'Zq9_wx!', 'Qx7-v4lue']) assert.ok(!out.includes(v), v);
  assert.ok(out.includes('# db password was ') && out.includes('rotate it') && out.includes('# the token is read from the vault'));
});

test('masks a 40-character AWS secret key shape anywhere, not a git hash, and a JSON Web Token', () => {
  const secret = ['wJalrXUtnFEMI', 'K7MDENG', 'bPxRfiCYv4lue0123456'].join('/').slice(0, 40);
  assert.equal(secret.length, 40);
  const text = `# old creds: ${secret}\nref = "0123456789abcdef0123456789abcdef01234567"\n`;
  const out = redactSecrets(text);
  assert.ok(!out.includes(secret) && out.includes('0123456789abcdef0123456789abcdef01234567'));
  const jwt = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiJ2NGx1ZSJ9', 'djRsdWUtc2lnbmF0dXJlLXgxMg'].join('.');
  assert.ok(!redactSecrets(`JWT = "${jwt}"\n`).includes('djRsdWUtc2lnbmF0dXJl'));
});

test("masks the for_each strings of a block that sets a secret from each.key, not another block's", () => {
  const text = 'resource "aws_db_instance" "a" {\n  for_each = toset(["k3y-one", "k3y-two"])\n  password = each.key\n}\nresource "aws_s3_bucket" "b" {\n  for_each = toset(["logs"])\n  bucket   = each.key\n}\n';
  const out = redactSecrets(text);
  assert.ok(!out.includes('k3y-one') && !out.includes('k3y-two') && out.includes('["logs"]'), out);
});

test("keeps a secret variable's description and validation message, masks its default and type defaults", () => {
  const text = 'variable "secrets" {\n  description = "Set of secret names to create"\n  type        = object({ pw = optional(string, "v4lue-typed") })\n  default     = { pw = "v4lue-default" }\n  validation {\n    condition     = length(var.secrets) > 0\n    error_message = "Give at least one secret name."\n  }\n}\n';
  const out = redactSecrets(text);
  assert.ok(out.includes('"Set of secret names to create"') && out.includes('"Give at least one secret name."'), out);
  assert.ok(!out.includes('v4lue-typed') && !out.includes('v4lue-default'), out);
});

test('keeps HCL expressions under secret names visible: references, calls, conditionals and null (real RDS and OpenSearch modules)', () => {
  const text = 'resource "aws_rds_cluster" "c" {\n  master_password     = var.is_primary_cluster ? random_password.master.result : null\n  master_user_password = try(var.opts.master_user_arn, null) == null ? try(var.opts.master_user_password, null) : null\n}\n';
  assert.equal(redactSecrets(text), text);
  // A shell assignment of a dotted word is still a value.
  assert.ok(!redactSecrets('export DB_PASSWORD=my.s3cret.pass\n').includes('my.s3cret.pass'));
});

test("IMDSv2's http_tokens stays readable in frames and fix diffs (its values are required/optional, no secret)", () => {
  const text = 'metadata_options {\n  http_tokens = "optional"\n}\n';
  assert.equal(redactSecrets(text), text);
});

test('.tf.json variables: a secret-named or "sensitive": true variable\'s default is masked, keys and description kept; its assignments elsewhere too', () => {
  const json = '{\n  "variable": {\n    "db_password": {"type": "string", "default": "jsonPWcanary1"},\n    "blob": {"type": "string", "sensitive": true, "description": "a blob", "default": "jsonBLOBcanary2"},\n    "region": {"default": "us-east-1"}\n  }\n}\n';
  const out = redactSecrets(json);
  assert.equal(out.length, json.length);
  assert.ok(!out.includes('jsonPWcanary1') && !out.includes('jsonBLOBcanary2'), out);
  assert.ok(out.includes('"default": "us-east-1"') && out.includes('"description": "a blob"') && out.includes('"type": "string"'), out);
  assert.deepEqual([...sensitiveVariableNames([json])], ['blob']);
  const sources = sensitiveAssignmentsMasked([
    { path: 'main.tf.json', text: json },
    { path: 'terraform.tfvars', text: 'blob = "tfvarsBLOBcanary3"\n' },
  ]);
  assert.ok(!sources('terraform.tfvars')!.includes('tfvarsBLOBcanary3'));
});

test('a name/value pair written value first is masked by its secret name (ECS environment, Batch JSON)', () => {
  const hcl = 'container_definitions = jsonencode([{ environment = [{ value = "vAlFiRsTcanary1", name = "DB_PASSWORD" }, { value = "prod", name = "STAGE" }] }])\n';
  const out = redactSecrets(hcl);
  assert.ok(!out.includes('vAlFiRsTcanary1'), out);
  assert.ok(out.includes('value = "prod"'), out);
  const yaml = 'env:\n  - value: vAlFiRsTcanary2\n    name: API_TOKEN\n  - name: STAGE\n    value: prod\n';
  const y = redactSecrets(yaml);
  assert.ok(!y.includes('vAlFiRsTcanary2') && y.includes('value: prod'), y);
});

test('arguments the AWS provider schema marks sensitive are masked under any name (value_wo, a MemoryDB user\'s passwords)', () => {
  const text = 'resource "aws_ssm_parameter" "p" {\n  name     = "/app/x"\n  type     = "SecureString"\n  value_wo = "wOsChEmAcanary1"\n}\nresource "aws_appconfig_hosted_configuration_version" "v" {\n  content_type = "application/json"\n  content      = "sChEmAcanary2"\n}\n';
  const out = redactSecrets(text);
  assert.ok(!out.includes('wOsChEmAcanary1') && !out.includes('sChEmAcanary2'), out);
  assert.ok(out.includes('"/app/x"') && out.includes('"application/json"'), out);
});

test('.tf.json variables in the array form ("variable": [ { … }, … ]) are masked the same way', () => {
  const json = '{\n  "variable": [\n    {"api_key": {"default": "aRrAyKeYcanary1"}},\n    {"blob": {"sensitive": true, "default": "aRrAySeNscanary2"}},\n    {"region": {"default": "us-east-1"}}\n  ]\n}\n';
  const out = redactSecrets(json);
  assert.ok(!out.includes('aRrAyKeYcanary1') && !out.includes('aRrAySeNscanary2') && out.includes('"us-east-1"'), out);
  assert.deepEqual([...sensitiveVariableNames([json])], ['blob']);
});

test('a CSV or TSV seed file masks the columns its header names as secrets (the sweep shows its rows as frames)', () => {
  const csv = 'user,password,note\nalice,cSvPwCanary1,ok\nbob,"cSvPwCanary2",fine\n';
  const out = redactSecrets(csv);
  assert.equal(out.length, csv.length);
  assert.ok(!out.includes('cSvPwCanary1') && !out.includes('cSvPwCanary2') && out.includes('alice,') && out.includes(',ok'), out);
  assert.equal(redactSecrets('name\tapi_token\nsvc\ttSvTokCanary3\n').includes('tSvTokCanary3'), false);
});

test('a .tf.json frame keeps the member names and masks the values of a reported literal and of a sensitive variable; a name that could be the literal is masked', () => {
  // A CDK for Terraform stack: `"********": "****"` hid which argument a finding was about.
  const json = '{\n  "variable": {"db_password": {"//": {"metadata": {"path": "s/db_password"}}, "sensitive": true, "type": "string", "default": "jsonDEFcanary1"}},\n  "resource": {"aws_db_instance": {"db": {\n    "password": "jsonPWcanary2",\n    "tags": {"123-45-6789": "x", "data-classification": "phi"},\n    "username": "report"\n  }}}\n}\n';
  const literal = (needle: string, through: string): readonly [number, number] => [json.indexOf(needle), json.indexOf(through) + through.length];
  const literals = new Map([['main.tf.json', [literal('"password"', 'jsonPWcanary2"'), literal('"tags"', '"phi"}')]]]);
  const shown = sensitiveAssignmentsMasked([{ path: 'main.tf.json', text: json }], literals)('main.tf.json')!;
  assert.equal(shown.length, json.length);
  for (const secret of ['jsonDEFcanary1', 'jsonPWcanary2', '123-45-6789', '"phi"', '"x"']) assert.ok(!shown.includes(secret), `${secret}: ${shown}`);
  for (const name of ['"password": "', '"tags": {"', '"data-classification": "', '"//": {"metadata": {"path": "', '"sensitive": true, "type": "', '"default": "']) assert.ok(shown.includes(name), `${name}: ${shown}`);
  assert.ok(shown.includes('"username": "report"'), 'outside the ranges, nothing is masked');
  // HCL reads no names before colons: `c ? "a" : "b"` holds two values.
  const hcl = 'password = var.c ? "hclCANARYa" : "hclCANARYb"\n';
  const masked = sensitiveAssignmentsMasked([{ path: 'main.tf', text: hcl }], new Map([['main.tf', [[0, hcl.length - 1] as const]]]))('main.tf')!;
  assert.ok(!masked.includes('hclCANARY'), masked);
});

test('a JSON document (a plan on one line): after a secret name only the value is masked, not the rest of the line', () => {
  // As `terraform show -json` writes it: one line. A YAML plain scalar runs to the end of the line,
  // and read so `"manage_master_user_password": null` masked every attribute after it.
  const plan = JSON.stringify({ resource_changes: [{ change: { after: { manage_master_user_password: null, bypass_policy_lockout_safety_check: false, master_password_pin: 482913, publicly_accessible: true, deletion_window_in_days: 7, password: 'Hunter2-Example', port: 5432 } } }] });
  const out = redactSecrets(plan);
  assert.equal(out.length, plan.length);
  for (const shown of ['"publicly_accessible":true', '"deletion_window_in_days":7', '"port":5432', '"manage_master_user_password":null', '"bypass_policy_lockout_safety_check":false']) assert.ok(out.includes(shown), shown);
  assert.ok(!out.includes('Hunter2') && !out.includes('482913'), 'the string and the number under secret names are masked');
  // The plan redactor masks sensitive scalars before (`"port": ****`): still read as JSON.
  const premasked = plan.replace('5432', '****');
  const again = redactSecrets(premasked);
  assert.ok(again.includes('"publicly_accessible":true') && !again.includes('Hunter2') && !again.includes('482913'));
  // Not JSON (YAML, or JSON broken by an edit): a plain value still runs to the end of the line.
  const stars = (n: string) => '*'.repeat(n.length);
  assert.equal(redactSecrets('"db_password": 123, hunter2, "x": 1'), `"db_password": ${stars('123, hunter2, "x": 1')}`);
  assert.equal(redactSecrets('{"db_password": true, hunter2'), `{"db_password": ${stars('true, hunter2')}`);
});

test('an index key naming where the secret is stays; the strings of the expression are still masked', () => {
  // fix --dry-run showed `jsondecode(…)["********"]` and `password = ************"password"]`.
  const text =
    'resource "aws_db_instance" "db" {\n  password_wo = jsondecode(ephemeral.aws_secretsmanager_secret_version.db.secret_string)["password"]\n  password    = local.creds["db_password"]\n}\n\nlocals {\n  password = trimspace("hunterEXAMPLE9")\n  token    = jsondecode("{\\"t\\":\\"tokEXAMPLE77\\"}")["t"]\n}\n';
  const out = redactSecrets(text);
  assert.equal(out.length, text.length);
  assert.match(out, /secret_string\)\["password"\]$/m);
  assert.match(out, /^ {2}password {4}= local\.creds\["db_password"\]$/m);
  assert.ok(!out.includes('hunterEXAMPLE9') && !out.includes('tokEXAMPLE77'));
});

test('the SSM parameter type finding is no reported literal; the literal findings are', () => {
  const span = (start: number, end: number) => ({ file: 'main.tf', start: { offset: start }, end: { offset: end } });
  const ranges = reportedLiterals([
    { ruleId: 'tf-no-secrets-in-compute-config', status: 'fail', message: 'aws_ssm_parameter.pw stores the secret-named parameter "/phi/db/password" as type String, which is not encrypted; use SecureString.', span: span(10, 25) },
    { ruleId: 'tf-no-secrets-in-compute-config', status: 'fail', message: 'aws_lambda_function.f sets environment variable DB_PASSWORD to a hard-coded secret.', span: span(40, 60) },
    { ruleId: 'tf-no-secrets-in-code', status: 'fail', message: 'x', span: span(70, 80) },
  ]);
  assert.deepEqual(ranges.get('main.tf'), [
    [40, 60],
    [70, 80],
  ]);
});

test('a reported literal is masked wherever the file repeats it (a plan holds a tag in tags and tags_all)', () => {
  const phi = ['patient Jo Roe dob', '1962-11-23'].join(' '); // built at run time: no scanner takes the source for a leak
  const plan = JSON.stringify({ after: { tags: { Desc: phi, Name: 'web-server' }, tags_all: { Desc: phi, Name: 'web-server' } } });
  const at = plan.indexOf(`"${phi}"`);
  const shown = sensitiveAssignmentsMasked([{ path: 'plan.json', text: plan }], new Map([['plan.json', [[at, at + phi.length + 2] as const]]]))('plan.json')!;
  assert.equal(shown.length, plan.length);
  assert.ok(!shown.includes('1962'), shown);
  assert.equal(shown.split('"web-server"').length, 3, 'other values stay');
  assert.ok(shown.includes('"tags_all":{"Desc":"'), 'names stay');
});

test('a short form of password names a secret in frames (admin_pw, db_pass)', () => {
  const out = redactSecrets('admin_pw = "pWfRaMe42Zx"\ndb_pass  = "pAsSfRaMe42Zx"\nregion = "visible"\n');
  assert.ok(!out.includes('fRaMe'), out);
  assert.ok(out.includes('"visible"'));
});

test('sensitiveAssignmentsMasked reads no text until a source is asked for, and then only the files that mention `sensitive` besides it', () => {
  const read: string[] = [];
  const file = (path: string, text: string, needles?: readonly Needle[]) => ({
    path,
    ...(needles ? { needles } : {}),
    get text(): string {
      read.push(path);
      return text;
    },
  });
  const sources = sensitiveAssignmentsMasked([
    file('vars.tf', 'variable "conn" {\n  sensitive = true\n}\n', ['sensitive']),
    file('other.tf', 'resource "x" "y" {}\n', []),
    file('prod.tfvars', 'conn = "CANARYlazy1"\n'),
  ]);
  assert.deepEqual(read, [], 'a JSON report asks for no source');
  assert.equal(sources('prod.tfvars')!.includes('CANARYlazy1'), false);
  assert.deepEqual(read.sort(), ['prod.tfvars', 'vars.tf'], 'other.tf holds no `sensitive`: not read');
});
