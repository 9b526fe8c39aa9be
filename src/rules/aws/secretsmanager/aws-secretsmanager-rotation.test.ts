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
    { name: 'longer period allowed by parameter', terraform: rotation('    automatically_after_days = 180\n'), params: { maxDays: 365 } },
  ],
  fail: [
    { name: 'a yearly cron schedule (a peer differential found every cron read as monthly)', terraform: rotation('    schedule_expression = "cron(0 0 1 1 ? *)"\n'), findings: [{ line: 8, message: /every 365 days/ }] },
    { name: 'a cron schedule in January and July', terraform: rotation('    schedule_expression = "cron(0 0 1 JAN,JUL ? *)"\n'), findings: [{ line: 8, message: /every 184 days/ }] },
    { name: 'a cron schedule for one year only', terraform: rotation('    schedule_expression = "cron(0 0 1 1 ? 2027)"\n'), findings: [{ line: 8, message: /may never rotate again/ }] },
    { name: 'no rotation', terraform: secret, findings: [{ line: 1, message: /no rotation/ }] },
    { name: 'rotation too slow', terraform: rotation('    automatically_after_days = 180\n'), findings: [{ line: 8, message: /180 days/ }] },
  ],
  unknown: [
    // It rotates b (element index 1), whose id is known only at apply time: a passed on b's rotation.
    { name: 'a rotation of one of two secrets, picked by element() from ids', terraform: 'resource "aws_secretsmanager_secret" "a" {\n  name = "phi-a"\n}\nresource "aws_secretsmanager_secret" "b" {\n  name = "phi-b"\n}\nresource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id           = element([aws_secretsmanager_secret.a.id, aws_secretsmanager_secret.b.id], 1)\n  rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n' },
    // A condition known only at apply time picks one: the branches' references were dropped, so the rotation linked neither secret and both failed "no rotation".
    { name: 'a rotation of one of two secrets, picked by a condition known only at apply time', terraform: 'variable "use_b" {\n  type = bool\n}\nresource "aws_secretsmanager_secret" "a" {\n  name = "phi-a"\n}\nresource "aws_secretsmanager_secret" "b" {\n  name = "phi-b"\n}\nresource "aws_secretsmanager_secret_rotation" "r" {\n  secret_id           = var.use_b ? aws_secretsmanager_secret.b.id : aws_secretsmanager_secret.a.id\n  rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"\n  rotation_rules {\n    automatically_after_days = 30\n  }\n}\n' },
    { name: 'days from a variable', terraform: `variable "d" {\n  type = number\n}\n${rotation('    automatically_after_days = var.d\n')}` }],
});
