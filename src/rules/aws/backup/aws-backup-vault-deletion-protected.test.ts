import rule from './aws-backup-vault-deletion-protected.js';
import { testRule } from '../../../testing/rule-tester.js';

const vault = 'resource "aws_backup_vault" "v" {\n  name = "v"\n}\n';
const policy = (doc: string): string => `resource "aws_backup_vault_policy" "p" {\n  backup_vault_name = aws_backup_vault.v.name\n  policy = ${doc}\n}\n`;

testRule(rule, {
  pass: [
    { name: 'vault policy denies deletion', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", Principal = "*", Action = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource = "*" }]\n  })') },
    // AWS's pattern: everyone but a break-glass role (a negated condition only exempts the principals it names).
    { name: 'deny to everyone but a break-glass role', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", Principal = "*", Action = "backup:DeleteRecoveryPoint", Resource = "*", Condition = { ArnNotLike = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/BreakGlass" } } }]\n  })') },
    { name: 'deny on every recovery point by ARN pattern', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", Principal = "*", Action = "backup:DeleteRecoveryPoint", Resource = "arn:aws:backup:*:123456789012:recovery-point:*" }]\n  })') },
  ],
  fail: [
    // A positive condition keeps the Deny to the requests that match it: every other principal may delete.
    { name: 'deny narrowed to one role by a condition', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", Principal = "*", Action = "backup:DeleteRecoveryPoint", Resource = "*", Condition = { StringEquals = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/intern" } } }]\n  })'), findings: [{ line: 4, message: /no condition narrowing the Deny/ }] },
    { name: 'deny without MFA only', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", Principal = "*", Action = "backup:DeleteRecoveryPoint", Resource = "*", Condition = { Bool = { "aws:MultiFactorAuthPresent" = "false" } } }]\n  })'), findings: [{ line: 4 }] },
    // DeleteRecoveryPoint acts on recovery-point ARNs: a Deny on the vault's ARN matches none.
    { name: 'deny on the vault ARN, not its recovery points', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", Principal = "*", Action = "backup:DeleteRecoveryPoint", Resource = "arn:aws:backup:us-east-1:123456789012:backup-vault:v" }]\n  })'), findings: [{ line: 4 }] },
    // The lock is on vault-b (element index 1): vault a passed on it.
    { name: 'a lock on the other of two vaults, picked by element()', terraform: 'resource "aws_backup_vault" "a" {\n  name = "vault-a"\n}\nresource "aws_backup_vault" "b" {\n  name = "vault-b"\n}\nresource "aws_backup_vault_lock_configuration" "l" {\n  backup_vault_name   = element([aws_backup_vault.a.name, aws_backup_vault.b.name], 1)\n  min_retention_days  = 35\n  max_retention_days  = 2555\n  changeable_for_days = 3\n}\n', findings: [{ line: 1, message: /aws_backup_vault\.a has no vault lock/ }] },
    { name: 'no protection', terraform: vault, findings: [{ line: 1, message: /no vault lock/ }] },
    { name: 'policy without a deny', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::1:root" }, Action = "backup:*", Resource = "*" }]\n  })'), findings: [{ line: 4 }] },
  ],
  unknown: [
    { name: 'a lock on one of two vaults, picked by an index known only at apply time', terraform: 'resource "aws_backup_vault" "a" {\n  name = "vault-a"\n}\nresource "aws_backup_vault" "b" {\n  name = "vault-b"\n}\nresource "aws_backup_vault_lock_configuration" "l" {\n  backup_vault_name   = element([aws_backup_vault.a.name, aws_backup_vault.b.name], length(aws_backup_vault.a.arn))\n  min_retention_days  = 35\n  max_retention_days  = 2555\n  changeable_for_days = 3\n}\n' },{ name: 'policy from a variable', terraform: `variable "doc" {\n  type = string\n}\n${vault}${policy('var.doc')}` }],
});
