import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asList, asString, blocksOf } from '../../../model/read.js';
import { containsUnknown, isPlainObject, isUnknown, type Plain } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { EXCLUSIVE_ATTACHMENT_TYPES, POLICY_ATTACHMENT_TYPES, attachedPolicies, attachmentArgument, wholeUnknown } from '../iam/attached-policies.js';
import { resourceNamed } from '../../by-attribute.js';
import { referencesResource } from '../judge-setting.js';
import { linkedCandidates } from '../linked.js';

const SSM_CORE = /AmazonSSMManagedInstanceCore|AmazonEC2RoleforSSM/;
const PATCH_DOCUMENT = /AWS-RunPatchBaseline|AWS-PatchInstanceWithRollback|AWS-RunPatchBaselineAssociation|AWS-RunPatchBaselineWithHooks/;

type Fact = 'yes' | 'no' | 'unknown' | 'arn-unknown' | 'one-of'; // 'one-of': one of several profiles, which disagree

/** Whether the instance profile's role carries the SSM core managed policy ('arn-unknown': an attached ARN is known only at apply time). */
function canRegister(model: InfraModel, instance: Resource): Fact {
  const profileAttr = instance.attributes.get('iam_instance_profile');
  if (!profileAttr || profileAttr.value === null || profileAttr.value === '') return 'no';
  const named = profileAttr.value;
  const linked = linkedCandidates(model, instance, 'aws_iam_instance_profile', 'iam_instance_profile');
  // One of several profiles (iam_instance_profile = element([...], 1)), which one known only at apply
  // time: the first was judged. Yes or no only when every one of them says so.
  if (linked.length > 1) {
    const facts = linked.map((p) => profileCanRegister(model, p));
    return facts.every((f) => f === facts[0]) ? facts[0]! : 'one-of';
  }
  const profile =
    linked[0] ??
    (typeof named === 'string' ? resourceNamed(model, 'aws_iam_instance_profile', 'name', named, instance) : model.ofType('aws_iam_instance_profile').find((p) => p.attributes.get('name')?.value === named));
  if (!profile) return 'unknown';
  return profileCanRegister(model, profile);
}

/** Whether an instance profile's role carries the SSM core managed policy. */
function profileCanRegister(model: InfraModel, profile: Resource): Fact {
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

/**
 * Whether a `targets` block (key/values) selects the instance: by id reference (to the instance of
 * its own stack), wildcard or tag (those select across stacks, by account and Region).
 */
function targetsInstance(model: InfraModel, owner: Resource, instance: Resource): boolean {
  for (const t of blocksOf(owner, 'targets')) {
    const key = asString(t.attributes.get('key')?.value) ?? '';
    const values = asList(t.attributes.get('values')?.value).map((v) => asString(v));
    if (key === 'InstanceIds') {
      if (values.includes('*') || referencesResource(model, owner, instance)) return true;
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

/** Whether an association selects the instance: its targets, or the deprecated instance_id argument (provider v5 still takes it). */
function associationSelects(model: InfraModel, association: Resource, instance: Resource): boolean {
  if (association.attributes.has('instance_id') && referencesResource(model, association, instance)) return true;
  return targetsInstance(model, association, instance);
}

type Tri = true | false | 'unknown';

/**
 * Whether a run of a patch document installs patches. AWS-RunPatchBaseline, -WithHooks and
 * -Association take Operation "Scan" or "Install", and Scan is each one's default value: a run
 * that does not set it only reports missing patches (Quick Setup's daily "scan for missing
 * patches" association is AWS-RunPatchBaselineAssociation left at its default). The Automation
 * runbook AWS-PatchInstanceWithRollback always installs.
 */
function installs(document: string, operation: Plain | undefined): Tri {
  if (/AWS-PatchInstanceWithRollback/.test(document)) return true;
  if (operation === undefined || operation === null) return false;
  if (containsUnknown(operation)) return 'unknown';
  const values = asList(operation).map((v) => asString(v));
  return values.length > 0 && values.every((v) => v !== undefined && /^Install$/i.test(v));
}

/** The Operation an association passes (`parameters = { Operation = "Install" }`); unknown when the whole map is. */
function associationOperation(association: Resource): Plain | undefined {
  const parameters = association.attributes.get('parameters')?.value;
  if (isUnknown(parameters)) return parameters;
  return isPlainObject(parameters) ? parameters['Operation'] : undefined;
}

/**
 * The Operation a maintenance window task passes: a `parameter` block of run_command_parameters
 * or automation_parameters in task_invocation_parameters, or of the older task_parameters.
 */
function taskOperation(task: Resource): Plain | undefined {
  const holders = blocksOf(task, 'task_invocation_parameters').flatMap((i) => [...blocksOf(i, 'run_command_parameters'), ...blocksOf(i, 'automation_parameters')]);
  const parameters = [...holders.flatMap((h) => blocksOf(h, 'parameter')), ...blocksOf(task, 'task_parameters')];
  const operation = parameters.find((p) => asString(p.attributes.get('name')?.value) === 'Operation');
  return operation?.attributes.get('values')?.value;
}

/**
 * Whether a maintenance window task runs on the instance. Its targets name window targets by id
 * (`WindowTargetIds` = [aws_ssm_maintenance_window_target.t.id]) or instances (`InstanceIds`); a
 * window target selects instances only for the tasks that name it, so a target of another window,
 * or one the task does not name, covers nothing (RegisterTaskWithMaintenanceWindow: a Run Command
 * task needs targets). Ids the scan cannot follow (a variable, an id written out) leave it open
 * when a target of the same window selects the instance.
 */
function taskSelects(model: InfraModel, task: Resource, instance: Resource): Tri {
  if (targetsInstance(model, task, instance)) return true;
  const byTargetIds = blocksOf(task, 'targets').filter((t) => asString(t.attributes.get('key')?.value) === 'WindowTargetIds');
  if (byTargetIds.length === 0) return false;
  const named = task.references.filter((r) => /(^|\.)aws_ssm_maintenance_window_target\.[^.]+$/.test(r)).flatMap((r) => model.resolve(task, r));
  if (named.length > 0) return named.some((t) => targetsInstance(model, t, instance));
  const windows = model.related(task, 'aws_ssm_maintenance_window');
  const sameWindow = model.ofType('aws_ssm_maintenance_window_target').filter((t) => model.related(t, 'aws_ssm_maintenance_window').some((w) => windows.includes(w)));
  return sameWindow.some((t) => targetsInstance(model, t, instance)) ? 'unknown' : false;
}

/** How the instance is covered by patch runs: one that installs, one that may, or runs that only scan. */
type Coverage =
  | { readonly kind: 'installs' }
  | { readonly kind: 'unknown'; readonly run: Resource; readonly why: string }
  | { readonly kind: 'scan-only'; readonly run: Resource; readonly document: string; readonly operationSet: boolean }
  | { readonly kind: 'none' };

function patchCoverage(model: InfraModel, instance: Resource): Coverage {
  const runs: { readonly run: Resource; readonly document: string; readonly selects: Tri; readonly installs: Tri; readonly operationSet: boolean }[] = [];
  for (const a of model.ofType('aws_ssm_association')) {
    const document = asString(a.attributes.get('name')?.value) ?? '';
    if (!PATCH_DOCUMENT.test(document)) continue;
    const operation = associationOperation(a);
    runs.push({ run: a, document, selects: associationSelects(model, a, instance), installs: installs(document, operation), operationSet: operation !== undefined && operation !== null });
  }
  for (const t of model.ofType('aws_ssm_maintenance_window_task')) {
    const document = asString(t.attributes.get('task_arn')?.value) ?? '';
    if (!PATCH_DOCUMENT.test(document)) continue;
    const operation = taskOperation(t);
    runs.push({ run: t, document, selects: taskSelects(model, t, instance), installs: installs(document, operation), operationSet: operation !== undefined && operation !== null });
  }
  const selecting = runs.filter((r) => r.selects !== false);
  if (selecting.some((r) => r.selects === true && r.installs === true)) return { kind: 'installs' };
  const open = selecting.find((r) => r.installs !== false);
  if (open) {
    return {
      kind: 'unknown',
      run: open.run,
      why: open.installs === 'unknown' ? `whether ${open.run.address} installs patches (its Operation) is known only at apply time` : `${open.run.address} names its window targets by ids the scan cannot follow`,
    };
  }
  const scanning = selecting.find((r) => r.selects === true);
  return scanning ? { kind: 'scan-only', run: scanning.run, document: scanning.document, operationSet: scanning.operationSet } : { kind: 'none' };
}

export default defineRule<Resource>({
  id: 'aws-ec2-patch-management-configured',
  title: 'EC2 instances can register with Systems Manager and are patched on a schedule',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(a)(5)(ii)(A)', '164.308(a)(5)(ii)(B)'],
  kind: 'graph',
  why: 'Instances that Systems Manager cannot reach, or that no patch baseline run covers, drift behind on security patches while they process ePHI.',
  howToFix:
    'Give the instance an iam_instance_profile whose role has AmazonSSMManagedInstanceCore attached, and cover it with an aws_ssm_association (name = "AWS-RunPatchBaseline", parameters Operation = "Install") or a maintenance window task running AWS-RunPatchBaseline with Operation "Install" whose targets select it (InstanceIds, or WindowTargetIds naming a window target that selects it by id or tag). Operation defaults to "Scan", which installs nothing.',
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
    const coverage = patchCoverage(model, instance);
    if (coverage.kind === 'none') {
      return fail(instance, { message: `${instance.address} is not selected by any AWS-RunPatchBaseline association or maintenance window task, so it is not patched on a schedule.` });
    }
    if (coverage.kind === 'scan-only') {
      return fail(instance, {
        message: `${instance.address} is selected only by ${coverage.run.address}, which runs ${coverage.document} with Operation "Scan"${coverage.operationSet ? '' : ' (the document\'s default: Operation is not set)'}: it reports missing patches but installs none, so the instance is not patched on a schedule.`,
        related: [{ span: coverage.run.span, message: `the scan-only patch run: set Operation "Install" here` }],
      });
    }
    if (coverage.kind === 'unknown') return unknown(instance, `${instance.address}: ${coverage.why}, so whether it is patched on a schedule cannot be judged.`);
    if (register === 'unknown') return unknown(instance.attributes.get('iam_instance_profile') ?? instance, `${instance.address}: the instance profile or its role is not defined in the scanned code, so Systems Manager access cannot be judged.`);
    if (register === 'one-of') {
      const names = linkedCandidates(model, instance, 'aws_iam_instance_profile', 'iam_instance_profile').map((p) => p.address).join(', ');
      return unknown(instance.attributes.get('iam_instance_profile') ?? instance, `${instance.address}: its instance profile is one of ${names} (which one is not known to the scan), and not all of their roles have AmazonSSMManagedInstanceCore, so Systems Manager access cannot be judged.`);
    }
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
