// How often an AWS Backup rule's schedule runs. AWS Backup takes a cron expression only (the
// BackupRuleInput ScheduleExpression of the API reference: "A CRON expression in UTC"; a rate()
// expression is refused by the API, hashicorp/terraform-provider-aws#8269), in the syntax of
// EventBridge scheduled rules, read by ../aws-cron.ts. AWS Backup also refuses backups less than
// 60 minutes apart ("The interval between backup jobs shouldn't be less than 60 minutes").

import { CRON_LAST_YEAR as LAST_YEAR, parseAwsCron, type CronField } from '../aws-cron.js';

/** What a schedule means for a daily-backup requirement. */
export type ScheduleVerdict =
  | { readonly kind: 'daily' }
  /** It runs, but skips some days (detail completes "runs ..."). */
  | { readonly kind: 'less-often'; readonly detail: string }
  /** AWS Backup refuses it, so the plan is not created (detail says why). */
  | { readonly kind: 'refused'; readonly detail: string };

type Field = CronField;

function covers(field: Field, min: number, max: number): boolean {
  for (let v = min; v <= max; v++) if (!field.values.has(v)) return false;
  return true;
}

/** Every day of every month: days 1 to 28, and 29 to 31 where a month has them (or `L` takes the last). */
function everyDayOfMonth(dom: Field): boolean {
  for (let d = 1; d <= 28; d++) if (!dom.values.has(d)) return false;
  for (const length of [29, 30, 31]) {
    for (let d = 29; d <= length; d++) if (!dom.values.has(d) && !(d === length && dom.lastDay)) return false;
  }
  return true;
}

/** The years a field selects, shown briefly: "2020", "2020-2024", "2020, 2022". */
function yearsShown(years: ReadonlySet<number>): string {
  const sorted = [...years].sort((a, b) => a - b);
  const contiguous = sorted.every((y, i) => i === 0 || y === sorted[i - 1]! + 1);
  if (contiguous && sorted.length > 2) return `${sorted[0]}-${sorted[sorted.length - 1]}`;
  return sorted.length > 4 ? `${sorted.slice(0, 4).join(', ')}, ...` : sorted.join(', ');
}

/**
 * Whether an AWS Backup schedule takes a backup every day from `thisYear` on. The year field counts:
 * `cron(0 5 ? * * 2020)` ran daily in 2020 only and never runs again (it was read as daily); a
 * schedule must select every year from this one to 2199, the last the syntax has.
 */
export function judgeBackupSchedule(expression: string, thisYear: number): ScheduleVerdict {
  const text = expression.trim();
  if (/^rate\(/i.test(text)) return { kind: 'refused', detail: 'AWS Backup takes cron() expressions only, not rate()' };
  const cron = parseAwsCron(text);
  if (cron === undefined) return { kind: 'refused', detail: 'it is not a cron() expression' };
  if (typeof cron === 'string') return { kind: 'refused', detail: cron };
  const { minutes: mi, dayOfMonth: dm, month: mo, dayOfWeek: dw, year: ye } = cron;
  if (mi.values.size > 1) return { kind: 'refused', detail: 'it runs more than once an hour, and AWS Backup refuses backups less than 60 minutes apart' };
  const futureYears = [...ye.values].filter((y) => y >= thisYear);
  if (futureYears.length === 0) return { kind: 'less-often', detail: `only in ${yearsShown(ye.values)}, so never again` };
  for (let y = thisYear; y <= LAST_YEAR; y++) {
    if (!ye.values.has(y)) return { kind: 'less-often', detail: `only in the years ${yearsShown(ye.values)}, not every year from ${thisYear} on` };
  }
  if (!covers(mo, 1, 12)) return { kind: 'less-often', detail: 'in some months only' };
  if (dm.any ? !covers(dw, 1, 7) : !everyDayOfMonth(dm)) return { kind: 'less-often', detail: dm.any ? 'on some days of the week only' : 'on some days of the month only' };
  return { kind: 'daily' };
}
