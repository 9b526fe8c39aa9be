import type { NestedBlock, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asBoolean, asNumber, asString, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { CRON_LAST_YEAR, longestGapHours, parseAwsCron } from '../aws-cron.js';
import { judgeBackupSchedule } from './backup-schedule.js';
import { continuousReachOf, type ContinuousReach } from './backup-selection.js';

interface Params {
  readonly minRetentionDays: number;
  readonly requireCopyAction: boolean;
  [key: string]: number | boolean;
}

/** The longest retention AWS Backup allows a continuous backup rule. */
const CONTINUOUS_MAX_DAYS = 35;

/** AWS Backup's default schedule when none is given: daily at 05:00 UTC. */
const DEFAULT_SCHEDULE = 'cron(0 5 ? * * *)';

/**
 * The fewest days a recovery point stays in cold storage: "DeleteAfterDays ... must be at least 90
 * days after the number of days specified in MoveToColdStorageAfterDays" (AWS Backup API reference,
 * Lifecycle), and CreateBackupPlan refuses a lifecycle that breaks it.
 */
const COLD_STORAGE_MIN_DAYS = 90;

/** Something in a rule AWS Backup refuses at apply time: the whole plan is then not created or updated. */
interface Refusal {
  readonly where: Sourced;
  readonly message: string;
}

/**
 * A lifecycle (the rule's own or a copy_action's) whose delete_after falls less than 90 days after
 * its cold_storage_after: it was judged on delete_after alone and passed. The provider sends a 0 as
 * unset (internal/service/backup/plan.go expandLifecycle), and -1 keeps recovery points for ever,
 * so neither is compared. 'unknown' when either value is known only at apply time.
 */
function lifecycleRefusal(lifecycle: NestedBlock | undefined, label: string): Refusal | 'unknown' | undefined {
  const cold = lifecycle?.attributes.get('cold_storage_after');
  const remove = lifecycle?.attributes.get('delete_after');
  if (!cold || !remove) return undefined;
  if (isApplyTime(cold) || isApplyTime(remove)) return 'unknown';
  const coldDays = asNumber(cold.value);
  const deleteDays = asNumber(remove.value);
  if (coldDays === undefined || deleteDays === undefined || coldDays <= 0 || deleteDays <= 0) return undefined;
  if (deleteDays >= coldDays + COLD_STORAGE_MIN_DAYS) return undefined;
  return {
    where: remove,
    message: `${label} deletes recovery points after ${deleteDays} days but moves them to cold storage after ${coldDays}, and AWS Backup keeps a recovery point in cold storage at least ${COLD_STORAGE_MIN_DAYS} days (delete_after must be at least ${coldDays + COLD_STORAGE_MIN_DAYS})`,
  };
}

/**
 * What AWS Backup refuses in a continuous (point-in-time) rule's lifecycle, as CreateBackupPlan
 * answers it: a cold_storage_after ("Invalid lifecycle. MoveToColdStorageAfterDays is
 * unavailable", lgallard/terraform-aws-backup#40), a delete_after over 35 days ("The maximum
 * retention period is 35 days", AWS Backup guide, point-in-time recovery; the error a 84-day rule
 * got is hashicorp/terraform-provider-aws#24960), and no delete_after at all ("Lifecycle must be
 * specified for backup rule enabled continuous backup", aws/aws-cdk#17602). A continuous rule kept
 * 90 days passed as retention enough. Values known only at apply time are left to the rest of the rule.
 */
function continuousLifecycleRefusals(rule: NestedBlock, name: string): Refusal[] {
  const lifecycle = blockOf(rule, 'lifecycle');
  const cold = lifecycle?.attributes.get('cold_storage_after');
  const remove = lifecycle?.attributes.get('delete_after');
  const continuous = rule.attributes.get('enable_continuous_backup')!;
  const refusals: Refusal[] = [];
  const coldDays = cold && !isApplyTime(cold) ? asNumber(cold.value) : undefined;
  if (cold && coldDays !== undefined && coldDays > 0) refusals.push({ where: cold, message: `rule "${name}" is a continuous backup rule with cold_storage_after = ${coldDays}, and continuous recovery points cannot move to cold storage` });
  const deleteDays = remove && !isApplyTime(remove) ? asNumber(remove.value) : undefined;
  if (remove && deleteDays !== undefined && deleteDays > CONTINUOUS_MAX_DAYS) refusals.push({ where: remove, message: `rule "${name}" keeps continuous (point-in-time) recovery points ${deleteDays} days, and AWS Backup keeps them ${CONTINUOUS_MAX_DAYS} days at most` });
  if (remove === undefined || (!isApplyTime(remove) && (deleteDays === undefined || deleteDays === 0))) refusals.push({ where: continuous, message: `rule "${name}" is a continuous backup rule without lifecycle { delete_after }, which AWS Backup requires of one (1 to ${CONTINUOUS_MAX_DAYS} days)` });
  return refusals;
}

interface RuleJudgement {
  readonly problems: readonly string[];
  readonly refusals: readonly Refusal[];
  readonly pending?: NestedBlock | undefined;
  readonly refusalPending: boolean;
  readonly where: NestedBlock;
  /**
   * What a continuous rule falls short of for the stores it would snapshot, when the plan's
   * selections do not say whether it selects any (clauses completing "rule ... ").
   */
  readonly continuousDepends: readonly string[];
}

function judgeRule(rule: NestedBlock, params: Params, thisYear: number, reach: () => ContinuousReach): RuleJudgement {
  const problems: string[] = [];
  const refusals: Refusal[] = [];
  const name = asString(rule.attributes.get('rule_name')?.value) ?? 'a rule';
  const schedule = rule.attributes.get('schedule');
  const lifecycle = blockOf(rule, 'lifecycle');
  const deleteAfter = lifecycle?.attributes.get('delete_after');
  const continuous = asBoolean(rule.attributes.get('enable_continuous_backup')?.value) === true;
  let refusalPending = false;
  if (continuous) refusals.push(...continuousLifecycleRefusals(rule, name));
  const lifecycles: [NestedBlock | undefined, string][] = [[lifecycle, `rule "${name}"`], ...blocksOf(rule, 'copy_action').map((c): [NestedBlock | undefined, string] => [blockOf(c, 'lifecycle'), `a copy_action of rule "${name}"`])];
  for (const [block, label] of lifecycles) {
    const refused = lifecycleRefusal(block, label);
    if (refused === 'unknown') refusalPending = true;
    else if (refused) refusals.push(refused);
  }
  if ((schedule && isApplyTime(schedule)) || (deleteAfter && isApplyTime(deleteAfter))) return { problems, refusals, pending: rule, refusalPending, where: rule, continuousDepends: [] };
  // An empty schedule is not sent (plan.go expandBackupRuleInputs), so AWS's default applies.
  const expression = schedule ? asString(schedule.value) ?? '' : '';
  const verdict = judgeBackupSchedule(expression === '' ? DEFAULT_SCHEDULE : expression, thisYear);
  if (verdict.kind === 'refused' && schedule) refusals.push({ where: schedule, message: `rule "${name}" has a schedule AWS Backup refuses (${expression}): ${verdict.detail}` });
  // A continuous rule's schedule still counts (AWS Backup guide, "Continuous backups and
  // point-in-time recovery"): backups are continuous only for S3, RDS, Aurora and SAP HANA on EC2;
  // for any other resource the rule selects, and whenever AWS Backup "is unable to perform a
  // continuous backup" ("it tries to perform a snapshot backup instead"), it takes snapshots on the
  // schedule, and a copy_action copies a snapshot "with the frequency specified in the backup plan".
  // The plan cannot tell here what its selections assign, so a continuous rule that runs less often
  // than daily no longer passes the frequency: it leaves the plan unknown when no rule satisfies.
  // A schedule that stops in some year stops the continuous backup too: its one recovery point is
  // renewed by each run ("updates that recovery point whenever the job runs") and then expires.
  const cron = verdict.kind === 'refused' ? undefined : parseAwsCron(expression === '' ? DEFAULT_SCHEDULE : expression);
  const parsed = cron !== undefined && typeof cron !== 'string' ? cron : undefined;
  const everyYear = parsed !== undefined && Array.from({ length: CRON_LAST_YEAR - thisYear + 1 }, (_, i) => thisYear + i).every((y) => parsed.year.values.has(y));
  const continuousDepends: string[] = [];
  // A continuous rule's shortfall for what it snapshots (its schedule, or retention under the
  // required days that only the 35-day ceiling of continuous recovery points excuses) counts as far
  // as the plan's selections say: not at all when they assign only what it backs up continuously,
  // fully when they select a store it cannot (its type has no continuous backup), else it is open.
  const snapshotShortfall = (problem: string): void => {
    const r = reach();
    if (r.kind === 'snapshots') problems.push(`${problem}, and the plan selects ${r.store.address} (${r.selection.address}), which AWS Backup cannot back up continuously, so it gets only those snapshots`);
    else if (r.kind === 'unknown') continuousDepends.push(problem);
  };
  if (verdict.kind === 'less-often') {
    if (continuous && everyYear) snapshotShortfall(`rule "${name}" runs less often than daily (${expression}): ${verdict.detail}`);
    else problems.push(`rule "${name}" runs less often than daily (${expression}): ${verdict.detail}`);
  }
  const days = deleteAfter ? asNumber(deleteAfter.value) : undefined;
  // "Ensure that you set the retention period for these backups to be greater than the backup
  // frequency to avoid a scenario where the recovery point transitions to EXPIRED state" (AWS
  // Backup guide, "Changing your retention period", Aurora and RDS): the one continuous recovery
  // point is renewed by each run, so it can expire between two runs further apart than it is kept.
  if (continuous && days !== undefined && days > 0 && parsed !== undefined && everyYear) {
    const gapDays = longestGapHours(parsed, thisYear) / 24;
    if (days <= gapDays) {
      problems.push(`rule "${name}" keeps its continuous recovery point ${days} days, not longer than the ${Number.isInteger(gapDays) ? gapDays : gapDays.toFixed(1)} days between its runs (${expression || DEFAULT_SCHEDULE}), so an RDS or Aurora recovery point can expire between runs (AWS Backup: keep it longer than the backup frequency)`);
    }
  }
  // A continuous (point-in-time) rule keeps its recovery points delete_after days too, 1 to 35 at
  // most: it was passed whatever it kept, so delete_after = 1 left one day to restore from. It is
  // held to the required days, or to AWS's 35-day ceiling when more are required.
  const required = continuous ? Math.min(params.minRetentionDays, CONTINUOUS_MAX_DAYS) : params.minRetentionDays;
  if (days !== undefined && days < required) problems.push(`rule "${name}" keeps ${continuous ? 'continuous (point-in-time) ' : ''}recovery points ${days} days (< ${required})`);
  else if (continuous && days !== undefined && days > 0 && days < params.minRetentionDays) snapshotShortfall(`rule "${name}" keeps recovery points ${days} days (< ${params.minRetentionDays}; only continuous ones are held to AWS's ${CONTINUOUS_MAX_DAYS}-day ceiling)`);
  if (params.requireCopyAction && blocksOf(rule, 'copy_action').length === 0) problems.push(`rule "${name}" has no copy_action to another region or account`);
  return { problems, refusals, refusalPending, where: rule, continuousDepends };
}

export default defineRule<Resource, Params>({
  id: 'aws-backup-plan-frequency-retention',
  title: 'Backup plans run daily and keep recovery points long enough',
  severity: 'medium',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)', '164.312(a)(2)(ii)'],
  kind: 'graph',
  why: 'Infrequent backups lose days of ePHI in a disaster, and short retention means corruption discovered late has no clean copy left to restore.',
  howToFix:
    'Give the plan at least one rule whose schedule runs at least daily (e.g. cron(0 5 ? * * *); AWS Backup takes cron() only, and the year field must be * ) with lifecycle { delete_after = 35 } or longer (weekly, monthly or yearly rules beside it are fine); where a lifecycle sets cold_storage_after, set delete_after at least 90 days later; a continuous (point-in-time) rule is continuous only for S3, RDS, Aurora and SAP HANA, so run its schedule daily too (it is the snapshot frequency of everything else it selects and of its copies) and keep its recovery point longer than the time between runs; for PHI add a copy_action to a vault in another region or account.',
  links: ['https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html'],
  references: { awsConfig: ['backup-plan-min-frequency-and-min-retention-check'] },
  params: { minRetentionDays: 35, requireCopyAction: false },
  targets: (model) => model.ofType('aws_backup_plan'),
  check(plan, { model, params, today }): Outcome {
    const rules = blocksOf(plan, 'rule');
    if (rules.length === 0) return fail(plan, { message: `${plan.address} has no rule, so it never takes a backup.` });
    let reach: ContinuousReach | undefined;
    const judged = rules.map((r) => judgeRule(r, params, Number(today.slice(0, 4)), () => (reach ??= continuousReachOf(model, plan))));
    // AWS Backup refuses the whole plan (CreateBackupPlan, UpdateBackupPlan) when one rule is
    // refused, so no other rule can make up for it.
    const refusals = judged.flatMap((j) => j.refusals);
    if (refusals.length > 0) {
      return fail(refusals[0]!.where, {
        message: `${plan.address}: ${refusals[0]!.message}, so the plan is not created (terraform apply fails) and takes no backup.`,
        related: refusals.slice(1).map((r) => ({ span: r.where.span, message: r.message })),
      });
    }
    // One rule that backs up daily with the required retention is enough, as AWS Config's
    // backup-plan-min-frequency-and-min-retention-check has it ("Checks if a backup plan has a
    // backup rule that satisfies the required frequency and retention period"): AWS Backup's own
    // templates pair a daily rule with weekly, monthly and yearly rules kept longer.
    const satisfying = judged.find((j) => !j.pending && j.problems.length === 0 && j.continuousDepends.length === 0);
    const refusalPending = judged.find((j) => j.refusalPending);
    if (satisfying && refusalPending) {
      return unknown(refusalPending.where, `${plan.address}: a lifecycle's cold_storage_after or delete_after is known only at apply time, so whether AWS Backup accepts it (delete_after at least ${COLD_STORAGE_MIN_DAYS} days after cold_storage_after) cannot be judged.`);
    }
    if (satisfying) return pass(satisfying.where);
    const pending = judged.find((j) => j.pending);
    if (pending) return unknown(pending.where, `${plan.address}: a rule schedule or retention is known only at apply time (${reasonOf(pending.where.attributes.get('schedule') ?? blockOf(pending.where, 'lifecycle')?.attributes.get('delete_after'))}), and no other rule satisfies the frequency and retention.`);
    const continuousOnly = judged.find((j) => j.problems.length === 0 && j.continuousDepends.length > 0);
    if (continuousOnly) {
      return unknown(
        continuousOnly.where,
        `${plan.address}: its only rule that could satisfy the frequency and retention is continuous, but ${continuousOnly.continuousDepends.join('; ')}. AWS Backup keeps point-in-time recovery continuously for S3, RDS, Aurora and SAP HANA only, and takes snapshots of anything else the plan selects on the rule's schedule and lifecycle; the plan's selections in the scan do not say whether it selects such a store.`,
      );
    }
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
        // A continuous rule keeps RDS databases restorable to any second; its weekly schedule snapshots nothing else, as the plan assigns RDS only.
        'resource "aws_backup_plan" "pitr" {\n  name = "phi-pitr"\n\n  rule {\n    rule_name                = "pitr"\n    target_vault_name        = "phi-backups"\n    schedule                 = "cron(0 5 ? * SUN *)"\n    enable_continuous_backup = true\n\n    lifecycle {\n      delete_after = 35\n    }\n  }\n}\n\nresource "aws_backup_selection" "rds" {\n  name         = "rds"\n  plan_id      = aws_backup_plan.pitr.id\n  iam_role_arn = "arn:aws:iam::123456789012:role/backup"\n  resources    = ["arn:aws:rds:*:*:db:*"]\n}\n',
      ],
    },
  },
});
