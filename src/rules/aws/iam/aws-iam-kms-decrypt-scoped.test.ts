import rule from './aws-iam-kms-decrypt-scoped.js';
import { testRule } from '../../../testing/rule-tester.js';

const policy = (statement: string): string => `resource "aws_iam_policy" "p" {\n  name = "p"\n  policy = jsonencode({\n    Statement = [${statement}]\n  })\n}\n`;

testRule(rule, {
  pass: [
    { name: 'encrypt only on every key', terraform: policy('{ Effect = "Allow", Action = ["kms:Encrypt", "kms:GenerateDataKey"], Resource = "*" }') },
  ],
  fail: [
    { name: 'kms:* on every key', terraform: policy('{ Effect = "Allow", Action = "kms:*", Resource = "*" }'), findings: [{ line: 3, message: /kms:Decrypt and kms:ReEncryptFrom/ }] },
    { name: 'ReEncrypt wildcard', terraform: policy('{ Effect = "Allow", Action = "kms:ReEncrypt*", Resource = "*" }'), findings: [{ line: 3, message: /kms:ReEncryptFrom/ }] },
  ],
  unknown: [
    { name: 'policy known only at apply time', terraform: 'variable "doc" {\n  type = string\n}\nresource "aws_iam_policy" "p" {\n  name   = "p"\n  policy = var.doc\n}\n' },
  ],
});
