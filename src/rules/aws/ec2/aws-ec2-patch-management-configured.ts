import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asList, asString, blocksOf } from '../../../model/read.js';
import { isPlainObject } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { EXCLUSIVE_ATTACHMENT_TYPES, POLICY_ATTACHMENT_TYPES, attachedPolicies, attachmentArgument, wholeUnknown } from '../iam/attached-policies.js';
import { resourceNamed } from '../../by-attribute.js';

const SSM_CORE = /AmazonSSMManagedInstanceCore|AmazonEC2RoleforSSM/;
const PATCH_DOCUMENT = /AWS-RunPatchBaseline|AWS-PatchInstanceWithRollback|AWS-RunPatchBaselineAssociation|AWS-RunPatchBaselineWithHooks/;

type Fact = 'yes' | 'no' | 'unknown' | 'arn-unknown';

/** Whether the instance profile's role carries the SSM core managed policy ('arn-unknown': an attached ARN is known only at apply time). */
function canRegister(model: InfraModel, instance: Resource): Fact {
  const profileAttr = instance.attributes.get('iam_instance_profile');
  if (!profileAttr || profileAttr.value === null || profileAttr.value === '') return 'no';
  const named = profileAttr.value;
  const profile =
    model.related(instance, 'aws_iam_instance_profile')[0] ??
    (typeof named === 'string' ? resourceNamed(model, 'aws_iam_instance_profile', 'name', named) : model.ofType('aws_iam_instance_profile').find((p) => p.attributes.get('name')?.value === named));
  if (!profile) return 'unknown';
  const roles = model.related(profile, 'aws_iam_role');
  if (roles.length === 0) return 'unknown';
  let pending = false;
  for (const role of roles) {
    // managed_policy_arns, attachments and exclusive attachments, each ARN read as attached-policies reads it
    // (`arn:${partition}:…/AmazonSSMManagedInstanceCore`, a data source reading it by name).
    const holders = [role, ...[...POLICY_ATTACHMENT_TYPES, ...EXCLUSIVE_ATTACHMENT_TYPES].flatMap((t) => model.related(role, t))];
    for (const holder of holders) {
      const argument = attachmentArgument(holder);
      if (argument === undefined) continue;
      if (wholeUnknown(holder, argument)) {
        pending = true;
        continue;
      }
      for (const p of attachedPolicies(model, holder, argument)) {
        if (p.kind === 'aws-managed' && SSM_CORE.test(p.name)) return 'yes';
        if (p.kind === 'other' && SSM_CORE.test(p.arn)) return 'yes';
        if (p.kind === 'unknown') pending = true;
      }
    }
  }
  return pending ? 'arn-unknown' : 'no';
}

/** Whether a `targets` block (key/values) selects the instance: by id reference, wildcard or tag. */
function targetsInstance(owner: Resource, instance: Resource): boolean {
  for (const t of blocksOf(owner, 'targets')) {
    const key = asString(t.attributes.get('key')?.value) ?? '';
    const values = asList(t.attributes.get('values')?.value).map((v) => asString(v));
    if (key === 'InstanceIds') {
      if (values.includes('*') || owner.references.includes(instance.configAddress)) return true;
      continue;
    }
    const tag = /^tag:(.+)$/.exec(key);
    if (tag) {
      const tags = instance.effectiveTags?.value;
      if (isPlainObject(tags) && values.includes(asString(tags[tag[1]!]))) return true;
    }
  }
  return false;
}

/** Whether a patch association or a maintenance-window patch task covers the instance. */
function patchCovered(model: InfraModel, instance: Resource): boolean {
  const associations = model.ofType('aws_ssm_association').filter((a) => PATCH_DOCUMENT.test(asString(a.attributes.get('name')?.value) ?? ''));
  if (associations.some((a) => targetsInstance(a, instance))) return true;
  const patchTasks = model.ofType('aws_ssm_maintenance_window_task').filter((t) => PATCH_DOCUMENT.test(asString(t.attributes.get('task_arn')?.value) ?? ''));
  if (patchTasks.length === 0) return false;
  return model.ofType('aws_ssm_maintenance_window_target').some((t) => targetsInstance(t, instance));
}

export default defineRule<Resource>({
  id: 'aws-ec2-patch-management-configured',
  title: 'EC2 instances can register with Systems Manager and are patched on a schedule',
  severity: 'medium',
  controls: ['164.308(a)(5)(ii)(B)', '164.308(a)(1)(ii)(B)'],
  kind: 'graph',
  why: 'Instances that Systems Manager cannot reach, or that no patch baseline run covers, drift behind on security patches while they process ePHI.',
  howToFix:
    'Give the instance an iam_instance_profile whose role has AmazonSSMManagedInstanceCore attached, and cover it with an aws_ssm_association (name = "AWS-RunPatchBaseline") or a maintenance window task running AWS-RunPatchBaseline whose targets select it by InstanceIds or tag.',
  links: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/patch-manager.html'],
  references: {
    awsConfig: ['ec2-instance-managed-by-systems-manager', 'ec2-managedinstance-patch-compliance-status-check', 'ec2-managedinstance-association-compliance-status-check'],
  },
  targets: (model) => model.ofType('aws_instance'),
  check(instance, { model }): Outcome {
    const register = canRegister(model, instance);
    if (register === 'no') {
      return fail(instance.attributes.get('iam_instance_profile') ?? instance, {
        message: instance.attributes.has('iam_instance_profile')
          ? `${instance.address} uses an instance profile whose role lacks AmazonSSMManagedInstanceCore, so Systems Manager cannot manage or patch it.`
          : `${instance.address} has no iam_instance_profile, so Systems Manager cannot manage or patch it.`,
      });
    }
    if (!patchCovered(model, instance)) {
      return fail(instance, { message: `${instance.address} is not selected by any AWS-RunPatchBaseline association or maintenance window task, so it is not patched on a schedule.` });
    }
    if (register === 'unknown') return unknown(instance.attributes.get('iam_instance_profile') ?? instance, `${instance.address}: the instance profile or its role is not defined in the scanned code, so Systems Manager access cannot be judged.`);
    if (register === 'arn-unknown') return unknown(instance.attributes.get('iam_instance_profile') ?? instance, `${instance.address}: a policy attached to its instance profile's role is known only at apply time, so Systems Manager access cannot be judged.`);
    return pass(instance);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n'],
      good: [
        `resource "aws_iam_role" "ssm" {
  name = "app-ssm"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.ssm.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}

resource "aws_iam_instance_profile" "ssm" {
  name = "app-ssm"
  role = aws_iam_role.ssm.name
}

resource "aws_instance" "app" {
  ami                  = "ami-0123456789abcdef0"
  instance_type        = "t3.micro"
  iam_instance_profile = aws_iam_instance_profile.ssm.name
  tags = {
    PatchGroup = "phi-app"
  }
}

resource "aws_ssm_association" "patch" {
  name = "AWS-RunPatchBaseline"
  schedule_expression = "cron(0 3 ? * SUN *)"
  parameters = {
    Operation = "Install"
  }

  targets {
    key    = "tag:PatchGroup"
    values = ["phi-app"]
  }
}
`,
      ],
    },
  },
});
