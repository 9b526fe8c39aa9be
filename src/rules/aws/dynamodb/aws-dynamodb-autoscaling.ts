import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

const DIMENSIONS = { read: 'dynamodb:table:ReadCapacityUnits', write: 'dynamodb:table:WriteCapacityUnits' };

/** Scalable targets for the table: linked by reference, or by resource_id = "table/<name>". */
function scalingTargets(model: InfraModel, table: Resource): Resource[] {
  const name = asString(table.attributes.get('name')?.value);
  const linked = new Set(model.related(table, 'aws_appautoscaling_target'));
  for (const t of model.ofType('aws_appautoscaling_target')) {
    if (name !== undefined && asString(t.attributes.get('resource_id')?.value) === `table/${name}`) linked.add(t);
  }
  return [...linked];
}

export default defineRule<Resource>({
  id: 'aws-dynamodb-autoscaling',
  title: 'Provisioned DynamoDB tables auto scale reads and writes',
  severity: 'low',
  controls: ['164.308(a)(7)(i)', '164.308(a)(7)(ii)(C)'],
  kind: 'graph',
  why: 'A provisioned table without auto scaling throttles requests when load rises, making ePHI unavailable exactly when it is busiest.',
  howToFix:
    'Use billing_mode = "PAY_PER_REQUEST", or add aws_appautoscaling_target (with an aws_appautoscaling_policy) for both dynamodb:table:ReadCapacityUnits and dynamodb:table:WriteCapacityUnits.',
  links: ['https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/AutoScaling.html'],
  references: { awsConfig: ['dynamodb-autoscaling-enabled'], checkov: ['CKV2_AWS_16'] },
  targets: (model) => model.ofType('aws_dynamodb_table'),
  check(table, { model }) {
    const mode = table.attributes.get('billing_mode');
    if (mode && isApplyTime(mode)) return unknown(mode, `${table.address}: billing_mode is known only at apply time (${reasonOf(mode)}).`);
    if (asString(mode?.value) === 'PAY_PER_REQUEST') return pass(mode!);
    const dimensions = scalingTargets(model, table).map((t) => asString(t.attributes.get('scalable_dimension')?.value));
    const missing = (Object.keys(DIMENSIONS) as (keyof typeof DIMENSIONS)[]).filter((k) => !dimensions.includes(DIMENSIONS[k]));
    if (missing.length === 0) return pass(table);
    return fail(mode ?? table, {
      message: `${table.address} uses provisioned capacity${mode ? '' : ' (billing_mode defaults to PROVISIONED)'} without ${missing.join(' and ')} auto scaling, so requests are throttled when load rises.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_dynamodb_table" "patients" {\n  name           = "patients"\n  hash_key       = "id"\n  read_capacity  = 5\n  write_capacity = 5\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n'],
      good: ['resource "aws_dynamodb_table" "patients" {\n  name         = "patients"\n  hash_key     = "id"\n  billing_mode = "PAY_PER_REQUEST"\n\n  attribute {\n    name = "id"\n    type = "S"\n  }\n}\n'],
    },
  },
});
