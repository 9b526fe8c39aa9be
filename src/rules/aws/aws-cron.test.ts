import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { longestGapHours, parseAwsCron, shortestGapHours, type Cron } from './aws-cron.js';

const read = (expression: string): Cron => {
  const cron = parseAwsCron(expression);
  assert.ok(cron !== undefined && typeof cron !== 'string', `${expression}: ${String(cron)}`);
  return cron;
};
const gapDays = (expression: string): number => longestGapHours(read(expression), 2026) / 24;

describe('the AWS cron reader', () => {
  test('what it refuses, and what is not a cron expression', () => {
    assert.equal(parseAwsCron('rate(1 day)'), undefined);
    for (const bad of ['cron(0 5 * * *)', 'cron(0 5 1 * MON *)', 'cron(0 5 ? * ? *)', 'cron(0 24 ? * * *)', 'cron(0 5 ? * FRI-MON *)', 'cron(0 5 32W * ? *)', 'cron(0 5 ? * 8#1 *)']) {
      assert.equal(typeof parseAwsCron(bad), 'string', bad);
    }
  });

  test('shortest gap between runs, in hours: the hours reset each day', () => {
    const shortest = (expression: string): number => shortestGapHours(read(expression), 2026);
    assert.equal(shortest('cron(0 0,23 * * ? *)'), 1);
    assert.equal(shortest('cron(0 0/7 * * ? *)'), 3);
    assert.equal(shortest('cron(0 2,22 * * ? *)'), 4);
    assert.equal(shortest('cron(0 4/12 * * ? *)'), 12);
    assert.equal(shortest('cron(0 5 ? * * *)'), 24);
    // Mondays only: 23:00 is followed by 00:00 a week later.
    assert.equal(shortest('cron(0 0,23 ? * MON *)'), 23);
    assert.equal(shortest('cron(0 4 30 FEB ? *)'), Number.POSITIVE_INFINITY);
  });

  test('longest gap between runs, in days', () => {
    assert.equal(gapDays('cron(0 5 ? * * *)'), 1);
    assert.equal(gapDays('cron(0 5 1 * ? *)'), 31);
    // Every one of the 29 years followed has a 1 January; a leap year puts 366 days between two.
    assert.equal(gapDays('cron(0 0 1 1 ? *)'), 366);
    assert.equal(gapDays('cron(0 0 1 JAN,JUL ? *)'), 184);
    assert.equal(gapDays('cron(0 4 31 * ? *)'), 61);
    assert.equal(gapDays('cron(0 4 L * ? *)'), 31);
    assert.equal(gapDays('cron(0 4 L-2 * ? *)'), 31);
    assert.equal(gapDays('cron(0 4 LW * ? *)'), 33);
    assert.equal(gapDays('cron(0 4 15W * ? *)'), 32); // Saturday the 15th: Friday the 14th, then a 31-day month
    assert.equal(gapDays('cron(0 0 ? * SUN#1 *)'), 35);
    assert.equal(gapDays('cron(0 0 ? * 6L *)'), 35);
    assert.equal(gapDays('cron(0 0 ? * MON *)'), 7);
    // Hours reset each day: 20:00 to the next day's 08:00 is 12 hours.
    assert.equal(gapDays('cron(0 8/12 * * ? *)'), 0.5);
    assert.equal(gapDays('cron(0 4 29 FEB ? *)'), 1461); // leap day to leap day
    assert.equal(longestGapHours(read('cron(0 4 30 FEB ? *)'), 2026), Number.POSITIVE_INFINITY);
    // 2100 is no leap year: eight years from the leap day of 2096 to that of 2104.
    assert.equal(longestGapHours(read('cron(0 4 29 FEB ? *)'), 2090) / 24, (Date.UTC(2104, 1, 29) - Date.UTC(2096, 1, 29)) / 86_400_000);
    // Weekdays past 2100 as the calendar has them: the first Monday of each month from 2099 on.
    const firstMondays = [2099, 2100, 2101].flatMap((y) => Array.from({ length: 12 }, (_, m) => Array.from({ length: 7 }, (_, d) => Date.UTC(y, m, d + 1)).find((t) => new Date(t).getUTCDay() === 1)!));
    const longestMonday = Math.max(...firstMondays.slice(1).map((t, i) => (t - firstMondays[i]!) / 3_600_000));
    assert.ok(longestGapHours(read('cron(0 0 ? * MON#1 *)'), 2099) >= longestMonday);
  });

  test('the same expression is read once, and its gap worked out once', () => {
    assert.equal(parseAwsCron('cron(0 5 ? * * *)'), parseAwsCron('cron(0 5 ? * * *)'));
    const cron = read('cron(0 3 ? * MON-FRI *)');
    assert.equal(longestGapHours(cron, 2026), 72, 'Friday 03:00 to Monday 03:00');
    assert.equal(longestGapHours(cron, 2026), 72);
  });
});
