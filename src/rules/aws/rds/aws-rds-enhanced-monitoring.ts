import type { Resource } from '../../../model/resource.js';
import { asNumber, attr, attrOr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';

export default defineRule<Resource>({
  id: 'aws-rds-enhanced-monitoring',
  title: 'RDS instances have Enhanced Monitoring',
  severity: 'low',
  controls: ['164.312(b)'],
  kind: 'attr',
  why: 'Enhanced Monitoring records OS-level activity (processes, connections, I/O) of databases holding ePHI, which helps reconstruct what happened during an incident.',
  howToFix: 'Set monitoring_interval to 1, 5, 10, 15, 30 or 60 and monitoring_role_arn to a role with AmazonRDSEnhancedMonitoringRole.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_Monitoring.OS.html'],
  references: { awsConfig: ['rds-enhanced-monitoring-enabled'], checkov: ['CKV_AWS_118'] },
  targets: (model) => [...model.ofType('aws_db_instance'), ...model.ofType('aws_rds_cluster_instance')],
  check(db) {
    const interval = attrOr(db, 'monitoring_interval', 0);
    if (isUnresolved(interval)) return unknown(interval, `${db.address}: monitoring_interval depends on ${applyTimeReason(interval)}.`);
    const seconds = asNumber(interval.value) ?? 0;
    if (seconds <= 0) {
      return fail(interval, {
        message: interval.provenance === 'default' ? `${db.address} does not set monitoring_interval, so Enhanced Monitoring is off.` : `${db.address} sets monitoring_interval to 0, so Enhanced Monitoring is off.`,
      });
    }
    if (!attr(db, 'monitoring_role_arn')) return fail(interval, { message: `${db.address} sets monitoring_interval but no monitoring_role_arn, so RDS cannot publish Enhanced Monitoring metrics.` });
    return pass(interval, `${db.address} has Enhanced Monitoring every ${seconds} seconds.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine            = "postgres"\n  instance_class    = "db.t3.micro"\n  allocated_storage = 20\n}\n'],
      good: [
        'resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  allocated_storage   = 20\n  monitoring_interval = 60\n  monitoring_role_arn = "arn:aws:iam::123456789012:role/rds-monitoring"\n}\n',
      ],
    },
  },
});
