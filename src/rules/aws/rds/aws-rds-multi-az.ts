import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-rds-multi-az',
  title: 'RDS instances run Multi-AZ',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(C)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)'],
  kind: 'attr',
  why: 'A single-AZ database goes down with its Availability Zone; Multi-AZ keeps a synchronous standby so ePHI stays available for care during an outage.',
  howToFix: 'Set multi_az = true on the aws_db_instance.',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html'],
  references: { awsConfig: ['rds-multi-az-support'], checkov: ['CKV_AWS_157'] },
  targets: (model) => model.ofType('aws_db_instance').filter((db) => !(asString(db.attributes.get('engine')?.value) ?? '').startsWith('aurora')),
  check: (db) =>
    requireBoolean(db.address, db, 'multi_az', true, {
      providerDefault: false,
      consequence: 'losing one Availability Zone takes the database offline',
      fix: { description: 'Run the instance Multi-AZ', safety: 'unsafe', fixValue: 'true' },
    }),
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  multi_az       = true\n}\n'],
    },
  },
});
