import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule } from '../../define-rule.js';
import { requireNumber } from '../judge-setting.js';

const TYPES = ['aws_db_instance', 'aws_rds_cluster', 'aws_docdb_cluster', 'aws_neptune_cluster'];

interface Params {
  readonly minRetentionDays: number;
  [key: string]: number;
}

export default defineRule<Resource, Params>({
  id: 'aws-rds-backup-retention',
  title: 'Databases keep automated backups long enough',
  severity: 'high',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'attr',
  why: 'Automated backups and point-in-time restore are how a database of ePHI comes back after corruption or a bad change; a retention of 0 or 1 day leaves almost no window to notice and recover.',
  howToFix: 'Set backup_retention_period to at least 7 (up to 35) days, with a backup_window outside peak hours.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html'],
  references: {
    awsConfig: ['db-instance-backup-enabled', 'neptune-cluster-backup-retention-check'],
    checkov: ['CKV_AWS_133', 'CKV_AWS_360', 'CKV_AWS_361'],
    trivy: ['AVD-AWS-0077', 'aws-rds-specify-backup-retention'],
  },
  params: { minRetentionDays: 7 },
  targets: (model) =>
    TYPES.flatMap((t) => model.ofType(t)).filter((db) => {
      if (db.type !== 'aws_db_instance') return true;
      if ((asString(db.attributes.get('engine')?.value) ?? '').startsWith('aurora')) return false; // the cluster keeps the backups
      return !db.attributes.has('replicate_source_db'); // read replicas are rebuilt from their source
    }),
  check: (db, { params }) =>
    requireNumber(db.address, db, 'backup_retention_period', (n) => n >= params.minRetentionDays, {
      // Omitted, AWS applies its API default of 1 day.
      providerDefault: 1,
      consequence: `automated backups are kept for less than ${params.minRetentionDays} days`,
      fix: { description: `Keep automated backups for ${params.minRetentionDays} days`, safety: 'safe', fixValue: String(params.minRetentionDays) },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  backup_retention_period = 0\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine                  = "postgres"\n  instance_class          = "db.t3.micro"\n  backup_retention_period = 14\n  backup_window           = "03:00-04:00"\n}\n'],
    },
  },
});
