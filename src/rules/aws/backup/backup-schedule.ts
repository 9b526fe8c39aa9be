// How often an AWS Backup rule's schedule runs. AWS Backup takes a cron expression only (the
// BackupRuleInput ScheduleExpression of the API reference: "A CRON expression in UTC"; a rate()
// expression is refused by the API, hashicorp/terraform-provider-aws#8269), in the syntax of
// EventBridge scheduled rules (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
//
//   cron(Minutes Hours Day-of-month Month Day-of-week Year)
//   Minutes 0-59 , - * /       Hours 0-23 , - * /          Day-of-month 1-31 , - * ? / L W
//   Month 1-12 or JAN-DEC , - * /    Day-of-week 1-7 or SUN-SAT , - * ? L #    Year 1970-2199 , - * /
//
// One of day-of-month and day-of-week must be `?`. AWS Backup also refuses backups less than 60
// minutes apart ("The interval between backup jobs shouldn't be less than 60 minutes").

/** What a schedule means for a daily-backup requirement. */
export type ScheduleVerdict =
  | { readonly kind: 'daily' }
  /** It runs, but skips some days (detail completes "runs ..."). */
  | { readonly kind: 'less-often'; readonly detail: string }
  /** AWS Backup refuses it, so the plan is not created (detail says why). */
  | { readonly kind: 'refused'; readonly detail: string };

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
const LAST_YEAR = 2199;

interface Field {
  /** The values the field selects on every occasion (numbers, names, ranges, steps, `*`). */
  readonly values: ReadonlySet<number>;
  /** `?`: no restriction from this field (day-of-month or day-of-week only). */
  readonly any: boolean;
  /** Day-of-month `L`: the last day of every month. */
  readonly lastDay: boolean;
}

/**
 * The values a cron field selects, or a reason AWS refuses it. `special` reads the items of
 * `L`, `W` and `#` that only day-of-month and day-of-week take: each selects a day some months
 * or weeks only (the 15th's nearest weekday, the last Friday, the second Tuesday), so adds no
 * every-day coverage, except day-of-month `L` (the last day, every month) and day-of-week `L`
 * alone (Saturday, 7).
 */
function parseField(text: string, min: number, max: number, names: readonly string[], kind: 'plain' | 'dom' | 'dow'): Field | string {
  const f = text.toUpperCase();
  if (f === '?') return kind === 'plain' ? `"?" is allowed in day-of-month and day-of-week only` : { values: new Set(), any: true, lastDay: false };
  const values = new Set<number>();
  let lastDay = false;
  const value = (v: string): number | undefined => {
    const n = /^\d+$/.test(v) ? Number(v) : names.includes(v) ? names.indexOf(v) + min : undefined;
    return n !== undefined && n >= min && n <= max ? n : undefined;
  };
  for (const item of f.split(',')) {
    if (kind === 'dom' && item === 'L') {
      lastDay = true;
      continue;
    }
    if (kind === 'dow' && item === 'L') {
      values.add(7);
      continue;
    }
    if (kind === 'dom' && /^(?:LW|L-\d+|\d+W)$/.test(item)) continue;
    if (kind === 'dow' && /^(?:[1-7]|[A-Z]{3})(?:L|#[1-5])$/.test(item)) {
      if (value(item.replace(/(L|#\d)$/, '')) === undefined) return `"${text}" names no day of the week`;
      continue;
    }
    const m = /^(\*|[A-Z0-9]+)(?:-([A-Z0-9]+))?(?:\/(\d+))?$/.exec(item);
    if (!m) return `"${text}" is not a cron field AWS reads`;
    const from = m[1] === '*' ? min : value(m[1]!);
    const to = m[2] !== undefined ? value(m[2]) : m[1] === '*' || m[3] !== undefined ? max : from;
    const step = m[3] !== undefined ? Number(m[3]) : 1;
    if (from === undefined || to === undefined) return `"${text}" has a value outside ${min}-${max}`;
    if (m[1] === '*' && m[2] !== undefined) return `"${text}" is not a cron field AWS reads`;
    // A reversed range (FRI-MON) is not in the documented syntax; it is not read as wrapping.
    if (to < from || step < 1) return `"${text}" is not a range AWS reads`;
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, any: false, lastDay };
}

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
  const m = /^cron\((.*)\)$/is.exec(text);
  if (!m) return { kind: 'refused', detail: 'it is not a cron() expression' };
  const parts = m[1]!.trim().split(/\s+/);
  if (parts.length !== 6) return { kind: 'refused', detail: `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), this one ${parts.length}` };
  const [minuteText, hourText, domText, monthText, dowText, yearText] = parts as [string, string, string, string, string, string];
  const minutes = parseField(minuteText, 0, 59, [], 'plain');
  const hours = parseField(hourText, 0, 23, [], 'plain');
  const dom = parseField(domText, 1, 31, [], 'dom');
  const month = parseField(monthText, 1, 12, MONTHS, 'plain');
  const dow = parseField(dowText, 1, 7, WEEKDAYS, 'dow');
  const year = parseField(yearText, 1970, LAST_YEAR, [], 'plain');
  for (const [name, field] of [['minutes', minutes], ['hours', hours], ['day-of-month', dom], ['month', month], ['day-of-week', dow], ['year', year]] as const) {
    if (typeof field === 'string') return { kind: 'refused', detail: `its ${name} field ${field}` };
  }
  const [mi, ho, dm, mo, dw, ye] = [minutes, hours, dom, month, dow, year] as Field[];
  if (!dm!.any && !dw!.any) return { kind: 'refused', detail: 'it sets both day-of-month and day-of-week; one of them must be ?' };
  if (dm!.any && dw!.any) return { kind: 'refused', detail: 'day-of-month and day-of-week are both ?; one of them must name days' };
  if (mi!.values.size > 1) return { kind: 'refused', detail: 'it runs more than once an hour, and AWS Backup refuses backups less than 60 minutes apart' };
  if (mi!.values.size === 0 || ho!.values.size === 0) return { kind: 'refused', detail: 'it selects no time of day' };
  const futureYears = [...ye!.values].filter((y) => y >= thisYear);
  if (futureYears.length === 0) return { kind: 'less-often', detail: `only in ${yearsShown(ye!.values)}, so never again` };
  for (let y = thisYear; y <= LAST_YEAR; y++) {
    if (!ye!.values.has(y)) return { kind: 'less-often', detail: `only in the years ${yearsShown(ye!.values)}, not every year from ${thisYear} on` };
  }
  if (!covers(mo!, 1, 12)) return { kind: 'less-often', detail: 'in some months only' };
  if (dm!.any ? !covers(dw!, 1, 7) : !everyDayOfMonth(dm!)) return { kind: 'less-often', detail: dm!.any ? 'on some days of the week only' : 'on some days of the month only' };
  return { kind: 'daily' };
}
