import type { Resource } from '../../../model/resource.js';
import { defineRule, pass } from '../../define-rule.js';
import { anonymousAllow, allowsAction, hasUnknownPart, judgePolicy, shownText, UNKNOWN_MARK, type PolicyStatement, type StatementVerdict } from './policy-statements.js';

const ANY_ACCOUNT = /^arn:aws[a-z-]*:iam::\*:/i;

/** Condition values that pin nothing: "*" or a GitHub subject without an owner ("repo:*"). */
const isBroad = (v: string): boolean => v === '*' || /^repo:\*/.test(v) || /^repo:[^/]*\*$/.test(v);

/** A federated principal whose provider (the end of its ARN, or the whole id) is known only at apply time. */
function providerUnknown(id: string): boolean {
  const at = id.lastIndexOf(UNKNOWN_MARK);
  if (at < 0) return false;
  const known = id.slice(at + UNKNOWN_MARK.length);
  return !/(oidc-provider|saml-provider)\/[^/]+/.test(known) && !known.includes('cognito-identity.amazonaws.com');
}

/**
 * The values a claim (":sub", ":aud") is pinned to. The key's provider may be known only at apply
 * time ("${oidc_host}:sub"): whatever it turns out to be, the test holds only for tokens of that
 * provider carrying those values, or for none (IAM: a key absent from the request matches no
 * StringEquals), so it pins either way. An operator known only at apply time may be a negated one.
 */
function conditionValues(s: PolicyStatement, suffix: string): string[] | undefined {
  const matching = s.conditions.filter((c) => c.key.toLowerCase().endsWith(suffix) && !/not/i.test(c.operator) && !c.operator.includes(UNKNOWN_MARK));
  return matching.length > 0 ? matching.flatMap((c) => [...c.values]) : undefined;
}

/** Conditions whose key or operator is known only at apply time: each may pin a claim, or not. */
const hasUnknownCondition = (s: PolicyStatement): boolean => s.conditions.some((c) => c.key.includes(UNKNOWN_MARK) || c.operator.includes(UNKNOWN_MARK));

function webIdentityVerdict(s: PolicyStatement, label: string): StatementVerdict {
  const verdict = knownWebIdentityVerdict(s, label);
  // Conditions only narrow an Allow (IAM ANDs them): one known only at apply time cannot undo a
  // pinned subject, but it may be the very pin a failing statement lacks.
  if (verdict.kind === 'fail' && hasUnknownCondition(s)) return { kind: 'unknown', message: `${label}: its conditions are known only at apply time.` };
  return verdict;
}

function knownWebIdentityVerdict(s: PolicyStatement, label: string): StatementVerdict {
  const federated = s.principals.filter((p) => p.type === 'Federated').flatMap((p) => [...p.ids]);
  if (federated.length === 0) return { kind: 'ok' };
  const web = allowsAction(s, 'sts:AssumeRoleWithWebIdentity');
  if (web === false) return { kind: 'ok' };
  if (web === 'unknown') return { kind: 'unknown', message: `${label}: whether it allows sts:AssumeRoleWithWebIdentity is known only at apply time.` };
  // The provider is named by the known end of its ARN (`arn:${partition}:iam::${account}:oidc-provider/token.actions.githubusercontent.com`).
  const cognito = federated.some((f) => f.includes('cognito-identity.amazonaws.com'));
  const github = federated.some((f) => f.includes('token.actions.githubusercontent.com'));
  const sub = conditionValues(s, ':sub');
  const aud = conditionValues(s, ':aud');
  if (federated.some(providerUnknown)) {
    // Whatever the provider, a pinned subject and audience restrict who may assume the role.
    if (sub && !sub.some(isBroad) && !hasUnknownPart(sub) && aud && !aud.every(isBroad)) return { kind: 'ok' };
    if (hasUnknownCondition(s)) return { kind: 'unknown', message: `${label}: its conditions are known only at apply time.` };
    // The subject is what is not known (`repo:${var.github_repo}:…` without a value): say so, not the provider's ARN.
    if (sub && hasUnknownPart(sub) && aud && !aud.every(isBroad)) return { kind: 'unknown', message: `${label}: the subject it pins is known only at apply time.` };
    return { kind: 'unknown', message: `${label}: its federated provider is known only at apply time (${shownText(federated.find(providerUnknown)!)}), and its conditions do not pin both the subject and the audience.` };
  }
  if (cognito) {
    return aud && !aud.every(isBroad) ? { kind: 'ok' } : { kind: 'fail', message: `${label} trusts Cognito identities without pinning cognito-identity.amazonaws.com:aud to your identity pool.`, field: 'conditions' };
  }
  if (!sub) return { kind: 'fail', message: `${label} trusts the OIDC provider ${federated.map(shownText).join(', ')} without a condition on the token subject (:sub), so any identity of that provider can assume the role.`, field: 'conditions' };
  if (sub.some(isBroad)) return { kind: 'fail', message: `${label} pins the OIDC subject only to "${sub.find(isBroad)}", which matches identities outside your organisation.`, field: 'conditions' };
  if (github && !aud) return { kind: 'fail', message: `${label} trusts GitHub Actions without pinning token.actions.githubusercontent.com:aud to sts.amazonaws.com.`, field: 'conditions' };
  return { kind: 'ok' };
}

function verdict(s: PolicyStatement, label: string): StatementVerdict {
  if (s.effect !== 'Allow') return { kind: 'ok' };
  // IAM refuses a Federated principal that is not a domain name or a SAML or OIDC provider ARN
  // (CreateRole: "MalformedPolicyDocument: Federated principals must be valid domain names or SAML
  // metadata ARNs"), so one known only at apply time (`module.eks.oidc_provider_arn`) names some
  // identity provider, never anyone: whether its tokens are pinned is the web-identity check's.
  const anonymous = anonymousAllow({ ...s, principals: s.principals.filter((p) => p.type !== 'Federated') });
  if (anonymous === true) return { kind: 'fail', message: `${label} lets any AWS principal ("*") assume the role, with no condition restricting the caller to fixed values.`, field: 'principals' };
  if (anonymous === 'unknown') return { kind: 'unknown', message: `${label}: its principal or conditions are known only at apply time.` };
  const anyAccount = s.principals.filter((p) => p.type === 'AWS').flatMap((p) => [...p.ids]).filter((id) => ANY_ACCOUNT.test(id));
  if (anyAccount.length > 0) return { kind: 'fail', message: `${label} trusts ${anyAccount[0]}, which matches principals in every AWS account.`, field: 'principals' };
  return webIdentityVerdict(s, label);
}

export default defineRule<Resource>({
  id: 'aws-iam-role-trust-restricted',
  title: 'IAM role trust policies name specific principals and pin OIDC claims',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(d)'],
  kind: 'attr',
  why: 'A trust policy that allows "*" or an unpinned OIDC provider lets identities outside your organisation (any AWS account, any GitHub repository) assume the role and use its access to ePHI.',
  howToFix:
    'Name the specific account, role or service principals; for web identity add StringEquals conditions on "<provider>:aud" and "<provider>:sub" (e.g. repo:my-org/my-repo:ref:refs/heads/main for GitHub Actions).',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html#idp_oidc_Create_GitHub'],
  references: { checkov: ['CKV_AWS_60', 'CKV_AWS_61', 'CKV_AWS_358', 'CKV_AWS_393'] },
  targets: (model) => model.ofType('aws_iam_role'),
  check(role, { model }) {
    const trust = role.attributes.get('assume_role_policy');
    if (!trust) return pass(role, `${role.address} has no trust policy.`);
    return judgePolicy(role.address, trust, verdict, `${role.address} trusts only specific principals.`, { model, owner: role });
  },
  examples: {
    terraform: {
      bad: [
        'data "aws_caller_identity" "current" {}\n\nresource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = { Federated = "arn:aws:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com" }\n      Condition = {\n        StringEquals = {\n          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"\n        }\n      }\n    }]\n  })\n}\n',
        'resource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }\n      Condition = { StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } }\n    }]\n  })\n}\n',
      ],
      good: [
        'resource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }\n      Condition = {\n        StringEquals = {\n          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"\n          "token.actions.githubusercontent.com:sub" = "repo:example-org/phi-service:ref:refs/heads/main"\n        }\n      }\n    }]\n  })\n}\n',
        // The account and partition come from data sources; the provider is named by the ARN's known end.
        'data "aws_partition" "current" {}\n\ndata "aws_caller_identity" "current" {}\n\nresource "aws_iam_role" "deploy" {\n  name = "deploy"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Principal = { Federated = "arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:oidc-provider/token.actions.githubusercontent.com" }\n      Condition = {\n        StringEquals = {\n          "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com"\n          "token.actions.githubusercontent.com:sub" = "repo:example-org/phi-service:ref:refs/heads/main"\n        }\n      }\n    }]\n  })\n}\n',
      ],
    },
  },
});
