import type { Resource } from '../../../model/resource.js';
import { asNumber, attr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';

export default defineRule<Resource, { minRetentionDays: number }>({
  id: 'aws-cloudwatch-log-retention',
  title: 'CloudWatch log groups keep logs long enough',
  severity: 'medium',
  controls: ['164.312(b)'],
  kind: 'attr',
  why: 'Breaches are often found months later; audit logs must still exist when someone reviews activity or investigates, and HIPAA programs commonly keep them one to six years.',
  howToFix: 'Set retention_in_days to at least the organisation minimum (default 365; 0 keeps logs forever).',
  links: ['https://docs.aws.amazon.com/AmazonCloudWatch/latest/logs/Working-with-log-groups-and-streams.html#SettingLogRetention'],
  references: { awsConfig: ['cw-loggroup-retention-period-check'], checkov: ['CKV_AWS_66', 'CKV_AWS_338'] },
  params: { minRetentionDays: 365 },
  targets: (model) => model.ofType('aws_cloudwatch_log_group'),
  check(group, { params }) {
    const retention = attr(group, 'retention_in_days');
    if (!retention) {
      return fail(group, {
        message: `${group.address} does not set retention_in_days, so no retention is declared (logs never expire by default, but nothing records the decision).`,
        fix: { description: `Keep logs for ${params.minRetentionDays} days (older events are deleted)`, safety: 'unsafe', terraform: (edit) => edit.setAttribute(group.span, 'retention_in_days', String(params.minRetentionDays)) },
      });
    }
    if (isUnresolved(retention)) return unknown(retention, `${group.address}: retention_in_days depends on ${applyTimeReason(retention)}.`);
    const days = asNumber(retention.value);
    if (days === 0) return pass(retention, `${group.address} keeps logs forever.`);
    if (days !== undefined && days >= params.minRetentionDays) return pass(retention, `${group.address} keeps logs for ${days} days.`);
    return fail(retention, {
      message: `${group.address} keeps logs for ${days ?? '?'} days, less than the ${params.minRetentionDays}-day minimum.`,
      fix: { description: `Keep logs for ${params.minRetentionDays} days`, safety: 'safe', terraform: (edit) => edit.setAttribute(group.span, 'retention_in_days', String(params.minRetentionDays)) },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_cloudwatch_log_group" "app" {\n  name              = "/patient-portal/app"\n  retention_in_days = 30\n}\n'],
      good: ['resource "aws_cloudwatch_log_group" "app" {\n  name              = "/patient-portal/app"\n  retention_in_days = 365\n}\n'],
    },
  },
});
