import rule from './aws-secretsmanager-rotation.js';
import { testRule } from '../../../testing/rule-tester.js';

const secret = 'resource "aws_secretsmanager_secret" "s" {\n  name = "s"\n}\n';
const rotation = (rules: string): string => `${secret}resource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id = aws_secretsmanager_secret.s.id\n  rotation_lambda_arn = "arn:aws:lambda:us-east-1:1:function:f"\n  rotation_rules {\n${rules}  }\n}\n`;

testRule(rule, {
  pass: [
    // secret_id takes the secret's name as well as its ARN.
    {
      name: 'rotation naming the secret by its literal name',
      terraform: `${secret}resource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id = "s"\n  rotation_lambda_arn = "arn:aws:lambda:us-east-1:1:function:f"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n`,
    },
    { name: 'schedule expression in days', terraform: rotation('    schedule_expression = "rate(30 days)"\n') },
    { name: 'a monthly cron schedule', terraform: rotation('    schedule_expression = "cron(0 4 1 * ? *)"\n') },
    { name: 'a cron schedule every other month fits a 62-day maximum', terraform: rotation('    schedule_expression = "cron(0 4 1 */2 ? *)"\n'), params: { maxDays: 62 } },
    { name: 'every eight hours from 8:00 (cron hours reset each day)', terraform: rotation('    schedule_expression = "cron(0 8/8 * * ? *)"\n') },
    { name: 'the last day of every month', terraform: rotation('    schedule_expression = "cron(0 16 L * ? *)"\n'), params: { maxDays: 31 } },
    { name: 'the first Sunday of every month', terraform: rotation('    schedule_expression = "cron(0 0 ? * SUN#1 *)"\n'), params: { maxDays: 35 } },
    { name: 'rate in hours, window within it', terraform: rotation('    schedule_expression = "rate(12 hours)"\n    duration = "3h"\n') },
    { name: 'a three-hour window from 4:00 on the 1st', terraform: rotation('    schedule_expression = "cron(0 4 1 * ? *)"\n    duration = "3h"\n') },
    // "The rotation window must not extend into the next rotation window": windows may touch.
    { name: 'windows on consecutive four-hour slots that touch (cron(0 0/4 * * ? *), 4h)', terraform: rotation('    schedule_expression = "cron(0 0/4 * * ? *)"\n    duration = "4h"\n') },
    { name: 'a window closing at midnight exactly', terraform: rotation('    schedule_expression = "cron(0 20 * * ? *)"\n    duration = "4h"\n') },
    { name: '22:00 and 02:00: four hours apart across midnight', terraform: rotation('    schedule_expression = "cron(0 2,22 * * ? *)"\n') },
    { name: '23:00 and 00:00 on Mondays only: no next day to run into', terraform: rotation('    schedule_expression = "cron(0 0,23 ? * MON *)"\n') },
    { name: 'rate every five hours, windows of an hour', terraform: rotation('    schedule_expression = "rate(5 hours)"\n    duration = "1h"\n') },
    { name: 'longer period allowed by parameter', terraform: rotation('    automatically_after_days = 180\n'), params: { maxDays: 365 } },
  ],
  fail: [
    // A leap year puts 366 days between two New Year's Days.
    { name: 'a yearly cron schedule (a peer differential found every cron read as monthly)', terraform: rotation('    schedule_expression = "cron(0 0 1 1 ? *)"\n'), findings: [{ line: 8, message: /rotates as much as 366 days apart \(cron\(0 0 1 1 \? \*\)\), longer than the 90-day maximum/ }] },
    { name: 'a cron schedule in January and July', terraform: rotation('    schedule_expression = "cron(0 0 1 JAN,JUL ? *)"\n'), findings: [{ line: 8, message: /as much as 184 days apart/ }] },
    { name: 'a cron schedule for one year only: Secrets Manager takes * only', terraform: rotation('    schedule_expression = "cron(0 0 1 1 ? 2027)"\n'), findings: [{ line: 8, message: /Secrets Manager refuses the rotation schedule cron\(0 0 1 1 \? 2027\): Secrets Manager takes \* in the year field only.*so the rotation is not set up/ }] },
    // The old reader took any day-of-month or day-of-week as at most monthly.
    { name: 'the first Monday of every third month (probe: cron read by its month field only)', terraform: rotation('    schedule_expression = "cron(0 4 ? 1/3 MON#1 *)"\n'), findings: [{ line: 8, message: /as much as (9[7-9]|10\d) days apart/ }] },
    { name: 'the 31st: only the months that have one (probe: read as monthly)', terraform: rotation('    schedule_expression = "cron(0 4 31 * ? *)"\n'), params: { maxDays: 31 }, findings: [{ line: 8, message: /as much as 61 days apart/ }] },
    { name: 'the 30th of February never comes', terraform: rotation('    schedule_expression = "cron(0 4 30 FEB ? *)"\n'), findings: [{ line: 8, message: /selects no day that comes round again, so the secret never rotates/ }] },
    { name: 'rate in days over the maximum', terraform: rotation('    schedule_expression = "rate(120 days)"\n'), findings: [{ line: 8, message: /rotates every 120 days, longer than the 90-day maximum/ }] },
    { name: 'rate over 999 days: refused', terraform: rotation('    schedule_expression = "rate(1000 days)"\n'), params: { maxDays: 2000 }, findings: [{ line: 8, message: /longest rotation period Secrets Manager takes is 999 days/ }] },
    { name: 'rate every two hours: refused', terraform: rotation('    schedule_expression = "rate(2 hours)"\n'), findings: [{ line: 8, message: /at most every four hours/ }] },
    { name: 'rate in weeks: refused', terraform: rotation('    schedule_expression = "rate(2 weeks)"\n'), findings: [{ line: 8, message: /in hours or days only, not weeks/ }] },
    { name: 'cron at 15 minutes past: refused', terraform: rotation('    schedule_expression = "cron(15 4 1 * ? *)"\n'), findings: [{ line: 8, message: /0 in the minutes field only/ }] },
    { name: 'cron hours two apart: refused', terraform: rotation('    schedule_expression = "cron(0 0/2 * * ? *)"\n'), findings: [{ line: 8, message: /it rotates 2 hours apart, and Secrets Manager rotates a secret at most every four hours/ }] },
    { name: 'cron with both day fields: refused', terraform: rotation('    schedule_expression = "cron(0 4 1 * MON *)"\n'), findings: [{ line: 8, message: /one of them must be \?/ }] },
    { name: 'a window reaching into the next day: refused', terraform: rotation('    schedule_expression = "cron(0 20 1 * ? *)"\n    duration = "6h"\n'), findings: [{ line: 8, message: /window of 6 hours opening at 20:00 reaches into the next UTC day/ }] },
    { name: 'a window longer than the hours between rotations: refused', terraform: rotation('    schedule_expression = "rate(4 hours)"\n    duration = "5h"\n'), findings: [{ line: 8, message: /reaches into the next one, 4 hours later/ }] },
    // The hours of a cron reset each day: 23:00 and then 00:00 the next day are an hour apart (the hours field alone puts them 23 apart).
    { name: 'rotations at 23:00 and 00:00 (consecutive hours across midnight)', terraform: rotation('    schedule_expression = "cron(0 0,23 * * ? *)"\n'), findings: [{ line: 8, message: /refuses the rotation schedule cron\(0 0,23 \* \* \? \*\): it rotates 1 hour apart \(from 23:00 to 0:00 the next day\), and Secrets Manager rotates a secret at most every four hours/ }] },
    { name: 'every seven hours from midnight: 21:00 then 00:00', terraform: rotation('    schedule_expression = "cron(0 0/7 * * ? *)"\n'), findings: [{ line: 8, message: /it rotates 3 hours apart \(from 21:00 to 0:00 the next day\)/ }] },
    { name: 'a three-hour window from 22:00 runs past midnight', terraform: rotation('    schedule_expression = "cron(0 2,22 * * ? *)"\n    duration = "3h"\n'), findings: [{ line: 8, message: /window of 3 hours opening at 22:00 reaches into the next UTC day/ }] },
    { name: 'rate every five hours with five-hour windows: the 20:00 window runs past midnight', terraform: rotation('    schedule_expression = "rate(5 hours)"\n    duration = "5h"\n'), findings: [{ line: 8, message: /rotation window of 5 hours every 5 hours reaches into the next UTC day \(from 20:00\)/ }] },
    { name: 'automatically_after_days = 0: the provider takes 1 to 1000', terraform: rotation('    automatically_after_days = 0\n'), findings: [{ line: 8, message: /automatically_after_days = 0 is outside the 1 to 1000 days the provider takes/ }] },
    { name: 'automatically_after_days and schedule_expression both set: the provider takes one', terraform: rotation('    automatically_after_days = 30\n    schedule_expression = "rate(30 days)"\n'), findings: [{ line: 8, message: /sets both automatically_after_days and schedule_expression, which the provider refuses/ }] },
    { name: 'no rotation', terraform: secret, findings: [{ line: 1, message: /no rotation/ }] },
    { name: 'rotation too slow', terraform: rotation('    automatically_after_days = 180\n'), findings: [{ line: 8, message: /180 days/ }] },
  ],
  unknown: [
    // It rotates b (element index 1), whose id is known only at apply time: a passed on b's rotation.
    { name: 'a rotation of one of two secrets, picked by element() from ids', terraform: 'resource "aws_secretsmanager_secret" "a" {\n  name = "phi-a"\n}\nresource "aws_secretsmanager_secret" "b" {\n  name = "phi-b"\n}\nresource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id           = element([aws_secretsmanager_secret.a.id, aws_secretsmanager_secret.b.id], 1)\n  rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n' },
    // A condition known only at apply time picks one: the branches' references were dropped, so the rotation linked neither secret and both failed "no rotation".
    { name: 'a rotation of one of two secrets, picked by a condition known only at apply time', terraform: 'variable "use_b" {\n  type = bool\n}\nresource "aws_secretsmanager_secret" "a" {\n  name = "phi-a"\n}\nresource "aws_secretsmanager_secret" "b" {\n  name = "phi-b"\n}\nresource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id           = var.use_b ? aws_secretsmanager_secret.b.id : aws_secretsmanager_secret.a.id\n  rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n' },
    { name: 'schedule that is neither rate() nor cron()', terraform: rotation('    schedule_expression = "monthly"\n') },
    { name: 'a W day, outside the syntax Secrets Manager documents', terraform: rotation('    schedule_expression = "cron(0 4 15W * ? *)"\n') },
    // rate(5 hours) opens windows at 0, 5 ... 20 if it starts again each midnight (a 4h window closes by 24:00), or at 23:00 some day if it runs on.
    { name: 'rate every five hours with four-hour windows: past midnight only if the rate runs on across days', terraform: rotation('    schedule_expression = "rate(5 hours)"\n    duration = "4h"\n') },
    { name: 'a window not written in hours', terraform: rotation('    schedule_expression = "rate(30 days)"\n    duration = "90m"\n') },
    { name: 'a window from a variable', terraform: `variable "w" {\n  type = string\n}\n${rotation('    schedule_expression = "rate(30 days)"\n    duration = var.w\n')}` },
    { name: 'days from a variable', terraform: `variable "d" {\n  type = number\n}\n${rotation('    automatically_after_days = var.d\n')}` }],
});
