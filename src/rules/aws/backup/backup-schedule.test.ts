import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { judgeBackupSchedule } from './backup-schedule.js';

const kindOf = (expression: string, year = 2026): string => judgeBackupSchedule(expression, year).kind;

describe('AWS Backup schedules read for a daily backup', () => {
  test('daily and more often, every way the syntax writes it', () => {
    for (const cron of [
      'cron(0 5 ? * * *)',
      'cron(15 * ? * * *)',
      'cron(0 12 * * ? *)',
      'cron(0 5 1/1 * ? *)',
      'cron(0 5 */1 * ? *)',
      'cron(0 5 1-31 * ? *)',
      'cron(0 5 1-30,L * ? *)',
      'cron(0 5 1-15,16-31 JAN-DEC ? *)',
      'cron(0 5 ? 1/1 SUN-SAT *)',
      'cron(0 5 ? * 1-7 *)',
      'cron(0 5 ? * MON,TUE,WED,THU,FRI,SAT,SUN *)',
      'cron(0 5 ? * 1-6,L *)',
      'cron(0 0/6 ? * * *)',
      'cron(0 5 ? * * 2026-2199)',
      'cron(0 5 ? * * 2020/1)',
      'CRON(0 5 ? * * *)',
    ]) {
      assert.equal(kindOf(cron), 'daily', cron);
    }
  });

  test('the year field counts: a past year never runs again, a later one not yet (probe: year ignored)', () => {
    assert.deepEqual(judgeBackupSchedule('cron(0 5 ? * * 2020)', 2026), { kind: 'less-often', detail: 'only in 2020, so never again' });
    assert.deepEqual(judgeBackupSchedule('cron(0 5 ? * * 2019-2024)', 2026), { kind: 'less-often', detail: 'only in 2019-2024, so never again' });
    assert.equal(judgeBackupSchedule('cron(0 5 ? * * 2026)', 2026).kind, 'less-often');
    assert.deepEqual(judgeBackupSchedule('cron(0 5 ? * * 2026-2030)', 2026), { kind: 'less-often', detail: 'only in the years 2026-2030, not every year from 2026 on' });
    assert.equal(kindOf('cron(0 5 ? * * 2030-2199)'), 'less-often');
    assert.equal(kindOf('cron(0 5 ? * * 2026/2)'), 'less-often');
  });

  test('days or months left out', () => {
    for (const cron of [
      'cron(0 5 ? * MON-FRI *)',
      'cron(0 5 ? * SUN *)',
      'cron(0 5 1 * ? *)',
      'cron(0 5 L * ? *)',
      'cron(0 5 1-28 * ? *)',
      'cron(0 5 1-30 * ? *)',
      'cron(0 5 15W * ? *)',
      'cron(0 5 ? * 6#3 *)',
      'cron(0 5 ? * 5L *)',
      'cron(0 5 1/2 * ? *)',
      'cron(0 5 * JAN-NOV ? *)',
      'cron(0 5 * */2 ? *)',
    ]) {
      assert.equal(kindOf(cron), 'less-often', cron);
    }
  });

  test('what AWS Backup refuses', () => {
    assert.deepEqual(judgeBackupSchedule('rate(1 day)', 2026), { kind: 'refused', detail: 'AWS Backup takes cron() expressions only, not rate()' });
    for (const cron of [
      'cron(0 5 * * *)',
      'cron(0 5 * * * * *)',
      'cron(0 5 1 * MON *)',
      'cron(0 5 ? * ? *)',
      'cron(0/15 * ? * * *)',
      'cron(0,30 5 ? * * *)',
      'cron(0 24 ? * * *)',
      'cron(0 5 ? * FRI-MON *)',
      'cron(0 5 ? * * 2200)',
      'cron(0 5 ? * 8 *)',
      'daily',
    ]) {
      assert.equal(kindOf(cron), 'refused', cron);
    }
  });
});
