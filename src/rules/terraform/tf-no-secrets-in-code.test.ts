import assert from 'node:assert/strict';
import { test } from 'node:test';
import rule from './tf-no-secrets-in-code.js';
import type { AnyRule } from '../define-rule.js';
import { runRuleOn, testRule } from '../../testing/rule-tester.js';
import { evaluateTerraform } from '../../graph/index.js';
import { runRules } from '../../engine/run-rules.js';

const ssm = (name: string, type: string, value: string, argument = 'value', label = 'p'): string => `resource "aws_ssm_parameter" "${label}" {\n  name  = "${name}"\n  type  = "${type}"\n  ${argument} = ${value}\n}\n`;

const db = (password: string): string =>
  `resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  username            = "app"\n  password            = ${password}\n  allocated_storage   = 20\n  skip_final_snapshot = true\n}\n`;

testRule(rule, {
  pass: [
    {
      name: 'KMS keys named by alias or key id under encryption-key arguments (CodeBuild, WorkSpaces)',
      terraform:
        'resource "aws_codebuild_project" "b" {\n  name           = "b"\n  service_role   = "arn:aws:iam::111122223333:role/b"\n  encryption_key = "alias/phi-build"\n  artifacts {\n    type = "NO_ARTIFACTS"\n  }\n  environment {\n    compute_type = "BUILD_GENERAL1_SMALL"\n    image        = "aws/codebuild/standard:7.0"\n    type         = "LINUX_CONTAINER"\n  }\n  source {\n    type = "NO_SOURCE"\n  }\n}\n\n' +
        'resource "aws_workspaces_workspace" "w" {\n  directory_id                   = "d-1234567890"\n  bundle_id                      = "wsb-1234567890"\n  user_name                      = "clinician"\n  root_volume_encryption_enabled = true\n  user_volume_encryption_enabled = true\n  volume_encryption_key          = "alias/aws/workspaces"\n}\n\n' +
        'resource "aws_workspaces_workspace" "v" {\n  directory_id                   = "d-1234567890"\n  bundle_id                      = "wsb-1234567890"\n  user_name                      = "nurse"\n  root_volume_encryption_enabled = true\n  volume_encryption_key          = "0b6b6a1c-1b2c-4d5e-8f90-a1b2c3d4e5f6"\n}\n',
    },
    { name: 'configuration that is no secret kept in a secret as JSON (a user and a database name)', terraform: 'resource "aws_secretsmanager_secret_version" "app" {\n  secret_id     = "arn:aws:secretsmanager:us-east-1:111122223333:secret:app"\n  secret_string = jsonencode({ DB_USER = "appuser", DB_NAME = "appdb" })\n}\n' },
    { name: 'a short known prefix before a generated password is no literal secret', terraform: `resource "random_password" "p" {\n  length = 32\n}\n\n${db('"app-${random_password.p.result}"')}` },
    { name: 'password from a variable without a value', terraform: `variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\n${db('var.db_password')}` },
    { name: 'documented example keys and placeholders', terraform: 'resource "aws_ssm_parameter" "p" {\n  name  = "/docs/example"\n  type  = "SecureString"\n  value = "AKIAIOSFODNN7EXAMPLE"\n}\n\nvariable "api_token" {\n  default = "<set-me>"\n}\n' },
    // An SSM parameter's `value` is a secret only when the parameter says so (type or name).
    { name: 'an SSM String parameter that is no secret (a log level)', terraform: ssm('/prod/app/log_level', 'String', '"info"') },
    { name: 'an SSM String parameter with a non-secret name holding a random-looking literal', terraform: ssm('/prod/app/build_id', 'String', '"Hy6tGf4dSa2qWe8r"') },
    { name: 'a secret SSM parameter set from a variable without a value', terraform: `variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\n${ssm('/prod/db/password', 'SecureString', 'var.db_password')}` },
    { name: 'a secret SSM parameter set from a generated password, write-only', terraform: `ephemeral "random_password" "p" {\n  length = 32\n}\n\n${ssm('/prod/db/password', 'SecureString', 'ephemeral.random_password.p.result', 'value_wo')}` },
    { name: 'placeholders in a secret SSM parameter (changeme, empty)', terraform: `${ssm('/prod/db/password', 'SecureString', '"changeme"')}\n${ssm('/prod/db/password2', 'SecureString', '""', 'value', 'q')}` },
    { name: 'a URL in a SecureString parameter is no secret', terraform: ssm('/prod/app/webhook', 'SecureString', '"https://hooks.example.com/ingest"') },
    { name: 'password length and secret ARNs are not secrets', terraform: 'resource "random_password" "p" {\n  length = 32\n}\n\nvariable "db_password_secret_arn" {\n  default = "arn:aws:secretsmanager:us-east-1:123456789012:secret:db"\n}\n' },
  ],
  fail: [
    // A template records the hops of the variables it interpolates; the literal is written in the template, not at their defaults.
    {
      name: 'a secret written in a template that interpolates a variable: reported at the template, not at the variable\'s default',
      terraform: `variable "region" {\n  default = "us-east-1"\n}\n${db('"${var.region}-Xk9mQ2vLp7Rt5Wz3"')}`,
      findings: [{ line: 8, message: /password holds a hard-coded literal secret/ }],
    },
    {
      name: 'a secret in tfvars interpolated into a template: still reported at the tfvars line',
      terraform: {
        'main.tf': `variable "db_secret" {\n  type = string\n}\n${db('"${var.db_secret}"')}`,
        'terraform.tfvars': 'db_secret = "Xk9mQ2vLp7Rt5Wz3"\n',
      },
      findings: [{ file: 'terraform.tfvars', line: 1 }],
    },
    // Nothing of an ephemeral resource (Terraform 1.10) or a check's data source (1.5) is stored, but what is written in them is in the code.
    {
      name: 'a token in the headers of a check block\'s data source, a password in an ephemeral resource\'s payload',
      terraform:
        'check "health" {\n  data "http" "status" {\n    url = "https://status.example.com/health"\n    request_headers = {\n      Authorization = "Bearer ghp_EXAMPLEexampleEXAMPLEexampleEXAMPLE12"\n    }\n  }\n\n  assert {\n    condition     = data.http.status.status_code == 200\n    error_message = "The status endpoint is down."\n  }\n}\n\nephemeral "aws_lambda_invocation" "seed" {\n  for_each      = toset(["a"])\n  function_name = "phi-seed-${each.key}"\n  payload       = jsonencode({ db_password = "Xk9#mP2vQ7rT4wZ8nB5cJ3hY" })\n}\n',
      findings: [
        { line: 4, message: /^check\.health\.data\.http\.status: request_headers\.Authorization holds a hard-coded GitHub/ },
        { line: 18, message: /^ephemeral\.aws_lambda_invocation\.seed: payload\.db_password holds a hard-coded/ },
      ],
    },
    {
      name: 'a token in the headers of a data source, written once in a policy document whose rendered json repeats it',
      terraform:
        'data "http" "status" {\n  url = "https://status.example.com/health"\n  request_headers = {\n    Authorization = "Bearer ghp_EXAMPLEexampleEXAMPLEexampleEXAMPLE12"\n  }\n}\n\ndata "aws_iam_policy_document" "p" {\n  statement {\n    actions   = ["s3:GetObject"]\n    resources = ["*"]\n    condition {\n      test     = "StringEquals"\n      variable = "aws:UserAgent"\n      values   = ["ghp_EXAMPLEexampleEXAMPLEexampleEXAMPLE34"]\n    }\n  }\n}\n',
      findings: [
        { line: 3, message: /^data\.http\.status: request_headers\.Authorization holds a hard-coded GitHub/ },
        { line: 15, message: /^data\.aws_iam_policy_document\.p: statement\.condition\.values\[0\] holds a hard-coded GitHub/ },
      ],
    },
    // The module's attribute reads each.value.client_secret: no traced history, the same literal as the input's: a use, not a second finding.
    {
      // Root a sets its variable in tfvars; root b writes the same literal itself: b's is no use of a's variable.
      name: "the same secret in another root module's tfvars and written in this root: a finding in each",
      terraform: {
        'a/main.tf': 'variable "client_secret" {\n  type = string\n}\n\nresource "aws_cognito_user_pool_client" "c" {\n  name         = "app"\n  user_pool_id = "us-east-1_example"\n  client_secret = var.client_secret\n}\n',
        'a/terraform.tfvars': 'client_secret = "Xk9mQ2vLp7Rt5Wz3"\n',
        'b/main.tf': 'resource "aws_cognito_user_pool_client" "c" {\n  name         = "app"\n  user_pool_id = "us-east-1_example"\n  client_secret = "Xk9mQ2vLp7Rt5Wz3"\n}\n',
      },
      findings: [
        { file: 'a/terraform.tfvars', line: 1 },
        { file: 'b/main.tf', line: 4 },
      ],
    },
    { name: 'a secret in a module input map read through a for_each: one finding, at the input', terraform: { 'main.tf': 'module "lb" {\n  source = "./lb"\n\n  listeners = {\n    oidc = {\n      client_secret = "Xk9mQ2vLp7Rt5Wz3"\n    }\n  }\n}\n', 'lb/main.tf': 'variable "listeners" {\n  type    = any\n  default = {}\n}\n\nresource "aws_lb_listener" "this" {\n  for_each          = var.listeners\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/x/y"\n  port              = 443\n  protocol          = "HTTPS"\n\n  default_action {\n    type = "authenticate-oidc"\n    authenticate_oidc {\n      authorization_endpoint = "https://idp.example.com/auth"\n      client_id              = "app"\n      client_secret          = each.value.client_secret\n      issuer                 = "https://idp.example.com"\n      token_endpoint         = "https://idp.example.com/token"\n      user_info_endpoint     = "https://idp.example.com/user_info"\n    }\n  }\n}\n' }, findings: [{ file: 'main.tf', line: 4, message: /listeners\.oidc\.client_secret holds/ }] },
    { name: 'a list of literal passwords (ElastiCache user)', terraform: 'resource "aws_elasticache_user" "u" {\n  user_id       = "app"\n  user_name     = "app"\n  engine        = "redis"\n  access_string = "on ~* +@all"\n  passwords     = ["Xk9mQ2vLp7Rt5Wz3"]\n}\n', findings: [{ line: 6, message: /passwords/ }] },
    { name: 'a password-shaped value under a plain key of a secret string', terraform: 'resource "aws_secretsmanager_secret_version" "v" {\n  secret_id     = "arn:aws:secretsmanager:us-east-1:111122223333:secret:x"\n  secret_string = jsonencode({ user = "app", pw = "Xk9#mQ2vLp7!Rt5" })\n}\n', findings: [{ line: 3, message: /secret_string\.pw holds/ }] },
    {
      name: 'a JSON secret string with two secrets: one finding each, not a third for the whole text',
      terraform: 'resource "aws_secretsmanager_secret_version" "db" {\n  secret_id = "arn:aws:secretsmanager:us-east-1:111122223333:secret:db"\n  secret_string = jsonencode({\n    username = "app"\n    password = "Xk9#mQ2vLp7!"\n    api_token = "Qw8rTy2uIo9pAs7dFg"\n  })\n}\n',
      findings: [{ line: 3, message: /secret_string\.api_token holds/ }, { line: 3, message: /secret_string\.password holds/ }],
    },
    {
      // The known text of a string with an apply-time part is literal: the secret is in the file.
      name: 'literal secret with an apply-time suffix',
      terraform: `variable "env" {\n  type = string\n}\n\n${db('"Zk29-qpL!x7Tw-${var.env}"')}`,
      findings: [{ line: 9, message: /password holds a hard-coded literal secret/ }],
    },
    {
      // Terraform uses the *.auto.tfvars value (loaded after terraform.tfvars); the one it replaced is still committed.
      name: 'a tfvars literal replaced by an *.auto.tfvars one: a finding at each line, the use only at the one used',
      terraform: { 'main.tf': `variable "db_password" {\n  type = string\n}\n\n${db('var.db_password')}`, 'terraform.tfvars': 'db_password = "Tk8j7h6g5Lp2Qw"\n', 'z.auto.tfvars': 'db_password = "Zk29-qpL!x7"\n' },
      findings: [
        { file: 'terraform.tfvars', line: 1, message: /^var\.db_password: db_password holds a hard-coded literal secret/ },
        { file: 'z.auto.tfvars', line: 1, message: /^var\.db_password: db_password holds a hard-coded literal secret/ },
      ],
    },
    {
      // prod.tfvars is for `terraform plan -var-file`: not applied here, but committed all the same.
      name: 'a secret in a variables file Terraform does not load on its own: at its line',
      terraform: { 'main.tf': `variable "db_password" {\n  type = string\n}\n\n${db('var.db_password')}`, 'prod.tfvars': 'db_password = "Zk29-qpL!x7"\nunknown_name = "Tk8j7h6g5Lp2Qw"\n' },
      findings: [{ file: 'prod.tfvars', line: 1, message: /^var\.db_password: db_password holds a hard-coded literal secret/ }],
    },
    {
      name: 'tfvars literal used through a variable: one finding at the tfvars line',
      terraform: { 'main.tf': `variable "db_password" {\n  type = string\n}\n\n${db('var.db_password')}`, 'terraform.tfvars': 'db_password = "Zk29-qpL!x7"\n' },
      findings: [{ file: 'terraform.tfvars', line: 1, message: /var.db_password: db_password holds a hard-coded literal secret \(\*\*\*\*\)\./ }],
    },
    {
      name: 'AWS access key in a local used by a module input',
      terraform: 'locals {\n  key = "AKIAQ3EGRX7ZJ5TM4KWB"\n}\n\nresource "aws_ssm_parameter" "p" {\n  name  = "/ci/key"\n  type  = "SecureString"\n  value = local.key\n}\n',
      findings: [{ line: 2, message: /AWS access key id \(AKIA…4KWB/ }],
    },
    {
      name: 'a literal in a secret-named SecureString parameter',
      terraform: ssm('/prod/db/password', 'SecureString', '"Xq7vLm2pR9tZ4wKc"'),
      findings: [{ line: 4, message: /^aws_ssm_parameter\.p: value holds a hard-coded literal secret \(Xq…Kc\), the value of the secret-named parameter "\/prod\/db\/password"\.$/ }],
    },
    { name: 'a literal write-only value of a secret-named parameter (value_wo keeps it out of state, not out of the code)', terraform: ssm('/app/api_token', 'SecureString', '"Xq7vLm2pR9tZ4wKc"', 'value_wo'), findings: [{ line: 4, message: /value_wo holds a hard-coded literal secret/ }] },
    { name: 'a literal in a SecureString parameter whose name says nothing', terraform: ssm('/prod/app/config', 'SecureString', '"Hy6tGf4dSa2qWe8r"'), findings: [{ line: 4, message: /value holds a hard-coded literal secret \(Hy…8r\), the value of a SecureString parameter \("\/prod\/app\/config"\)/ }] },
    { name: 'a literal in a String parameter named as a secret by its resource name', terraform: ssm('/prod/app/k1', 'String', '"Rt5yUi8oPa3sDf6g"', 'value', 'api_key'), findings: [{ line: 4, message: /the value of a parameter named api_key/ }] },
    { name: 'a literal insecure_value of a secret-named parameter', terraform: ssm('/prod/svc/token', 'String', '"Lk3jHg6fDs9aQw2e"', 'insecure_value'), findings: [{ line: 4, message: /insecure_value holds a hard-coded literal secret/ }] },
    { name: 'a password-shaped member of JSON in a SecureString parameter', terraform: ssm('/prod/app/creds', 'SecureString', 'jsonencode({ user = "app", pw = "Zx8cVb5nMq2wEr7u!" })'), findings: [{ line: 4, message: /value\.pw holds a hard-coded literal secret/ }] },
    { name: 'a one-line heredoc in a secret-named SecureString parameter', terraform: ssm('/prod/db/password', 'SecureString', '<<-EOT\n    Xq7vLm2pR9tZ4wKc\n  EOT'), findings: [{ line: 4, message: /value holds a hard-coded literal secret/ }] },
    {
      name: "a secret SSM parameter set from a variable's literal default: one finding, at the default",
      terraform: `variable "param_value" {\n  type    = string\n  default = "Pq8wXe3rTy6uIo1z"\n}\n\n${ssm('/prod/app/token', 'SecureString', 'var.param_value')}`,
      findings: [{ line: 3, message: /aws_ssm_parameter\.p: value holds a hard-coded literal secret/ }],
    },
    { name: 'private key in a variable default', terraform: `variable "tls_key" {\n  default = <<-EOT\n    -----BEGIN RSA PRIVATE KEY-----\n    MIIEowIBAAKCAQEA7V2q9Zb1xYc3kP0Lm4nQ8rT5sUvW6yXz1A2B3C4D5E6F7G8H9I0J\n    K1L2M3N4O5P6Q7R8S9T0U1V2W3X4Y5Z6a7b8c9d0e1f2g3h4i5j6k7l8m9n0o1p2q3\n    -----END RSA PRIVATE KEY-----\n  EOT\n}\n`, findings: [{ line: 2, message: /private key/ }] },
  ],
});

test('a secret in a module called for each of several keys: one finding, and no instance passes "holds no hard-coded secret"', () => {
  const run = runRuleOn(rule as unknown as AnyRule, {
    'main.tf': 'module "cache" {\n  source   = "./cache"\n  for_each = toset(["a", "b"])\n}\n',
    'cache/main.tf': 'resource "aws_elasticache_user" "u" {\n  user_id       = "app"\n  user_name     = "app"\n  engine        = "REDIS"\n  access_string = "on ~* +@all"\n  passwords     = ["Xk9mQ2vLp7Rt5Wz3"]\n}\n',
  });
  assert.deepEqual(
    run.findings.map((f) => `${f.status} ${f.resource.address} ${f.span.file}:${f.span.start.line}`),
    ['fail module.cache["a"].aws_elasticache_user.u cache/main.tf:6'],
  );
});

test('a secret on a line of a module two stacks call: a finding for each stack (as every other rule reports it), one per stack however many instances', () => {
  const stack = 'module "cache" {\n  source   = "../../cache"\n  for_each = toset(["a", "b"])\n}\n';
  const run = runRuleOn(rule as unknown as AnyRule, {
    'envs/dev/main.tf': stack,
    'envs/prod/main.tf': stack,
    'cache/main.tf': 'resource "aws_elasticache_user" "u" {\n  user_id       = "app"\n  user_name     = "app"\n  engine        = "REDIS"\n  access_string = "on ~* +@all"\n  passwords     = ["Xk9mQ2vLp7Rt5Wz3"]\n}\n',
  });
  assert.deepEqual(
    run.findings.map((f) => `${f.status} ${f.resource.root} ${f.resource.address} ${f.span.file}:${f.span.start.line}`).sort(),
    ['fail envs/dev module.cache["a"].aws_elasticache_user.u cache/main.tf:6', 'fail envs/prod module.cache["a"].aws_elasticache_user.u cache/main.tf:6'],
  );
});

test('a tfvars literal replaced by --var or a --var-file, or in a file not loaded, is still committed: a finding at its line, once', () => {
  const files = new Map([
    ['main.tf', `variable "db_password" {\n  type      = string\n  sensitive = true\n}\n\n${db('var.db_password')}`],
    ['terraform.tfvars', 'db_password = "Tk8j7h6g5Lp2Qw"\n'],
    ['prod.tfvars', 'db_password = "Zk29-qpL!x7"\n'],
  ]);
  const scan = (given: { vars?: Record<string, string>; varFiles?: string[] }): string[] => {
    const evaluated = evaluateTerraform({ files, readFile: (path) => files.get(path), ...given });
    return runRules(evaluated.model, [rule as unknown as AnyRule], { today: '2026-01-01' })
      .findings.filter((f) => f.status === 'fail')
      .map((f) => `${f.span.file}:${f.span.start.line} ${f.resource.address} related=${(f.related ?? []).length}`)
      .sort();
  };
  // Not replaced: one finding, with the use (no second one for the same line); prod.tfvars, not given, is not applied but committed.
  assert.deepEqual(scan({}), ['prod.tfvars:1 var.db_password related=0', 'terraform.tfvars:1 var.db_password related=1']);
  // --var: Terraform uses the run-time value, the file's literal is unused but committed.
  assert.deepEqual(scan({ vars: { db_password: 'x' } }), ['prod.tfvars:1 var.db_password related=0', 'terraform.tfvars:1 var.db_password related=0']);
  // A run-time value equal to the file's does not make the file's one supplied at run time.
  assert.deepEqual(scan({ vars: { db_password: 'Tk8j7h6g5Lp2Qw' } }), ['prod.tfvars:1 var.db_password related=0', 'terraform.tfvars:1 var.db_password related=0']);
  // --var-file: its value is the one used; terraform.tfvars's is still in the repository.
  assert.deepEqual(scan({ varFiles: ['prod.tfvars'] }), ['prod.tfvars:1 var.db_password related=1', 'terraform.tfvars:1 var.db_password related=0']);
  // Both replaced by a --var after them.
  assert.deepEqual(scan({ varFiles: ['prod.tfvars'], vars: { db_password: 'x' } }), ['prod.tfvars:1 var.db_password related=0', 'terraform.tfvars:1 var.db_password related=0']);
});

test('a secret in a module variable default, the module called from two root modules: one finding, each use listed once', () => {
  // A token-shaped literal built at run time, so no real-looking secret sits in the source.
  const token = `ghp_${'R8xKq2Lm9Vt4Wz7Yb1Nc6Hd3Fj5Gs0Pa2Qe8'}`;
  const files = new Map([
    ['m/main.tf', `variable "token" {\n  type    = string\n  default = "${token}"\n}\nresource "aws_ssm_parameter" "p" {\n  name  = "/app/token"\n  type  = "String"\n  value = var.token\n}\nresource "aws_instance" "i" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n  tags          = { Token = var.token }\n}\n`],
    ['a/main.tf', 'module "m" {\n  source = "../m"\n}\n'],
    ['b/main.tf', 'module "m" {\n  source = "../m"\n}\n'],
  ]);
  const { model } = evaluateTerraform({ files, readFile: (p) => files.get(p) });
  const failed = runRules(model, [rule as unknown as AnyRule], { today: '2026-01-01' }).findings.filter((f) => f.status === 'fail');
  assert.equal(failed.length, 1, failed.map((f) => `${f.span.file}:${f.span.start.line} ${f.message}`).join('\n'));
  assert.equal(`${failed[0]!.span.file}:${failed[0]!.span.start.line}`, 'm/main.tf:3');
  assert.deepEqual(
    failed[0]!.related.map((r) => `${r.span.file}:${r.span.start.line}`),
    ['m/main.tf:8', 'm/main.tf:13'],
  );
});
