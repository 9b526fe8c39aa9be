import rule from './aws-backup-plan-frequency-retention.js';
import { testRule } from '../../../testing/rule-tester.js';

const plan = (body: string): string => `resource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name = "r"\n    target_vault_name = "v"\n${body}  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'default schedule, kept forever', terraform: plan('') },
    ...['cron(0 5 1/1 * ? *)', 'cron(0 5 */1 * ? *)', 'cron(0 5 ? * 1-7 *)', 'cron(0 5 ? * SUN-SAT *)', 'cron(0 5 ? * MON,TUE,WED,THU,FRI,SAT,SUN *)'].map((cron) => ({ name: `daily, written ${cron}`, terraform: plan(`    schedule = "${cron}"\n`) })),
    { name: 'hourly with a copy when required', params: { requireCopyAction: true }, terraform: plan('    schedule = "cron(0 * * * ? *)"\n    copy_action {\n      destination_vault_arn = "arn:aws:backup:us-west-2:1:backup-vault:dr"\n    }\n') },
  ],
  fail: [
    { name: 'weekdays only', terraform: plan('    schedule = "cron(0 5 ? * MON-FRI *)"\n'), findings: [{ line: 3, message: /runs less often than daily/ }] },
    { name: 'short retention', terraform: plan('    schedule = "cron(0 5 ? * * *)"\n    lifecycle {\n      delete_after = 7\n    }\n'), findings: [{ line: 3, message: /keeps recovery points 7 days/ }] },
    { name: 'monthly', terraform: plan('    schedule = "cron(0 5 1 * ? *)"\n'), findings: [{ line: 3, message: /less often than daily/ }] },
  ],
  unknown: [{ name: 'retention from a variable', terraform: `variable "d" {\n  type = number\n}\n${plan('    lifecycle {\n      delete_after = var.d\n    }\n')}` }],
});
