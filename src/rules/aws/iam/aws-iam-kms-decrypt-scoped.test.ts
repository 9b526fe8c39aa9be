import rule from './aws-iam-kms-decrypt-scoped.js';
import { testRule } from '../../../testing/rule-tester.js';

const policy = (statement: string): string => `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: 'encrypt only on every key', terraform: policy('{ Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = "*" }') },
    // The howToFix's own advice: the keys are those S3 uses on the principal's behalf.
    { name: 'decrypt on every key through S3 only (kms:ViaService)', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Condition = { StringEquals = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" } } }') },
    { name: 'decrypt on the keys of some aliases (kms:ResourceAliases with ForAnyValue)', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Condition = { "ForAnyValue:StringLike" = { "kms:ResourceAliases" = "alias/phi-*" } } }') },
    { name: 'decrypt through S3 in any Region', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Condition = { StringLike = { "kms:ViaService" = "s3.*.amazonaws.com" } } }') },
    // Alias ARNs authorize alias management, not decryption with the key behind the alias.
    { name: 'decrypt on alias ARNs', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*:123456789012:alias/*" }') },
  ],
  fail: [
    { name: 'decrypt on every key of every account and Region (arn:aws:kms:*)', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*" }'), findings: [{ line: 3, message: /on Resource "arn:aws:kms:\*"/ }] },
    { name: 'kms:* on every key', terraform: policy('{ Effect = "Allow", Action = "kms:*", Resource = "*" }'), findings: [{ line: 3, message: /kms:Decrypt and kms:ReEncryptFrom/ }] },
    { name: 'decrypt on every key of the account by ARN pattern', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "arn:aws:kms:*:123456789012:key/*" }'), findings: [{ line: 3, message: /on Resource "arn:aws:kms:\*:123456789012:key\/\*"/ }] },
    { name: 'a ViaService condition that holds where absent scopes nothing', terraform: policy('{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Condition = { StringEqualsIfExists = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" } } }'), findings: [{ line: 3 }] },
    ...[
      // ForAllValues holds when the request has no value for the key: a direct call to KMS has no kms:ViaService.
      ['ForAllValues on kms:ViaService (true on a direct call)', '"ForAllValues:StringEquals" = { "kms:ViaService" = "s3.us-east-1.amazonaws.com" }'],
      ['Null kms:ViaService "false" (any service)', 'Null = { "kms:ViaService" = "false" }'],
      ['a ViaService pattern matching every service', 'StringLike = { "kms:ViaService" = "*.amazonaws.com" }'],
      // kms:ResourceAliases is multivalued: ForAllValues also holds for a key with no alias.
      ['ForAllValues on kms:ResourceAliases (true for a key without aliases)', '"ForAllValues:StringLike" = { "kms:ResourceAliases" = "alias/phi-*" }'],
      ['every alias', '"ForAnyValue:StringLike" = { "kms:ResourceAliases" = "alias/*" }'],
    ].map(([name, condition]) => ({ name: `a condition that scopes no key: ${name}`, terraform: policy(`{ Effect = "Allow", Action = "kms:Decrypt", Resource = "*", Condition = { ${condition} } }`), findings: [{ line: 3 }] })),
    { name: 'ReEncrypt wildcard', terraform: policy('{ Effect = "Allow", Action = "kms:ReEncrypt*", Resource = "*" }'), findings: [{ line: 3, message: /kms:ReEncryptFrom/ }] },
  ],
  unknown: [
    { name: 'policy known only at apply time', terraform: 'variable "doc" {\n  type = string\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = var.doc\n}\n' },
  ],
});
