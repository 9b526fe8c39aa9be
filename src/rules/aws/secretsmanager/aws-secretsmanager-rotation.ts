import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asNumber, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { longestGapHours, parseAwsCron } from '../aws-cron.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { candidatesOf, linkedBack } from '../linked.js';

/**
 * What a rotation schedule means: the longest wait between two rotations in days, a reason Secrets
 * Manager refuses it (RotateSecret fails, so the rotation is not set up), or a reason it cannot be
 * read here. What Secrets Manager takes ("Rotation schedules", Secrets Manager user guide,
 * https://docs.aws.amazon.com/secretsmanager/latest/userguide/rotate-secrets_schedule.html):
 * `rate(N hours|days)` no more often than every four hours and at most 999 days; `cron()` in the
 * shared AWS syntax (../aws-cron.ts) with 0 in the minutes field (windows open on the hour) and `*`
 * in the year field ("Secrets Manager does not support rotation schedules that are more than a
 * year apart"); day-of-month takes `, - * ? / L` (no `W`). The window (`duration`, "3h") starts
 * at midnight for a rate, at the cron hour otherwise, and must not reach into the next UTC day or
 * the next window. Rotation happens at any time within the window, and the window stays within
 * its day, so the days between scheduled days are the days between rotations.
 */
type Schedule =
  | { readonly kind: 'days'; readonly days: number }
  | { readonly kind: 'refused'; readonly detail: string }
  | { readonly kind: 'unreadable'; readonly detail: string };

const refused = (detail: string): Schedule => ({ kind: 'refused', detail });

/** The window in hours `duration` sets ("3h"), undefined when not set, NaN when not read. */
function windowHours(duration: string | undefined): number {
  const m = /^(\d+)h$/.exec(duration?.trim() ?? '');
  return m ? Number(m[1]) : Number.NaN;
}

/** Whether a window of `window` hours opening at each of `starts` (sorted hours) fits: the rest of the day, and before the next start. */
function windowRefusal(window: number, starts: readonly number[]): string | undefined {
  if (window < 1) return `its rotation window (duration) is ${window} hours, and the shortest is one hour`;
  const last = starts[starts.length - 1]!;
  if (last + window > 24) return `its rotation window of ${window} hours opening at ${last}:00 reaches into the next UTC day`;
  for (let i = 1; i < starts.length; i++) {
    if (starts[i]! - starts[i - 1]! < window) return `its rotation window of ${window} hours reaches into the next one (${starts[i]! - starts[i - 1]!} hours apart)`;
  }
  return undefined;
}

function readSchedule(expression: string, duration: string | undefined, thisYear: number): Schedule {
  const window = duration === undefined ? undefined : windowHours(duration);
  if (window !== undefined && Number.isNaN(window)) return { kind: 'unreadable', detail: `its rotation window (duration = "${duration}") is not a number of hours such as "3h"` };
  const rate = /^rate\(\s*(\d+)\s+([a-z]+)\s*\)$/i.exec(expression.trim());
  if (rate) {
    const n = Number(rate[1]);
    const unit = rate[2]!.toLowerCase();
    if (unit !== 'hour' && unit !== 'hours' && unit !== 'day' && unit !== 'days') return refused(`Secrets Manager takes rate() in hours or days only, not ${unit}`);
    if (n < 1) return refused('a rate must be a positive number');
    if ((unit === 'hour' || unit === 'hours') && n < 4) return refused('Secrets Manager rotates a secret at most every four hours');
    if ((unit === 'day' || unit === 'days') && n > 999) return refused('the longest rotation period Secrets Manager takes is 999 days');
    const hourly = unit.startsWith('hour');
    // A rate in days opens its window at midnight; one in hours must close it before the next.
    if (window !== undefined) {
      const why = hourly ? (window > n ? `its rotation window of ${window} hours reaches into the next one, ${n} hours later` : windowRefusal(window, [0])) : windowRefusal(window, [0]);
      if (why) return refused(why);
    }
    return { kind: 'days', days: hourly ? n / 24 : n };
  }
  const cron = parseAwsCron(expression);
  if (cron === undefined) return { kind: 'unreadable', detail: `"${expression}" is neither a rate() nor a cron() expression` };
  if (typeof cron === 'string') return refused(cron);
  const fields = /^cron\((.*)\)$/is.exec(expression.trim())![1]!.trim().split(/\s+/);
  if (cron.minutes.values.size !== 1 || !cron.minutes.values.has(0)) return refused('Secrets Manager takes 0 in the minutes field only, as rotation windows open on the hour');
  if (fields[5] !== '*') return refused('Secrets Manager takes * in the year field only, and no schedule more than a year apart');
  if (/W/i.test(fields[2]!)) return { kind: 'unreadable', detail: `its day-of-month field "${fields[2]}" uses W, which is not in the syntax Secrets Manager documents (, - * ? / L)` };
  const starts = [...cron.hours.values].sort((a, b) => a - b);
  for (let i = 1; i < starts.length; i++) if (starts[i]! - starts[i - 1]! < 4) return refused('it rotates less than four hours apart, and Secrets Manager rotates a secret at most every four hours');
  // The default window closes after an hour for a schedule in hours, at the end of the day otherwise.
  const why = windowRefusal(window ?? 1, starts);
  if (why) return refused(why);
  return { kind: 'days', days: longestGapHours(cron, thisYear) / 24 };
}

const shownDays = (days: number): string => (Number.isInteger(days) ? String(days) : days.toFixed(1));

function judgeRules(address: string, rules: { span: Resource['span']; attributes: ReadonlyMap<string, Sourced> }, maxDays: number, thisYear: number): Outcome {
  const after = rules.attributes.get('automatically_after_days');
  const schedule = rules.attributes.get('schedule_expression');
  const duration = rules.attributes.get('duration');
  for (const v of [after, schedule, duration]) if (v && isApplyTime(v)) return unknown(v, `${address}: the rotation schedule is known only at apply time (${reasonOf(v)}).`);
  const where = after ?? schedule ?? rules;
  if (after) {
    const days = asNumber(after.value);
    if (days === undefined) return unknown(where, `${address}: the rotation schedule cannot be read.`);
    if (days <= maxDays) return pass(where);
    return fail(where, { message: `${address} rotates every ${days} days, longer than the ${maxDays}-day maximum.` });
  }
  const expression = schedule ? asString(schedule.value) : undefined;
  if (expression === undefined) return unknown(where, `${address}: the rotation schedule cannot be read.`);
  const read = readSchedule(expression, asString(duration?.value), thisYear);
  if (read.kind === 'unreadable') return unknown(where, `${address}: the rotation schedule cannot be read: ${read.detail}.`);
  if (read.kind === 'refused') {
    return fail(where, { message: `${address}: Secrets Manager refuses the rotation schedule ${expression}: ${read.detail}, so the rotation is not set up (terraform apply fails) and the secret does not rotate.` });
  }
  if (read.days <= maxDays) return pass(where);
  if (read.days === Number.POSITIVE_INFINITY) return fail(where, { message: `${address}: the rotation schedule ${expression} selects no day that comes round again, so the secret never rotates.` });
  const apart = /^rate/i.test(expression.trim()) ? `every ${shownDays(read.days)} days` : `as much as ${shownDays(read.days)} days apart (${expression})`;
  return fail(where, { message: `${address} rotates ${apart}, longer than the ${maxDays}-day maximum.` });
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
  check(secret, { model, params, today }) {
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
    return judgeRules(secret.address, rules, params.maxDays, Number(today.slice(0, 4)));
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
