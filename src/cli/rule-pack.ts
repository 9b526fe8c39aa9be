// The rule pack as the CLI sees it: lookup by id, alias or peer id, and --rule/--skip-rule.
import type { RuleCatalog } from '../config/validate-config.js';
import type { RuleConfig } from '../config/safeguard-config.js';
import { nearestName } from '../config/nearest-name.js';
import type { RuleSettings } from '../engine/run-rules.js';
import type { RuleDoc } from '../reporters/report-input.js';
import type { AnyRule } from '../rules/define-rule.js';
import { allRules } from '../rules/index.js';
import { UsageError } from './cli-error.js';

export function rulePack(): readonly AnyRule[] {
  return allRules;
}

/** A rule by its id (any case: custom policies may be CKV2_ACME_1), an alias, or a peer id. */
export function findRulesIn(rules: readonly AnyRule[], idOrPeerId: string): AnyRule[] {
  const wanted = idOrPeerId.toLowerCase();
  const exact = rules.filter((r) => r.id.toLowerCase() === wanted || (r.aliases ?? []).some((a) => a.toLowerCase() === wanted));
  if (exact.length > 0) return exact;
  return rules.filter((r) =>
    [...(r.references.checkov ?? []), ...(r.references.trivy ?? []), ...(r.references.awsConfig ?? []), ...(r.references.terrascan ?? [])].some((p) => p.toLowerCase() === wanted),
  );
}

/** The catalog the config validator checks rule ids against: built-in rules plus custom policies and plugins. */
export function ruleCatalogOf(rules: readonly AnyRule[]): RuleCatalog {
  return {
    resolve: (id) => findRulesIn(rules, id).map((r) => r.id),
    get ids() {
      return rules.map((r) => r.id);
    },
    params: (id) => rules.find((r) => r.id === id)?.params,
    checkParam: (id, name, value) => rules.find((r) => r.id === id)?.checkParam?.(name, value),
  };
}

export const ruleCatalog: RuleCatalog = ruleCatalogOf(allRules);

export function ruleDocs(rules: readonly AnyRule[] = allRules): (id: string) => RuleDoc | undefined {
  const byId = new Map(rules.map((r) => [r.id, r]));
  return (id) => {
    const rule = byId.get(id);
    return rule
      ? {
          id: rule.id,
          title: rule.title,
          why: rule.why,
          howToFix: rule.howToFix,
          links: rule.links ?? [],
          severity: rule.severity,
          controls: rule.controls,
          ...(rule.examples.terraform ? { examples: rule.examples.terraform } : {}),
        }
      : undefined;
  };
}

/** Rules named on the command line: an id, an alias, or a peer id (CKV_AWS_20, AVD-AWS-0088). */
export function resolveRuleArgument(option: string, id: string, rules: readonly AnyRule[] = allRules): AnyRule[] {
  const found = findRulesIn(rules, id);
  if (found.length > 0) return found;
  const suggestion = nearestName(id, rules.map((r) => r.id));
  throw new UsageError(
    `${option} ${id}: unknown rule id.`,
    suggestion ? `Did you mean ${suggestion}? Run \`safeguard rules\` to list every id.` : 'Run `safeguard rules` to list every rule id and the peer ids it accepts.',
  );
}

export interface RuleSelection {
  readonly rules: readonly AnyRule[];
  readonly settings: ReadonlyMap<string, RuleSettings>;
  /** Rules in warn mode: reported, never failing the run. */
  readonly warnOnly: ReadonlySet<string>;
}

/** --rule narrows to the named rules (and turns them on even if the config turned them off); --skip-rule removes. */
export function selectRules(
  rules: readonly AnyRule[],
  config: ReadonlyMap<string, RuleConfig>,
  only: readonly string[],
  skip: readonly string[],
): RuleSelection {
  const wanted = new Set(only.flatMap((id) => resolveRuleArgument('--rule', id, rules)).map((r) => r.id));
  const skipped = new Set(skip.flatMap((id) => resolveRuleArgument('--skip-rule', id, rules)).map((r) => r.id));
  const selected = rules.filter((r) => (wanted.size === 0 || wanted.has(r.id)) && !skipped.has(r.id));
  const settings = new Map<string, RuleSettings>();
  const warnOnly = new Set<string>();
  for (const rule of selected) {
    const c = config.get(rule.id);
    if (!c) continue;
    settings.set(rule.id, {
      enabled: c.enabled || wanted.has(rule.id),
      ...(c.severity ? { severity: c.severity } : {}),
      ...(c.params ? { params: c.params } : {}),
    });
    if (c.mode === 'warn') warnOnly.add(rule.id);
  }
  return { rules: selected, settings, warnOnly };
}
