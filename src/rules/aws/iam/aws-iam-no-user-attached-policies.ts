import type { Resource } from '../../../model/resource.js';
import { asList } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

const USER_POLICY_TYPES = ['aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_user_policy_attachments_exclusive'];

export default defineRule<Resource>({
  id: 'aws-iam-no-user-attached-policies',
  title: 'IAM policies are not attached directly to users',
  severity: 'low',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
  kind: 'attr',
  why: 'Permissions attached to individual users drift and are hard to review; granting access through groups or roles keeps who-can-reach-ePHI in a few auditable places.',
  howToFix: 'Attach the policy to a group (aws_iam_group_policy_attachment) and add the user to the group, or have the user assume a role.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#use-groups-for-permissions'],
  references: { awsConfig: ['iam-user-no-policies-check'], checkov: ['CKV_AWS_40'], trivy: ['AVD-AWS-0143', 'aws-iam-no-user-attached-policies'] },
  targets: (model) => [...USER_POLICY_TYPES.flatMap((t) => model.ofType(t)), ...model.ofType('aws_iam_policy_attachment'), ...model.ofType('aws_iam_user')],
  check(target, { model }) {
    if (target.type === 'aws_iam_user') {
      const attached = [...USER_POLICY_TYPES, 'aws_iam_policy_attachment'].flatMap((t) => model.related(target, t));
      // The attachment resources carry the failure; the user passes only when nothing is attached.
      return attached.length === 0 ? pass(target, `${target.address} has no policies attached directly.`) : [];
    }
    if (target.type === 'aws_iam_policy_attachment') {
      const users = target.attributes.get('users');
      if (!users) return pass(target, `${target.address} attaches to no users.`);
      if (isApplyTime(users)) return unknown(users, `${target.address}: the users it attaches to are known only at apply time (${reasonOf(users)}).`);
      if (asList(users.value).length === 0) return pass(users);
      return fail(users, { message: `${target.address} attaches a policy directly to users; grant it through a group or role instead.` });
    }
    // An exclusive attachment with no ARNs detaches every managed policy from the user.
    const exclusive = target.type === 'aws_iam_user_policy_attachments_exclusive' ? target.attributes.get('policy_arns') : undefined;
    if (exclusive && !isApplyTime(exclusive) && asList(exclusive.value).length === 0) return pass(exclusive, `${target.address} leaves the user with no managed policies.`);
    return fail(target, {
      message:
        target.type === 'aws_iam_user_policy'
          ? `${target.address} puts an inline policy directly on a user; grant it through a group or role instead.`
          : `${target.address} attaches a policy directly to a user; grant it through a group or role instead.`,
    });
  },
  acrossRoots: {
    why: 'an attachment naming a user no stack beside it declares is about the stack that does (a user made in one stack, given policies in another)',
    reads: ['aws_iam_group', 'aws_iam_group_membership', 'aws_iam_policy_attachment', 'aws_iam_user', 'aws_iam_user_group_membership', 'aws_iam_user_policy', 'aws_iam_user_policy_attachment', 'aws_iam_user_policy_attachments_exclusive'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_iam_user_policy_attachment" "alice" {\n  user       = "alice"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n'],
      good: ['resource "aws_iam_group_policy_attachment" "analysts" {\n  group      = "analysts"\n  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"\n}\n\nresource "aws_iam_user" "alice" {\n  name = "alice"\n}\n'],
    },
  },
});
