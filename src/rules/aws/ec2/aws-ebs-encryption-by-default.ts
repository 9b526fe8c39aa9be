import { asBoolean, attrOr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Subject } from '../../define-rule.js';
import { accountBaselineInScope, accountScope, baselineSubjects, baselineWords } from '../account-baseline.js';
import { applyTimeReason } from '../apply-time.js';
import { regionOf, sameRegion } from '../region.js';
import { BASELINE_READS } from '../across-roots-types.js';

/** Resources that create EBS volumes. */
const EBS_TYPES = ['aws_ebs_volume', 'aws_instance', 'aws_launch_template', 'aws_launch_configuration'];

export default defineRule<Subject>({
  id: 'aws-ebs-encryption-by-default',
  title: 'EBS encryption by default is enabled for the account',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)', '164.312(e)(2)(ii)', '164.310(d)(1)'],
  kind: 'presence',
  why: 'Without account-level EBS encryption by default, any volume or snapshot copy created outside this code (console, AMI launch, autoscaling) can hold ePHI unencrypted.',
  howToFix:
    'In the account baseline add resource "aws_ebs_encryption_by_default" with enabled = true (and aws_ebs_default_kms_key naming a customer-managed key), in every region you use.',
  links: ['https://docs.aws.amazon.com/ebs/latest/userguide/encryption-by-default.html'],
  references: { awsConfig: ['ec2-ebs-encryption-by-default'], checkov: ['CKV_AWS_106'] },
  targets: (model) => baselineSubjects(model),
  check(subject, { model: whole }) {
    // Each account on its own (account-baseline.ts): the setting is per account and region.
    const model = accountScope(whole, subject);
    const settings = model.ofType('aws_ebs_encryption_by_default');
    // A declared setting is judged wherever it is; its absence only where the scan holds the baseline.
    if (settings.length === 0 && !accountBaselineInScope(model)) return unknown(subject, `EBS encryption by default is not evidenced: ${baselineWords(subject)} is not in the scanned scope.`);
    if (settings.length === 0) {
      return fail(subject, {
        message: `${baselineWords(subject, true)} does not declare aws_ebs_encryption_by_default, so new EBS volumes are unencrypted unless each one sets encrypted.`,
        fix: {
          description: 'Turn on EBS encryption by default',
          safety: 'safe',
          terraform: (edit) => edit.insertAfter(subject.span, 'resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}'),
        },
      });
    }
    const outcomes = settings.map((setting) => {
      const enabled = attrOr(setting, 'enabled', true);
      if (isUnresolved(enabled)) return unknown(enabled, `${setting.address}: whether EBS encryption by default is on depends on ${applyTimeReason(enabled)}.`);
      if (asBoolean(enabled.value) === true) {
        // The default key of the setting's own region (both are per account and region).
        const key = model.ofType('aws_ebs_default_kms_key').find((k) => sameRegion(k, setting) === true);
        return pass(enabled, `${setting.address} turns on EBS encryption by default${key ? ` with the default key from ${key.address}` : ' (with the AWS-managed aws/ebs key unless aws_ebs_default_kms_key is set)'}.`);
      }
      return fail(enabled, {
        message: `${setting.address} sets enabled to false, so EBS encryption by default is off.`,
        fix: { description: 'Turn on EBS encryption by default', safety: 'safe', terraform: (edit) => edit.setAttribute(setting.span, 'enabled', 'true') },
      });
    });
    // Per account and region: volumes deployed in a region no enabled setting is declared for are not covered.
    const enabledIn = settings.filter((r) => asBoolean(attrOr(r, 'enabled', true).value) === true).map(regionOf);
    if (enabledIn.length > 0 && !enabledIn.includes(undefined)) {
      const uncovered = new Set<string>();
      for (const r of EBS_TYPES.flatMap((t) => model.ofType(t))) {
        const region = regionOf(r);
        if (region !== undefined && !enabledIn.includes(region)) uncovered.add(region);
      }
      if (uncovered.size > 0) {
        outcomes.push(fail(settings[0]!, { message: `EBS encryption by default is declared for ${[...new Set(enabledIn)].join(', ')}, but EBS volumes are also deployed in ${[...uncovered].join(', ')}, where it is not turned on (the setting is per region).` }));
      }
    }
    return outcomes;
  },
  acrossRoots: {
    why: 'root modules naming no AWS account are judged as one account, and an account\'s baseline may live in any of its stacks (account.ts)',
    reads: [...BASELINE_READS, 'aws_ebs_default_kms_key'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n\nresource "aws_securityhub_account" "main" {}\n'],
      good: ['resource "aws_ebs_encryption_by_default" "this" {\n  enabled = true\n}\n'],
    },
  },
});
