import { asBoolean, attrOr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Subject } from '../../define-rule.js';
import { accountBaselineInScope, accountScope, baselineSubjects, baselineWords } from '../account-baseline.js';
import { organizationTrails } from '../account.js';
import { applyTimeReason } from '../apply-time.js';
import { BASELINE_READS } from '../across-roots-types.js';

export default defineRule<Subject>({
  id: 'aws-cloudtrail-enabled',
  title: 'The account has a logging CloudTrail trail',
  severity: 'high',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)', '164.308(a)(6)(ii)'],
  kind: 'presence',
  why: 'CloudTrail is the record of who did what to the systems holding ePHI; without a logging trail, access reviews and incident investigations have nothing to go on.',
  howToFix: 'In the account baseline declare an aws_cloudtrail (preferably is_organization_trail = true and is_multi_region_trail = true) and leave enable_logging at true.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/cloudtrail-create-and-update-a-trail.html'],
  references: { awsConfig: ['cloudtrail-enabled'], checkov: ['CKV_AWS_251'] },
  targets: (model) => baselineSubjects(model),
  check(subject, { model }) {
    // Each account on its own (account-baseline.ts), with the organization trails that log every account's activity.
    const scope = accountScope(model, subject);
    const trails = [...new Set([...scope.ofType('aws_cloudtrail'), ...organizationTrails(model)])];
    if (!accountBaselineInScope(scope) && (scope === model || trails.length === 0)) return unknown(subject, `A CloudTrail trail is not evidenced: ${baselineWords(subject)} is not in the scanned scope.`);
    if (trails.length === 0) return fail(subject, { message: `${baselineWords(subject, true)} declares no aws_cloudtrail, so API activity on ePHI systems is not recorded.` });
    const states = trails.map((trail) => ({ trail, logging: attrOr(trail, 'enable_logging', true) }));
    const on = states.find((s) => !isUnresolved(s.logging) && asBoolean(s.logging.value) === true);
    if (on) {
      const org = asBoolean(attrOr(on.trail, 'is_organization_trail', false).value) === true;
      return pass(on.logging, `${on.trail.address} is a logging ${org ? 'organization ' : ''}trail.`);
    }
    const pending = states.find((s) => isUnresolved(s.logging));
    if (pending) return unknown(pending.logging, `${pending.trail.address}: enable_logging depends on ${applyTimeReason(pending.logging)}.`);
    const first = states[0]!;
    return fail(first.logging, {
      message: `${first.trail.address} sets enable_logging to false and no other trail logs, so API activity is not recorded.`,
      fix: { description: 'Turn logging on', safety: 'safe', terraform: (edit) => edit.setAttribute(first.trail.span, 'enable_logging', 'true') },
    });
  },
  acrossRoots: {
    why: 'root modules naming no AWS account are judged as one account, and an account\'s baseline may live in any of its stacks (account.ts)',
    reads: [...BASELINE_READS],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n\nresource "aws_securityhub_account" "main" {}\n'],
      good: ['resource "aws_cloudtrail" "main" {\n  name                  = "account-trail"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n}\n'],
    },
  },
});
