import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asNumber, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { candidatesOf, linkedBack } from '../linked.js';

/** Days between rotations for `rate(N days|hours)`; cron schedules are read as at most monthly. */
function scheduleDays(expression: string): number | undefined {
  const rate = /^rate\(\s*(\d+)\s+(day|days|hour|hours)\s*\)$/i.exec(expression.trim());
  if (rate) return /^hour/i.test(rate[2]!) ? Number(rate[1]) / 24 : Number(rate[1]);
  const cron = /^cron\((.*)\)$/i.exec(expression.trim());
  if (cron) return cronGapDays(cron[1]!.trim().split(/\s+/));
  return undefined;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** Days from the 1st of each month to the 1st of the next (a common year). */
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * The longest wait between two rotations a Secrets Manager cron schedule allows (`cron(min hour
 * day-of-month month day-of-week year)`): within a month at most 31 days, across months the longest
 * run of months it skips (`cron(0 0 1 1 ? *)` is yearly, 365). A year other than `*` may never come
 * again: no bound. Undefined when the month field cannot be read.
 */
function cronGapDays(fields: readonly string[]): number | undefined {
  if (fields.length !== 6) return undefined;
  const [, , , monthField, , yearField] = fields as [string, string, string, string, string, string];
  if (yearField !== '*') return Number.POSITIVE_INFINITY;
  const months = cronMonths(monthField);
  if (months === undefined || months.length === 0) return undefined;
  if (months.length === 12) return 31;
  let longest = 0;
  for (let i = 0; i < months.length; i++) {
    const from = months[i]!;
    const to = months[(i + 1) % months.length]!;
    let days = 0;
    for (let m = from; m !== to || days === 0; m = (m + 1) % 12) days += MONTH_DAYS[m]!;
    longest = Math.max(longest, days);
  }
  return longest;
}

/** The months (0-11, sorted) a cron month field selects: `*`, `N`, `N-M`, `*\/S`, `N/S`, names, lists. */
function cronMonths(field: string): number[] | undefined {
  const month = (t: string): number | undefined => {
    const n = /^\d+$/.test(t) ? Number(t) : MONTHS.indexOf(t.toUpperCase()) + 1;
    return n >= 1 && n <= 12 ? n - 1 : undefined;
  };
  const out = new Set<number>();
  for (const item of field.split(',')) {
    const m = /^(\*|\?|[A-Za-z0-9]+)(?:-([A-Za-z0-9]+))?(?:\/(\d+))?$/.exec(item);
    if (!m) return undefined;
    const start = m[1] === '*' || m[1] === '?' ? 0 : month(m[1]!);
    const end = m[2] !== undefined ? month(m[2]) : m[1] === '*' || m[1] === '?' || m[3] !== undefined ? 11 : start;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (start === undefined || end === undefined || step < 1) return undefined;
    for (let x = start; x <= end; x += step) out.add(x);
  }
  return [...out].sort((a, b) => a - b);
}

function judgeRules(address: string, rules: { span: Resource['span']; attributes: ReadonlyMap<string, Sourced> }, maxDays: number): Outcome {
  const after = rules.attributes.get('automatically_after_days');
  const schedule = rules.attributes.get('schedule_expression');
  for (const v of [after, schedule]) if (v && isApplyTime(v)) return unknown(v, `${address}: the rotation schedule is known only at apply time (${reasonOf(v)}).`);
  const days = after ? asNumber(after.value) : schedule ? scheduleDays(asString(schedule.value) ?? '') : undefined;
  const where = after ?? schedule ?? rules;
  if (days === undefined) return unknown(where, `${address}: the rotation schedule cannot be read.`);
  if (days <= maxDays) return pass(where);
  if (days === Number.POSITIVE_INFINITY) return fail(where, { message: `${address} rotates only in the years its cron schedule names, so it may never rotate again.` });
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
    // A rotation whose secret_id takes one of several secrets rotates one of them only.
    const { sure, maybe } = linkedBack(model, secret, 'aws_secretsmanager_secret_rotation', 'secret_id');
    const rotation = sure[0];
    const rules = rotation ? blockOf(rotation, 'rotation_rules') : blockOf(secret, 'rotation_rules'); // inline form: AWS provider v3
    if (!rules && maybe[0]) {
      return unknown(maybe[0], `${secret.address}: ${maybe[0].address} rotates one of ${candidatesOf(model, maybe[0], secret.type)} (which one is not known to the scan), so whether this secret rotates cannot be judged.`);
    }
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
