import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asString, blockOf } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { knownText, UNKNOWN_TEXT } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../../define-rule.js';
import { accountBaselineInScope, accountScope, baselineWords, subjectsWhere } from '../account-baseline.js';
import { mayShareAccount, organizationTrails } from '../account.js';
import { weakMemo } from '../../../util/weak-memo.js';
import { pushTo } from '../../../util/multi-map.js';
import { isApplyTime, referencesType } from '../judge-setting.js';
import { BASELINE_READS } from '../across-roots-types.js';

/** The CIS CloudWatch monitoring events (trivy AVD-AWS-0147..0160, 0174): a filter pattern must mention all parts of one entry. */
const EVENTS: Readonly<Record<string, { readonly label: string; readonly patterns: readonly RegExp[] }>> = {
  'console-login-failures': { label: 'console sign-in failures', patterns: [/ConsoleLogin/, /Failed authentication/i] },
  'root-usage': { label: 'root account use', patterns: [/userIdentity\.type\s*=\s*"?Root/i] },
  'unauthorized-api-calls': { label: 'unauthorized API calls', patterns: [/UnauthorizedOperation|AccessDenied/] },
  'console-login-without-mfa': { label: 'console sign-in without MFA', patterns: [/ConsoleLogin/, /MFAUsed/] },
  'iam-policy-changes': { label: 'IAM policy changes', patterns: [/PutUserPolicy|PutRolePolicy|PutGroupPolicy|AttachRolePolicy|CreatePolicy|DeletePolicy/] },
  'cloudtrail-changes': { label: 'CloudTrail configuration changes', patterns: [/StopLogging|DeleteTrail|UpdateTrail/] },
  'config-changes': { label: 'AWS Config changes', patterns: [/StopConfigurationRecorder|DeleteDeliveryChannel|PutConfigurationRecorder/] },
  'cmk-disable-or-deletion': { label: 'KMS key disabling or deletion', patterns: [/DisableKey|ScheduleKeyDeletion/] },
  's3-bucket-policy-changes': { label: 'S3 bucket policy changes', patterns: [/PutBucketPolicy|DeleteBucketPolicy|PutBucketAcl/] },
  'security-group-changes': { label: 'security group changes', patterns: [/AuthorizeSecurityGroupIngress|CreateSecurityGroup|DeleteSecurityGroup/] },
  'nacl-changes': { label: 'network ACL changes', patterns: [/CreateNetworkAcl|DeleteNetworkAcl|ReplaceNetworkAclEntry/] },
  'network-gateway-changes': { label: 'network gateway changes', patterns: [/CustomerGateway|InternetGateway/] },
  'route-table-changes': { label: 'route table changes', patterns: [/CreateRoute|ReplaceRoute|DeleteRouteTable|DisassociateRouteTable/] },
  'vpc-changes': { label: 'VPC changes', patterns: [/CreateVpc|DeleteVpc|ModifyVpcAttribute/] },
  'organizations-changes': { label: 'AWS Organizations changes', patterns: [/organizations\.amazonaws\.com/] },
};

interface Params {
  readonly events: readonly string[];
  [key: string]: readonly string[];
}

/** Metric filters with an alarm on their metric, as (pattern, filter). */
function alarmedPatterns(model: InfraModel): { pattern: string; filter: Resource }[] {
  // What the alarms reference and watch, gathered once: asking every alarm about every filter is
  // quadratic in a monorepo whose root modules each hold both.
  // The filters an alarm references: those of its own root module and module instance (another
  // stack's alarm on its filter at the same address does not watch this stack's).
  const referenced = new Set<Resource>();
  const alarmsByMetric = new Map<string, { readonly namespace: string | undefined; readonly alarm: Resource }[]>();
  for (const a of model.ofType('aws_cloudwatch_metric_alarm')) {
    for (const r of a.references) if (/(^|\.)aws_cloudwatch_log_metric_filter\.[^.]+$/.test(r)) for (const f of model.resolve(a, r)) referenced.add(f);
    const metric = asString(a.attributes.get('metric_name')?.value);
    if (metric === undefined) continue;
    pushTo(alarmsByMetric, metric, { namespace: asString(a.attributes.get('namespace')?.value), alarm: a });
  }
  const out: { pattern: string; filter: Resource }[] = [];
  for (const filter of model.ofType('aws_cloudwatch_log_metric_filter')) {
    const pattern = asString(filter.attributes.get('pattern')?.value);
    if (pattern === undefined) continue;
    const transform = blockOf(filter, 'metric_transformation');
    const metric = asString(transform?.attributes.get('name')?.value);
    const namespace = asString(transform?.attributes.get('namespace')?.value);
    // An alarm watches a metric of its own AWS account (account.ts): another account's alarm on the same name does not.
    const watching = metric === undefined ? undefined : alarmsByMetric.get(metric);
    const alarmed = referenced.has(filter) || (watching !== undefined && watching.some((w) => mayShareAccount(w.alarm, filter) && (namespace === undefined || w.namespace === namespace)));
    if (alarmed) out.push({ pattern, filter });
  }
  return out;
}

const alarmedMemo = new WeakMap<InfraModel, readonly { pattern: string; filter: Resource }[]>();

/** The log group a trail delivers to: its name (from the ARN or the declared group) and the declared group. */
function trailLogGroup(model: InfraModel, trail: Resource, arn: Sourced): { readonly name?: string; readonly group?: Resource } {
  const group = model.related(trail, 'aws_cloudwatch_log_group').find((g) => trail.references.includes(g.configAddress));
  const fromArn = /:log-group:([^:*]+)/.exec(knownText(arn.value) ?? '')?.[1];
  const name = fromArn !== undefined && !fromArn.includes(UNKNOWN_TEXT) ? fromArn : asString(group?.attributes.get('name')?.value);
  return name === undefined ? { group } : { name, group };
}

/**
 * Whether a metric filter reads the trail's log group: a filter only sees the events of its own
 * log_group_name, so one on another group never sees a CloudTrail event. 'maybe' when a name is unknown.
 */
function readsTrailGroup(model: InfraModel, filter: Resource, target: { readonly name?: string; readonly group?: Resource }): 'yes' | 'no' | 'maybe' {
  const name = asString(filter.attributes.get('log_group_name')?.value);
  if (name !== undefined && target.name !== undefined) return name === target.name ? 'yes' : 'no';
  // By reference: the group of the filter's own root module (another stack's group at that address is not the trail's).
  if (target.group && filter.references.includes(target.group.configAddress) && model.resolve(filter, target.group.configAddress).includes(target.group)) return 'yes';
  return 'maybe';
}

function coveredBy(patterns: readonly { pattern: string }[]): ReadonlySet<string> {
  return new Set(Object.keys(EVENTS).filter((key) => patterns.some((p) => EVENTS[key]!.patterns.every((re) => re.test(p.pattern)))));
}

export default defineRule<Subject, Params>({
  id: 'aws-security-event-alarms',
  title: 'CloudWatch alarms watch CloudTrail for security events',
  severity: 'medium',
  controls: ['164.308(a)(5)(ii)(C)', '164.308(a)(6)(i)', '164.308(a)(6)(ii)', '164.308(a)(1)(ii)(D)'],
  kind: 'graph',
  why: 'Failed sign-ins, root use, denied API calls and changes to IAM, logging and network controls are early signs of an attack on ePHI; without alarms nobody is told while it happens.',
  howToFix:
    'Send the trail to CloudWatch Logs (cloud_watch_logs_group_arn) and add an aws_cloudwatch_log_metric_filter with an aws_cloudwatch_metric_alarm (notifying an SNS topic) for each security event: sign-in failures, root use, unauthorized calls, sign-in without MFA, and IAM, CloudTrail, Config, KMS, S3 policy, security group, NACL, gateway, route table, VPC and Organizations changes.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudwatch-alarms-for-cloudtrail.html'],
  references: {
    trivy: [
      'AVD-AWS-0152', 'aws-cloudwatch-require-console-login-failures-alarm',
      'AVD-AWS-0149', 'aws-cloudwatch-require-root-user-usage-alarm',
      'AVD-AWS-0147', 'aws-cloudwatch-require-unauthorised-api-call-alarm',
      'AVD-AWS-0148', 'aws-cloudwatch-require-non-mfa-login-alarm',
      'AVD-AWS-0150', 'aws-cloudwatch-require-iam-policy-change-alarm',
      'AVD-AWS-0151', 'aws-cloudwatch-require-cloud-trail-change-alarm',
      'AVD-AWS-0153', 'aws-cloudwatch-require-cmk-disabled-alarm',
      'AVD-AWS-0154', 'aws-cloudwatch-require-s3-bucket-policy-change-alarm',
      'AVD-AWS-0155', 'aws-cloudwatch-require-config-configuration-changes-alarm',
      'AVD-AWS-0156', 'aws-cloudwatch-require-sg-change-alarms',
      'AVD-AWS-0157', 'aws-cloudwatch-require-nacl-changes-alarm',
      'AVD-AWS-0158', 'aws-cloudwatch-require-network-gateway-changes-alarm',
      'AVD-AWS-0159',
      'AVD-AWS-0160', 'aws-cloudwatch-require-vpc-changes-alarm',
      'AVD-AWS-0174', 'aws-cloudwatch-require-org-changes-alarm',
    ],
  },
  params: { events: Object.keys(EVENTS) },
  targets(model) {
    // And each AWS account no trail logs (account-baseline.ts; an organization trail logs every account).
    const orgTrails = organizationTrails(model).length > 0;
    return [...model.ofType('aws_cloudtrail'), ...subjectsWhere(model, (scope) => !orgTrails && scope.ofType('aws_cloudtrail').length === 0)];
  },
  check(target, { model, params }): Outcome {
    if (target.type !== 'aws_cloudtrail') {
      if (!accountBaselineInScope(accountScope(model, target))) return unknown(target, `Not evidenced: ${baselineWords(target)} is not in the scanned scope, so security event alarms cannot be judged.`);
      return fail(target, { message: `${baselineWords(target, true)} declares no CloudTrail trail, so no security events reach CloudWatch alarms.` });
    }
    const trail = target as Resource;
    const group = trail.attributes.get('cloud_watch_logs_group_arn');
    if (!group || group.value === null || group.value === '') {
      return fail(trail, { message: `${trail.address} does not send events to CloudWatch Logs (cloud_watch_logs_group_arn), so no metric filter can alarm on security events.` });
    }
    if (isApplyTime(group) && !referencesType(trail, /^aws_cloudwatch_log_group$/)) return unknown(group, `${trail.address}: the CloudWatch Logs group is known only at apply time.`);
    const logGroup = trailLogGroup(model, trail, group);
    const alarmed = weakMemo(alarmedMemo, model, alarmedPatterns);
    // Filters and alarms of the trail's own AWS account (account.ts): another account's read another log group.
    const reading = alarmed.filter((p) => mayShareAccount(p.filter, trail)).map((p) => ({ ...p, reads: readsTrailGroup(model, p.filter, logGroup) }));
    const missingFrom = (covered: ReadonlySet<string>): string[] => params.events.filter((key) => EVENTS[key] !== undefined && !covered.has(key));
    const missing = missingFrom(coveredBy(reading.filter((p) => p.reads === 'yes')));
    if (missing.length === 0) return pass(group);
    if (missingFrom(coveredBy(reading.filter((p) => p.reads !== 'no'))).length === 0) {
      return unknown(group, `${trail.address}: some alarmed metric filters read a log group known only at apply time, so whether they see the trail's events cannot be judged.`);
    }
    const elsewhere = missingFrom(coveredBy(reading)).length < missing.length ? ' (filters on other log groups see no CloudTrail event)' : '';
    return fail(group, {
      message: `${trail.address} has no alarmed metric filter on its log group${logGroup.name === undefined ? '' : ` ${logGroup.name}`} for ${missing.map((k) => EVENTS[k]!.label).join(', ')}${elsewhere}.`,
    });
  },
  acrossRoots: {
    why: 'root modules naming no AWS account are judged as one account, and an account\'s baseline may live in any of its stacks (account.ts)',
    reads: [...BASELINE_READS, 'aws_cloudwatch_log_group', 'aws_cloudwatch_log_metric_filter', 'aws_cloudwatch_metric_alarm', 'aws_sns_topic'],
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_cloudwatch_log_group" "trail" {\n  name = "cloudtrail"\n}\n\nresource "aws_cloudtrail" "main" {\n  name                       = "main"\n  s3_bucket_name             = "audit-logs"\n  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"\n  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail-to-logs"\n}\n',
      ],
      good: [
        `locals {
  security_events = {
    ConsoleLoginFailures = "{ ($.eventName = ConsoleLogin) && ($.errorMessage = \\"Failed authentication\\") }"
    RootUsage            = "{ $.userIdentity.type = \\"Root\\" && $.userIdentity.invokedBy NOT EXISTS && $.eventType != \\"AwsServiceEvent\\" }"
    UnauthorizedCalls    = "{ ($.errorCode = \\"*UnauthorizedOperation\\") || ($.errorCode = \\"AccessDenied*\\") }"
    LoginWithoutMFA      = "{ ($.eventName = \\"ConsoleLogin\\") && ($.additionalEventData.MFAUsed != \\"Yes\\") }"
    IAMPolicyChanges     = "{ ($.eventName = PutUserPolicy) || ($.eventName = PutRolePolicy) || ($.eventName = AttachRolePolicy) || ($.eventName = CreatePolicy) }"
    CloudTrailChanges    = "{ ($.eventName = StopLogging) || ($.eventName = DeleteTrail) || ($.eventName = UpdateTrail) }"
    ConfigChanges        = "{ ($.eventName = StopConfigurationRecorder) || ($.eventName = DeleteDeliveryChannel) }"
    KeyDeletion          = "{ ($.eventName = DisableKey) || ($.eventName = ScheduleKeyDeletion) }"
    BucketPolicyChanges  = "{ ($.eventName = PutBucketPolicy) || ($.eventName = DeleteBucketPolicy) || ($.eventName = PutBucketAcl) }"
    SecurityGroups       = "{ ($.eventName = AuthorizeSecurityGroupIngress) || ($.eventName = CreateSecurityGroup) || ($.eventName = DeleteSecurityGroup) }"
    NetworkACLs          = "{ ($.eventName = CreateNetworkAcl) || ($.eventName = DeleteNetworkAcl) || ($.eventName = ReplaceNetworkAclEntry) }"
    Gateways             = "{ ($.eventName = CreateCustomerGateway) || ($.eventName = AttachInternetGateway) || ($.eventName = DeleteInternetGateway) }"
    RouteTables          = "{ ($.eventName = CreateRoute) || ($.eventName = ReplaceRoute) || ($.eventName = DeleteRouteTable) }"
    VPCs                 = "{ ($.eventName = CreateVpc) || ($.eventName = DeleteVpc) || ($.eventName = ModifyVpcAttribute) }"
    Organizations        = "{ $.eventSource = organizations.amazonaws.com }"
  }
}

resource "aws_cloudwatch_log_group" "trail" {
  name = "cloudtrail"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "audit-logs"
  cloud_watch_logs_group_arn = "\${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::123456789012:role/trail-to-logs"
}

resource "aws_cloudwatch_log_metric_filter" "security" {
  for_each       = local.security_events
  name           = each.key
  log_group_name = aws_cloudwatch_log_group.trail.name
  pattern        = each.value

  metric_transformation {
    name      = each.key
    namespace = "SecurityEvents"
    value     = "1"
  }
}

resource "aws_cloudwatch_metric_alarm" "security" {
  for_each            = local.security_events
  alarm_name          = each.key
  namespace           = "SecurityEvents"
  metric_name         = each.key
  statistic           = "Sum"
  period              = 300
  evaluation_periods  = 1
  threshold           = 1
  comparison_operator = "GreaterThanOrEqualToThreshold"
  alarm_actions       = ["arn:aws:sns:us-east-1:123456789012:security-alerts"]
}
`,
      ],
    },
  },
});
