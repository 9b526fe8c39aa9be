import rule from './aws-iam-kms-decrypt-scoped.js';
import { testRule } from '../../../testing/rule-tester.js';

const policy = (statement: string): string => `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: 'encrypt only on every key', terraform: policy('{ Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = "*" }') },
    // The howToFix's own advice: the keys are those S3 uses on the principal's behalf.
    { name: 'decrypt on every key through S3 only (kms:ViaService)', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Condition = { StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" } } }') },
    // Alias ARNs authorize alias management, not decryption with the key behind the alias.
    { name: 'decrypt on alias ARNs', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*:123456789012:alias/*" }') },
  ],
  fail: [
    { name: 'decrypt on every key of every account and Region (arn:aws:kms:*)', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*" }'), findings: [{ line: 3, message: /on Resource "arn:aws:kms:\*"/ }] },
    { name: 'kms:* on every key', terraform: policy('{ Effect = "Allow", Action = "kms:*", Resource = "*" }'), findings: [{ line: 3, message: /kms:Decrypt and kms:ReEncryptFrom/ }] },
    { name: 'decrypt on every key of the account by ARN pattern', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*:123456789012:key/*" }'), findings: [{ line: 3, message: /on Resource "arn:aws:kms:\*:123456789012:key\/\*"/ }] },
    { name: 'a ViaService condition that holds where absent scopes nothing', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Condition = { StringEqualsIfExists = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" } } }'), findings: [{ line: 3 }] },
    { name: 'ReEncrypt wildcard', terraform: policy('{ Effect = "Allow", Action = "kms:ReEncrypt*", Resource = "*" }'), findings: [{ line: 3, message: /kms:ReEncryptFrom/ }] },
  ],
  unknown: [
    { name: 'policy known only at apply time', terraform: 'variable "doc" {\n  type = string\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = var.doc\n}\n' },
  ],
});
