import type { InfraModel } from '../../../model/infra-model.js';
import { computedAttribute, computedFromValue } from '../../../model/computed-from.js';
import type { Sourced } from '../../../model/sourced.js';
import type { Resource } from '../../../model/resource.js';
import { UNKNOWN_TEXT } from '../../../model/value.js';
import { asBoolean, asList } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { allowsAction, readSourcedPolicy } from '../iam/policy-statements.js';
import { keyPolicyOf } from '../kms/key-policy.js';

interface Params {
  readonly requireAlarmActions: boolean;
  readonly requireInsufficientDataActions: boolean;
  readonly requireOkActions: boolean;
  [key: string]: boolean;
}

/**
 * An SNS topic the alarm notifies that CloudWatch cannot publish to: encrypted with a KMS key whose
 * key policy does not let cloudwatch.amazonaws.com use it (the AWS-managed alias/aws/sns key, or a
 * customer-managed key with the default or a policy that names no such grant). AWS's SNS guide: the
 * key policy must allow CloudWatch kms:Decrypt and kms:GenerateDataKey*.
 */
function topicCloudWatchCannotUse(model: InfraModel, alarm: Resource): { readonly topic: string; readonly why: string } | undefined {
  for (const topic of model.related(alarm, 'aws_sns_topic')) {
    const key = topic.attributes.get('kms_master_key_id');
    if (key === undefined || key.value === null || key.value === '') continue;
    if (typeof key.value === 'string' && /alias\/aws\/sns$/.test(key.value)) return { topic: topic.address, why: 'it is encrypted with the AWS-managed alias/aws/sns key, whose policy no service can be granted' };
    const address = computedFromValue(key.value);
    // The key of the topic's own root module: addresses repeat across root modules, and a search of
    // every resource took another stack's key (and its policy) and read every resource per alarm.
    const kms = address === undefined ? undefined : model.ofType('aws_kms_key').find((r) => r.address === address && r.root === topic.root);
    if (kms === undefined) continue;
    // The key's own policy or a separate aws_kms_key_policy attached to it.
    const keyPolicy = keyPolicyOf(model, kms);
    if (keyPolicy === undefined) return { topic: topic.address, why: `its key ${kms.address} keeps the default key policy, which grants no service` };
    const doc = readSourcedPolicy(keyPolicy.policy);
    if (doc === undefined || doc === 'unknown') continue;
    const grants = doc.statements.some((st) => st.effect === 'Allow' && !st.effectUnknown && st.principals.some((pr) => pr.ids.some((id) => id === 'cloudwatch.amazonaws.com' || id === '*' || id === UNKNOWN_TEXT)) && allowsAction(st, 'kms:GenerateDataKey') !== false);
    const where = keyPolicy.setBy === kms ? `the key policy of ${kms.address}` : `the key policy ${keyPolicy.setBy.address} sets on ${kms.address}`;
    if (!grants) return { topic: topic.address, why: `${where} does not let cloudwatch.amazonaws.com use the key` };
  }
  return undefined;
}

/**
 * An action list known only at apply time that still names one action: a plan has no element of a
 * set with an unknown one (`alarm_actions = [aws_sns_topic.t.arn]` before the topic exists is
 * wholly unknown, where the sources hold a list of one unknown ARN), and its configuration's
 * references all name one resource's `arn` (the adapter gives it as that attribute's cause). An
 * ARN is one non-empty string, so the list holds it; an SNS topic's `id` is its ARN too. Any other
 * cause (a variable, a list attribute that may be empty) stays unknown.
 */
function namesOneAction(v: Sourced): boolean {
  const attribute = computedAttribute(v);
  if (attribute === undefined) return false;
  return attribute.endsWith('.arn') || /(^|\.)aws_sns_topic\.[^.]+\.id$/.test(attribute);
}

export default defineRule<Resource, Params>({
  id: 'aws-cloudwatch-alarm-actions',
  title: 'CloudWatch alarms are enabled and notify someone',
  severity: 'low',
  controls: ['164.308(a)(6)(i)', '164.308(a)(6)(ii)', '164.312(b)'],
  kind: 'attr',
  why: 'An alarm that is disabled or has no action changes state silently, so an incident affecting ePHI systems is not reported to anyone.',
  howToFix: 'Keep actions_enabled = true and set alarm_actions and insufficient_data_actions to an SNS topic (or other action) that reaches the on-call team.',
  links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/AlarmThatSendsEmail.html'],
  references: { awsConfig: ['cloudwatch-alarm-action-check'], checkov: ['CKV_AWS_319'] },
  // AWS Config pack defaults: alarm and insufficient-data actions required, OK actions optional.
  params: { requireAlarmActions: true, requireInsufficientDataActions: true, requireOkActions: false },
  targets: (model) => model.ofType('aws_cloudwatch_metric_alarm'),
  check(alarm, { model, params }): Outcome {
    const enabled = alarm.attributes.get('actions_enabled');
    if (enabled && !isApplyTime(enabled) && asBoolean(enabled.value) === false) {
      return fail(enabled, {
        message: `${alarm.address} sets actions_enabled to false, so state changes notify nobody.`,
        fix: { description: 'Enable alarm actions', safety: 'safe', terraform: (edit) => edit.setAttribute(alarm.span, 'actions_enabled', 'true') },
      });
    }
    const required: string[] = [];
    if (params.requireAlarmActions) required.push('alarm_actions');
    if (params.requireInsufficientDataActions) required.push('insufficient_data_actions');
    if (params.requireOkActions) required.push('ok_actions');
    const missing: string[] = [];
    const empty: string[] = [];
    let applyTime: { readonly name: string; readonly value: Sourced } | undefined;
    for (const name of required) {
      const v = alarm.attributes.get(name);
      if (v && isApplyTime(v)) {
        if (!namesOneAction(v)) applyTime ??= { name, value: v };
      } else if (!v || asList(v.value).length === 0) {
        (v && Array.isArray(v.value) && v.provenance === 'explicit' ? empty : missing).push(name);
      }
    }
    // A list known to be empty fails whatever the others and actions_enabled turn out to be: the
    // state it covers notifies nobody. Returning unknown at the first apply-time list hid it (a plan,
    // where `alarm_actions = [aws_sns_topic.t.arn]` is unknown, of an alarm without
    // insufficient_data_actions, which the sources fail).
    if (missing.length > 0 || empty.length > 0) {
      // Say what goes unnotified: each action list covers one state (ALARM, INSUFFICIENT_DATA, OK).
      const states: Record<string, string> = { alarm_actions: 'when it fires', insufficient_data_actions: 'when it loses its data', ok_actions: 'when it recovers' };
      const said = [
        ...(missing.length > 0 ? [`does not set ${missing.join(' or ')}`] : []),
        ...(empty.length > 0 ? [`sets ${empty.join(' and ')} to an empty list`] : []),
      ];
      const unnotified = required.filter((n) => missing.includes(n) || empty.includes(n));
      return fail(alarm, { message: `${alarm.address} ${said.join(' and ')}, so nobody is notified ${unnotified.map((m) => states[m]).join(' or ')}.` });
    }
    if (enabled && isApplyTime(enabled)) return unknown(enabled, `${alarm.address}: actions_enabled is known only at apply time (${reasonOf(enabled)}).`);
    if (applyTime) return unknown(applyTime.value, `${alarm.address}: ${applyTime.name} is known only at apply time (${reasonOf(applyTime.value)}).`);
    const silent = topicCloudWatchCannotUse(model, alarm);
    if (silent !== undefined) return fail(alarm, { message: `${alarm.address} notifies ${silent.topic}, but ${silent.why}, so CloudWatch cannot publish to it and every notification is dropped.` });
    return pass(alarm);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_cloudwatch_metric_alarm" "db_cpu" {\n  alarm_name          = "phi-db-cpu"\n  namespace           = "AWS/RDS"\n  metric_name         = "CPUUtilization"\n  statistic           = "Average"\n  period              = 300\n  evaluation_periods  = 2\n  threshold           = 90\n  comparison_operator = "GreaterThanThreshold"\n}\n',
      ],
      good: [
        'resource "aws_cloudwatch_metric_alarm" "db_cpu" {\n  alarm_name                = "phi-db-cpu"\n  namespace                 = "AWS/RDS"\n  metric_name               = "CPUUtilization"\n  statistic                 = "Average"\n  period                    = 300\n  evaluation_periods        = 2\n  threshold                 = 90\n  comparison_operator       = "GreaterThanThreshold"\n  alarm_actions             = ["arn:aws:sns:us-east-1:123456789012:oncall"]\n  insufficient_data_actions = ["arn:aws:sns:us-east-1:123456789012:oncall"]\n}\n',
      ],
    },
  },
});
