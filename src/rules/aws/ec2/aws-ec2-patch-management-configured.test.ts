import rule from './aws-ec2-patch-management-configured.js';
import { testRule } from '../../../testing/rule-tester.js';

const role = 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]\n}\nresource "aws_iam_instance_profile" "p" {\n  name = "p"\n  role = aws_iam_role.r.name\n}\n';
const instance = (profile: string): string => `resource "aws_instance" "i" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n  iam_instance_profile = ${profile}\n}\n`;
const windowPatch = 'resource "aws_ssm_maintenance_window" "w" {\n  name = "w"\n  schedule = "cron(0 3 ? * SUN *)"\n  duration = 2\n  cutoff = 1\n}\nresource "aws_ssm_maintenance_window_target" "t" {\n  window_id = aws_ssm_maintenance_window.w.id\n  resource_type = "INSTANCE"\n  targets {\n    key = "InstanceIds"\n    values = [aws_instance.i.id]\n  }\n}\nresource "aws_ssm_maintenance_window_task" "k" {\n  window_id = aws_ssm_maintenance_window.w.id\n  task_type = "RUN_COMMAND"\n  task_arn = "AWS-RunPatchBaseline"\n}\n';

testRule(rule, {
  pass: [
    { name: 'maintenance window targets the instance by id', terraform: role + instance('aws_iam_instance_profile.p.name') + windowPatch },
    {
      name: 'the SSM core policy attached through the partition data source',
      terraform:
        'data "aws_partition" "current" {}\nresource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_role_policy_attachment" "ssm" {\n  role       = aws_iam_role.r.name\n  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"\n}\nresource "aws_iam_instance_profile" "p" {\n  name = "p"\n  role = aws_iam_role.r.name\n}\n' +
        instance('aws_iam_instance_profile.p.name') +
        windowPatch,
    },
  ],
  fail: [
    { name: 'no patch coverage', terraform: role + instance('aws_iam_instance_profile.p.name'), findings: [{ line: 10, message: /not selected by any AWS-RunPatchBaseline/ }] },
    { name: 'role without the SSM policy', terraform: 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_instance_profile" "p" {\n  name = "p"\n  role = aws_iam_role.r.name\n}\n' + instance('aws_iam_instance_profile.p.name') + windowPatch, findings: [{ line: 12, message: /lacks AmazonSSMManagedInstanceCore/ }] },
  ],
  unknown: [{ name: 'instance profile defined elsewhere', terraform: instance('"shared-ssm-profile"') + windowPatch }],
});
