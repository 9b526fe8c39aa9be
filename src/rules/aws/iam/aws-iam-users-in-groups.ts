import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, pass } from '../../define-rule.js';

const MEMBERSHIP_TYPES = ['aws_iam_user_group_membership', 'aws_iam_group_membership'];

export default defineRule<Resource>({
  id: 'aws-iam-users-in-groups',
  title: 'IAM users belong to groups and groups are not empty',
  severity: 'low',
  controls: ['164.308(a)(3)(ii)(B)', '164.308(a)(4)(ii)(B)', '164.312(a)(1)'],
  kind: 'graph',
  why: 'Managing access through groups makes it possible to review who can reach ePHI by role; a user outside every group carries ad-hoc permissions, and an empty group is dead configuration that hides drift.',
  howToFix: 'Add each aws_iam_user to a group with aws_iam_user_group_membership (or aws_iam_group_membership), and remove groups that have no members.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_groups.html'],
  references: { awsConfig: ['iam-user-group-membership-check', 'iam-group-has-users-check'], checkov: ['CKV2_AWS_21', 'CKV2_AWS_14'] },
  targets: (model) => [...model.ofType('aws_iam_user'), ...model.ofType('aws_iam_group')],
  check(target, { model }) {
    const memberships = MEMBERSHIP_TYPES.flatMap((t) => model.related(target, t));
    if (memberships.length > 0) {
      return pass(target, target.type === 'aws_iam_user' ? `${target.address} belongs to a group through ${memberships[0]!.address}.` : `${target.address} has members through ${memberships[0]!.address}.`);
    }
    return fail(target, {
      message: target.type === 'aws_iam_user' ? `${target.address} belongs to no IAM group declared in the scanned code.` : `${target.address} has no members declared in the scanned code.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_iam_user" "alice" {\n  name = "alice"\n}\n'],
      good: [
        'resource "aws_iam_user" "alice" {\n  name = "alice"\n}\n\nresource "aws_iam_group" "analysts" {\n  name = "analysts"\n}\n\nresource "aws_iam_user_group_membership" "alice" {\n  user   = aws_iam_user.alice.name\n  groups = [aws_iam_group.analysts.name]\n}\n',
      ],
    },
  },
});
