// The literal scans judged root module by root module (RuleDefinition.acrossRoots): each root's
// resources gathered from its own model, then judged on an end model holding every root's
// declarations but no resource, must give what the scan of the merged model gives.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setGathered } from '../../engine/gathered.js';
import { createInfraModel, evaluateTerraformParts, type TerraformParts } from '../../graph/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import { FirstDeclarations } from '../../pipeline/first-declarations.js';
import { secretsInLeaves } from '../../detectors/index.js';
import type { AnyRule, Outcome, Subject } from '../define-rule.js';
import phiRule from '../phi/phi-no-phi-in-code.js';
import secretsRule from './tf-no-secrets-in-code.js';
import { holdsLiteralIndex, scanLiterals } from './literal-scan.js';

interface Scan {
  /** Each root module's own model, in unit order. */
  readonly units: readonly InfraModel[];
  /** All units' parts in one model, declarations kept once (as pipeline/source-scan.ts merges them). */
  readonly merged: InfraModel;
  /** The merged model's declarations, no resource. */
  readonly end: InfraModel;
}

function scanOf(files: Record<string, string>): Scan {
  const texts = new Map(Object.entries(files));
  const input = { files: texts, readFile: (p: string) => texts.get(p) };
  const roots = evaluateTerraformParts(input).moduleRoots;
  const declarations = new FirstDeclarations();
  const all: { [K in keyof TerraformParts]: TerraformParts[K][number][] } = { resources: [], moduleCalls: [], variables: [], outputs: [], terraform: [], providers: [], providerUses: [] };
  const units = roots.map((root) => {
    const { parts } = evaluateTerraformParts({ ...input, selectRoots: () => [root] });
    all.resources.push(...parts.resources);
    all.moduleCalls.push(...parts.moduleCalls);
    all.variables.push(...declarations.keep(parts.variables));
    all.outputs.push(...declarations.keepOutputs(parts.outputs));
    all.terraform.push(...parts.terraform);
    all.providers.push(...parts.providers);
    all.providerUses.push(...parts.providerUses);
    return createInfraModel(parts);
  });
  assert.ok(units.length > 1, 'several root modules');
  return { units, merged: createInfraModel(all), end: createInfraModel({ ...all, resources: [] }) };
}

/** Every outcome of every target, in order, as one line each: status, message, span, related spans. */
function outcomes(rule: AnyRule, model: InfraModel): string[] {
  const at = (s: { file: string; start: { offset: number; line: number }; end: { offset: number } }): string => `${s.file}:${s.start.line}@${s.start.offset}-${s.end.offset}`;
  return rule.targets(model, rule.params).flatMap((target: Subject) => {
    const result = rule.check(target, { model, params: rule.params, today: '2026-01-01' });
    return (Array.isArray(result) ? result : [result as Outcome]).map((o: Outcome) => {
      const related = o.status === 'fail' ? ` related=[${o.related.map((r) => at(r.span)).join(' ')}]` : '';
      return `${target.address} (${target.root ?? '-'}) ${o.status} ${at(o.span)} ${o.message ?? ''}${related}`;
    });
  });
}

/** Judged root by root (gather on each unit, targets on the end model) equals judged on the merged model; gives the merged outcomes. */
function assertSameAcrossRoots(rule: AnyRule, files: Record<string, string>): string[] {
  const { units, merged, end } = scanOf(files);
  const gather = rule.acrossRoots?.gather;
  assert.ok(gather, `${rule.id} gathers from each root module`);
  assert.deepEqual(rule.acrossRoots?.reads, [], 'its targets and checks read no resource of the end model');
  const chunks = units.map((unit) => gather(unit, rule.params));
  setGathered(end, new Map([[rule.id, chunks]]));
  const whole = outcomes(rule, merged);
  assert.deepEqual(outcomes(rule, end), whole);
  return whole;
}

const failures = (lines: readonly string[]): string[] => lines.filter((l) => l.includes(' fail '));

// A token-shaped literal built at run time, so no real-looking secret sits in the source.
const token = `ghp_${'R8xKq2Lm9Vt4Wz7Yb1Nc6Hd3Fj5Gs0Pa2Qe8'}`;
const callM = 'module "m" {\n  source = "../m"\n}\n';

test('a child module\'s variable default used by a resource, the module called from two roots: one finding, each use listed once', () => {
  const files = {
    'm/main.tf': `variable "token" {\n  type    = string\n  default = "${token}"\n}\nresource "aws_ssm_parameter" "p" {\n  name  = "/app/token"\n  type  = "String"\n  value = var.token\n}\nresource "aws_instance" "i" {\n  ami           = "ami-123"\n  instance_type = "t3.micro"\n  tags          = { Token = var.token }\n}\n`,
    'a/main.tf': callM,
    'b/main.tf': callM,
  };
  const lines = failures(assertSameAcrossRoots(secretsRule as unknown as AnyRule, files));
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, / fail m\/main\.tf:3@.* related=\[m\/main\.tf:8@\S+ m\/main\.tf:13@\S+\]$/);
  // What the gathering is for: each root's model scanned alone, with state of its own, reports the default twice.
  const { units } = scanOf(files);
  const alone = units.flatMap((u) => scanLiterals(u, secretsInLeaves).flatMap((s) => s.hits.map((h) => `${h.span.file}:${h.span.start.line}`)));
  assert.deepEqual(alone, ['m/main.tf:3', 'm/main.tf:3']);
});

test('two copies of a module, each called from its own root with a literal its for_each reads: each copy lists its own use', () => {
  const mod = 'variable "listeners" {\n  type = any\n}\nresource "aws_ssm_parameter" "p" {\n  for_each = var.listeners\n  name     = each.key\n  type     = "String"\n  value    = each.value.client_secret\n}\n';
  const call = (dir: string): string => `module "alb" {\n  source    = "../${dir}"\n  listeners = { web = { client_secret = "${token}" } }\n}\n`;
  const lines = failures(assertSameAcrossRoots(secretsRule as unknown as AnyRule, { 'm1/main.tf': mod, 'm2/main.tf': mod, 'a/main.tf': call('m1'), 'b/main.tf': call('m2') }));
  assert.equal(lines.length, 2, lines.join('\n'));
  assert.match(lines[0]!, / fail a\/main\.tf:3@\S+ .* related=\[m1\/main\.tf:8@\S+\]$/);
  assert.match(lines[1]!, / fail b\/main\.tf:3@\S+ .* related=\[m2\/main\.tf:8@\S+\]$/);
});

test('a literal in each root\'s own tfvars used by two resources: one finding per root at its tfvars line, with both uses', () => {
  const root = `variable "db_password" {\n  type      = string\n  sensitive = true\n}\nresource "aws_db_instance" "one" {\n  engine   = "postgres"\n  password = var.db_password\n}\nresource "aws_db_instance" "two" {\n  engine   = "postgres"\n  password = var.db_password\n}\n`;
  const lines = failures(
    assertSameAcrossRoots(secretsRule as unknown as AnyRule, {
      'a/main.tf': root,
      'a/terraform.tfvars': 'db_password = "Zk29-qpL!x7"\n',
      'b/main.tf': root,
      'b/terraform.tfvars': 'db_password = "Zk29-qpL!x7"\n',
    }),
  );
  assert.deepEqual(
    lines.map((l) => l.replace(/@\d+-\d+/g, '').replace(/ fail (\S+) .* related=/, ' $1 ')),
    ['var.db_password (a) a/terraform.tfvars:1 [a/main.tf:7 a/main.tf:11]', 'var.db_password (b) b/terraform.tfvars:1 [b/main.tf:7 b/main.tf:11]'],
  );
});

test('an instance key of a for_each that is also a literal in a variable default: reported at the default only, for every root', () => {
  const module = 'variable "patients" {\n  type    = map(string)\n  default = { "219-45-6789" = "intake" }\n}\nresource "aws_s3_bucket" "b" {\n  for_each = var.patients\n  bucket   = "example-${each.value}"\n}\n';
  // A root's own for_each key found nowhere else is reported at its for_each; the module's, in each root's bucket, is not.
  const own = 'resource "aws_sqs_queue" "q" {\n  for_each = toset(["219-45-6780"])\n  name     = "q"\n}\n';
  const all = assertSameAcrossRoots(phiRule as unknown as AnyRule, { 'm/main.tf': module, 'a/main.tf': callM + own, 'b/main.tf': callM });
  assert.deepEqual(
    failures(all).map((l) => l.split(' ').slice(0, 4).join(' ').replace(/@\d+-\d+/, '')),
    ['module.m.var.patients (-) fail m/main.tf:3', 'aws_sqs_queue.q["219-45-6780"] (a) fail a/main.tf:5'],
  );
  assert.deepEqual(all.filter((l) => l.startsWith('module.m.aws_s3_bucket.b')), [], 'reported elsewhere: no outcome, not a pass');
});

test('a literal input of a module call inside a child module, used by resources of two roots: one finding, the use listed once', () => {
  const lines = failures(
    assertSameAcrossRoots(secretsRule as unknown as AnyRule, {
      'inner/main.tf': 'variable "token" {\n  type = string\n}\nresource "aws_ssm_parameter" "p" {\n  name  = "/app/token"\n  type  = "String"\n  value = var.token\n}\n',
      'm/main.tf': `module "inner" {\n  source = "../inner"\n  token  = "${token}"\n}\n`,
      'a/main.tf': callM,
      'b/main.tf': callM,
    }),
  );
  assert.equal(lines.length, 1, lines.join('\n'));
  assert.match(lines[0]!, /^module\.m\.module\.inner\.var\.token \(-\) fail m\/main\.tf:3@.* related=\[inner\/main\.tf:7@\S+\]$/);
});

test('an SSM SecureString parameter\'s value (judgeAs) in a module two roots call and in a root of its own: the reason kept through gathering', () => {
  const ssm = 'resource "aws_ssm_parameter" "p" {\n  name  = "/app/config"\n  type  = "SecureString"\n  value = "Zk29-qpL!x7"\n}\n';
  const lambda = 'resource "aws_lambda_function" "f" {\n  function_name = "f"\n  role          = "arn:aws:iam::123456789012:role/f"\n  environment {\n    variables = {\n      DB_PASSWORD = "Zk29-qpL!x7"\n    }\n  }\n}\n';
  const lines = failures(assertSameAcrossRoots(secretsRule as unknown as AnyRule, { 'm/main.tf': ssm + lambda, 'a/main.tf': callM, 'b/main.tf': callM + ssm.replace('"p"', '"own"') }));
  assert.equal(lines.length, 3, lines.join('\n'));
  assert.ok(lines.every((l) => l.includes('SecureString parameter ("/app/config")')), lines.join('\n'));
});

test('a PHI literal in a resource tag of a module two roots call, in a root\'s provider default_tags and its own bucket: one finding per root and place', () => {
  const bucket = 'resource "aws_s3_bucket" "intake" {\n  bucket = "example-patient-intake"\n  tags = {\n    test_patient_ssn = "219-45-6789"\n  }\n}\n';
  const provider = 'provider "aws" {\n  region = "us-east-1"\n  default_tags {\n    tags = { patient = "219-45-6789" }\n  }\n}\n';
  const lines = failures(assertSameAcrossRoots(phiRule as unknown as AnyRule, { 'm/main.tf': bucket, 'a/main.tf': callM + provider, 'b/main.tf': callM + bucket }));
  assert.deepEqual(
    lines.map((l) => l.split(' ').slice(0, 4).join(' ').replace(/@\d+-\d+/, '')),
    ['module.m.aws_s3_bucket.intake (a) fail m/main.tf:3', 'aws_s3_bucket.intake (b) fail b/main.tf:6', 'module.m.aws_s3_bucket.intake (b) fail m/main.tf:3', 'provider.aws (a) fail a/main.tf:7'],
  );
});

test('gathering lets each root model\'s index go once both rules have gathered, and the end model builds no resource index', () => {
  const { units, end } = scanOf({ 'm/main.tf': 'resource "aws_sqs_queue" "q" {\n  name = "q"\n}\n', 'a/main.tf': callM, 'b/main.tf': callM });
  const rules = [secretsRule, phiRule] as unknown as AnyRule[];
  const gathered = new Map(rules.map((r) => [r.id, [] as unknown[]]));
  for (const unit of units) {
    for (const rule of rules) {
      gathered.get(rule.id)!.push(rule.acrossRoots!.gather!(unit, rule.params));
      assert.equal(holdsLiteralIndex(unit), rule === rules[0], rule.id);
    }
  }
  setGathered(end, gathered);
  for (const rule of rules) assert.equal(outcomes(rule, end).filter((l) => l.includes(' pass ')).length, 2, rule.id);
  assert.equal(holdsLiteralIndex(end), false);
});
