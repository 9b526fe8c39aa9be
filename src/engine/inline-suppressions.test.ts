// Inline suppressions end to end: real Terraform through the evaluator, a real rule, the engine.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { evaluateTerraform } from '../graph/index.js';
import rdsNotPublic from '../rules/aws/rds/aws-rds-instance-not-public.js';
import requiredVersionPinned from '../rules/terraform/tf-required-version-pinned.js';
import type { AnyRule } from '../rules/define-rule.js';
import { parseMarkers, suppressionIndexOf } from './inline-suppressions.js';
import { runRules } from './run-rules.js';

const rule = rdsNotPublic as unknown as AnyRule;

function run(files: Record<string, string>, options: { inlineSuppressions?: boolean; today?: string } = {}) {
  const map = new Map(Object.entries(files));
  const { model } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
  return runRules(model, [rule], {
    today: options.today ?? '2026-06-01',
    suppressions: suppressionIndexOf(model),
    ...(options.inlineSuppressions === undefined ? {} : { inlineSuppressions: options.inlineSuppressions }),
  });
}

const db = (comment: string, inside = ''): string =>
  `${comment}resource "aws_db_instance" "phi" {\n${inside}  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = true\n}\n`;

const statuses = (r: ReturnType<typeof run>): string[] => r.findings.map((f) => f.status);

describe('inline suppressions', () => {
  const cases: { name: string; tf: string; status: 'waived' | 'fail'; diagnostic?: RegExp; marker?: RegExp }[] = [
    { name: 'safeguard:ignore with a reason on the line above', tf: db('# safeguard:ignore aws-rds-instance-not-public reached only through the VPN endpoint\n'), status: 'waived', marker: /safeguard:ignore/ },
    { name: 'safeguard:ignore inside the block', tf: db('', '  # safeguard:ignore aws-rds-instance-not-public public replica for the de-identified dataset\n'), status: 'waived' },
    { name: 'several ids, one of them ours', tf: db('# safeguard:ignore aws-s3-bucket-versioning,aws-rds-instance-not-public accepted by the CISO\n'), status: 'waived' },
    { name: 'by a peer id through references', tf: db('# safeguard:ignore CKV_AWS_17 accepted risk\n'), status: 'waived' },
    { name: 'checkov:skip with a reason', tf: db('', '  #checkov:skip=CKV_AWS_17:reached only from the VPN\n'), status: 'waived', marker: /checkov:skip=CKV_AWS_17/ },
    { name: 'tfsec:ignore with the long id', tf: db('#tfsec:ignore:aws-rds-enable-public-access\n'), status: 'waived', marker: /tfsec:ignore/ },
    { name: 'tfsec:ignore with tfsec\'s own long id, which Trivy renamed', tf: db('', '  publicly_accessible = true # tfsec:ignore:aws-rds-no-public-db-access\n'), status: 'waived', marker: /aws-rds-no-public-db-access/ },
    { name: 'trivy:ignore with the AVD id and a future expiry', tf: db('#trivy:ignore:AVD-AWS-0180:exp:2027-01-01\n'), status: 'waived' },
    // KICS ignores the block or argument below the comment: inside a resource, above `engine`, that is
    // `engine` only (this case was 'waived' until stop 38, which KICS never did).
    { name: 'kics-scan ignore-block inside the block, above another argument, does not cover the finding', tf: db('', '  # kics-scan ignore-block\n'), status: 'fail' },
    { name: 'kics-scan ignore-block above the block', tf: db('# kics-scan ignore-block\n'), status: 'waived', marker: /kics-scan ignore-block/ },
    {
      name: 'kics-scan ignore-block inside the block, right above the flagged argument',
      tf: 'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  # kics-scan ignore-block\n  publicly_accessible = true\n}\n',
      status: 'waived',
    },
    {
      name: 'kics-scan ignore-block above a nested tags map does not cover the resource',
      tf: 'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  # kics-scan ignore-block\n  tags = {\n    team = "data"\n  }\n  publicly_accessible = true\n}\n',
      status: 'fail',
    },
    { name: 'checkov:skip with a space instead of a colon before the reason (Checkov honours it)', tf: db('', '  #checkov:skip=CKV_AWS_17 reached only from the VPN\n'), status: 'waived', marker: /checkov:skip=CKV_AWS_17/ },
    { name: 'checkov:skip with a space after =', tf: db('', '  # checkov:skip= CKV_AWS_17: legacy\n'), status: 'waived' },
    { name: 'cortex:skip, Checkov\'s newest alias', tf: db('', '  #cortex:skip=CKV_AWS_17:legacy\n'), status: 'waived' },
    { name: 'trivy attribute selector with an expiry in the past: expired, not honoured', tf: db('#trivy:ignore:AVD-AWS-0180[publicly_accessible=false]:exp:2020-01-01\n'), status: 'fail', diagnostic: /limited to \[publicly_accessible=false\]|expired/ },
    { name: 'tfsec attribute selector: not checked, so not honoured, reported', tf: db('#tfsec:ignore:aws-rds-enable-public-access[publicly_accessible=false]\n'), status: 'fail', diagnostic: /limited to \[publicly_accessible=false\], which Safeguard does not check/ },
    { name: 'tfsec workspace other than the evaluated one: not honoured, reported', tf: db('# tfsec:ignore:aws-rds-enable-public-access:ws:production\n'), status: 'fail', diagnostic: /workspace production only/ },
    { name: 'trivy workspace matching default by wildcard', tf: db('# trivy:ignore:aws-rds-enable-public-access:ws:def*\n'), status: 'waived' },
    { name: 'tfsec expiry then workspace, both read', tf: db('# tfsec:ignore:aws-rds-enable-public-access:exp:2025-01-01:ws:default\n'), status: 'fail', diagnostic: /expired on 2025-01-01/ },
    { name: 'trivy markers several to a line, the second ours', tf: db('#trivy:ignore:aws-s3-enable-versioning trivy:ignore:aws-rds-enable-public-access\n'), status: 'waived', marker: /trivy:ignore:aws-rds-enable-public-access/ },
    { name: 'trivy:ignore with a wildcard', tf: db('#trivy:ignore:aws-rds-*\n'), status: 'waived' },
    { name: 'checkov:skip with several ids', tf: db('#checkov:skip=CKV_AWS_16,CKV_AWS_17:both accepted\n'), status: 'waived' },
    { name: 'bridgecrew:skip, Checkov\'s former name', tf: db('#bridgecrew:skip=CKV_AWS_17:legacy\n'), status: 'waived' },
    {
      name: 'kics-scan ignore-line right above the finding',
      tf: 'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  # kics-scan ignore-line\n  publicly_accessible = true\n}\n',
      status: 'waived',
    },
    { name: 'kics-scan ignore-line above another line does not cover the finding', tf: db('', '  # kics-scan ignore-line\n'), status: 'fail' },
    { name: 'kics-scan ignore at the start of the file covers every block in it', tf: `# kics-scan ignore\n\nlocals {\n  x = 1\n}\n\n${db('')}`, status: 'waived', marker: /^kics-scan ignore$/ },
    { name: 'kics-scan ignore after the first block is a plain comment', tf: `locals {\n  x = 1\n}\n# kics-scan ignore\n${db('')}`, status: 'fail' },
    { name: 'kics-scan ignore inside the block is a plain comment', tf: db('', '  # kics-scan ignore\n'), status: 'fail' },
    { name: 'an expiry that is no date: not honoured, reported', tf: db('# safeguard:ignore aws-rds-instance-not-public vendor exp:2026-13-45\n'), status: 'fail', diagnostic: /exp:2026-13-45, which is no calendar date/ },
    { name: 'no reason: not honoured, reported', tf: db('# safeguard:ignore aws-rds-instance-not-public\n'), status: 'fail', diagnostic: /gives no reason/ },
    { name: 'expired: not honoured, reported', tf: db('# safeguard:ignore aws-rds-instance-not-public temporary exp:2026-01-31\n'), status: 'fail', diagnostic: /expired on 2026-01-31/ },
    { name: 'trivy expiry in the past', tf: db('#trivy:ignore:AVD-AWS-0180:exp:2025-01-01\n'), status: 'fail', diagnostic: /expired/ },
    { name: 'another rule named: not honoured', tf: db('# safeguard:ignore aws-s3-bucket-versioning not this one\n'), status: 'fail' },
    { name: 'a comment separated by a blank line does not govern the block', tf: db('# safeguard:ignore aws-rds-instance-not-public too far away\n\n'), status: 'fail' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = run({ 'main.tf': c.tf });
      assert.deepEqual(statuses(result), [c.status]);
      if (c.diagnostic) assert.ok(result.diagnostics.some((d) => c.diagnostic!.test(d.message)), result.diagnostics.map((d) => d.message).join('\n'));
      if (c.marker) assert.match(result.findings[0]!.waiver?.marker ?? '', c.marker);
    });
  }

  test('a suppression on a module call covers the resources inside it', () => {
    const result = run({
      'main.tf': '# safeguard:ignore aws-rds-instance-not-public sandbox module, no PHI\nmodule "db" {\n  source = "./modules/db"\n}\n',
      'modules/db/main.tf': db(''),
    });
    assert.deepEqual(statuses(result), ['waived']);
    assert.equal(result.findings[0]!.resource.address, 'module.db.aws_db_instance.phi');
  });

  test('kics-scan ignore does not cover resources of a module called from its file', () => {
    const result = run({
      'main.tf': '# kics-scan ignore\nmodule "db" {\n  source = "./modules/db"\n}\n',
      'modules/db/main.tf': db(''),
    });
    assert.deepEqual(statuses(result), ['fail']);
  });

  test('kics-scan ignore does not waive a finding about the whole module anchored in its file', () => {
    const map = new Map(Object.entries({ 'a.tf': `# kics-scan ignore\n${db('')}` }));
    const { model } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
    const result = runRules(model, [requiredVersionPinned as unknown as AnyRule, rule], { today: '2026-06-01', suppressions: suppressionIndexOf(model) });
    const byRule = new Map(result.findings.map((f) => [f.ruleId, f.status]));
    assert.equal(byRule.get('tf-required-version-pinned'), 'fail');
    assert.equal(byRule.get('aws-rds-instance-not-public'), 'waived');
  });

  test('kics-scan ignore covers its own file only', () => {
    const result = run({ 'a.tf': '# kics-scan ignore\nlocals {\n  x = 1\n}\n', 'b.tf': db('') });
    assert.deepEqual(statuses(result), ['fail']);
  });

  test('--no-inline-suppressions turns them all off', () => {
    const result = run({ 'main.tf': db('# safeguard:ignore aws-rds-instance-not-public reached only through the VPN endpoint\n') }, { inlineSuppressions: false });
    assert.deepEqual(statuses(result), ['fail']);
  });

  test('marker parsing', () => {
    assert.deepEqual(parseMarkers('# safeguard:ignore a-b,c-d why not exp:2026-02-03'), [
      { tool: 'safeguard', ids: ['a-b', 'c-d'], reason: 'why not', expires: '2026-02-03', marker: 'safeguard:ignore a-b,c-d why not exp:2026-02-03' },
    ]);
    assert.equal(parseMarkers('// checkov:skip=CKV_AWS_20')[0]!.reason, '');
    assert.deepEqual(parseMarkers('# nothing to see'), []);
    assert.deepEqual(parseMarkers('# kics-scan ignore')[0], { tool: 'kics', ids: [], reason: '', wholeFile: true, marker: 'kics-scan ignore' });
    assert.equal(parseMarkers('# kics-scan ignore-block')[0]!.wholeFile, undefined);
    assert.deepEqual(parseMarkers('# kics-scan ignored by hand'), []);
    assert.deepEqual(parseMarkers('#trivy:ignore:aws-ec2-no-public-ingress-sgr[from_port=443]:exp:2026-02-03:ws:dev-* a reason'), [
      { tool: 'trivy', ids: ['aws-ec2-no-public-ingress-sgr'], reason: 'a reason', expires: '2026-02-03', selector: '[from_port=443]', workspace: 'dev-*', marker: 'trivy:ignore:aws-ec2-no-public-ingress-sgr[from_port=443]:exp:2026-02-03:ws:dev-*' },
    ]);
    assert.deepEqual(parseMarkers('#checkov:skip=CKV_AWS_18 no log bucket here')[0], { tool: 'checkov', ids: ['CKV_AWS_18'], reason: 'no log bucket here', marker: 'checkov:skip=CKV_AWS_18 no log bucket here' });
  });
});

test("a suppression on one stack's module block waives that stack's instance only, not another stack's call of the same module", () => {
  const call = (comment: string): string => `${comment}module "store" {\n  source = "../../modules/store"\n}\n`;
  const result = run({
    'envs/dev/main.tf': call(''),
    'envs/prod/main.tf': call('# safeguard:ignore aws-rds-instance-not-public reached only through the VPN endpoint\n'),
    'modules/store/main.tf': db(''),
  });
  assert.deepEqual(
    result.findings.map((f) => `${f.resource.root} ${f.resource.address} ${f.status}`).sort(),
    ['envs/dev module.store.aws_db_instance.phi fail', 'envs/prod module.store.aws_db_instance.phi waived'],
  );
});

test("a suppression on a stack's module block covers that stack's plan findings (a plan's root is its file, standing for its directory)", async () => {
  const { findInlineSuppression } = await import('./inline-suppressions.js');
  const map = new Map(Object.entries({
    'envs/prod/main.tf': '# safeguard:ignore aws-rds-instance-not-public reached only through the VPN endpoint\nmodule "store" {\n  source = "../../modules/store"\n}\n',
    'envs/dev/main.tf': 'module "store" {\n  source = "../../modules/store"\n}\n',
    'modules/store/main.tf': db(''),
  }));
  const { model } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
  const db0 = model.resources.find((r) => r.root === 'envs/prod')!;
  const asPlanned = (root: string) => ({ address: db0.address, type: db0.type, span: db0.span, root });
  const waived = (root: string) => findInlineSuppression(suppressionIndexOf(model), rule, asPlanned(root), db0.span, '2026-06-01', model.moduleCalls).waiver !== undefined;
  assert.equal(waived('envs/prod/plan.json'), true);
  assert.equal(waived('envs/dev/plan.json'), false);
});

describe("Terrascan's #ts:skip=", () => {
  // The built-in rules map no Terrascan id (the HIPAA catalog gives none); a plugin's rule may.
  const mapped = { ...rule, references: { ...rule.references, terrascan: ['AC_AWS_0054', 'AWS.RDS.NetworkSecurity.High.0101'] } } as AnyRule;
  const runMapped = (tf: string) => {
    const map = new Map(Object.entries({ 'main.tf': tf }));
    const { model } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
    return runRules(model, [mapped], { today: '2026-06-01', suppressions: suppressionIndexOf(model) });
  };
  const cases: { name: string; tf: string; status: 'waived' | 'fail'; reason?: string }[] = [
    { name: 'inside the resource, with a reason', tf: db('', '  #ts:skip=AC_AWS_0054 reached only through the VPN endpoint\n'), status: 'waived', reason: 'reached only through the VPN endpoint' },
    { name: 'a reference id', tf: db('', '  #ts:skip=AWS.RDS.NetworkSecurity.High.0101\n'), status: 'waived', reason: 'no reason given' },
    { name: 'several markers to a resource, ours the second', tf: db('', '  #ts:skip=AC_AWS_0207 not this one\n  #ts:skip=AC_AWS_0054 accepted risk\n'), status: 'waived', reason: 'accepted risk' },
    { name: 'trailing the line that opens the block (inside its braces)', tf: 'resource "aws_db_instance" "phi" { #ts:skip=AC_AWS_0054 accepted\n  publicly_accessible = true\n}\n', status: 'waived' },
    // Terrascan reads the body of the resource only, and only `#ts:skip=` written without a space.
    { name: 'above the block: Terrascan does not read it, so not honoured', tf: db('#ts:skip=AC_AWS_0054 accepted risk\n'), status: 'fail' },
    { name: '# ts:skip= with a space: Terrascan does not read it, so not honoured', tf: db('', '  # ts:skip=AC_AWS_0054 accepted risk\n'), status: 'fail' },
    { name: '//ts:skip=: not read', tf: db('', '  //ts:skip=AC_AWS_0054 accepted risk\n'), status: 'fail' },
    { name: 'another Terrascan id', tf: db('', '  #ts:skip=AC_AWS_0207 versioning\n'), status: 'fail' },
  ];
  for (const c of cases) {
    test(c.name, () => {
      const result = runMapped(c.tf);
      assert.deepEqual(statuses(result), [c.status]);
      if (c.reason !== undefined) assert.equal(result.findings[0]!.waiver?.reason, c.reason);
    });
  }

  test('a built-in rule is not waived by a Terrascan id, which it does not map', () => {
    assert.deepEqual(statuses(run({ 'main.tf': db('', '  #ts:skip=AC_AWS_0054 accepted risk\n') })), ['fail']);
  });

  test('a marker on a module block does not cover the resources inside it (Terrascan reads resources only)', () => {
    const map = new Map(Object.entries({ 'main.tf': 'module "db" {\n  #ts:skip=AC_AWS_0054 sandbox\n  source = "./modules/db"\n}\n', 'modules/db/main.tf': db('') }));
    const { model } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
    assert.deepEqual(runRules(model, [mapped], { today: '2026-06-01', suppressions: suppressionIndexOf(model) }).findings.map((f) => f.status), ['fail']);
  });

  test('parsing', () => {
    assert.deepEqual(parseMarkers('  #ts:skip=AC_AWS_0207 versioning is on in the replica'), [
      { tool: 'terrascan', ids: ['AC_AWS_0207'], reason: 'versioning is on in the replica', insideResourceOnly: true, marker: '#ts:skip=AC_AWS_0207' },
    ]);
    assert.deepEqual(parseMarkers('#ts:skip=AC-AWS-NS-IN-M-1172 should skip this rule')[0]!.ids, ['AC-AWS-NS-IN-M-1172']);
    assert.deepEqual(parseMarkers('# ts:skip=AC_AWS_0207 reason'), []);
    assert.deepEqual(parseMarkers('#ts:skip=nothing'), []);
  });
});

test('a suppression above or inside a variable, output, provider or terraform block is honoured as on a resource (they were neither honoured nor reported)', async () => {
  const { default: sensitiveVariables } = await import('../rules/terraform/tf-sensitive-variables.js');
  const { default: sensitiveOutputs } = await import('../rules/terraform/tf-sensitive-outputs.js');
  const { default: approvedRegions } = await import('../rules/phi/phi-approved-regions.js');
  const ignore = (id: string): string => `# safeguard:ignore ${id} a fixture value the pipeline replaces\n`;
  const files = {
    'main.tf':
      `variable "db_password" {\n  ${ignore('tf-sensitive-variables')}  type    = string\n  default = "fixture-value-EXAMPLE"\n}\n` +
      `${ignore('tf-sensitive-variables')}variable "api_token" {\n  type    = string\n  default = "fixture-value-EXAMPLE"\n}\n` +
      `variable "admin_password" {\n  type    = string\n  default = "fixture-value-EXAMPLE"\n}\n` +
      `${ignore('tf-sensitive-outputs')}output "admin_token" {\n  value = "fixture-value-EXAMPLE-1234567"\n}\n` +
      `${ignore('tf-required-version-pinned')}terraform {\n}\n` +
      `provider "aws" {\n  ${ignore('phi-approved-regions')}  region = "ap-south-1"\n}\n`,
  };
  const map = new Map(Object.entries(files));
  const { model } = evaluateTerraform({ files: map, readFile: (p) => map.get(p) });
  const rules = [sensitiveVariables, sensitiveOutputs, approvedRegions, requiredVersionPinned] as unknown as AnyRule[];
  const result = runRules(model, rules, { today: '2026-06-01', suppressions: suppressionIndexOf(model) });
  const byAddress = result.findings.filter((f) => f.status !== 'pass').map((f) => `${f.ruleId} ${f.resource.address} ${f.status}`).sort();
  assert.deepEqual(byAddress.filter((x) => x.startsWith('tf-sensitive-variables')), [
    'tf-sensitive-variables var.admin_password fail',
    'tf-sensitive-variables var.api_token waived',
    'tf-sensitive-variables var.db_password waived',
  ]);
  assert.ok(byAddress.some((x) => x.startsWith('tf-sensitive-outputs ') && x.endsWith(' waived')), byAddress.join('; '));
  assert.ok(!byAddress.some((x) => x.startsWith('tf-sensitive-outputs ') && x.endsWith(' fail')), byAddress.join('; '));
  assert.ok(byAddress.some((x) => x.startsWith('tf-required-version-pinned ') && x.endsWith(' waived')), byAddress.join('; '));
  assert.ok(byAddress.some((x) => x.startsWith('phi-approved-regions provider.aws') && x.endsWith(' waived')), byAddress.join('; '));
  assert.ok(!byAddress.some((x) => x.endsWith(' fail') && !x.includes('admin_password')), byAddress.join('; '));
});
