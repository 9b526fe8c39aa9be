import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-rds-multi-az',
  title: 'RDS instances run Multi-AZ',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(C)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)'],
  kind: 'attr',
  why: 'A single-AZ database goes down with its Availability Zone; Multi-AZ keeps a synchronous standby so ePHI stays available for care during an outage.',
  howToFix: 'Set multi_az = true on the aws_db_instance (SQL Server Express cannot run Multi-AZ: use the Standard, Enterprise or Web edition).',
  links: ['https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.html', 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_SQLServerMultiAZ.html'],
  references: { awsConfig: ['rds-multi-az-support'], checkov: ['CKV_AWS_157'] },
  targets: (model) => model.ofType('aws_db_instance').filter((db) => !(asString(db.attributes.get('engine')?.value) ?? '').startsWith('aurora')),
  check: (db) => {
    const judged = requireBoolean(db.address, db, 'multi_az', true, {
      providerDefault: false,
      consequence: 'losing one Availability Zone takes the database offline',
      fix: { description: 'Run the instance Multi-AZ', safety: 'unsafe', fixValue: 'true' },
    });
    // RDS runs SQL Server Multi-AZ on Standard and Enterprise (Always On, mirroring) and Web
    // (block-level replication) editions, never Express (USER_SQLServerMultiAZ.html): the finding
    // offered multi_az = true, which RDS refuses for it. It is told at the engine, with its fix.
    const engine = db.attributes.get('engine');
    if (judged.status !== 'fail' || engine === undefined || asString(engine.value) !== 'sqlserver-ex') return judged;
    return fail(engine, {
      message: `${db.address} runs SQL Server Express edition (engine "sqlserver-ex"), which RDS cannot run Multi-AZ, so losing one Availability Zone takes the database offline; move it to the Standard, Enterprise or Web edition and set multi_az = true.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n}\n'],
      good: ['resource "aws_db_instance" "phi" {\n  engine         = "postgres"\n  instance_class = "db.t3.micro"\n  multi_az       = true\n}\n'],
    },
  },
});
