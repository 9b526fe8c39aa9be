import type { Resource } from '../../../model/resource.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-rds-instance-not-public',
  title: 'RDS instances are not publicly accessible',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'A publicly accessible database gets an internet-resolvable endpoint, so the ePHI in it is one weak password or unpatched engine away from the internet.',
  howToFix: 'Set publicly_accessible = false and reach the database from inside the VPC (application subnets, VPN or a bastion via Session Manager).',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html#USER_VPC.Hiding'],
  references: { awsConfig: ['rds-instance-public-access-check'], checkov: ['CKV_AWS_17'], trivy: ['AVD-AWS-0180', 'aws-rds-enable-public-access', 'aws-rds-no-public-db-access'] },
  targets: (model) => [...model.ofType('aws_db_instance'), ...model.ofType('aws_rds_cluster_instance')],
  check: (db) =>
    requireBoolean(db.address, db, 'publicly_accessible', false, {
      providerDefault: false,
      consequence: 'the database endpoint is reachable from the internet',
      fix: { description: 'Make the database private', safety: 'safe', fixValue: 'false' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = true\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine              = "postgres"\n  instance_class      = "db.t3.micro"\n  publicly_accessible = false\n}\n'],
    },
  },
});
