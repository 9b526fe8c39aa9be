import type { Resource } from '../../../model/resource.js';
import { defineRule, pass } from '../../define-rule.js';
import { blocksOf } from '../../../model/read.js';
import { linkedCandidates } from '../linked.js';
import { anonymousAllow, judgePolicy, readSourcedPolicy, unknownPrincipalVerdict, type PolicyStatement, type StatementVerdict } from '../iam/policy-statements.js';

/** Condition keys whose fixed values S3 accepts as making a grant non-public (S3 User Guide, "The meaning of public"). */
const RESTRICTING_KEYS = new Set(['aws:sourcevpce', 'aws:sourcevpc', 'aws:sourceip', 'aws:sourcearn', 'aws:sourceaccount', 'aws:sourceowner', 'aws:principalorgid', 'aws:principalaccount', 'aws:userid']);
const NEGATED = /^(?:ForAllValues:|ForAnyValue:)?(?:StringNot|ArnNot|NotIpAddress)/i;

/**
 * A Deny for everyone outside a VPC endpoint, organisation or account (StringNotEquals aws:SourceVpce)
 * beside an unconditioned Allow for "*" is the usual way to mean "only through the endpoint", and
 * the finding did not say why it still fails. S3 judges a policy public by what its Allow statements
 * grant: it is non-public only if they grant to fixed values of those keys, and a Deny grants
 * nothing. So S3 counts the bucket public, block_public_policy refuses to put the policy (the apply
 * fails), and the fix is the condition on the Allow itself.
 */
function denyHint(statements: readonly PolicyStatement[]): string {
  for (const d of statements) {
    if (d.effect !== 'Deny' || d.effectUnknown) continue;
    const c = d.conditions.find((x) => NEGATED.test(x.operator) && RESTRICTING_KEYS.has(x.key.toLowerCase()));
    if (!c) continue;
    const name = d.sid !== undefined ? `The statement "${d.sid}"` : 'A Deny statement';
    const allowOperator = c.operator.replace(/Not(?=[A-Z])/, '').replace(/^NotIpAddress$/i, 'IpAddress');
    return ` ${name} denies requests without ${c.key}, but S3 judges a policy public by what its Allow statements grant (a Deny grants nothing), so it still counts as public and block_public_policy = true makes S3 refuse it; put ${allowOperator} ${c.key} on the Allow statement instead.`;
  }
  return '';
}

function verdictWith(hint: string) {
  return (s: PolicyStatement, label: string): StatementVerdict => {
    const anonymous = anonymousAllow(s);
    if (anonymous === true) {
      return {
        kind: 'fail',
        message: `${label} allows ${s.actions.join(', ') || 'actions'} to Principal "*" with no condition restricting the caller to fixed values, so anyone can use it.${hint}`,
        field: 'principals',
      };
    }
    if (anonymous === 'unknown') return unknownPrincipalVerdict(s, label);
    return { kind: 'ok' };
  };
}

export default defineRule<Resource>({
  id: 'aws-s3-bucket-policy-no-public-principal',
  title: 'S3 bucket and access point policies do not allow anyone without a restricting condition',
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
  // Access point policies too: S3 judges them public as it does bucket policies, and a bucket that
  // delegates access control to its access points (s3:DataAccessPointAccount) is read through them.
  targets: (model) => [
    ...model.ofType('aws_s3_bucket_policy'),
    ...model.ofType('aws_s3_bucket').filter((b) => b.attributes.has('policy')),
    ...model.ofType('aws_s3_access_point').filter((a) => a.attributes.has('policy')),
    ...model.ofType('aws_s3control_access_point_policy'),
  ],
  check(target, { model }) {
    const raw = target.attributes.get('policy');
    if (!raw) return pass(target, `${target.address} has no policy.`);
    // An access point with a VPC network origin takes requests from that VPC only (S3 User Guide,
    // "Creating access points restricted to a virtual private cloud"): its policy reaches no one outside it.
    const accessPoints = target.type === 'aws_s3_access_point' ? [target] : target.type === 'aws_s3control_access_point_policy' ? linkedCandidates(model, target, 'aws_s3_access_point', 'access_point_arn') : [];
    if (accessPoints.length > 0 && accessPoints.every((a) => blocksOf(a, 'vpc_configuration').length > 0)) return pass(raw, `${target.address}: ${accessPoints.map((a) => a.address).join(', ')} ${accessPoints.length > 1 ? 'take' : 'takes'} requests from a VPC only (vpc_configuration).`);
    const doc = readSourcedPolicy(raw);
    const hint = doc && doc !== 'unknown' ? denyHint(doc.statements) : '';
    return judgePolicy(target.address, raw, verdictWith(hint), `${target.address} allows no anonymous principal.`, { model, owner: target });
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
