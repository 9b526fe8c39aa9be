import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../../define-rule.js';
import { accountBaselineInScope, accountScope, baselineSubjects, baselineWords, organizationEnables } from '../account-baseline.js';
import { isApplyTime, reasonOf, requireBoolean } from '../judge-setting.js';
import { regionOf, regionsInUse } from '../region.js';
import { BASELINE_READS } from '../across-roots-types.js';

/**
 * Which members an organization configuration enables GuardDuty for, as written: "ALL", "NEW" (or
 * the legacy `auto_enable = true`), "NONE"; the argument itself when known only at apply time.
 */
function membersSetting(c: Resource): { readonly value: string; readonly at: Resource['span'] | undefined } | { readonly applyTime: Sourced } {
  const auto = c.attributes.get('auto_enable_organization_members');
  if (auto && isApplyTime(auto)) return { applyTime: auto };
  const legacy = c.attributes.get('auto_enable');
  return { value: asString(auto?.value)?.toUpperCase() ?? (legacy?.value === true ? 'NEW' : 'NONE'), at: (auto ?? legacy)?.span };
}

/** What an organization configuration enables in member accounts: every one ("ALL"), those joining later ("NEW"), or none. */
function autoEnabled(c: Resource): 'on' | 'maybe' | 'off' {
  const setting = membersSetting(c);
  if ('applyTime' in setting) return 'maybe';
  return setting.value === 'ALL' ? 'on' : setting.value === 'NEW' ? 'maybe' : 'off';
}

export default defineRule<Subject>({
  id: 'aws-guardduty-enabled',
  title: 'GuardDuty is enabled in every region in use',
  severity: 'high',
  controls: ['164.308(a)(1)(ii)(D)', '164.308(a)(5)(ii)(C)', '164.308(a)(6)(i)', '164.308(a)(6)(ii)', '164.308(a)(1)(ii)(A)', '164.308(a)(8)', '164.312(b)'],
  kind: 'presence',
  why: 'GuardDuty watches CloudTrail, VPC flow and DNS logs for compromised credentials and instances; without it an intrusion into systems holding ePHI can go unnoticed.',
  howToFix: 'Declare aws_guardduty_detector { enable = true } in every region you deploy to (one provider alias per region), and set auto_enable_organization_members = "ALL" in aws_guardduty_organization_configuration.',
  links: ['https://docs.aws.amazon.com/guardduty/latest/ug/guardduty_settingup.html'],
  references: { awsConfig: ['guardduty-enabled-centralized'], checkov: ['CKV_AWS_238', 'CKV2_AWS_3'] },
  targets(model) {
    const detectors = model.ofType('aws_guardduty_detector');
    return [...detectors, ...model.ofType('aws_guardduty_organization_configuration'), ...baselineSubjects(model)];
  },
  check(target, { model }): Outcome {
    if (target.type === 'aws_guardduty_detector') {
      const d = target as Resource;
      return requireBoolean(d.address, d, 'enable', true, {
        providerDefault: true,
        consequence: 'GuardDuty does not analyse activity in this region',
        fix: { description: 'Enable the detector', safety: 'safe', fixValue: 'true' },
      });
    }
    if (target.type === 'aws_guardduty_organization_configuration') {
      const c = target as Resource;
      const setting = membersSetting(c);
      if ('applyTime' in setting) return unknown(setting.applyTime, `${c.address}: auto_enable_organization_members is known only at apply time (${reasonOf(setting.applyTime)}).`);
      if (setting.value === 'ALL' || setting.value === 'NEW') return pass(setting.at ?? c);
      return fail(c.attributes.get('auto_enable_organization_members') ?? c, { message: `${c.address} does not auto-enable GuardDuty for organization members, so new accounts are not monitored.` });
    }
    // Each account on its own (account-baseline.ts): one account's detectors do not watch another's.
    const scope = accountScope(model, target);
    const detectors = scope.ofType('aws_guardduty_detector');
    if (detectors.length === 0) {
      // A member account: the delegated administrator's organization configuration may enable it there.
      const org = organizationEnables(model, target, 'aws_guardduty_organization_configuration', autoEnabled);
      if (org?.on === 'on') return pass(org.config, `${org.config.address} enables GuardDuty in every member account (auto_enable_organization_members = "ALL"), ${baselineWords(target)} among them.`);
      if (org) return unknown(org.config, `${baselineWords(target, true)} declares no aws_guardduty_detector; ${org.config.address} enables GuardDuty only in member accounts that join later, or its setting is known only at apply time, so whether it watches this one is not evidenced.`);
      if (!accountBaselineInScope(scope)) return unknown(target, `Not evidenced: ${baselineWords(target)} is not in the scanned scope, so GuardDuty cannot be judged.`);
      return fail(target, { message: `${baselineWords(target, true)} declares no aws_guardduty_detector, so threats to ePHI systems are not detected.` });
    }
    const covered = new Set(detectors.map(regionOf).filter((r): r is string => r !== undefined));
    // A detector whose own `region` is known only at apply time (AWS provider v6) watches one region
    // not known here: it may cover one missing region, never two.
    const unplaced = detectors.filter((d) => d.attributes.has('region') && regionOf(d) === undefined).length;
    if (covered.size === 0 && unplaced === 0) return pass(detectors[0]!);
    const missing = [...regionsInUse(scope)].filter((r) => !covered.has(r));
    if (missing.length === 0) return pass(detectors[0]!);
    if (missing.length <= unplaced) return unknown(detectors[0]!, `Resources are deployed in ${missing.join(', ')}; whether a detector watches it depends on a detector region known only at apply time.`);
    return fail(detectors[0]!, {
      message: `GuardDuty detectors cover ${[...covered].join(', ')}, but resources are also deployed in ${missing.join(', ')}, which no detector watches.`,
    });
  },
  acrossRoots: {
    why: 'root modules naming no AWS account are judged as one account, and an account\'s baseline may live in any of its stacks (account.ts)',
    reads: [...BASELINE_READS, 'aws_guardduty_organization_configuration'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_guardduty_detector" "main" {\n  enable = false\n}\n'],
      good: ['resource "aws_guardduty_detector" "main" {\n  enable = true\n}\n'],
    },
  },
});
