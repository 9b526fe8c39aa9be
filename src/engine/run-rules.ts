// Runs rules over the model and returns every outcome as a sorted finding (STYLE.md §5).
// Passes, unknowns and waived results are kept: evidence shows what was checked, not only failures.
import type { AnyRule, Outcome, RuleParams, Subject } from '../rules/define-rule.js';
import type { InfraModel } from '../model/infra-model.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { compareSpans } from '../source/span.js';
import type { Finding } from './finding.js';
import type { Severity } from './severity.js';
import { findInlineSuppression, type SuppressionIndex } from './inline-suppressions.js';

export interface RuleSettings {
  /** false turns the rule off. */
  readonly enabled?: boolean;
  readonly severity?: Severity;
  readonly params?: RuleParams;
}

export interface RunOptions {
  /** Per-rule settings keyed by rule id (aliases are resolved by the caller). */
  readonly settings?: ReadonlyMap<string, RuleSettings>;
  /** Honour `# safeguard:ignore` and the peers' skip comments (default true). */
  readonly inlineSuppressions?: boolean;
  /** The date suppressions with `exp:` are judged against. Passed in: rules and engine never read the clock. */
  readonly today: string; // YYYY-MM-DD
  /** Inline suppressions by file, built from the scanned sources (the engine never reads files). */
  readonly suppressions?: SuppressionIndex;
}

export interface RunResult {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** Rules that ran (after config), in id order, for reports that list what was checked. */
  readonly rulesRun: readonly AnyRule[];
}

export function runRules(model: InfraModel, rules: readonly AnyRule[], options: RunOptions): RunResult {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const rulesRun: AnyRule[] = [];
  for (const rule of [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const settings = options.settings?.get(rule.id);
    if (settings?.enabled === false) continue;
    rulesRun.push(rule);
    const params = { ...rule.params, ...(settings?.params ?? {}) };
    const severity = settings?.severity ?? rule.severity;
    let targets: readonly Subject[];
    try {
      targets = rule.targets(model, params);
    } catch (error) {
      diagnostics.push(crashed(rule, undefined, error));
      continue;
    }
    for (const target of targets) {
      let outcomes: readonly Outcome[];
      try {
        const result = rule.check(target, { model, params });
        outcomes = Array.isArray(result) ? (result as readonly Outcome[]) : [result as Outcome];
      } catch (error) {
        diagnostics.push(crashed(rule, target, error));
        continue;
      }
      for (const outcome of outcomes) {
        const base = {
          ruleId: rule.id,
          severity,
          title: rule.title,
          message: outcome.status === 'pass' ? (outcome.message ?? `${target.address}: ${rule.title}.`) : outcome.message,
          resource: { address: target.address, kind: target.type },
          span: outcome.span,
          related: outcome.status === 'fail' ? outcome.related : [],
          controls: rule.controls,
        };
        const fix = outcome.status === 'fail' ? outcome.fix : undefined;
        if (outcome.status === 'fail' && options.inlineSuppressions !== false && options.suppressions) {
          const match = findInlineSuppression(options.suppressions, rule, target, outcome.span, options.today, model.moduleCalls);
          if (match.diagnostic) diagnostics.push(match.diagnostic);
          if (match.waiver) {
            findings.push({ ...base, status: 'waived', waiver: match.waiver, ...(fix ? { fix } : {}) });
            continue;
          }
        }
        findings.push({ ...base, status: outcome.status, ...(fix ? { fix } : {}) });
      }
    }
  }
  return { findings: sortFindings(findings), diagnostics: dedupeDiagnostics(diagnostics), rulesRun };
}

export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      compareSpans(a.span, b.span) ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
      (a.resource.address < b.resource.address ? -1 : a.resource.address > b.resource.address ? 1 : 0),
  );
}

function crashed(rule: AnyRule, target: Subject | undefined, error: unknown): Diagnostic {
  const reason = error instanceof Error ? error.message : String(error);
  return {
    code: 'rule/crashed',
    severity: 'error',
    message: `Rule ${rule.id} crashed${target ? ` on ${target.address}` : ''}: ${reason}`,
    hint: 'This is a bug in Safeguard; please report it. The rest of the scan went on.',
    ...(target ? { span: target.span } : {}),
  };
}

function dedupeDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  return diagnostics.filter((d) => {
    const key = `${d.code}|${d.message}|${d.span ? `${d.span.file}:${d.span.start.offset}` : ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
