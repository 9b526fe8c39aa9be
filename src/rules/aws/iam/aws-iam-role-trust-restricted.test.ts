import rule from './aws-iam-role-trust-restricted.js';
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRuleOn, testRule } from '../../../testing/rule-tester.js';
import type { AnyRule } from '../../define-rule.js';

const IRSA_PROVIDER = 'resource "aws_iam_openid_connect_provider" "eks" {\n  url            = "https://oidc.eks.us-east-1.amazonaws.com/id/EXAMPLE"\n  client_id_list = ["sts.amazonaws.com"]\n}\n';
const EKS_CLUSTER = 'resource "aws_eks_cluster" "c" {\n  name     = "c"\n  role_arn = "arn:aws:iam::123456789012:role/eks"\n  vpc_config {\n    subnet_ids = ["subnet-1", "subnet-2"]\n  }\n}\n';
const role = (statement: string): string => `resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = jsonencode({\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: 'an empty trust policy trusts no one (AWS refuses it at apply)', terraform: 'resource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = ""\n}\n' },
    { name: 'service principal', terraform: role('{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }') },
    { name: 'star narrowed to the organisation', terraform: role('{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" }, Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } } }') },
    { name: 'EKS service account with a pinned subject', terraform: role('{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/oidc.eks.us-east-1.amazonaws.com/id/ABC" }, Condition = { StringEquals = { "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub" = "system:serviceaccount:phi:exporter" } } }') },
    {
      // The usual IRSA trust written by hand: the provider, and so the claims' keys, are known only
      // at apply time (terraform plan: the policy "(known after apply)"), but the subject and the
      // audience are pinned whatever the provider turns out to be.
      name: 'EKS service account of a provider created in the same stack, claims keyed by its host',
      terraform: `${IRSA_PROVIDER}${role('{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }, Condition = { StringEquals = { "${replace(aws_iam_openid_connect_provider.eks.arn, "/^(.*provider/)/", "")}:sub" = "system:serviceaccount:phi:exporter", "${replace(aws_iam_openid_connect_provider.eks.arn, "/^(.*provider/)/", "")}:aud" = "sts.amazonaws.com" } } }')}`,
    },
    {
      // terraform-aws-iam's iam-role-for-service-accounts given `module.eks.oidc_provider_arn`: a
      // Federated principal wholly unknown is some identity provider (IAM refuses any other), not "*".
      name: 'service account trust from a policy document whose Federated provider is wholly unknown',
      terraform: `${EKS_CLUSTER}data "aws_iam_policy_document" "assume" {\n  statement {\n    actions = ["sts:AssumeRoleWithWebIdentity"]\n    principals {\n      type        = "Federated"\n      identifiers = [aws_eks_cluster.c.identity[0].oidc[0].issuer]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "\${replace(aws_eks_cluster.c.identity[0].oidc[0].issuer, "https://", "")}:sub"\n      values   = ["system:serviceaccount:phi:exporter"]\n    }\n    condition {\n      test     = "StringEquals"\n      variable = "\${replace(aws_eks_cluster.c.identity[0].oidc[0].issuer, "https://", "")}:aud"\n      values   = ["sts.amazonaws.com"]\n    }\n  }\n}\nresource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = data.aws_iam_policy_document.assume.json\n}\n`,
    },
  ],
  fail: [
    { name: 'any role of any account through a wildcard principal ARN (a peer example)', terraform: 'resource "aws_iam_role" "r" {\n  name = "r"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { AWS = "*" }\n      Action    = "sts:AssumeRole"\n      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/*" } }\n    }]\n  })\n}\n', findings: [{ line: 3, message: /fixed values/ }] },
    { name: 'any AWS principal', terraform: role('{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" } }'), findings: [{ line: 3, message: /any AWS principal/ }] },
    // A user name is unique only within its account: the user "deploy" of any account may assume the role.
    { name: 'any AWS principal named by user name only', terraform: role('{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" }, Condition = { StringEquals = { "aws:username" = "deploy" } } }'), findings: [{ line: 3, message: /any AWS principal/ }] },
    { name: 'GitHub subject open to every repository', terraform: role('{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Condition = { StringLike = { "token.actions.githubusercontent.com:sub" = "repo:*", "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" } } }'), findings: [{ line: 3, message: /"repo:\*"/ }] },
    {
      // ...IfExists holds where the key is absent, and a caller outside any organisation has no aws:PrincipalOrgID.
      name: 'any principal narrowed by an organisation condition that holds where absent',
      terraform: role('{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" }, Condition = { StringEqualsIfExists = { "aws:PrincipalOrgID" = "o-abc123" } } }'),
      findings: [{ line: 3, message: /any AWS principal/ }],
    },
    { name: 'root of every account', terraform: role('{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::*:root" } }'), findings: [{ line: 3, message: /every AWS account/ }] },
  ],
  unknown: [
    { name: 'trust policy from a variable', terraform: 'variable "trust" {\n  type = string\n}\nresource "aws_iam_role" "r" {\n  name               = "r"\n  assume_role_policy = var.trust\n}\n' },
    {
      name: 'a provider known only at apply time with its audience pinned but not its subject',
      terraform: `${IRSA_PROVIDER}${role('{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }, Condition = { StringEquals = { "${replace(aws_iam_openid_connect_provider.eks.arn, "/^(.*provider/)/", "")}:aud" = "sts.amazonaws.com" } } }')}`,
    },
    {
      // An operator known only at apply time may be StringNotEquals: the subject is not pinned for sure.
      name: 'a provider known only at apply time whose claims are tested by an operator known only then',
      terraform: `variable "test" {\n  type = string\n}\n${IRSA_PROVIDER}${role('{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = aws_iam_openid_connect_provider.eks.arn }, Condition = { (var.test) = { "oidc.eks.us-east-1.amazonaws.com/id/ABC:sub" = "system:serviceaccount:phi:exporter", "oidc.eks.us-east-1.amazonaws.com/id/ABC:aud" = "sts.amazonaws.com" } } }')}`,
    },
    {
      // The claims may be pinned by the variable's value: no longer judged as if there were no condition (a failure).
      name: 'GitHub provider whose conditions are known only at apply time',
      terraform: `variable "claims" {\n  type = map(string)\n}\n${role('{ Effect = "Allow", Action = "sts:AssumeRoleWithWebIdentity", Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }, Condition = { StringEquals = var.claims } }')}`,
    },
    { name: 'any AWS principal, with a Condition known only at apply time', terraform: `variable "condition" {\n  type = any\n}\n${role('{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "*" }, Condition = var.condition }')}` },
  ],
});

test('a GitHub OIDC trust whose subject names a variable without a value is undecided for that reason, not for the provider ARN', () => {
  const run = runRuleOn(
    rule as unknown as AnyRule,
    'variable "github_repo" {\n  type = string\n}\nresource "aws_iam_openid_connect_provider" "github" {\n  url            = "https://token.actions.githubusercontent.com"\n  client_id_list = ["sts.amazonaws.com"]\n}\nresource "aws_iam_role" "gha" {\n  name = "gha"\n  assume_role_policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect    = "Allow"\n      Principal = { Federated = aws_iam_openid_connect_provider.github.arn }\n      Action    = "sts:AssumeRoleWithWebIdentity"\n      Condition = {\n        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }\n        StringLike   = { "token.actions.githubusercontent.com:sub" = ["repo:${var.github_repo}:ref:refs/heads/main"] }\n      }\n    }]\n  })\n}\n',
  );
  assert.equal(run.findings[0]?.status, 'unknown');
  // A root variable with no default and no value: not an apply-time value, a required one the scan was not given.
  assert.match(run.findings[0]!.message, /the subject it pins is not known to the scan \(.*var\.github_repo is a required variable not given to the scan.*TF_VAR_github_repo/);
});
