import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asBoolean, asNumber, asString, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

interface Params {
  readonly minRetentionDays: number;
  readonly requireCopyAction: boolean;
  [key: string]: number | boolean;
}

/** The longest retention AWS Backup allows a continuous backup rule. */
const CONTINUOUS_MAX_DAYS = 35;

/** AWS Backup's default schedule when none is given: daily at 05:00 UTC. */
const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';

/** True when a cron(min hour dom month dow year) expression runs at least once a day. */
function atLeastDaily(expression: string): boolean | undefined {
  const m = /^cron\((.+)\)$/i.exec(expression.trim());
  if (!m) {
    const rate = /^rate\(\s*(\d+)\s+(minute|minutes|hour|hours|day|days)\s*\)$/i.exec(expression.trim());
    if (!rate) return undefined;
    return /^day/i.test(rate[2]!) ? Number(rate[1]) <= 1 : Number(rate[1]) <= (/^hour/i.test(rate[2]!) ? 24 : 1440);
  }
  const fields = m[1]!.trim().split(/\s+/);
  if (fields.length < 5) return undefined;
  const [, , dom, month, dow] = fields;
  return everyValue(dom, 1, 31, []) && everyValue(month, 1, 12, MONTHS) && everyValue(dow, 1, 7, WEEKDAYS);
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

/**
 * Whether a cron field selects every value from `min` to `max`: `*`, `?`, a step of 1 from the
 * start (`1/1`, or a star with step 1), the whole range (`1-7`, `SUN-SAT`), or a list naming them all.
 */
function everyValue(field: string | undefined, min: number, max: number, names: readonly string[]): boolean {
  if (field === undefined) return false;
  const f = field.toUpperCase();
  if (f === '*' || f === '?' || f === '*/1' || f === `${min}/1`) return true;
  const value = (v: string): number | undefined => (/^\d+$/.test(v) ? Number(v) : names.includes(v) ? names.indexOf(v) + min : undefined);
  const covered = new Set<number>();
  for (const part of f.split(',')) {
    const range = /^([A-Z0-9]+)(?:-([A-Z0-9]+))?$/.exec(part);
    const from = range ? value(range[1]!) : undefined;
    const to = range?.[2] !== undefined ? value(range[2]) : from;
    if (from === undefined || to === undefined || to < from) return false;
    for (let v = from; v <= to; v++) covered.add(v);
  }
  for (let v = min; v <= max; v++) if (!covered.has(v)) return false;
  return true;
}

function judgeRule(rule: NestedBlock, params: Params): { problems: string[]; pending?: NestedBlock | undefined; where: NestedBlock } {
  const problems: string[] = [];
  const name = asString(rule.attributes.get('rule_name')?.value) ?? 'a rule';
  const schedule = rule.attributes.get('schedule');
  const lifecycle = blockOf(rule, 'lifecycle');
  const deleteAfter = lifecycle?.attributes.get('delete_after');
  const continuous = asBoolean(rule.attributes.get('enable_continuous_backup')?.value) === true;
  if ((schedule && isApplyTime(schedule)) || (deleteAfter && isApplyTime(deleteAfter))) return { problems, pending: rule, where: rule };
  if (!continuous) {
    const daily = atLeastDaily(schedule ? asString(schedule.value) ?? '' : DEFAULT_SCHEDULE);
    if (daily === false) problems.push(`rule "${name}" runs less often than daily (${asString(schedule?.value)})`);
    if (daily === undefined) problems.push(`rule "${name}" has a schedule that cannot be read (${asString(schedule?.value)})`);
  }
  const days = deleteAfter ? asNumber(deleteAfter.value) : undefined;
  // A continuous (point-in-time) rule keeps its recovery points delete_after days too, 1 to 35 at
  // most: it was passed whatever it kept, so delete_after = 1 left one day to restore from. It is
  // held to the required days, or to AWS's 35-day ceiling when more are required.
  const required = continuous ? Math.min(params.minRetentionDays, CONTINUOUS_MAX_DAYS) : params.minRetentionDays;
  if (days !== undefined && days < required) problems.push(`rule "${name}" keeps ${continuous ? 'continuous (point-in-time) ' : ''}recovery points ${days} days (< ${required})`);
  if (params.requireCopyAction && blocksOf(rule, 'copy_action').length === 0) problems.push(`rule "${name}" has no copy_action to another region or account`);
  return { problems, where: rule };
}

export default defineRule<Resource, Params>({
  id: 'aws-backup-plan-frequency-retention',
  title: 'Backup plans run daily and keep recovery points long enough',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'attr',
  why: 'Infrequent backups lose days of ePHI in a disaster, and short retention means corruption discovered late has no clean copy left to restore.',
  howToFix:
    'Give the plan at least one rule whose schedule runs at least daily (e.g. cron(0 5 ? * * *)) with lifecycle { delete_after = 35 } or longer (weekly, monthly or yearly rules beside it are fine); for PHI add a copy_action to a vault in another region or account.',
  links: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html'],
  references: { awsConfig: ['backup-plan-min-frequency-and-min-retention-check'] },
  params: { minRetentionDays: 35, requireCopyAction: false },
  targets: (model) => model.ofType('aws_backup_plan'),
  check(plan, { params }): Outcome {
    const rules = blocksOf(plan, 'rule');
    if (rules.length === 0) return fail(plan, { message: `${plan.address} has no rule, so it never takes a backup.` });
    // One rule that backs up daily with the required retention is enough, as AWS Config's
    // backup-plan-min-frequency-and-min-retention-check has it ("Checks if a backup plan has a
    // backup rule that satisfies the required frequency and retention period"): AWS Backup's own
    // templates pair a daily rule with weekly, monthly and yearly rules kept longer.
    const judged = rules.map((r) => judgeRule(r, params));
    const satisfying = judged.find((j) => !j.pending && j.problems.length === 0);
    if (satisfying) return pass(satisfying.where);
    const pending = judged.find((j) => j.pending);
    if (pending) return unknown(pending.where, `${plan.address}: a rule schedule or retention is known only at apply time (${reasonOf(pending.where.attributes.get('schedule') ?? blockOf(pending.where, 'lifecycle')?.attributes.get('delete_after'))}), and no other rule satisfies the frequency and retention.`);
    const failing = judged.filter((j) => j.problems.length > 0);
    return fail(failing[0]!.where, {
      message: `${plan.address} has no rule that satisfies the frequency and retention: ${failing.flatMap((j) => j.problems).join('; ')}.`,
      related: failing.slice(1).map((j) => ({ span: j.where.span, message: j.problems.join('; ') })),
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_backup_plan" "phi" {\n  name = "phi-daily"\n\n  rule {\n    rule_name         = "weekly"\n    target_vault_name = "phi-backups"\n    schedule          = "cron(0 5 ? * SUN *)"\n\n    lifecycle {\n      delete_after = 35\n    }\n  }\n}\n',
      ],
      good: [
        'resource "aws_backup_plan" "phi" {\n  name = "phi-daily"\n\n  rule {\n    rule_name         = "daily"\n    target_vault_name = "phi-backups"\n    schedule          = "cron(0 5 ? * * *)"\n\n    lifecycle {\n      delete_after = 35\n    }\n  }\n}\n',
      ],
    },
  },
});
