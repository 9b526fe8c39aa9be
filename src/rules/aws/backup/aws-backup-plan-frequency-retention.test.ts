import rule from './aws-backup-plan-frequency-retention.js';
import { testRule } from '../../../testing/rule-tester.js';

const plan = (body: string): string => `resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n${body}  }\n}\n`;
/** A plan of several rules: [rule_name, body] each. */
const rulesPlan = (...rules: [string, string][]): string =>
  `resource "aws_backup_plan" "p" {\n  name = "p"\n${rules.map(([name, body]) => `  rule {\n    rule_name = "${name}"\n    target_vault_name = "v"\n${body}  }\n`).join('')}}\n`;
const daily35 = '    schedule = "cron(0 5 ? * * *)"\n    lifecycle {\n      delete_after = 35\n    }\n';
const weeklyContinuous = '    schedule = "cron(0 5 ? * SUN *)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 35\n    }\n';
const dailyContinuous35 = '    schedule = "cron(0 5 ? * * *)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 35\n    }\n';
const db = 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n}\n';
const table = 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  hash_key = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n  tags = { Backup = "pitr" }\n}\n';
/** The plan's assignment of resources. */
const selection = (body: string): string => `resource "aws_backup_selection" "s" {\n  name = "s"\n  plan_id = aws_backup_plan.p.id\n  iam_role_arn = "arn:aws:iam::123456789012:role/backup"\n${body}}\n`;
const monthly365 = '    schedule = "cron(0 5 1 * ? *)"\n    lifecycle {\n      cold_storage_after = 30\n      delete_after = 365\n    }\n';

testRule(rule, {
  pass: [
    { name: 'default schedule, kept forever', terraform: plan('') },
    ...['cron(0 5 1/1 * ? *)', 'cron(0 5 */1 * ? *)', 'cron(0 5 ? * 1-7 *)', 'cron(0 5 ? * SUN-SAT *)', 'cron(0 5 ? * MON,TUE,WED,THU,FRI,SAT,SUN *)'].map((cron) => ({ name: `daily, written ${cron}`, terraform: plan(`    schedule = "${cron}"\n`) })),
    { name: 'daily rule plus a monthly rule kept a year (probe bk1)', terraform: rulesPlan(['daily', daily35], ['monthly', monthly365]) },
    { name: 'monthly rule first, daily rule second', terraform: rulesPlan(['monthly', monthly365], ['daily', daily35]) },
    { name: 'continuous backup kept 35 days, the most AWS allows', terraform: plan('    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 35\n    }\n') },
    { name: 'continuous backup kept 14 days when 14 are required', params: { minRetentionDays: 14 }, terraform: plan('    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 14\n    }\n') },
    { name: 'daily in every year from the scan year to 2199', terraform: plan('    schedule = "cron(0 5 ? * * 2026-2199)"\n') },
    { name: 'empty schedule: not sent, so AWS takes its daily default', terraform: plan('    schedule = ""\n') },
    { name: 'cold storage after 30 days, deleted after 120 (90 days in cold storage)', terraform: plan('    lifecycle {\n      cold_storage_after = 30\n      delete_after = 120\n    }\n') },
    { name: 'weekly continuous rule beside a daily snapshot rule (both, as AWS Backup recommends)', terraform: rulesPlan(['pitr', '    schedule = "cron(0 5 ? * SUN *)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 35\n    }\n'], ['daily', daily35]) },
    // A continuous rule protects RDS, Aurora and S3 continuously whatever its schedule: a plan that assigns only those backs them up at every moment.
    { name: 'weekly continuous rule, the plan assigns an RDS database by reference', terraform: db + plan(weeklyContinuous) + selection('  resources = [aws_db_instance.d.arn]\n') },
    { name: 'weekly continuous rule, the plan assigns RDS databases and S3 buckets by ARN', terraform: plan(weeklyContinuous) + selection('  resources = ["arn:aws:rds:*:*:db:*", "arn:aws:s3:::phi-*"]\n') },
    { name: 'continuous rule kept 35 days when 90 are required, the plan assigns an RDS database only (35 days is the most AWS keeps)', params: { minRetentionDays: 90 }, terraform: db + plan(dailyContinuous35) + selection('  resources = [aws_db_instance.d.arn]\n') },
    { name: 'hourly with a copy when required', params: { requireCopyAction: true }, terraform: plan('    schedule = "cron(0 * * * ? *)"\n    copy_action {\n      destination_vault_arn = "arn:aws:backup:us-west-2:1:backup-vault:dr"\n    }\n') },
  ],
  fail: [
    { name: 'weekdays only', terraform: plan('    schedule = "cron(0 5 ? * MON-FRI *)"\n'), findings: [{ line: 3, message: /runs less often than daily/ }] },
    { name: 'short retention', terraform: plan('    schedule = "cron(0 5 ? * * *)"\n    lifecycle {\n      delete_after = 7\n    }\n'), findings: [{ line: 3, message: /keeps recovery points 7 days/ }] },
    { name: 'continuous backup kept 1 day (probe h3-b1)', terraform: plan('    schedule = "cron(0 5 ? * * *)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 1\n    }\n'), findings: [{ line: 3, message: /rule "r" keeps continuous \(point-in-time\) recovery points 1 days \(< 35\)/ }] },
    { name: 'monthly', terraform: plan('    schedule = "cron(0 5 1 * ? *)"\n'), findings: [{ line: 3, message: /less often than daily/ }] },
    { name: 'daily rule kept 7 days plus a monthly rule: no rule satisfies both', terraform: rulesPlan(['daily', '    schedule = "cron(0 5 ? * * *)"\n    lifecycle {\n      delete_after = 7\n    }\n'], ['monthly', monthly365]), findings: [{ line: 3, message: /has no rule that satisfies the frequency and retention: rule "daily" keeps recovery points 7 days \(< 35\); rule "monthly" runs less often than daily/ }] },
    { name: 'copy required: the daily rule has none, the monthly rule copies', params: { requireCopyAction: true }, terraform: rulesPlan(['daily', daily35], ['monthly', `${monthly365}    copy_action {\n      destination_vault_arn = "arn:aws:backup:us-west-2:1:backup-vault:dr"\n    }\n`]), findings: [{ line: 3, message: /rule "daily" has no copy_action/ }] },
    { name: 'schedule in 2020 only (probe: the year field was ignored)', terraform: plan('    schedule = "cron(0 5 ? * * 2020)"\n'), findings: [{ line: 3, message: /rule "r" runs less often than daily \(cron\(0 5 \? \* \* 2020\)\): only in 2020, so never again/ }] },
    { name: 'schedule in the scan year only', terraform: plan('    schedule = "cron(0 5 ? * * 2026)"\n'), findings: [{ line: 3, message: /only in the years 2026, not every year from 2026 on|only in 2026/ }] },
    { name: 'rate() schedule: AWS Backup takes cron only', terraform: plan('    schedule = "rate(1 day)"\n'), findings: [{ line: 6, message: /schedule AWS Backup refuses \(rate\(1 day\)\): AWS Backup takes cron\(\) expressions only, not rate\(\), so the plan is not created/ }] },
    { name: 'a refused schedule fails the plan though another rule is daily', terraform: rulesPlan(['daily', daily35], ['quarter', '    schedule = "cron(0/15 * ? * * *)"\n']), findings: [{ line: 14, message: /rule "quarter" has a schedule AWS Backup refuses .*less than 60 minutes apart/ }] },
    { name: 'cold storage after 30 days, deleted after 60 (probe: AWS keeps 90 days in cold storage)', terraform: plan('    schedule = "cron(0 5 ? * * *)"\n    lifecycle {\n      cold_storage_after = 30\n      delete_after = 60\n    }\n'), findings: [{ line: 9, message: /rule "r" deletes recovery points after 60 days but moves them to cold storage after 30, .* \(delete_after must be at least 120\), so the plan is not created/ }] },
    { name: 'copy_action lifecycle that leaves cold storage early', terraform: plan(`${daily35}    copy_action {\n      destination_vault_arn = "arn:aws:backup:us-west-2:123456789012:backup-vault:dr"\n      lifecycle {\n        cold_storage_after = 100\n        delete_after = 150\n      }\n    }\n`), findings: [{ line: 14, message: /a copy_action of rule "r" deletes recovery points after 150 days but moves them to cold storage after 100/ }] },
    { name: 'continuous backup kept 90 days: AWS keeps continuous recovery points 35 days at most', terraform: plan('    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 90\n    }\n'), findings: [{ line: 8, message: /rule "r" keeps continuous \(point-in-time\) recovery points 90 days, and AWS Backup keeps them 35 days at most, so the plan is not created/ }] },
    { name: 'continuous backup moved to cold storage', terraform: plan('    enable_continuous_backup = true\n    lifecycle {\n      cold_storage_after = 30\n      delete_after = 35\n    }\n'), findings: [{ line: 8, message: /continuous backup rule with cold_storage_after = 30, and continuous recovery points cannot move to cold storage/ }] },
    { name: 'continuous rule every other month, kept 35 days: the recovery point can expire between runs', terraform: plan('    schedule = "cron(0 5 1 */2 ? *)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 35\n    }\n'), findings: [{ line: 3, message: /rule "r" keeps its continuous recovery point 35 days, not longer than the 62 days between its runs \(cron\(0 5 1 \*\/2 \? \*\)\), so an RDS or Aurora recovery point can expire/ }] },
    { name: 'weekly continuous rule kept 7 days when 7 are required', params: { minRetentionDays: 7 }, terraform: plan('    schedule = "cron(0 5 ? * SUN *)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 7\n    }\n'), findings: [{ line: 3, message: /continuous recovery point 7 days, not longer than the 7 days between its runs/ }] },
    { name: 'continuous rule whose schedule ran in 2020 only: no job renews it', terraform: plan('    schedule = "cron(0 5 ? * * 2020)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 35\n    }\n'), findings: [{ line: 3, message: /rule "r" runs less often than daily \(cron\(0 5 \? \* \* 2020\)\): only in 2020, so never again/ }] },
    // A continuous rule vouched for a DynamoDB table it selects: DynamoDB has no continuous backup in AWS Backup, so the table gets weekly snapshots.
    { name: 'weekly continuous rule, the plan assigns a DynamoDB table by reference', terraform: table + plan(weeklyContinuous) + selection('  resources = [aws_dynamodb_table.t.arn]\n'), findings: [{ line: 12, message: /rule "r" runs less often than daily \(cron\(0 5 \? \* SUN \*\)\): on some days of the week only, and the plan selects aws_dynamodb_table.t \(aws_backup_selection.s\), which AWS Backup cannot back up continuously/ }] },
    { name: 'weekly continuous rule, the plan selects a DynamoDB table by its tag', terraform: table + plan(weeklyContinuous) + selection('  selection_tag {\n    type = "STRINGEQUALS"\n    key = "Backup"\n    value = "pitr"\n  }\n'), findings: [{ line: 12, message: /the plan selects aws_dynamodb_table.t/ }] },
    { name: 'weekly continuous rule, the plan assigns an RDS database and a DynamoDB table', terraform: db + table + plan(weeklyContinuous) + selection('  resources = [aws_db_instance.d.arn, aws_dynamodb_table.t.arn]\n'), findings: [{ line: 16, message: /the plan selects aws_dynamodb_table.t/ }] },
    { name: 'continuous rule kept 35 days when 90 are required, the plan assigns a DynamoDB table (its snapshots are kept 35 days)', params: { minRetentionDays: 90 }, terraform: table + plan(dailyContinuous35) + selection('  resources = [aws_dynamodb_table.t.arn]\n'), findings: [{ line: 12, message: /rule "r" keeps recovery points 35 days \(< 90; only continuous ones are held to AWS's 35-day ceiling\), and the plan selects aws_dynamodb_table.t/ }] },
    { name: 'continuous backup without delete_after', terraform: plan('    enable_continuous_backup = true\n'), findings: [{ line: 6, message: /rule "r" is a continuous backup rule without lifecycle \{ delete_after \}/ }] },
  ],
  unknown: [
    // It passed: the schedule was taken to set no frequency. It is the snapshot frequency of what
    // the rule cannot back up continuously (EBS, EFS, DynamoDB...), of fallbacks and of copies.
    { name: 'weekly continuous rule alone (probe: a continuous rule\'s schedule was not judged)', terraform: plan('    schedule = "cron(0 5 ? * SUN *)"\n    enable_continuous_backup = true\n    lifecycle {\n      delete_after = 35\n    }\n') },
    { name: 'weekly continuous rule, the plan selects by a tag no store in the scan carries', terraform: plan(weeklyContinuous) + selection('  selection_tag {\n    type = "STRINGEQUALS"\n    key = "Backup"\n    value = "pitr"\n  }\n') },
    { name: 'weekly continuous rule, the plan assigns an RDS database and every RDS cluster (Aurora, or Multi-AZ DB clusters AWS Backup may not keep continuously)', terraform: db + table + plan(weeklyContinuous) + selection('  resources = [aws_db_instance.d.arn, "arn:aws:rds:*:*:cluster:*"]\n') },
    { name: 'continuous rule kept 35 days when 90 are required, no selection in the scan', params: { minRetentionDays: 90 }, terraform: plan(dailyContinuous35) },
    { name: 'cold storage from a variable beside a daily rule', terraform: `variable "c" {\n  type = number\n}\n${plan('    lifecycle {\n      cold_storage_after = var.c\n      delete_after = 100\n    }\n')}` },
    { name: 'monthly rule and a daily rule whose retention comes from a variable', terraform: `variable "d" {\n  type = number\n}\n${rulesPlan(['monthly', monthly365], ['daily', '    lifecycle {\n      delete_after = var.d\n    }\n'])}` },
    { name: 'retention from a variable', terraform: `variable "d" {\n  type = number\n}\n${plan('    lifecycle {\n      delete_after = var.d\n    }\n')}` },
  ],
});
