import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asNumber, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { longestGapHours, parseAwsCron, shortestGapHours } from '../aws-cron.js';
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
 * the next window (windows may touch: "less than or equal to the number of hours between
 * rotations"). A cron's hours reset each day, so the four hours between rotations are counted
 * across midnight too. Rotation happens at any time within the window, and the window stays within
 * its day, so the days between scheduled days are the days between rotations. The provider checks
 * none of this (terraform validate takes any schedule_expression and duration, provider 5.100.0).
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
      if (hourly && 24 % n !== 0) {
        // Windows every n hours from midnight, where n does not divide the day: whether they start
        // again at midnight each day (as a cron in hours does) or run on across days, the guide does
        // not say. Either way a window must close by midnight ("must not extend into the next UTC
        // day"): the last of a day opens at the last multiple of n (rate(5 hours): 20:00), and run
        // on, windows open on every multiple of gcd(n, 24) (rate(5 hours): 23:00).
        const lastOfDay = Math.floor(23 / n) * n;
        const onward = 24 - gcd(n, 24);
        // A rate of a day or more has one window a day at most: it can only run on.
        const crosses = n < 24 ? [lastOfDay + window > 24, onward + window > 24] : [onward + window > 24];
        if (crosses.every(Boolean)) return refused(`its rotation window of ${window} hours every ${n} hours reaches into the next UTC day (from ${n < 24 ? lastOfDay : onward}:00)`);
        if (crosses.some(Boolean)) return { kind: 'unreadable', detail: `whether its rotation window of ${window} hours every ${n} hours reaches into the next UTC day depends on whether a rate in hours starts again at midnight, which the Secrets Manager guide does not say` };
      }
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
  // The hours reset each day ("cron(0 4/12 * * ? *) means 4:00 AM, 4:00 PM, and then the next day
  // 4:00 AM"), so the wait from a day's last hour to the next day's first counts too: cron(0 0,23 * * ? *)
  // rotates at 23:00 and at 00:00, an hour apart (its hours alone are 23 apart).
  const shortest = shortestGapHours(cron, thisYear);
  if (shortest < 4) return refused(`it rotates ${shortest} hour${shortest === 1 ? '' : 's'} apart${starts.slice(1).every((h, i) => h - starts[i]! >= 4) ? ` (from ${starts[starts.length - 1]}:00 to ${starts[0]}:00 the next day)` : ''}, and Secrets Manager rotates a secret at most every four hours`);
  // The default window closes after an hour for a schedule in hours, at the end of the day otherwise.
  const why = windowRefusal(window ?? 1, starts);
  if (why) return refused(why);
  return { kind: 'days', days: longestGapHours(cron, thisYear) / 24 };
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const shownDays = (days: number): string => (Number.isInteger(days) ? String(days) : days.toFixed(1));

function judgeRules(address: string, rules: { span: Resource['span']; attributes: ReadonlyMap<string, Sourced> }, maxDays: number, thisYear: number): Outcome {
  const after = rules.attributes.get('automatically_after_days');
  const schedule = rules.attributes.get('schedule_expression');
  const duration = rules.attributes.get('duration');
  for (const v of [after, schedule, duration]) if (v && isApplyTime(v)) return unknown(v, `${address}: the rotation schedule is known only at apply time (${reasonOf(v)}).`);
  const where = after ?? schedule ?? rules;
  // The provider refuses both set (ExactlyOneOf) and a day count outside 1-1000 (terraform validate,
  // provider 5.100.0), so no rotation is set up.
  if (after && schedule) return fail(after, { message: `${address}: rotation_rules sets both automatically_after_days and schedule_expression, which the provider refuses (only one of them), so the rotation is not set up (terraform validate fails) and the secret does not rotate.` });
  if (after) {
    const days = asNumber(after.value);
    if (days === undefined) return unknown(where, `${address}: the rotation schedule cannot be read.`);
    if (days < 1 || days > 1000) return fail(where, { message: `${address}: automatically_after_days = ${days} is outside the 1 to 1000 days the provider takes, so the rotation is not set up (terraform validate fails) and the secret does not rotate.` });
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
