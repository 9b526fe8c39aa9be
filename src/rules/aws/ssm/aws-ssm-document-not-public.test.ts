import rule from './aws-ssm-document-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

const doc = (permissions: string): string =>
  `resource "aws_ssm_document" "d" {\n  name          = "d"\n  document_type = "Command"\n  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })\n${permissions}}\n`;

testRule(rule, {
  pass: [{ name: 'not shared', terraform: doc('') }],
  fail: [{ name: 'shared with All among accounts', terraform: doc('  permissions = {\n    type        = "Share"\n    account_ids = "123456789012,All"\n  }\n'), findings: [{ line: 5 }] }],
  unknown: [{ name: 'accounts from a variable', terraform: `variable "accounts" {\n  type = string\n}\n${doc('  permissions = {\n    type        = "Share"\n    account_ids = var.accounts\n  }\n')}` }],
});
