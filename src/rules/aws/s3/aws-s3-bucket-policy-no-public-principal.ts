import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { reasonOf } from '../judge-setting.js';
import { anonymousAllow, readSourcedPolicy, statementLabel } from '../iam/policy-statements.js';

export default defineRule<Resource>({
  id: 'aws-s3-bucket-policy-no-public-principal',
  title: 'S3 bucket policies do not allow anyone without a restricting condition',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(4)(ii)(B)'],
  kind: 'attr',
  why: 'An Allow statement for Principal "*" with no condition on the caller\'s VPC endpoint, organisation or account makes the objects it covers readable (or writable) by anyone on the internet.',
  howToFix:
    'Name specific principals (account or role ARNs) in the statement, or narrow Principal "*" with a condition on aws:SourceVpce, aws:PrincipalOrgID, aws:PrincipalAccount or aws:SourceArn/aws:SourceAccount.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/access-control-block-public-access.html#access-control-block-public-access-policy-status'],
  references: {
    awsConfig: ['s3-bucket-public-read-prohibited', 's3-bucket-public-write-prohibited', 's3-bucket-policy-grantee-check'],
    checkov: ['CKV_AWS_70'],
  },
  targets: (model) => [...model.ofType('aws_s3_bucket_policy'), ...model.ofType('aws_s3_bucket').filter((b) => b.attributes.has('policy'))],
  check(target) {
    const raw = target.attributes.get('policy');
    if (!raw) return pass(target, `${target.address} has no policy.`);
    const doc = readSourcedPolicy(raw);
    if (doc === 'unknown') return unknown(raw, `${target.address}: the bucket policy is known only at apply time (${reasonOf(raw)}).`);
    if (!doc) return unknown(raw, `${target.address}: the bucket policy could not be read as an IAM policy document.`);
    const outcomes: Outcome[] = [];
    doc.statements.forEach((s, i) => {
      const anonymous = anonymousAllow(s);
      if (anonymous === true) {
        outcomes.push(
          fail(raw, {
            message: `${target.address} ${statementLabel(s, i)} allows ${s.actions.join(', ') || 'actions'} to Principal "*" with no condition restricting the caller, so anyone can use it.`,
          }),
        );
      } else if (anonymous === 'unknown') {
        outcomes.push(unknown(raw, `${target.address} ${statementLabel(s, i)}: its principal or condition is known only at apply time.`));
      }
    });
    return outcomes.length > 0 ? outcomes : pass(raw, `${target.address} allows no anonymous principal.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket_policy" "phi" {\n  bucket = "phi-records"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:GetObject"\n      Resource  = "arn:aws:s3:::phi-records/*"\n    }]\n  })\n}\n',
      ],
      good: [
        'resource "aws_s3_bucket_policy" "phi" {\n  bucket = "phi-records"\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = "*"\n      Action    = "s3:GetObject"\n      Resource  = "arn:aws:s3:::phi-records/*"\n      Condition = { StringEquals = { "aws:SourceVpce" = "vpce-0123456789abcdef0" } }\n    }]\n  })\n}\n',
      ],
    },
  },
});
