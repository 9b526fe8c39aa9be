// A real plan (terraform 1.11, hashicorp/aws 5.100.0, `plan -refresh=false`, trimmed: no credentials)
// of CloudWatch alarms notifying an SNS topic not made yet. The plan holds no element of a set with an
// unknown one (`alarm_actions = [aws_sns_topic.oncall.arn]` is wholly unknown) and plans an empty set
// (`alarm_actions = []`) as null: aws-cloudwatch-alarm-actions must judge the plan, alone or beside
// its sources, as the sources are judged, and say of an empty list that it is set to one.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import type { AnyRule } from '../../rules/define-rule.js';
import alarmActions from '../../rules/aws/cloudwatch/aws-cloudwatch-alarm-actions.js';
import type { InfraModel } from '../../model/infra-model.js';
import { planFixture } from '../../testing/plan-fixture.js';

const { planText: PLAN, plan, sources } = planFixture('alarm-actions');

/** `address status: message` of every finding, sorted. */
function verdicts(model: InfraModel): string[] {
  return runRules(model, [alarmActions] as unknown as AnyRule[], { today: '2026-01-01' }).findings.map((f) => `${f.resource.address} ${f.status}: ${f.message}`).sort();
}

const EXPECTED = [
  'aws_cloudwatch_metric_alarm.empty fail: aws_cloudwatch_metric_alarm.empty sets alarm_actions to an empty list, so nobody is notified when it fires.',
  'aws_cloudwatch_metric_alarm.literal pass: aws_cloudwatch_metric_alarm.literal: CloudWatch alarms are enabled and notify someone.',
  'aws_cloudwatch_metric_alarm.no_data_action fail: aws_cloudwatch_metric_alarm.no_data_action does not set insufficient_data_actions, so nobody is notified when it loses its data.',
  'aws_cloudwatch_metric_alarm.notified pass: aws_cloudwatch_metric_alarm.notified: CloudWatch alarms are enabled and notify someone.',
];

test('the fixture: the plan holds the topic\'s ARN sets as unknown and the empty set as null', () => {
  const doc = JSON.parse(PLAN) as { resource_changes: { address: string; change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[] };
  const alarm = (name: string) => doc.resource_changes.find((rc) => rc.address === `aws_cloudwatch_metric_alarm.${name}`)!.change;
  assert.equal(alarm('notified').after_unknown['alarm_actions'], true);
  assert.equal(alarm('no_data_action').after_unknown['alarm_actions'], true);
  assert.equal(alarm('empty').after['alarm_actions'], null);
});

test('the sources', () => {
  assert.deepEqual(verdicts(sources()), EXPECTED);
});

test('a plan alone judges as the sources do: an ARN set is one action, a missing list fails whatever the other is, an empty list is said to be one', () => {
  assert.deepEqual(verdicts(plan()), EXPECTED);
});

test('a plan beside its sources judges as the sources do', () => {
  assert.deepEqual(verdicts(plan(sources())), EXPECTED);
});
