import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import { evaluateTerraform } from '../../graph/index.js';
import type { AnyRule } from '../define-rule.js';
import { allRules } from '../index.js';
import { accountOf } from './account.js';

function scan(files: Record<string, string>, ruleIds: readonly string[]) {
  const texts = new Map(Object.entries(files));
  const { model, diagnostics } = evaluateTerraform({ files: texts, readFile: (p) => texts.get(p) });
  const rules = (allRules as readonly AnyRule[]).filter((r) => ruleIds.includes(r.id));
  return { model, diagnostics, findings: runRules(model, rules, { today: '2026-01-01' }).findings };
}

const brief = (f: { status: string; resource: { address: string }; span: { file: string } }): string => `${f.status} ${f.resource.address} ${f.span.file}`;

describe("the AWS account a resource's provider names", () => {
  const accountIn = (provider: string, extra = ''): string | undefined => {
    const { model } = scan({ 'main.tf': `${extra}provider "aws" {\n${provider}\n}\nresource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n` }, []);
    return accountOf(model.ofType('aws_s3_bucket')[0]!);
  };
  test('allowed_account_ids of one id', () => assert.equal(accountIn('  allowed_account_ids = ["111122223333"]'), '111122223333'));
  test('several allowed ids: not one account', () => assert.equal(accountIn('  allowed_account_ids = ["111122223333", "444455556666"]'), undefined));
  test("an assumed role's ARN (the last block: the provider chains them)", () => {
    assert.equal(accountIn('  assume_role {\n    role_arn = "arn:aws:iam::111122223333:role/a"\n  }\n  assume_role {\n    role_arn = "arn:aws:iam::444455556666:role/b"\n  }'), '444455556666');
    assert.equal(accountIn('  assume_role_with_web_identity {\n    role_arn = "arn:aws-us-gov:iam::777788889999:role/ci"\n  }'), '777788889999');
  });
  test('from a variable with a value', () => assert.equal(accountIn('  allowed_account_ids = [var.account]', 'variable "account" {\n  default = "111122223333"\n}\n'), '111122223333'));
  test('known only at apply time, or not said: none', () => {
    assert.equal(accountIn('  allowed_account_ids = [var.account]', 'variable "account" {}\n'), undefined);
    assert.equal(accountIn('  region = "us-east-1"'), undefined);
  });
});

describe('account-level rules judge each named account apart', () => {
  const stack = (account: string, body: string): string => `provider "aws" {\n  region = "us-east-1"\n  assume_role {\n    role_arn = "arn:aws:iam::${account}:role/deploy"\n  }\n}\n${body}`;
  const trail = 'resource "aws_cloudtrail" "t" {\n  name                  = "t"\n  s3_bucket_name        = "logs"\n  is_multi_region_trail = true\n}\n';
  const guardduty = 'resource "aws_guardduty_detector" "d" {\n  enable = true\n}\n';
  const volume = 'resource "aws_ebs_volume" "v" {\n  availability_zone = "us-east-1a"\n  size              = 10\n}\n';

  test("prod's account lacks GuardDuty although dev's has it: prod fails (one account passed on dev's detector)", () => {
    const { findings } = scan({ 'dev/main.tf': stack('111122223333', trail + guardduty), 'prod/main.tf': stack('444455556666', trail) }, ['aws-guardduty-enabled']);
    assert.deepEqual(findings.map(brief).sort(), ['fail aws-account-baseline[444455556666] prod/main.tf', 'pass aws-account-baseline[111122223333] dev/main.tf', 'pass aws_guardduty_detector.d dev/main.tf']);
  });

  test('the same stacks naming no account are one account, as before', () => {
    const plain = (body: string): string => `provider "aws" {\n  region = "us-east-1"\n}\n${body}`;
    const { findings } = scan({ 'dev/main.tf': plain(trail + guardduty), 'prod/main.tf': plain(trail) }, ['aws-guardduty-enabled']);
    assert.deepEqual(findings.map(brief).sort(), ['pass aws-account-baseline dev/main.tf', 'pass aws_guardduty_detector.d dev/main.tf']);
  });

  test("a stack naming no account beside named ones is judged on everything (it may be any of them), under the scan's subject", () => {
    const plain = `provider "aws" {\n  region = "us-east-1"\n}\n${volume}`;
    const { findings } = scan({ 'dev/main.tf': stack('111122223333', trail + guardduty), 'prod/main.tf': stack('444455556666', trail), 'shared/main.tf': plain }, ['aws-guardduty-enabled']);
    assert.deepEqual(findings.filter((f) => f.resource.address.startsWith('aws-account')).map((f) => `${f.status} ${f.resource.address}`).sort(), ['fail aws-account-baseline[444455556666]', 'pass aws-account-baseline', 'pass aws-account-baseline[111122223333]']);
  });

  test("EBS encryption by default in one account does not cover another's volume", () => {
    const setting = 'resource "aws_ebs_encryption_by_default" "e" {\n  enabled = true\n}\n';
    const apart = scan({ 'dev/main.tf': stack('111122223333', setting), 'prod/main.tf': stack('444455556666', volume) }, ['aws-ebs-volume-encrypted']);
    assert.deepEqual(apart.findings.map((f) => f.status), ['fail']);
    const same = scan({ 'dev/main.tf': stack('111122223333', setting), 'prod/main.tf': stack('111122223333', volume) }, ['aws-ebs-volume-encrypted']);
    assert.deepEqual(same.findings.map((f) => f.status), ['pass'], 'two stacks of one account: covered');
  });

  test("an alarm of one account does not watch another account's metric filter of the same metric", () => {
    const filters = 'resource "aws_cloudwatch_log_metric_filter" "f" {\n  name           = "root-use"\n  log_group_name = "trail"\n  pattern        = "{ $.userIdentity.type = \\"Root\\" }"\n  metric_transformation {\n    name      = "RootUse"\n    namespace = "Security"\n    value     = "1"\n  }\n}\n';
    const alarm = 'resource "aws_cloudwatch_metric_alarm" "a" {\n  alarm_name          = "root-use"\n  metric_name         = "RootUse"\n  namespace           = "Security"\n  comparison_operator = "GreaterThanOrEqualToThreshold"\n  evaluation_periods  = 1\n  period              = 300\n  statistic           = "Sum"\n  threshold           = 1\n}\n';
    const trailWithLogs = 'resource "aws_cloudwatch_log_group" "trail" {\n  name = "trail"\n}\nresource "aws_cloudtrail" "t" {\n  name                       = "t"\n  s3_bucket_name             = "logs"\n  is_multi_region_trail      = true\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n}\n';
    const judged = (devAccount: string) =>
      scan({ 'prod/main.tf': stack('444455556666', trailWithLogs + filters), 'dev/main.tf': stack(devAccount, alarm) }, ['aws-security-event-alarms']).findings.filter((f) => f.resource.address === 'aws_cloudtrail.t');
    const apart = judged('111122223333');
    assert.equal(apart.length, 1);
    assert.match(apart[0]!.message, /no alarmed metric filter on its log group trail for [^.]*root account use/, "dev's alarm does not watch prod's metric");
    const same = judged('444455556666');
    assert.doesNotMatch(same[0]!.message, /root account use/, 'two stacks of one account: the alarm watches the metric');
  });

  test("a member account is covered by the organization's GuardDuty auto-enable for every member, not for new members only", () => {
    const admin = (members: string) => `${guardduty}resource "aws_guardduty_organization_configuration" "org" {\n  detector_id                      = aws_guardduty_detector.d.id\n  auto_enable_organization_members = "${members}"\n}\n`;
    const judged = (members: string) =>
      scan({ 'security/main.tf': stack('111122223333', trail + admin(members)), 'member/main.tf': stack('444455556666', trail) }, ['aws-guardduty-enabled']).findings.filter((f) => f.resource.address === 'aws-account-baseline[444455556666]');
    assert.deepEqual(judged('ALL').map((f) => f.status), ['pass']);
    assert.match(judged('ALL')[0]!.message, /enables GuardDuty in every member account/);
    assert.deepEqual(judged('NEW').map((f) => f.status), ['unknown']);
    assert.deepEqual(judged('NONE').map((f) => f.status), ['fail']);
  });

  test("Security Hub's organization auto-enable (new members only) leaves a member account not evidenced, not failed", () => {
    const admin = 'resource "aws_securityhub_account" "a" {}\nresource "aws_securityhub_organization_configuration" "org" {\n  auto_enable = true\n}\n';
    const { findings } = scan({ 'security/main.tf': stack('111122223333', trail + admin), 'member/main.tf': stack('444455556666', trail) }, ['aws-securityhub-enabled']);
    assert.deepEqual(findings.filter((f) => f.resource.address === 'aws-account-baseline[444455556666]').map((f) => f.status), ['unknown']);
  });

  test("an organization trail logs every account's activity", () => {
    const org = 'resource "aws_cloudtrail" "org" {\n  name                  = "org"\n  s3_bucket_name        = "logs"\n  is_multi_region_trail = true\n  is_organization_trail = true\n}\n';
    const { findings } = scan({ 'management/main.tf': stack('111122223333', org + guardduty), 'member/main.tf': stack('444455556666', guardduty) }, ['aws-cloudtrail-enabled']);
    // The member account's pass is evidenced where the organization trail is.
    assert.deepEqual(findings.map(brief).sort(), ['pass aws-account-baseline[111122223333] management/main.tf', 'pass aws-account-baseline[444455556666] management/main.tf']);
    assert.match(findings.find((f) => f.resource.address.includes('4444'))!.message, /organization trail/);
  });

  test('an IAM user of one account is not linked to a policy attachment naming the same user in another', () => {
    const user = 'resource "aws_iam_user" "alice" {\n  name = "alice"\n}\n';
    const attachment = 'resource "aws_iam_user_policy_attachment" "a" {\n  user       = "alice"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n';
    const { findings } = scan({ 'dev/main.tf': stack('111122223333', attachment), 'prod/main.tf': stack('444455556666', user) }, ['aws-iam-no-user-attached-policies']);
    assert.deepEqual(findings.filter((f) => f.resource.address === 'aws_iam_user.alice').map((f) => f.status), ['pass']);
  });

  test('an account id from a sensitive value is never printed', () => {
    const hidden = (dir: string, id: string): string => `variable "account" {\n  default   = "${id}"\n  sensitive = true\n}\nprovider "aws" {\n  region              = "us-east-1"\n  allowed_account_ids = [var.account]\n}\n${trail}`;
    const { findings } = scan({ 'dev/main.tf': hidden('dev', '111122223333'), 'prod/main.tf': hidden('prod', '444455556666') }, ['aws-guardduty-enabled']);
    const text = JSON.stringify(findings);
    assert.ok(!text.includes('111122223333') && !text.includes('444455556666'), text);
    // Named by the provider configuration that names it: the same when other accounts come or go.
    assert.deepEqual(findings.map((f) => f.resource.address).sort(), ['aws-account-baseline[aws in dev]', 'aws-account-baseline[aws in prod]']);
    assert.match(findings[0]!.message, /^The baseline of the AWS account named by provider aws in (dev|prod) declares no aws_guardduty_detector/);
  });
});

test("EBS encryption by default is said to use the default key of its own region, not another region's", () => {
  const files = {
    'main.tf':
      'provider "aws" {\n  region = "us-east-1"\n}\nprovider "aws" {\n  alias  = "west"\n  region = "us-west-2"\n}\nresource "aws_ebs_encryption_by_default" "east" {\n  enabled = true\n}\nresource "aws_ebs_default_kms_key" "west" {\n  provider = aws.west\n  key_arn  = "arn:aws:kms:us-west-2:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n}\nresource "aws_cloudtrail" "t" {\n  name           = "t"\n  s3_bucket_name = "logs"\n}\n',
  };
  const { findings } = scan(files, ['aws-ebs-encryption-by-default']);
  assert.deepEqual(findings.map((f) => f.status), ['pass']);
  assert.match(findings[0]!.message, /AWS-managed aws\/ebs key/);
});
