import rule from './aws-backup-vault-deletion-protected.js';
import { testRule } from '../../../testing/rule-tester.js';

const vault = 'resource "aws_backup_vault" "v" {\n  name = "v"\n}\n';
const policy = (doc: string): string => `resource "aws_backup_vault_policy" "p" {\n  backup_vault_name = aws_backup_vault.v.name\n  policy = ${doc}\n}\n`;

testRule(rule, {
  pass: [{ name: 'vault policy denies deletion', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Deny", Principal = "*", Action = ["backup:DeleteRecoveryPoint", "backup:UpdateRecoveryPointLifecycle"], Resource = "*" }]\n  })') }],
  fail: [
    { name: 'no protection', terraform: vault, findings: [{ line: 1, message: /no vault lock/ }] },
    { name: 'policy without a deny', terraform: vault + policy('jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::1:root" }, Action = "backup:*", Resource = "*" }]\n  })'), findings: [{ line: 4 }] },
  ],
  unknown: [{ name: 'policy from a variable', terraform: `variable "doc" {\n  type = string\n}\n${vault}${policy('var.doc')}` }],
});
