import type { Resource } from '../../../model/resource.js';
import { blockOf } from '../../../model/read.js';
import { defineRule, fail } from '../../define-rule.js';
import { requireBoolean } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-dynamodb-pitr',
  title: 'DynamoDB tables have point-in-time recovery',
  severity: 'high',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(i)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'attr',
  why: 'Point-in-time recovery restores a table of ePHI to any second in the last 35 days after an accidental write or delete; without it there is no exact copy to go back to.',
  howToFix: 'Add point_in_time_recovery { enabled = true } to the aws_dynamodb_table.',
  links: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/PointInTimeRecovery.html'],
  references: { awsConfig: ['dynamodb-pitr-enabled'], checkov: ['CKV_AWS_28', 'CKV_AWS_165'], trivy: ['AVD-AWS-0024', 'aws-dynamodb-enable-recovery'] },
  targets: (model) => model.ofType('aws_dynamodb_table'),
  check(table) {
    const pitr = blockOf(table, 'point_in_time_recovery');
    if (!pitr) {
      return fail(table, {
        message: `${table.address} has no point_in_time_recovery block, so the table cannot be restored to an earlier point in time.`,
        fix: { description: 'Enable point-in-time recovery', safety: 'safe', terraform: (edit) => edit.insertBlock(table.span, 'point_in_time_recovery {\n  enabled = true\n}') },
      });
    }
    return requireBoolean(table.address, pitr, 'enabled', true, {
      providerDefault: false,
      label: 'point_in_time_recovery.enabled',
      consequence: 'the table cannot be restored to an earlier point in time',
      fix: { description: 'Enable point-in-time recovery', safety: 'safe', fixValue: 'true' },
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_dynamodb_table" "patients" {\n  name         = "patients"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n'],
      good: [
        'resource "aws_dynamodb_table" "patients" {\n  name         = "patients"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n',
      ],
    },
  },
});
