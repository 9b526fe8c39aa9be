import type { Resource } from '../../../model/resource.js';
import { blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, type Outcome } from '../../define-rule.js';

const INLINE_TYPES = ['aws_iam_role_policy', 'aws_iam_user_policy', 'aws_iam_group_policy'];

export default defineRule<Resource>({
  id: 'aws-iam-no-inline-policies',
  title: 'IAM users, roles and groups use managed policies, not inline policies',
  severity: 'low',
  controls: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)', '164.308(a)(4)(ii)(C)'],
  kind: 'attr',
  why: 'Inline policies are embedded in one identity, unversioned and invisible in policy reviews, so access to ePHI granted through them escapes periodic access review.',
  howToFix: 'Move the statements into an aws_iam_policy and attach it with aws_iam_role_policy_attachment (or the user/group equivalent).',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html'],
  references: { awsConfig: ['iam-no-inline-policy-check'] },
  targets: (model) => [...INLINE_TYPES.flatMap((t) => model.ofType(t)), ...model.ofType('aws_iam_role')],
  check(target) {
    if (target.type !== 'aws_iam_role') {
      return fail(target, { message: `${target.address} is an inline policy; use a managed aws_iam_policy and an attachment instead.` });
    }
    // An empty inline_policy {} block is how Terraform removes inline policies, so only blocks with a policy count.
    const inline = blocksOf(target, 'inline_policy').filter((b) => b.attributes.has('policy'));
    if (inline.length === 0) return pass(target, `${target.address} has no inline policies.`);
    return inline.map((b): Outcome => fail(b, { message: `${target.address} declares an inline_policy; use a managed aws_iam_policy and an attachment instead.` }));
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_iam_role_policy" "reader" {\n  name = "reader"\n  role = "reader"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi-records/*" }]\n  })\n}\n',
      ],
      good: [
        'resource "aws_iam_role" "reader" {\n  name = "reader"\n  assume_role_policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]\n  })\n}\n\nresource "aws_iam_policy" "reader" {\n  name = "reader"\n  policy = jsonencode({\n    Version   = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "arn:aws:s3:::phi-records/*" }]\n  })\n}\n\nresource "aws_iam_role_policy_attachment" "reader" {\n  role       = aws_iam_role.reader.name\n  policy_arn = aws_iam_policy.reader.arn\n}\n',
      ],
    },
  },
});
