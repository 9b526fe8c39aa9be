import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, pass } from '../../define-rule.js';

export default defineRule<Resource>({
  id: 'aws-ec2-instance-profile-attached',
  title: 'EC2 instances get AWS access through an instance profile',
  severity: 'low',
  controls: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  kind: 'attr',
  why: 'Without an instance profile, software on the instance that needs AWS access ends up with long-lived access keys on disk, which are easily leaked and cannot be tied to the workload.',
  howToFix: 'Create an aws_iam_instance_profile for a least-privilege role and set iam_instance_profile on the instance.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2_instance-profiles.html'],
  references: { awsConfig: ['ec2-instance-profile-attached'], checkov: ['CKV2_AWS_41'] },
  // Launch templates are not judged: EKS managed node groups forbid iam_instance_profile in them.
  targets: (model) => model.ofType('aws_instance'),
  check(instance) {
    const profile = instance.attributes.get('iam_instance_profile');
    if (profile) return pass(profile);
    return fail(instance, { message: `${instance.address} does not set iam_instance_profile, so AWS access from it would need long-lived keys.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n'],
      good: ['resource "aws_instance" "app" {\n  ami                  = "ami-0123456789abcdef0"\n  instance_type        = "t3.micro"\n  iam_instance_profile = "app-profile"\n}\n'],
    },
  },
});
