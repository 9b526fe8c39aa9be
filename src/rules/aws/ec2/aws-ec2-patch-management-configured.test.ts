import rule from './aws-ec2-patch-management-configured.js';
import { testRule } from '../../../testing/rule-tester.js';

const role = 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n  managed_policy_arns = ["arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"]\n}\nresource "aws_iam_instance_profile" "p" {\n  name = "p"\n  role = aws_iam_role.r.name\n}\n';
const instance = (profile: string): string => `resource "aws_instance" "i" {\n  ami = "ami-1"\n  instance_type = "t3.micro"\n  iam_instance_profile = ${profile}\n}\n`;
// The task names the window target (WindowTargetIds) and installs: Operation defaults to Scan.
const windowPatch = 'resource "aws_ssm_maintenance_window" "w" {\n  name = "w"\n  schedule = "cron(0 3 ? * SUN *)"\n  duration = 2\n  cutoff = 1\n}\nresource "aws_ssm_maintenance_window_target" "t" {\n  window_id = aws_ssm_maintenance_window.w.id\n  resource_type = "INSTANCE"\n  targets {\n    key = "InstanceIds"\n    values = [aws_instance.i.id]\n  }\n}\nresource "aws_ssm_maintenance_window_task" "k" {\n  window_id = aws_ssm_maintenance_window.w.id\n  task_type = "RUN_COMMAND"\n  task_arn = "AWS-RunPatchBaseline"\n  targets {\n    key    = "WindowTargetIds"\n    values = [aws_ssm_maintenance_window_target.t.id]\n  }\n  task_invocation_parameters {\n    run_command_parameters {\n      parameter {\n        name   = "Operation"\n        values = ["Install"]\n      }\n    }\n  }\n}\n';
const association = (document: string, extra: string): string => `resource "aws_ssm_association" "a" {\n  name = "${document}"\n  schedule_expression = "cron(0 3 ? * SUN *)"\n${extra}  targets {\n    key    = "InstanceIds"\n    values = ["*"]\n  }\n}\n`;
const covered = role + instance('aws_iam_instance_profile.p.name');
/** Two windows: the patch task in "a" names target "a" (another tag); the instance is only in window "b"'s target, which no task names. */
const splitWindows = (taskTargets: string): string =>
  'resource "aws_ssm_maintenance_window" "a" {\n  name = "a"\n  schedule = "cron(0 3 ? * SUN *)"\n  duration = 3\n  cutoff = 1\n}\nresource "aws_ssm_maintenance_window" "b" {\n  name = "b"\n  schedule = "cron(0 3 ? * SUN *)"\n  duration = 3\n  cutoff = 1\n}\n' +
  'resource "aws_ssm_maintenance_window_target" "b" {\n  window_id = aws_ssm_maintenance_window.b.id\n  resource_type = "INSTANCE"\n  targets {\n    key = "InstanceIds"\n    values = [aws_instance.i.id]\n  }\n}\n' +
  'resource "aws_ssm_maintenance_window_target" "a" {\n  window_id = aws_ssm_maintenance_window.a.id\n  resource_type = "INSTANCE"\n  targets {\n    key = "tag:PatchGroup"\n    values = ["other"]\n  }\n}\n' +
  `resource "aws_ssm_maintenance_window_task" "patch" {\n  window_id = aws_ssm_maintenance_window.a.id\n  task_type = "RUN_COMMAND"\n  task_arn = "AWS-RunPatchBaseline"\n  targets {\n    key    = "WindowTargetIds"\n    values = ${taskTargets}\n  }\n  task_invocation_parameters {\n    run_command_parameters {\n      parameter {\n        name   = "Operation"\n        values = ["Install"]\n      }\n    }\n  }\n}\n`;

// A second profile "bare", whose role has no SSM policy, beside role's "p"; the instance takes one by `pick`.
const bareProfile = 'resource "aws_iam_role" "bare" {\n  name = "bare"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_instance_profile" "bare" {\n  name = "bare"\n  role = aws_iam_role.bare.name\n}\n';
const twoProfiles = (pick: string, prefix = false): string => (prefix ? (role + bareProfile).replace(/name = "(p|bare)"\n  role/g, 'name_prefix = "$1"\n  role') : role + bareProfile) + instance(pick) + windowPatch;

testRule(rule, {
  pass: [
    { name: 'the second of two instance profiles, picked by element(), has SSM', terraform: twoProfiles('element([aws_iam_instance_profile.bare.name, aws_iam_instance_profile.p.name], 1)') },
    { name: 'maintenance window targets the instance by id', terraform: role + instance('aws_iam_instance_profile.p.name') + windowPatch },
    {
      name: 'the SSM core policy attached through the partition data source',
      terraform:
        'data "aws_partition" "current" {}\nresource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_role_policy_attachment" "ssm" {\n  role       = aws_iam_role.r.name\n  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonSSMManagedInstanceCore"\n}\nresource "aws_iam_instance_profile" "p" {\n  name = "p"\n  role = aws_iam_role.r.name\n}\n' +
        instance('aws_iam_instance_profile.p.name') +
        windowPatch,
    },
    { name: 'association that installs, selecting the instance by the deprecated instance_id argument', terraform: covered + 'resource "aws_ssm_association" "a" {\n  name = "AWS-RunPatchBaseline"\n  instance_id = aws_instance.i.id\n  schedule_expression = "cron(0 3 ? * SUN *)"\n  parameters = { Operation = "Install" }\n}\n' },
    { name: 'AWS-RunPatchBaselineWithHooks with Operation Install', terraform: covered + association('AWS-RunPatchBaselineWithHooks', '  parameters = {\n    Operation = "Install"\n  }\n') },
    { name: 'AWS-PatchInstanceWithRollback, which always installs', terraform: covered + association('AWS-PatchInstanceWithRollback', '') },
    { name: 'a scan-only association beside one that installs', terraform: covered + association('AWS-RunPatchBaselineAssociation', '') + association('AWS-RunPatchBaseline', '  parameters = { Operation = "Install" }\n').replace('"a"', '"install"') },
  ],
  fail: [
    // The first linked profile (with SSM) was judged: the instance on "bare" passed.
    { name: 'the second of two instance profiles, picked by element(), lacks SSM', terraform: twoProfiles('element([aws_iam_instance_profile.p.name, aws_iam_instance_profile.bare.name], 1)'), findings: [{ line: 21, message: /lacks AmazonSSMManagedInstanceCore/ }] },
    ...(['instance_id', 'targets'] as const).map((how) => ({
      // Stack a patches its own aws_instance.i; stack b's instance at that address is not selected by it.
      name: `another stack's association naming its own instance by reference (${how}) does not select this stack's instance at the same address`,
      terraform: {
        'a/main.tf':
          covered +
          (how === 'instance_id'
            ? 'resource "aws_ssm_association" "a" {\n  name = "AWS-RunPatchBaseline"\n  instance_id = aws_instance.i.id\n  schedule_expression = "cron(0 3 ? * SUN *)"\n  parameters = { Operation = "Install" }\n}\n'
            : 'resource "aws_ssm_association" "a" {\n  name = "AWS-RunPatchBaseline"\n  schedule_expression = "cron(0 3 ? * SUN *)"\n  parameters = { Operation = "Install" }\n  targets {\n    key    = "InstanceIds"\n    values = [aws_instance.i.id]\n  }\n}\n'),
        'b/main.tf': covered,
      },
      findings: [{ file: 'b/main.tf', line: 10, message: /not selected by any/ }],
    })),
    ...[
      ['AWS-RunPatchBaseline with Operation Scan', association('AWS-RunPatchBaseline', '  parameters = { Operation = "Scan" }\n')],
      ['AWS-RunPatchBaseline without Operation (its default is Scan)', association('AWS-RunPatchBaseline', '')],
      ['AWS-RunPatchBaselineAssociation left at its default (Quick Setup\'s daily scan)', association('AWS-RunPatchBaselineAssociation', '')],
    ].map(([name, run]) => ({ name: `an association that only scans: ${name}`, terraform: covered + run, findings: [{ line: 10, message: /selected only by aws_ssm_association\.a, which runs AWS-RunPatchBaseline\S* with Operation "Scan".* installs none/ }] })),
    { name: 'a maintenance window task without Operation only scans', terraform: covered + windowPatch.replace(/  task_invocation_parameters \{[^]*?\n  \}\n/, ''), findings: [{ line: 10, message: /selected only by aws_ssm_maintenance_window_task\.k, which runs AWS-RunPatchBaseline with Operation "Scan"/ }] },
    { name: 'a patch task in one window, the instance in a target of another window that no task names', terraform: covered + splitWindows('[aws_ssm_maintenance_window_target.a.id]'), findings: [{ line: 10, message: /not selected by any AWS-RunPatchBaseline/ }] },
    { name: 'no patch coverage', terraform: role + instance('aws_iam_instance_profile.p.name'), findings: [{ line: 10, message: /not selected by any AWS-RunPatchBaseline/ }] },
    { name: 'role without the SSM policy', terraform: 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = "{}"\n}\nresource "aws_iam_instance_profile" "p" {\n  name = "p"\n  role = aws_iam_role.r.name\n}\n' + instance('aws_iam_instance_profile.p.name') + windowPatch, findings: [{ line: 12, message: /lacks AmazonSSMManagedInstanceCore/ }] },
  ],
  unknown: [
    { name: 'one of two instance profiles named only at apply time, one with SSM', terraform: twoProfiles('element([aws_iam_instance_profile.p.name, aws_iam_instance_profile.bare.name], 1)', true) },
    { name: 'instance profile defined elsewhere', terraform: instance('"shared-ssm-profile"') + windowPatch },
    { name: 'Operation from a variable without a value', terraform: 'variable "operation" {\n  type = string\n}\n' + covered + association('AWS-RunPatchBaseline', '  parameters = { Operation = var.operation }\n') },
    { name: 'a task naming window targets by ids from a variable, in the window whose target selects the instance', terraform: 'variable "target_ids" {\n  type = list(string)\n}\n' + covered + windowPatch.replace('[aws_ssm_maintenance_window_target.t.id]', 'var.target_ids') },
  ],
});
