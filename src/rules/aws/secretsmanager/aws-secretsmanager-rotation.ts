import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asNumber, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

/** Days between rotations for `rate(N days|hours)`; cron schedules are read as at most monthly. */
function scheduleDays(expression: string): number | undefined {
  const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i.exec(expression.trim());
  if (rate) return /^hour/i.test(rate[2]!) ? Number(rate[1]) / 24 : Number(rate[1]);
  if (/^cron\(/i.test(expression.trim())) return 31;
  return undefined;
}

function judgeRules(address: string, rules: { span: Resource['span']; attributes: ReadonlyMap<string, Sourced> }, maxDays: number): Outcome {
  const after = rules.attributes.get('automatically_after_days');
  const schedule = rules.attributes.get('schedule_expression');
  for (const v of [after, schedule]) if (v && isApplyTime(v)) return unknown(v, `${address}: the rotation schedule is known only at apply time (${reasonOf(v)}).`);
  const days = after ? asNumber(after.value) : schedule ? scheduleDays(asString(schedule.value) ?? '') : undefined;
  const where = after ?? schedule ?? rules;
  if (days === undefined) return unknown(where, `${address}: the rotation schedule cannot be read.`);
  if (days <= maxDays) return pass(where);
  return fail(where, { message: `${address} rotates every ${days} days, longer than the ${maxDays}-day maximum.` });
}

export default defineRule<Resource, { maxDays: number }>({
  id: 'aws-secretsmanager-rotation',
  title: 'Secrets Manager secrets rotate automatically',
  severity: 'medium',
  controls: ['164.308(a)(5)(ii)(D)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
  kind: 'graph',
  why: 'A database password or API key that never changes stays useful to whoever copied it; automatic rotation limits how long a leaked secret opens ePHI.',
  howToFix: 'Add an aws_secretsmanager_secret_rotation for the secret with rotation_lambda_arn and rotation_rules { automatically_after_days = 30 } (or a schedule_expression within the maximum).',
  links: ['https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotating-secrets.html'],
  references: { awsConfig: ['secretsmanager-rotation-enabled-check', 'secretsmanager-secret-periodic-rotation'], checkov: ['CKV2_AWS_57', 'CKV_AWS_304'] },
  params: { maxDays: 90 },
  targets: (model) => model.ofType('aws_secretsmanager_secret'),
  check(secret, { model, params }) {
    const rotation = model.related(secret, 'aws_secretsmanager_secret_rotation')[0];
    const rules = rotation ? blockOf(rotation, 'rotation_rules') : blockOf(secret, 'rotation_rules'); // inline form: AWS provider v3
    if (!rules) {
      return fail(rotation ?? secret, { message: `${secret.address} has no rotation configured, so the secret never changes.` });
    }
    return judgeRules(secret.address, rules, params.maxDays);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_secretsmanager_secret" "db" {\n  name = "phi-db-password"\n}\n'],
      good: [
        'resource "aws_secretsmanager_secret" "db" {\n  name = "phi-db-password"\n}\n\nresource "aws_secretsmanager_secret_rotation" "db" {\n  secret_id           = aws_secretsmanager_secret.db.id\n  rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"\n\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n',
      ],
    },
  },
});
