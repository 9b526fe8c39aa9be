import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { linkedCandidates } from '../linked.js';

const CREDENTIAL_TYPES = ['aws_iam_user_login_profile', 'aws_iam_access_key'];

export default defineRule<Resource, { breakGlassUsers: readonly string[] }>({
  id: 'aws-iam-humans-via-federation',
  title: 'People sign in through federation, not IAM user passwords or access keys',
  severity: 'medium',
  controls: ['164.312(a)(2)(i)', '164.308(a)(4)(ii)(C)', '164.312(d)'],
  kind: 'attr',
  why: 'IAM user passwords and long-lived access keys are shared, leaked and forgotten easily; federation through IAM Identity Center ties every session that touches ePHI to one person in your identity provider.',
  howToFix:
    'Give people access through IAM Identity Center or an identity-provider role; remove aws_iam_user_login_profile and aws_iam_access_key (workloads use roles). List monitored break-glass users in the breakGlassUsers parameter.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/best-practices.html#bp-users-federation-idp'],
  references: { awsConfig: ['iam-user-unused-credentials-check', 'access-keys-rotated'], checkov: ['CKV_AWS_273', 'CKV2_AWS_22'] },
  params: { breakGlassUsers: [] },
  targets: (model) => [...CREDENTIAL_TYPES.flatMap((t) => model.ofType(t)), ...model.ofType('aws_iam_user')],
  check(target, { model, params }) {
    if (target.type === 'aws_iam_user') {
      const credentials = CREDENTIAL_TYPES.flatMap((t) => model.related(target, t));
      return credentials.length === 0 ? pass(target, `${target.address} has no console password or access key declared.`) : [];
    }
    const user = target.attributes.get('user');
    // user = element([aws_iam_user.breakglass.name, aws_iam_user.alice.name], 1) links both: the one
    // its known value names, else break-glass only when every one it may take is (not the first).
    const users = linkedCandidates(model, target, 'aws_iam_user', 'user');
    const userResource = users.length === 1 ? users[0] : undefined;
    const name = userResource ? asString(userResource.attributes.get('name')?.value) : user && !isApplyTime(user) ? asString(user.value) : undefined;
    const listed = (n: string | undefined, address: string | undefined): boolean => params.breakGlassUsers.some((u) => u === n || u === address);
    const allowListed = users.length > 1 ? users.every((u) => listed(asString(u.attributes.get('name')?.value), u.address)) : listed(name, userResource?.address);
    if (allowListed) return pass(target, `${target.address} belongs to the break-glass user ${name ?? userResource?.address}.`);
    if (!userResource && user && isApplyTime(user)) {
      if (params.breakGlassUsers.length > 0) return unknown(user, `${target.address}: the user is known only at apply time (${reasonOf(user)}), so the break-glass list cannot be checked.`);
    }
    const who = userResource?.address ?? (name ? `user "${name}"` : 'an IAM user');
    return fail(target, {
      message:
        target.type === 'aws_iam_access_key'
          ? `${target.address} creates a long-lived access key for ${who}; people should use federation and workloads should use roles.`
          : `${target.address} gives ${who} a console password; people should sign in through federation.`,
    });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_iam_user" "alice" {\n  name = "alice"\n}\n\nresource "aws_iam_user_login_profile" "alice" {\n  user = aws_iam_user.alice.name\n}\n'],
      good: ['resource "aws_iam_user" "ci" {\n  name = "ci-readonly"\n}\n'],
    },
  },
});
