// AMIs are not a catalog row (../shared/catalog has none), but the rule is the A.1 "public exposure"
// concept of its peers aws-rds-snapshot-not-public and aws-ssm-document-not-public: an image carries
// EBS snapshots of its volumes, so whatever was on the instance it was made from (ePHI in a data
// directory, application secrets) goes with it. Unlike an EBS snapshot's create-volume permission,
// which names account ids only (catalog Appendix F), an AMI launch permission declares public
// sharing in code: group = "all" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html).
// aws_ami and its copies have no argument that makes them public (`public` is computed). EC2 Image
// Builder shares the AMIs it distributes by the same launch permission
// (aws_imagebuilder_distribution_configuration, ami_distribution_configuration.launch_permission
// user_groups = ["all"]), and copies them into target_account_ids.
//
// An account-level aws_ec2_image_block_public_access in "block-new-sharing" makes AWS refuse a new
// public share in its account and Region ("This will block any attempt to publicly share your AMIs in
// the specified Region", EnableImageBlockPublicAccess). The share is still a finding, its message
// saying so: the setting "can take up to 10 minutes" to apply, Terraform applies the two in either
// order unless the share depends on it, an image public before it "will remain publicly
// available", and the setting may be removed in another change; the code still asks for a public AMI.
import type { InfraModel } from '../../../model/infra-model.js';
import type { NestedBlock, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asList, asString, blocksOf } from '../../../model/read.js';
import { isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { mayShareAccount } from '../account.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { regionOf, sameRegion } from '../region.js';

interface Params {
  /** Account ids, organization ARNs and OU ARNs an image may be shared with; empty: only public sharing fails. */
  readonly allowedAccounts: readonly string[];
  [key: string]: readonly string[];
}

/**
 * What a block-new-sharing in `r`'s account and Region (`region`, when the share names its own)
 * adds to a public share's message, or '' when none is declared there.
 */
function blockNote(model: InfraModel, r: Resource, region?: string): string {
  // An Image Builder share is refused when an image is distributed, not when Terraform applies.
  const when = r.type === 'aws_ami_launch_permission' ? ' (terraform apply fails)' : '';
  const block = model
    .ofType('aws_ec2_image_block_public_access')
    .find((b) => asString(b.attributes.get('state')?.value) === 'block-new-sharing' && mayShareAccount(b, r) && (region !== undefined ? regionOf(b) === region : sameRegion(b, r) === true));
  if (!block) return '';
  return ` ${block.address} sets block-new-sharing in its account and Region, so AWS refuses the share once that is in force${when}; but it can take 10 minutes to apply, leaves an image already public public, and may be undone, so the public share is still to be removed.`;
}

/** The principals a share names that are not on the allowedAccounts list, or 'unknown' when some is known only at apply time. */
function strangers(values: readonly (Sourced | undefined)[], allowed: readonly string[]): { where: Sourced; names: string[] } | 'unknown' | undefined {
  for (const v of values) {
    if (!v || v.value === null) continue;
    if (isApplyTime(v) || asList(v.value).some((e) => isUnknown(e))) return 'unknown';
    const names = asList(v.value).filter((e): e is string => typeof e === 'string' && !allowed.includes(e));
    if (names.length > 0) return { where: v, names };
  }
  return undefined;
}

function judgePermission(permission: Resource, model: InfraModel, params: Params): Outcome {
  const group = permission.attributes.get('group');
  if (group && group.value !== null) {
    if (isApplyTime(group)) return unknown(group, `${permission.address}: group is known only at apply time (${reasonOf(group)}).`);
    if (asString(group.value) === 'all') {
      return fail(group, { message: `${permission.address} sets group = "all", so every AWS account can launch or copy the image and read its snapshots.${blockNote(model, permission)}` });
    }
  }
  if (params.allowedAccounts.length === 0) return pass(group ?? permission, `${permission.address} shares the image with an account or organization, not publicly.`);
  const other = strangers(['account_id', 'organization_arn', 'organizational_unit_arn'].map((k) => permission.attributes.get(k)), params.allowedAccounts);
  if (other === 'unknown') return unknown(permission, `${permission.address}: the account or organization it shares the image with is known only at apply time, so whether it is on the allowedAccounts list cannot be judged.`);
  if (other) return fail(other.where, { message: `${permission.address} shares the image with ${other.names.join(', ')}, not on the allowedAccounts list.` });
  return pass(permission, `${permission.address} shares the image only with accounts on the allowedAccounts list.`);
}

/** Image Builder: each distribution's launch permission, and the accounts it copies the AMI into. */
function judgeDistribution(config: Resource, model: InfraModel, params: Params): Outcome {
  let pending: Sourced | NestedBlock | undefined;
  for (const distribution of blocksOf(config, 'distribution')) {
    const region = asString(distribution.attributes.get('region')?.value);
    for (const ami of blocksOf(distribution, 'ami_distribution_configuration')) {
      const permissions = blocksOf(ami, 'launch_permission');
      for (const permission of permissions) {
        const groups = permission.attributes.get('user_groups');
        if (groups && (isApplyTime(groups) || asList(groups.value).some((e) => isUnknown(e)))) pending ??= groups;
        else if (groups && asList(groups.value).includes('all')) {
          return fail(groups, { message: `${config.address} distributes AMIs${region ? ` in ${region}` : ''} with user_groups = ["all"], so every AWS account can launch or copy them and read their snapshots.${blockNote(model, config, region)}` });
        }
      }
      if (params.allowedAccounts.length === 0) continue;
      const keys = ['user_ids', 'organization_arns', 'organizational_unit_arns'];
      const other = strangers([...permissions.flatMap((p) => keys.map((k) => p.attributes.get(k))), ami.attributes.get('target_account_ids')], params.allowedAccounts);
      if (other === 'unknown') pending ??= ami;
      else if (other) return fail(other.where, { message: `${config.address} shares or copies its AMIs with ${other.names.join(', ')}, not on the allowedAccounts list.` });
    }
  }
  if (pending) return unknown(pending, `${config.address}: whom it shares its AMIs with is known only at apply time.`);
  return pass(config, `${config.address} does not share its AMIs publicly.`);
}

export default defineRule<Resource, Params>({
  id: 'aws-ec2-ami-not-public',
  title: 'AMIs are not shared publicly',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'graph',
  why: 'A public AMI can be launched or copied by any AWS account, together with the snapshots of its volumes and any ePHI or credentials left on the instance it was made from.',
  howToFix:
    'Remove group = "all" from the aws_ami_launch_permission (user_groups = ["all"] from an Image Builder distribution\'s launch_permission); share the image with account_id, organization_arn or organizational_unit_arn instead (list them in the allowedAccounts parameter to enforce it), and add aws_ec2_image_block_public_access with state = "block-new-sharing" in each Region.',
  links: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html'],
  references: {},
  // Empty: only public sharing fails; when set, every account, organization ARN or OU ARN an image is shared with must be listed.
  params: { allowedAccounts: [] },
  targets: (model) => [...model.ofType('aws_ami_launch_permission'), ...model.ofType('aws_imagebuilder_distribution_configuration')],
  check(target, { model, params }) {
    return target.type === 'aws_ami_launch_permission' ? judgePermission(target, model, params) : judgeDistribution(target, model, params);
  },
  acrossRoots: {
    why: 'the account\'s image block public access, set in any stack of the account and region, covers every image there',
    reads: ['aws_ami', 'aws_ami_copy', 'aws_ami_from_instance', 'aws_ami_launch_permission', 'aws_ec2_image_block_public_access', 'aws_imagebuilder_distribution_configuration'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_ami_launch_permission" "app" {\n  image_id = "ami-0123456789abcdef0"\n  group    = "all"\n}\n'],
      good: ['resource "aws_ami_launch_permission" "app" {\n  image_id   = "ami-0123456789abcdef0"\n  account_id = "123456789012"\n}\n'],
    },
  },
});
