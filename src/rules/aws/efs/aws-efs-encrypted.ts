import type { Resource } from '../../../model/resource.js';
import { attr } from '../../../model/read.js';
import { defineRule, type Outcome } from '../../define-rule.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { requireFlag } from '../require-setting.js';

export default defineRule<Resource>({
  id: 'aws-efs-encrypted',
  title: 'EFS file systems are encrypted at rest',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Files on an unencrypted EFS file system, and its backups, hold ePHI in clear; encryption at rest can only be chosen when the file system is created.',
  howToFix: 'Set encrypted = true on the aws_efs_file_system, with kms_key_id naming a customer-managed key for PHI (Terraform replaces the file system).',
  links: ['https://docs.aws.amazon.com/efs/latest/ug/encryption-at-rest.html'],
  references: { awsConfig: ['efs-encrypted-check'], checkov: ['CKV_AWS_42', 'CKV_AWS_184'], trivy: ['AVD-AWS-0037', 'aws-efs-enable-at-rest-encryption'] },
  targets: (model) => model.ofType('aws_efs_file_system'),
  check(fs, { model }) {
    const judged = requireFlag(fs, fs, 'encrypted', {
      providerDefault: false,
      consequence: 'its files are unencrypted at rest',
      fix: { description: 'Encrypt the file system (Terraform replaces it: copy the data to the new one)', safety: 'unsafe' },
    });
    const outcomes: Outcome[] = [judged.outcome];
    if (judged.on) {
      const cmk = phiCustomerKeyOutcome(model, fs, attr(fs, 'kms_key_id'), 'kms_key_id', fs.span);
      if (cmk) outcomes.push(cmk);
    }
    return outcomes;
  },
  examples: {
    terraform: {
      bad: ['resource "aws_efs_file_system" "shared" {\n  creation_token = "patient-uploads"\n}\n'],
      good: ['resource "aws_efs_file_system" "shared" {\n  creation_token = "patient-uploads"\n  encrypted      = true\n}\n'],
    },
  },
});
