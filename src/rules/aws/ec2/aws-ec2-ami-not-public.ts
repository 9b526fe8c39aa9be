// AMIs are not a catalog row (../shared/catalog has none), but the rule is the A.1 "public exposure"
// concept of its peers aws-rds-snapshot-not-public and aws-ssm-document-not-public: an image carries
// EBS snapshots of its volumes, so whatever was on the instance it was made from (ePHI in a data
// directory, application secrets) goes with it. Unlike an EBS snapshot's create-volume permission,
// which names account ids only (catalog Appendix F), an AMI launch permission declares public
// sharing in code: group = "all" (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html).
// aws_ami and its copies have no argument that makes them public (`public` is computed).
// An account-level aws_ec2_image_block_public_access in "block-new-sharing" makes AWS refuse the share
// rather than expose the image, but it is a per-Region account setting that may be outside the scan
// and leaves images made public before it public, so the share is judged on its own.
import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-ec2-ami-not-public',
  title: 'AMIs are not shared publicly',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'A public AMI can be launched or copied by any AWS account, together with the snapshots of its volumes and any ePHI or credentials left on the instance it was made from.',
  howToFix:
    'Remove group = "all" from the aws_ami_launch_permission; share the image with account_id, organization_arn or organizational_unit_arn instead, and consider aws_ec2_image_block_public_access with state = "block-new-sharing".',
  links: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/sharingamis-intro.html', 'https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/block-public-access-to-amis.html'],
  references: {},
  targets: (model) => model.ofType('aws_ami_launch_permission'),
  check(permission) {
    const group = permission.attributes.get('group');
    if (!group || group.value === null) return pass(permission, `${permission.address} shares the image with an account or organization, not publicly.`);
    if (isApplyTime(group)) return unknown(group, `${permission.address}: group is known only at apply time (${reasonOf(group)}).`);
    if (asString(group.value) === 'all') {
      return fail(group, { message: `${permission.address} sets group = "all", so every AWS account can launch or copy the image and read its snapshots.` });
    }
    return pass(group, `${permission.address} does not share the image publicly.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_ami_launch_permission" "app" {\n  image_id = "ami-0123456789abcdef0"\n  group    = "all"\n}\n'],
      good: ['resource "aws_ami_launch_permission" "app" {\n  image_id   = "ami-0123456789abcdef0"\n  account_id = "123456789012"\n}\n'],
    },
  },
});
