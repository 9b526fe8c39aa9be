import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { isPlainObject, isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

export default defineRule<Resource>({
  id: 'aws-ssm-document-not-public',
  title: 'SSM documents are not shared publicly',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'A public SSM document reveals your operational scripts (paths, bucket names, sometimes credentials) to every AWS account and lets anyone run them against their own resources.',
  howToFix: 'Remove account_ids = "All" from permissions; share the document only with named account ids.',
  links: ['https://docs.aws.amazon.com/systems-manager/latest/userguide/documents-ssm-sharing.html'],
  references: { awsConfig: ['ssm-document-not-public'], checkov: ['CKV_AWS_303'] },
  targets: (model) => model.ofType('aws_ssm_document'),
  check(doc) {
    const permissions = doc.attributes.get('permissions');
    if (!permissions) return pass(doc, `${doc.address} is not shared.`);
    if (isApplyTime(permissions)) return unknown(permissions, `${doc.address}: permissions are known only at apply time (${reasonOf(permissions)}).`);
    if (!isPlainObject(permissions.value)) return pass(permissions);
    const accounts = permissions.value['account_ids'];
    if (isUnknown(accounts)) return unknown(permissions, `${doc.address}: the shared account ids are known only at apply time.`);
    const list = (asString(accounts) ?? '').split(',').map((a) => a.trim().toLowerCase());
    if (list.includes('all')) return fail(permissions, { message: `${doc.address} shares the document with account_ids "All", so every AWS account can read and run it.` });
    return pass(permissions, `${doc.address} is shared only with named accounts.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_ssm_document" "patch" {\n  name          = "patch-hosts"\n  document_type = "Command"\n  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })\n  permissions = {\n    type        = "Share"\n    account_ids = "All"\n  }\n}\n',
      ],
      good: [
        'resource "aws_ssm_document" "patch" {\n  name          = "patch-hosts"\n  document_type = "Command"\n  content       = jsonencode({ schemaVersion = "2.2", mainSteps = [] })\n  permissions = {\n    type        = "Share"\n    account_ids = "123456789012"\n  }\n}\n',
      ],
    },
  },
});
