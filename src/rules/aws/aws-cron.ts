// The cron() syntax AWS services share for schedules (EventBridge scheduled rules, AWS Backup plans,
// Secrets Manager rotation), read once. The syntax is EventBridge's
// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-scheduled-rule-pattern.html):
//
//   cron(Minutes Hours Day-of-month Month Day-of-week Year)
//   Minutes 0-59 , - * /       Hours 0-23 , - * /          Day-of-month 1-31 , - * ? / L W
//   Month 1-12 or JAN-DEC , - * /    Day-of-week 1-7 or SUN-SAT , - * ? L #    Year 1970-2199 , - * /
//
// One of day-of-month and day-of-week must be `?`. Each service narrows it further (Backup: no two
// runs within 60 minutes; Secrets Manager: minutes 0, year *), so each judges what it refuses on
// top of what this reader returns.

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const CRON_LAST_YEAR = 2199;

export interface CronField {
  /** The values the field selects on every occasion (numbers, names, ranges, steps, `*`). */
  readonly values: ReadonlySet<number>;
  /** `?`: no restriction from this field (day-of-month or day-of-week only). */
  readonly any: boolean;
  /** Day-of-month `L`: the last day of every month. */
  readonly lastDay: boolean;
  /**
   * The items that select a day in some months or weeks only, upper-cased: day-of-month `LW`,
   * `L-3`, `15W`; day-of-week `5L` (the last Thursday), `2#1` (the first Monday), names as numbers.
   */
  readonly special: readonly string[];
}

export interface Cron {
  readonly minutes: CronField;
  readonly hours: CronField;
  readonly dayOfMonth: CronField;
  readonly month: CronField;
  readonly dayOfWeek: CronField;
  readonly year: CronField;
}

/** The values a cron field selects, or a reason AWS refuses it. */
function parseField(text: string, min: number, max: number, names: readonly string[], kind: 'plain' | 'dom' | 'dow'): CronField | string {
  const f = text.toUpperCase();
  if (f === '?') return kind === 'plain' ? `"?" is allowed in day-of-month and day-of-week only` : { values: new Set(), any: true, lastDay: false, special: [] };
  const values = new Set<number>();
  const special: string[] = [];
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
    // Day-of-week `L` alone is the last day of the week, Saturday.
    if (kind === 'dow' && item === 'L') {
      values.add(7);
      continue;
    }
    const dom = kind === 'dom' ? /^(?:LW|L-(\d+)|(\d+)W)$/.exec(item) : null;
    if (dom) {
      const day = Number(dom[1] ?? dom[2] ?? 1);
      if (day < 1 || day > 31) return `"${text}" has a value outside 1-31`;
      special.push(item);
      continue;
    }
    const dow = kind === 'dow' ? /^([1-7]|[A-Z]{3})(L|#[1-5])$/.exec(item) : null;
    if (dow) {
      const day = value(dow[1]!);
      if (day === undefined) return `"${text}" names no day of the week`;
      special.push(`${day}${dow[2]}`);
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
  return { values, any: false, lastDay, special };
}

/**
 * A `cron(...)` expression read field by field, or a reason AWS refuses it (for every service that
 * takes the syntax). Undefined when the text is not a cron() expression at all.
 */
export function parseAwsCron(expression: string): Cron | string | undefined {
  if (parsed.has(expression)) return parsed.get(expression);
  if (parsed.size >= 1000) parsed.clear();
  const result = parseCron(expression);
  parsed.set(expression, result);
  return result;
}

/** Expressions read so far: the same object for the same text, so longestGapHours remembers by it. */
const parsed = new Map<string, Cron | string | undefined>();

function parseCron(expression: string): Cron | string | undefined {
  const m = /^cron\((.*)\)$/is.exec(expression.trim());
  if (!m) return undefined;
  const parts = m[1]!.trim().split(/\s+/);
  if (parts.length !== 6) return `a cron expression has 6 fields (minutes hours day-of-month month day-of-week year), this one ${parts.length}`;
  const [minuteText, hourText, domText, monthText, dowText, yearText] = parts as [string, string, string, string, string, string];
  const fields = [
    ['minutes', parseField(minuteText, 0, 59, [], 'plain')],
    ['hours', parseField(hourText, 0, 23, [], 'plain')],
    ['day-of-month', parseField(domText, 1, 31, [], 'dom')],
    ['month', parseField(monthText, 1, 12, MONTHS, 'plain')],
    ['day-of-week', parseField(dowText, 1, 7, WEEKDAYS, 'dow')],
    ['year', parseField(yearText, 1970, CRON_LAST_YEAR, [], 'plain')],
  ] as const;
  for (const [name, field] of fields) if (typeof field === 'string') return `its ${name} field ${field}`;
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = fields.map(([, f]) => f as CronField) as [CronField, CronField, CronField, CronField, CronField, CronField];
  if (!dayOfMonth.any && !dayOfWeek.any) return 'it sets both day-of-month and day-of-week; one of them must be ?';
  if (dayOfMonth.any && dayOfWeek.any) return 'day-of-month and day-of-week are both ?; one of them must name days';
  if (minutes.values.size === 0 || hours.values.size === 0) return 'it selects no time of day';
  return { minutes, hours, dayOfMonth, month, dayOfWeek, year };
}

// Calendar arithmetic without Date objects: longestGapHours asks about every day of 29 years (~10 600
// days) per schedule, and a Date per question made one schedule cost ~5 ms once warm, ~100 ms cold.
const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number): number => (month === 2 && isLeap(year) ? 29 : MONTH_DAYS[month - 1]!);
/** Days from 1970-01-01 to the date (proleptic Gregorian; month 1-12). */
function dayNumber(year: number, month: number, day: number): number {
  // Counted from March, so the leap day ends a year (the civil-from-days method).
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear;
  return era * 146_097 + dayOfEra - 719_468;
}
/** 1 (Sunday) to 7 (Saturday), as cron counts. */
// 1970-01-01 was a Thursday (5).
const weekdayOf = (year: number, month: number, day: number): number => ((((dayNumber(year, month, day) + 4) % 7) + 7) % 7) + 1;
const isWeekday = (year: number, month: number, day: number): boolean => weekdayOf(year, month, day) >= 2 && weekdayOf(year, month, day) <= 6;

/** The weekday nearest `day` within its month (`15W`), as Quartz-style cron reads `W`. */
function nearestWeekday(year: number, month: number, day: number): number | undefined {
  const length = daysIn(year, month);
  if (day > length) return undefined;
  const w = weekdayOf(year, month, day);
  if (w === 7) return day === 1 ? 3 : day - 1; // Saturday: Friday before, or Monday the 3rd
  if (w === 1) return day === length ? day - 2 : day + 1; // Sunday: Monday after, or Friday before
  return day;
}

/** Whether the day-of-month and day-of-week fields select a date (month 1-12). */
function selectsDay(cron: Cron, year: number, month: number, day: number): boolean {
  const length = daysIn(year, month);
  if (cron.dayOfWeek.any) {
    const dom = cron.dayOfMonth;
    if (dom.values.has(day) || (dom.lastDay && day === length)) return true;
    return dom.special.some((item) => {
      if (item === 'LW') {
        let last = length;
        while (!isWeekday(year, month, last)) last--;
        return day === last;
      }
      if (item.startsWith('L-')) return day === length - Number(item.slice(2));
      return nearestWeekday(year, month, Number(item.slice(0, -1))) === day;
    });
  }
  const dow = cron.dayOfWeek;
  const weekday = weekdayOf(year, month, day);
  if (dow.values.has(weekday)) return true;
  return dow.special.some((item) => {
    if (Number(item[0]) !== weekday) return false;
    return item.endsWith('L') ? day + 7 > length : Math.ceil(day / 7) === Number(item.slice(2));
  });
}

/**
 * The longest wait, in hours, between two runs of a schedule whose year field is `*`, from
 * `fromYear` on: its runs are followed for 29 years, a whole cycle of weekdays and leap years
 * (2100 aside), so a yearly run is 366 days from the one before in a leap year, and a run on the
 * 31st skips the months without one. Infinity when it runs once or never.
 */
export function longestGapHours(cron: Cron, fromYear: number): number {
  return gapsOf(cron, fromYear).longest;
}

/**
 * The shortest wait, in hours, between two runs, followed as longestGapHours follows them: the hours
 * of a day reset each day, so `cron(0 0,23 * * ? *)` runs at 23:00 and again at 00:00, one hour
 * later, where the hours field alone puts them 23 hours apart. Infinity when it runs once or never.
 */
export function shortestGapHours(cron: Cron, fromYear: number): number {
  return gapsOf(cron, fromYear).shortest;
}

interface Gaps {
  readonly longest: number;
  readonly shortest: number;
}

function gapsOf(cron: Cron, fromYear: number): Gaps {
  // Remembered per schedule (parseAwsCron gives one object per expression): a repository's backup
  // plans and secrets share a few schedules.
  let byYear = gaps.get(cron);
  if (byYear === undefined) gaps.set(cron, (byYear = new Map()));
  let found = byYear.get(fromYear);
  if (found === undefined) byYear.set(fromYear, (found = followGaps(cron, fromYear)));
  return found;
}

const gaps = new WeakMap<Cron, Map<number, Gaps>>();

function followGaps(cron: Cron, fromYear: number): Gaps {
  const hours = [...cron.hours.values].sort((a, b) => a - b);
  const months = [...cron.month.values].sort((a, b) => a - b);
  // Runs are each selected day's hours: a wait is between two hours of a day, or from a day's last
  // run to the next selected day's first.
  let longest = 0;
  let shortest = Number.POSITIVE_INFINITY;
  for (let i = 1; i < hours.length; i++) {
    longest = Math.max(longest, hours[i]! - hours[i - 1]!);
    shortest = Math.min(shortest, hours[i]! - hours[i - 1]!);
  }
  const overnight = hours[0]! - hours[hours.length - 1]!;
  let previous: number | undefined;
  let days = 0;
  for (let year = fromYear; year <= fromYear + 28; year++) {
    for (const month of months) {
      const length = daysIn(year, month);
      for (let day = 1; day <= length; day++) {
        if (!selectsDay(cron, year, month, day)) continue;
        const number = dayNumber(year, month, day);
        if (previous !== undefined) {
          const wait = (number - previous) * 24 + overnight;
          longest = Math.max(longest, wait);
          shortest = Math.min(shortest, wait);
        }
        previous = number;
        days++;
      }
    }
  }
  return days * hours.length < 2 ? { longest: Number.POSITIVE_INFINITY, shortest: Number.POSITIVE_INFINITY } : { longest, shortest };
}
