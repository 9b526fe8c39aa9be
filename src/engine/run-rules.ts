// Runs rules over the model and returns every outcome as a sorted finding (STYLE.md §5).
// Passes, unknowns and waived results are kept: evidence shows what was checked, not only failures.
import type { AnyRule, Outcome, RuleParams, Subject } from '../rules/define-rule.js';
import type { InfraModel } from '../model/infra-model.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Sourced } from '../model/sourced.js';
import type { Span } from '../source/span.js';
import { NO_RELATED, type AppliedWaiver, type Finding } from './finding.js';
import type { Severity } from './severity.js';
import { findInlineSuppression, type SuppressionIndex } from './inline-suppressions.js';
import { addressKeys, maskAddressKeys, maskUrlUserinfo } from '../detectors/mask.js';
import { isSecretName, phiContextOf, type PhiContext } from '../detectors/names.js';
import { isUnknown, type Plain } from '../model/value.js';

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
  /** The date suppressions with `exp:` and date-aware rules (RuleContext.today) are judged against. Passed in: rules and engine never read the clock. */
  readonly today: string; // YYYY-MM-DD
  /** Inline suppressions by file, built from the scanned sources (the engine never reads files). */
  readonly suppressions?: SuppressionIndex;
  /**
   * The module calls whose comments suppress what is inside them, when not the model's own: a plan's
   * model holds none, and a suppression on a stack's `module` block covers its plan findings too.
   */
  readonly moduleCalls?: InfraModel['moduleCalls'];
  /**
   * false: a finding's fix keeps its description and safety but not its edit callback, which holds
   * the model it was judged on (engine/plain-finding.ts): a source scan judging root modules apart
   * lets each one's model go, and `fix` alone applies the edits. Default true.
   */
  readonly fixEdits?: boolean;
}

export interface RunResult {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /** Rules that ran (after config), in id order, for reports that list what was checked. */
  readonly rulesRun: readonly AnyRule[];
}

export function runRules(model: InfraModel, rules: readonly AnyRule[], options: RunOptions): RunResult {
  const session = new RuleSession(options);
  session.judge(model, rules);
  return session.finish(rules);
}

/**
 * The rules judged over several models in turn, as one run (the root modules of a source scan, each
 * judged on its own model as it is evaluated and then dropped: issue 11), with what a run holds
 * across them: the findings sorted once at the end, diagnostics said once, one string per distinct
 * message, and every finding's address and message masked with the secret instance keys of all the
 * models (a key one root module uses as a password is masked in another's findings too).
 */
export class RuleSession {
  private readonly findings: Finding[] = [];
  private readonly diagnostics: Diagnostic[] = [];
  private readonly messages = new SharedStrings();
  /** The construct paths of every model's CDK for Terraform resources: a rule judged on a later model names them too (the literal scans). */
  private readonly constructPaths = new Map<string, string>();
  private readonly byId = new WeakMap<readonly AnyRule[], readonly AnyRule[]>();
  private readonly settingsOf = new Map<AnyRule, { readonly params: RuleParams; readonly severity: Severity } | undefined>();
  /**
   * Each judge call's secret instance keys, the index of its first finding, and the unit its
   * findings are of (one, or by the finding): masked again in finish when the keys differ, and
   * ordered by unit where two findings sort alike, as one run over the merged model orders them.
   */
  private readonly batches: { readonly keys: ReadonlySet<string>; readonly from: number; readonly unit: number | ((f: Finding) => number); dropped?: true }[] = [];

  constructor(private readonly options: RunOptions) {}

  /**
   * Judges `rules` on `model`; `suppressions`, when given, replace the options' (each model its own).
   * `unit`: the place of the model's findings among the models' (the unit of a root module judged on
   * its own, or of each finding of a model of several), where two findings sort alike.
   */
  judge(model: InfraModel, rules: readonly AnyRule[], suppressions?: SuppressionIndex, unit: number | ((f: Finding) => number) = 0): void {
    const options = this.options;
    const index = suppressions ?? options.suppressions;
    const findings = this.findings;
    const diagnostics = this.diagnostics;
    const messages = this.messages;
    const secretKeys = secretInstanceKeys(model);
    this.batches.push({ keys: secretKeys, from: findings.length, unit });
    for (const [key, path] of constructPathsOf(model)) this.constructPaths.set(key, path);
    const resources = new ResourceRefs(secretKeys, this.constructPaths);
    const edits = options.fixEdits !== false;
    for (const rule of this.sorted(rules)) {
      const configured = this.configured(rule);
      if (configured === undefined) continue;
      const { params, severity } = configured;
      let targets: readonly Subject[];
      try {
        targets = rule.targets(model, params);
      } catch (error) {
        diagnostics.push(crashed(rule, undefined, error));
        continue;
      }
      const context = { model, params, today: options.today }; // one per rule: checks are pure and only read it
      for (const target of targets) {
        let outcomes: readonly Outcome[];
        try {
          const result = rule.check(target, context);
          outcomes = Array.isArray(result) ? withoutPartialPasses(result as readonly Outcome[]) : [result as Outcome];
        } catch (error) {
          diagnostics.push(crashed(rule, target, error));
          continue;
        }
        for (const judged of outcomes) {
          const outcome = withNullArguments(judged, target);
          if (outcome.status === 'fail' && options.inlineSuppressions !== false && index) {
            const match = findInlineSuppression(index, rule, target, outcome.span, options.today, options.moduleCalls ?? model.moduleCalls);
            if (match.diagnostic) diagnostics.push(match.diagnostic);
            if (match.waiver) {
              findings.push(findingOf(rule, severity, resources.of(target), outcome, secretKeys, messages, edits, match.waiver));
              continue;
            }
          }
          findings.push(findingOf(rule, severity, resources.of(target), outcome, secretKeys, messages, edits));
        }
      }
    }
  }

  /**
   * What `rule` gathers from one model for its judgement across models (RuleDefinition.acrossRoots.gather),
   * with its settings' parameters; undefined when it crashed (a rule/crashed diagnostic, as a crash in targets).
   */
  gather(rule: AnyRule, model: InfraModel): { readonly value: unknown } | undefined {
    const gather = rule.acrossRoots?.gather;
    if (gather === undefined) return undefined;
    try {
      return { value: gather(model, this.configured(rule)?.params ?? rule.params) };
    } catch (error) {
      this.diagnostics.push(crashed(rule, undefined, error));
      return undefined;
    }
  }

  /** A rule's parameters and severity as the settings make them, once per run (undefined: turned off). */
  private configured(rule: AnyRule): { readonly params: RuleParams; readonly severity: Severity } | undefined {
    if (this.settingsOf.has(rule)) return this.settingsOf.get(rule);
    const settings = this.options.settings?.get(rule.id);
    const configured = settings?.enabled === false ? undefined : { params: { ...rule.params, ...(settings?.params ?? {}) }, severity: settings?.severity ?? rule.severity };
    this.settingsOf.set(rule, configured);
    return configured;
  }

  /** The rules in id order, sorted once per list: a scan of thousands of root modules judges each with the same list. */
  private sorted(rules: readonly AnyRule[]): readonly AnyRule[] {
    let sorted = this.byId.get(rules);
    if (sorted === undefined) this.byId.set(rules, (sorted = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))));
    return sorted;
  }

  /** Leaves out the findings of the units judged so far on their own models: they are judged again together (unit-judging.ts). */
  drop(units: ReadonlySet<number>): void {
    for (const b of this.batches) if (typeof b.unit === 'number' && units.has(b.unit)) b.dropped = true;
  }

  /** Every model judged: the findings sorted, diagnostics without repeats; `rules` as judged (rulesRun). */
  finish(rules: readonly AnyRule[]): RunResult {
    const rulesRun = [...rules].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).filter((rule) => this.options.settings?.get(rule.id)?.enabled !== false);
    this.maskAcrossModels();
    if (this.batches.length < 2) return { findings: sortFindings(this.findings), diagnostics: dedupeDiagnostics(this.diagnostics), rulesRun };
    const kept: Finding[] = [];
    const units: number[] = [];
    this.batches.forEach((b, i) => {
      const to = this.batches[i + 1]?.from ?? this.findings.length;
      if (b.dropped) return;
      for (let j = b.from; j < to; j++) {
        const f = this.findings[j]!;
        kept.push(f);
        units.push(typeof b.unit === 'number' ? b.unit : b.unit(f));
      }
    });
    return { findings: sortFindings(kept, units), diagnostics: dedupeDiagnostics(this.diagnostics), rulesRun };
  }

  /** Findings judged with fewer secret instance keys than all the models have, masked with all of them. */
  private maskAcrossModels(): void {
    if (this.batches.length < 2) return;
    const all = new Set<string>();
    for (const b of this.batches) for (const k of b.keys) all.add(k);
    if (all.size === 0) return;
    const refs = new Map<Finding['resource'], Finding['resource']>();
    this.batches.forEach((batch, i) => {
      if (batch.keys.size === all.size) return;
      const to = this.batches[i + 1]?.from ?? this.findings.length;
      for (let j = batch.from; j < to; j++) this.findings[j] = maskedWith(this.findings[j]!, all, refs);
    });
  }
}

/** A finding judged before some secret instance keys were known, masked with `keys` (its resource object shared through `refs`). */
function maskedWith(f: Finding, keys: ReadonlySet<string>, refs: Map<Finding['resource'], Finding['resource']>): Finding {
  let resource = refs.get(f.resource);
  if (resource === undefined) {
    const raw = rawAddresses.get(f.resource) ?? f.resource.address;
    const address = maskAddressKeys(raw, keys);
    resource = address === f.resource.address ? f.resource : { ...f.resource, address };
    if (address !== raw) rawAddresses.set(resource, raw);
    refs.set(f.resource, resource);
  }
  const message = maskMessage(f.message, keys);
  const related = f.status === 'fail' ? maskRelated(f.related, keys) : f.related;
  if (resource === f.resource && message === f.message && related === f.related) return f;
  return { ...f, resource, message, related };
}

/**
 * A resource fails or is undecided for a rule as a whole: the passes of its other parts ("encryption
 * is enabled" beside "no customer-managed key") are dropped, or one resource would count as both
 * failed and passed for the same rule in every summary.
 */
function withoutPartialPasses(outcomes: readonly Outcome[]): readonly Outcome[] {
  if (outcomes.length < 2 || outcomes.every((o) => o.status === 'pass') || outcomes.every((o) => o.status !== 'pass')) return outcomes;
  return outcomes.filter((o) => o.status !== 'pass');
}

type Writable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The address as written of each finding resource whose address was masked (an SSN or a key as an
 * instance key), for this process only: a waiver register, the user's own text, names the instance
 * as written (`aws_s3_bucket.b["212-34-5678"]`), and matching it against the masked address either
 * missed it or, read masked, would match every instance whose key masks alike. Never a field of the
 * finding, so no report, cache entry or merge ever holds it (a cached finding has none: scan.ts
 * judges afresh when the register names such an instance).
 */
const rawAddresses = new WeakMap<Finding['resource'], string>();

/** The address as written of a finding's resource when reports show it masked; undefined otherwise. */
export function rawAddressOf(resource: Finding['resource']): string | undefined {
  return rawAddresses.get(resource);
}

/**
 * One `resource` object per address and kind for all the run's findings, not one per finding: every
 * rule judges the same resources, and corpus (b) of the bench has 115 000 findings on ~20 000
 * resources. Findings are read-only, and the scan cache reads them back sharing these objects too.
 */
class ResourceRefs {
  /** Root module ('' for none) → address → kind → the findings' resource object. */
  private readonly byRoot = new Map<string, Map<string, Map<string, Finding['resource']>>>();

  constructor(
    private readonly secretKeys: ReadonlySet<string>,
    private readonly constructPaths: ReadonlyMap<string, string>,
  ) {}

  of(target: Subject): Finding['resource'] {
    const root = rootOf(target);
    let byAddress = this.byRoot.get(root ?? '');
    if (byAddress === undefined) this.byRoot.set(root ?? '', (byAddress = new Map()));
    let kinds = byAddress.get(target.address);
    if (kinds === undefined) byAddress.set(target.address, (kinds = new Map()));
    let ref = kinds.get(target.type);
    if (ref === undefined) {
      const address = maskAddressKeys(target.address, this.secretKeys);
      const constructPath = this.constructPaths.size === 0 ? undefined : this.constructPaths.get(constructKey(target.root, target.address));
      ref = root === undefined ? { address, kind: target.type } : { address, kind: target.type, root };
      if (constructPath !== undefined) ref = { ...ref, constructPath };
      if (address !== target.address) rawAddresses.set(ref, target.address);
      kinds.set(target.type, ref);
    }
    return ref;
  }
}

function constructKey(root: string | undefined, address: string): string {
  return `${root ?? ''}\u0000${address}`;
}

/**
 * The construct path of each resource synthesized by CDK for Terraform, by root module and address:
 * a rule judges a view of the resource or a subject of its own, which carry its address and root.
 */
function constructPathsOf(model: InfraModel): Map<string, string> {
  const paths = new Map<string, string>();
  for (const r of model.resources) if (r.constructPath !== undefined) paths.set(constructKey(r.root, r.address), r.constructPath);
  return paths;
}

/**
 * Instance keys a resource uses as a secret: `for_each = var.passwords` with `password = each.key`, or
 * a module instance's key passed on to a password. The key says nothing secret by its shape, but it
 * is in every address of that instance, and addresses are in every report.
 */
function secretInstanceKeys(model: InfraModel): Set<string> {
  const keys = new Set<string>();
  for (const r of model.resources) {
    if (!r.address.includes('["')) continue;
    // The string keys in the address (its own and its module instances'), read once: most values are none of them.
    const own = new Set(addressKeys(r.address));
    for (const [name, v] of r.attributes) {
      // The key as a value under a secret's or a patient identifier's name (`tags.PatientSSN = each.key`), a few levels down.
      const visit = (value: Plain, path: string, depth: number): void => {
        if (typeof value === 'string') {
          if (own.has(value) && (isSecretName(path.slice(path.lastIndexOf('.') + 1)) || namesPatientData(path))) keys.add(value);
        } else if (value !== null && typeof value === 'object' && !Array.isArray(value) && !isUnknown(value) && depth < 3) {
          for (const [k, inner] of Object.entries(value)) visit(inner as Plain, `${path}.${k}`, depth + 1);
        }
      };
      visit(v.value, name, 0);
    }
  }
  return keys;
}

/**
 * One string per distinct message for all the run's findings, not one per finding (issue 11). The
 * findings of a module called from many root modules, or of a stack repeated per environment, say
 * the same thing under each root: on corpus (b) of the bench (ten copies of (a)) 115 000 findings
 * hold 11 000 distinct messages, ~10 MB of strings each kept until the report is written.
 */
class SharedStrings {
  private readonly known = new Map<string, string>();

  of(s: string): string {
    const known = this.known.get(s);
    if (known !== undefined) return known;
    this.known.set(s, s);
    return s;
  }
}

const PATIENT_DATA: ReadonlySet<PhiContext> = new Set(['patient', 'member', 'ssn', 'mrn', 'dob', 'npi', 'dea', 'mbi', 'diagnosis']);

/** Whether a key path names a patient or a patient identifier (`tags.PatientSSN`), not only a name (`tags.Name`). */
function namesPatientData(path: string): boolean {
  for (const c of phiContextOf(path)) if (PATIENT_DATA.has(c)) return true;
  return false;
}

/** A message as reports show it: instance keys that look like a secret, and URL credentials, masked. */
function maskMessage(written: string, secretKeys: ReadonlySet<string>): string {
  return maskKeysInPaths(written.includes('["') || written.includes('://') ? maskAddressKeys(maskUrlUserinfo(written), secretKeys) : written, secretKeys);
}

/** `related` with each message masked as maskMessage does; the list itself when nothing changes (most are shared). */
function maskRelated(related: Finding['related'], secretKeys: ReadonlySet<string>): Finding['related'] {
  if (related.length === 0) return related;
  let out: { readonly span: Span; readonly message: string }[] | undefined;
  related.forEach((r, i) => {
    const message = maskMessage(r.message, secretKeys);
    if (message === r.message) return;
    out ??= [...related];
    out[i] = { ...r, message };
  });
  return out ?? related;
}

/** The secret and patient keys where a message names them as a step of a path (`patients.412683397.name`). */
function maskKeysInPaths(message: string, keys: ReadonlySet<string>): string {
  if (keys.size === 0) return message;
  let out = message;
  for (const key of keys) {
    if (!out.includes(`.${key}`)) continue;
    out = out.replace(new RegExp(`(?<=\\.)${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?=[.\\s,:;)]|$)`, 'g'), '*'.repeat(key.length));
  }
  return out;
}

/** The subject's root module (Subject.root, which subjectOf copies from a resource), unless it is the scan root itself (''). */
function rootOf(target: Subject): string | undefined {
  return target.root !== undefined && target.root !== '' ? target.root : undefined;
}

/**
 * A failure about an argument the resource sets to null ("does not set storage_encrypted") also
 * points at that line: Terraform reads `x = null` as x left out, so the finding is right, and the
 * line is where a reader looks (graph/materialize.ts keeps null arguments apart).
 */
function withNullArguments(outcome: Outcome, target: Subject): Outcome {
  if (outcome.status !== 'fail') return outcome;
  const nulls = (target as { readonly nullArguments?: ReadonlyMap<string, Sourced> }).nullArguments;
  if (nulls === undefined || nulls.size === 0) return outcome;
  const added: { span: Span; message: string }[] = [];
  for (const [name, value] of nulls) {
    if (!namesWord(outcome.message, name)) continue;
    if (outcome.span === value.span || outcome.related.some((r) => r.span === value.span)) continue;
    added.push({ span: value.span, message: `${name} is set to null here, which Terraform reads as not set` });
  }
  return added.length === 0 ? outcome : { ...outcome, related: [...outcome.related, ...added] };
}

const WORD = /^[\w-]+$/;
const isWordChar = (c: number): boolean => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;

/**
 * `new RegExp(`\\b${name}\\b`).test(text)`, for a name of word characters and dashes (every
 * attribute name) without making a regular expression: one per failure and null argument was
 * compiled, each name's anew (corpus (a): 1 256 tests of 101 names, 20 M instructions; 3 M this way).
 * Any other name is still read as the pattern it always was.
 */
export function namesWord(text: string, name: string): boolean {
  if (name === '' || !WORD.test(name)) return new RegExp(`\\b${name}\\b`).test(text);
  const first = isWordChar(name.charCodeAt(0));
  const last = isWordChar(name.charCodeAt(name.length - 1));
  for (let at = text.indexOf(name); at !== -1; at = text.indexOf(name, at + 1)) {
    const before = at > 0 && isWordChar(text.charCodeAt(at - 1));
    const after = at + name.length < text.length && isWordChar(text.charCodeAt(at + name.length));
    if (before !== first && after !== last) return true;
  }
  return false;
}

/**
 * One outcome as a finding. Built as a literal, then `waiver` and `fix` added, so the keys keep the
 * order reports and the cache have always written (object spread here cost a sixth of the rules phase).
 */
function findingOf(rule: AnyRule, severity: Severity, resource: Finding['resource'], outcome: Outcome, secretKeys: ReadonlySet<string>, messages: SharedStrings, edits: boolean, waiver?: AppliedWaiver): Finding {
  const written = outcome.status === 'pass' ? (outcome.message ?? `${resource.address}: ${rule.title}.`) : outcome.message;
  const finding: Writable<Finding> = {
    ruleId: rule.id,
    severity,
    title: rule.title,
    // A message names addresses as the rule saw them (its own, or the resource a repository finding is placed on):
    // instance keys that look like a secret are masked, and so are credentials in a URL (a module source).
    message: messages.of(maskMessage(written, secretKeys)),
    resource,
    span: outcome.span,
    // Every finding that is not a failure relates to nothing: the shared empty list. A related
    // location's message names addresses too (a state's `aws_instance.i["<SSN>"].user_data is stored
    // in clear text`): masked as the finding's own message is.
    related: outcome.status === 'fail' ? maskRelated(outcome.related, secretKeys) : NO_RELATED,
    // A failure may name the sections it weakens, of those the rule cites (others are dropped: a finding never cites what its rule does not).
    controls: outcome.status === 'fail' && outcome.controls ? outcome.controls.filter((c) => rule.controls.includes(c)) : rule.controls,
    status: waiver ? 'waived' : outcome.status,
  };
  if (waiver) finding.waiver = waiver;
  if (outcome.status === 'fail' && outcome.fix) finding.fix = edits || !outcome.fix.terraform ? outcome.fix : { description: outcome.fix.description, safety: outcome.fix.safety };
  return finding;
}

/**
 * Sorted by file, offset, rule id and resource address; equal keys keep their order (by `units`
 * first when given: the unit each finding was judged in, RuleSession). Files and rule
 * ids are ranked once (few distinct values, compared on nearly every step); addresses are compared
 * as strings, only when all else is equal.
 */
export function sortFindings(findings: readonly Finding[], units?: readonly number[]): Finding[] {
  const files = rankOf(findings.map((f) => f.span.file));
  const rules = rankOf(findings.map((f) => f.ruleId));
  const keyed = findings.map((f, i) => ({ f, i, file: files.get(f.span.file)!, start: f.span.start.offset, end: f.span.end.offset, rule: rules.get(f.ruleId)!, address: f.resource.address, unit: units?.[i] ?? 0 }));
  keyed.sort(
    (a, b) =>
      a.file - b.file ||
      a.start - b.start ||
      a.end - b.end ||
      a.rule - b.rule ||
      (a.address < b.address ? -1 : a.address > b.address ? 1 : 0) ||
      a.unit - b.unit ||
      a.i - b.i,
  );
  return keyed.map((k) => k.f);
}

/**
 * Two lists each in sortFindings order, as one: what sortFindings([...a, ...b]) gives (on equal keys
 * `a`'s finding first), in one pass. Ranks order as `<` does, so plain comparisons give the same order.
 */
export function mergeSortedFindings(a: readonly Finding[], b: readonly Finding[]): readonly Finding[] {
  if (b.length === 0) return a;
  if (a.length === 0) return b;
  const out: Finding[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) out.push(compareFindings(b[j]!, a[i]!) < 0 ? b[j++]! : a[i++]!);
  while (i < a.length) out.push(a[i++]!);
  while (j < b.length) out.push(b[j++]!);
  return out;
}

function compareFindings(x: Finding, y: Finding): number {
  // Not `const [xs, ys] = [x.span, y.span]`: an array and an iterator per comparison, in every sort of the findings.
  const xs = x.span;
  const ys = y.span;
  if (xs.file !== ys.file) return xs.file < ys.file ? -1 : 1;
  return (
    xs.start.offset - ys.start.offset ||
    xs.end.offset - ys.end.offset ||
    (x.ruleId < y.ruleId ? -1 : x.ruleId > y.ruleId ? 1 : 0) ||
    (x.resource.address < y.resource.address ? -1 : x.resource.address > y.resource.address ? 1 : 0)
  );
}

/** Each distinct string's rank in code-unit order (the order `<` gives). */
function rankOf(values: readonly string[]): Map<string, number> {
  const distinct = [...new Set(values)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return new Map(distinct.map((v, i) => [v, i]));
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
