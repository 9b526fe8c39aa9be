import type { Resource } from '../../../model/resource.js';
import { asBoolean, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../../define-rule.js';
import { accountBaselineInScope, accountScope, baselineWords, organizationEnables, subjectsLacking } from '../account-baseline.js';
import { scopeOfResource } from '../account.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { regionOf, regionsInUse } from '../region.js';
import { BASELINE_READS } from '../across-roots-types.js';

export default defineRule<Subject>({
  id: 'aws-securityhub-enabled',
  title: 'Security Hub is enabled with a standard subscribed in every region in use',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(D)', '164.308(a)(6)(i)', '164.308(a)(6)(ii)', '164.308(a)(8)', '164.308(a)(3)(ii)(A)'],
  kind: 'presence',
  why: 'Security Hub gathers findings from GuardDuty, Config and Inspector and evaluates the account against a standard, giving the regular activity review and evaluation HIPAA asks for.',
  howToFix: 'Declare aws_securityhub_account (leave enable_default_standards = true) or add aws_securityhub_standards_subscription for a standard such as AWS Foundational Security Best Practices.',
  links: ['https://docs.aws.amazon.com/securityhub/latest/userguide/securityhub-settingup.html'],
  references: { awsConfig: ['securityhub-enabled'] },
  targets(model) {
    // And each AWS account that declares none (account-baseline.ts): one account's hub does not see another's.
    return [...model.ofType('aws_securityhub_account'), ...subjectsLacking(model, ['aws_securityhub_account'])];
  },
  check(target, { model }): Outcome {
    if (target.type !== 'aws_securityhub_account') {
      // A member account: the delegated administrator's organization configuration may enable it there
      // (auto_enable: new member accounts only; central configuration: its policies decide).
      const org = organizationEnables(model, target, 'aws_securityhub_organization_configuration', (c) => (asBoolean(c.attributes.get('auto_enable')?.value) === true || isApplyTime(c.attributes.get('auto_enable')) || blockOf(c, 'organization_configuration') !== undefined ? 'maybe' : 'off'));
      if (org) return unknown(org.config, `${baselineWords(target, true)} declares no aws_securityhub_account; ${org.config.address} enables Security Hub for member accounts that join later or by central configuration policies, so whether it covers this one is not evidenced.`);
      if (!accountBaselineInScope(accountScope(model, target))) return unknown(target, `Not evidenced: ${baselineWords(target)} is not in the scanned scope, so Security Hub cannot be judged.`);
      return fail(target, { message: `${baselineWords(target, true)} declares no aws_securityhub_account, so security findings are not aggregated or evaluated against a standard.` });
    }
    const account = target as Resource;
    // Security Hub is enabled per region, like GuardDuty: one hub does not evaluate another region's resources.
    const scope = scopeOfResource(model, account);
    const accounts = scope.ofType('aws_securityhub_account');
    const covered = new Set(accounts.map(regionOf));
    // A hub whose own `region` is known only at apply time (AWS provider v6) is in one region not
    // known here: it may cover one missing region, never two (as for GuardDuty).
    const unplaced = accounts.filter((a) => a.attributes.has('region') && regionOf(a) === undefined).length;
    const providerUnknown = accounts.some((a) => !a.attributes.has('region') && regionOf(a) === undefined);
    if (account === accounts[0] && !providerUnknown) {
      const missing = [...regionsInUse(scope)].filter((r) => !covered.has(r));
      const known = [...covered].filter((r): r is string => r !== undefined);
      if (missing.length > unplaced) return fail(account, { message: `Security Hub is enabled in ${known.length > 0 ? known.join(', ') : 'a region known only at apply time'}, but resources are also deployed in ${missing.join(', ')}, where no aws_securityhub_account enables it.` });
      if (missing.length > 0) return unknown(account, `Resources are deployed in ${missing.join(', ')}; whether Security Hub is enabled there depends on a hub region known only at apply time.`);
    }
    if (scope.ofType('aws_securityhub_standards_subscription').length > 0) return pass(account);
    const defaults = account.attributes.get('enable_default_standards');
    if (defaults && isApplyTime(defaults)) return unknown(defaults, `${account.address}: enable_default_standards is known only at apply time (${reasonOf(defaults)}).`);
    if (!defaults || asBoolean(defaults.value) === true) return pass(defaults ?? account);
    return fail(defaults, { message: `${account.address} turns off the default standards and no aws_securityhub_standards_subscription exists, so nothing is evaluated.` });
  },
  acrossRoots: {
    why: 'root modules naming no AWS account are judged as one account, and an account\'s baseline may live in any of its stacks (account.ts)',
    reads: [...BASELINE_READS, 'aws_securityhub_standards_subscription', 'aws_securityhub_organization_configuration'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_securityhub_account" "main" {\n  enable_default_standards = false\n}\n'],
      good: [
        'resource "aws_securityhub_account" "main" {\n  enable_default_standards = false\n}\n\nresource "aws_securityhub_standards_subscription" "fsbp" {\n  standards_arn = "arn:aws:securityhub:us-east-1::standards/aws-foundational-security-best-practices/v/1.0.0"\n  depends_on    = [aws_securityhub_account.main]\n}\n',
      ],
    },
  },
});
