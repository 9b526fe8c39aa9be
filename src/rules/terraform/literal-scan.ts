// Finds detector hits (secrets, PHI) in every literal the scan can see — variable defaults, tfvars
// values, resource and module-call attributes (locals reach them through `via`; an output's value is
// tf-sensitive-outputs' to judge) — and gives each hit ONE owner, at the place the literal is
// written: a tfvars line used by a variable and two resources is one finding at the tfvars line,
// with the uses as related locations.
import { addressKeys, stringLeaves, type LeafFinding, type StringLeaf } from '../../detectors/index.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { ModelBody, Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { isUnknown, type Plain } from '../../model/value.js';
import { sameSpan, type Span } from '../../source/span.js';
import type { Subject } from '../define-rule.js';
import { setAtRunTime, uniqueVariables } from './declarations.js';
import { providerAddress } from './provider-address.js';
import { weakMemo } from '../../util/weak-memo.js';
import { dirOf } from '../../util/paths.js';
import { rootDirectoryOf } from '../../model/module-path.js';
import { isTerraformStacksFile } from '../../discovery/input-format.js';

export interface LiteralHit<F> {
  readonly finding: F;
  /** Key path of the value: `password`, `environment.variables.DB_PASSWORD`, `var.db_password`. */
  readonly path: string;
  /** Where the literal is written. */
  readonly span: Span;
  /** Where else it is used. */
  readonly uses: readonly Span[];
  /** Why it is judged a secret when its own name does not say so (ScanOptions.judgeAs). */
  readonly because?: string;
}

export interface LiteralSubject<F> extends Subject {
  readonly hits: readonly LiteralHit<F>[];
  /**
   * It holds a literal that is reported at another subject's finding (the same module line in another
   * instance of a for_each module, a variable's default it reads): it neither holds none, nor is it
   * reported twice, so rules give it no outcome rather than a pass.
   */
  readonly reportedElsewhere: boolean;
}

type Detect<F> = (leaves: readonly StringLeaf[]) => LeafFinding<F>[];
interface Keyed {
  readonly kind: string;
  readonly hash: string;
  /** Where in the leaf's string it was found (secrets and PHI say; the whole string otherwise). */
  readonly start?: number;
  readonly end?: number;
}

/**
 * The text a detector found in a leaf's string, as written (hopHolds compares it with the values
 * written at hops); undefined for a leaf decoded from base64, whose text is written nowhere.
 */
export function foundText(leaf: StringLeaf, found: { readonly start?: number; readonly end?: number }): string | undefined {
  if (leaf.encoding === 'base64') return undefined;
  return found.start !== undefined && found.end !== undefined && found.end > found.start ? leaf.value.slice(found.start, found.end) : leaf.value;
}

const spanKey = (s: Span): string => `${s.file}:${s.start.offset}:${s.end.offset}`;

/**
 * Where a value's literal is written: the first hop of its history (a tfvars line, a variable
 * default, a local) or, with no history, the attribute itself. `via` describes the value as a
 * whole, so it places a leaf only when the leaf is the whole value (`password = var.db_password`);
 * a literal inside a map or list written here (`variables = { KEY = "…", OTHER = var.x }`) is
 * placed at the attribute, unless `knownOrigin` recognises one of the hops as where that very
 * value was already found (a tfvars line reported with the same hash).
 */
export function originOf(value: Pick<Sourced, 'span' | 'via'>, leafPath?: string, attributePath?: string, knownOrigin?: (span: Span) => boolean, holds?: (span: Span) => boolean | undefined): Span {
  const whole = leafPath === undefined || leafPath === attributePath;
  if (whole) {
    if (holds === undefined) return value.via[0] ?? value.span;
    // A template records the hops of what it interpolates too (`"${var.region}-…"`, a heredoc with
    // `${var.x}` in it): the literal is written at the first hop that holds it or may (a local,
    // a module input), else in the template itself, not at the default of a variable it reads.
    return value.via.find((span) => holds(span) !== false) ?? value.span;
  }
  return value.via.find((span) => knownOrigin?.(span) === true) ?? value.span;
}

const writtenValues = new WeakMap<InfraModel, Map<string, Plain[]>>();

/**
 * The values written at hops (variable defaults, tfvars lines, run-time values) of models judged in
 * turn (pipeline/unit-judging.ts): a child module's variable is kept in the first root module's model
 * only, and a later root's value that came through its default must still find what is written there.
 */
export class WrittenValues {
  readonly byHop = new Map<string, Plain[]>();

  add(variables: InfraModel['variables']): void {
    for (const v of variables) {
      for (const s of [v.default, v.value, ...(v.overridden ?? [])]) {
        if (s === undefined || s.provenance !== 'explicit') continue;
        const key = spanKey(s.span);
        const values = this.byHop.get(key);
        if (values === undefined) this.byHop.set(key, [s.value]);
        else values.push(s.value);
      }
    }
  }
}

const sharedWritten = new WeakMap<InfraModel, WrittenValues>();

/** hopHolds on `model` reads `written` (every model judged so far) in place of the model's own variables. */
export function shareWrittenValues(model: InfraModel, written: WrittenValues): void {
  sharedWritten.set(model, written);
}

/**
 * For originOf: whether the hop at a span holds `text`, as far as the model knows the values
 * written at hops (variable defaults, tfvars lines, run-time values); undefined for the others
 * (locals, module inputs) and for values that are not strings.
 */
export function hopHolds(model: InfraModel, text: string | undefined): ((span: Span) => boolean | undefined) | undefined {
  if (text === undefined) return undefined;
  const written =
    sharedWritten.get(model)?.byHop ??
    weakMemo(writtenValues, model, () => {
      const own = new WrittenValues();
      own.add(model.variables);
      return own.byHop;
    });
  return (span) => {
    const values = written.get(spanKey(span));
    if (values === undefined || values.some((v) => typeof v !== 'string')) return undefined;
    return values.some((v) => (v as string).includes(text));
  };
}

/** String values supplied at run time (-var, TF_VAR_*): the model places them at the variable block itself. */
function runtimeStrings(model: InfraModel): Set<string> {
  const out = new Set<string>();
  for (const v of model.variables) {
    if (!setAtRunTime(v)) continue;
    const collect = (p: Plain): void => {
      if (typeof p === 'string') out.add(p);
      else if (Array.isArray(p)) p.forEach(collect);
      else if (p !== null && typeof p === 'object' && !isUnknown(p)) Object.values(p).forEach(collect);
    };
    collect(v.value.value);
  }
  return out;
}

interface Candidate {
  readonly value: Sourced;
  readonly path: string;
  /** The value's string leaves: walked once, read by both scans. */
  readonly leaves: readonly StringLeaf[];
  /** An instance key of the owner's address: reported where it is first found as a literal, if it is. */
  readonly instanceKey?: true;
  /**
   * Written in a file, though with no history (VariableDecl.overridden): a run-time value equal to it
   * does not make it one supplied at run time.
   */
  readonly written?: true;
}

/** The literals of one owner (a variable, resource, module call or provider block), in scan order. */
interface OwnerLiterals {
  readonly owner: Subject;
  readonly from: 'variable' | 'resource' | 'module' | 'provider' | 'output' | 'block';
  /** The module instance it is declared in ('' for the root module). */
  readonly module: string;
  /**
   * The root module it belongs to: a resource's root, the directory of a root module's own variable,
   * module call or provider; undefined for those of child modules (one declaration may serve several
   * roots). Two root modules (dev, prod) often hold the same literals: one's must not stand for the other's.
   */
  readonly root: string | undefined;
  readonly candidates: readonly Candidate[];
  /** The resource, for owners that are one: ScanOptions.judgeAs reads its other arguments. */
  readonly resource?: Resource;
}

/**
 * What both literal scans (secrets, PHI) read of a model's declarations (variables, module calls,
 * ephemeral and check blocks, providers), gathered once per model. Its resources are indexed apart
 * (indexResources): a scan judged root module by root module reads those of each root's own model
 * (gatherLiterals) and these of the end model, which holds every root's declarations.
 */
interface DeclarationIndex {
  /** The variables' owners: first in scan order. */
  readonly variables: readonly OwnerLiterals[];
  /** Module calls, ephemeral and check blocks, providers: after the resources. */
  readonly rest: readonly OwnerLiterals[];
  /** Is this a string value supplied at run time (-var, TF_VAR_)? Read only for hits, so gathered on first use. */
  readonly isRuntime: (text: string) => boolean;
}

/**
 * One empty list for them all: every null, boolean and number value (about half of all attributes)
 * has no string leaf, and most owners no hit.
 */
const NO_ITEMS: readonly never[] = Object.freeze([]);

/**
 * The index lives as long as the model, through every rule after the literal scans: its arrays are
 * kept at their length. Grown by push, an array of one to sixteen items holds room for seventeen,
 * and on corpus (b) of the bench the spare room of the leaves and candidates alone was ~10 MB.
 */
function exact<T>(items: T[]): readonly T[] {
  return items.length === 0 ? NO_ITEMS : items.slice();
}

function candidate(value: Sourced, path: string): Candidate {
  const plain = value.value;
  const leafless = plain === null || typeof plain === 'boolean' || typeof plain === 'number';
  return { value, path, leaves: leafless ? NO_ITEMS : exact(stringLeaves(plain, path)) };
}

/** Every attribute of a body and its nested blocks, with its dotted path, in order. */
function bodyValues(body: ModelBody, prefix: string, out: Candidate[] = []): Candidate[] {
  for (const [name, value] of body.attributes) out.push(candidate(value, prefix === '' ? name : `${prefix}.${name}`));
  for (const block of body.blocks) bodyValues(block, prefix === '' ? block.type : `${prefix}.${block.type}`, out);
  return out;
}

/**
 * An instance key written in a for_each (`for_each = { "123-45-6789" = … }`), as a literal: no
 * attribute holds it, yet it is in every address, plan and state. Judged by shape alone, as map
 * keys are (walk.ts), at the for_each argument. Reported only where it is not already found as a
 * literal (a tfvars map, a variable default): see assignOwners.
 */
function instanceKeyCandidate(key: string | number | undefined, span: Span | undefined): Candidate[] {
  if (typeof key !== 'string' || span === undefined) return [];
  const path = 'for_each key';
  return [{ value: { value: key, span, provenance: 'explicit', via: [], sensitive: false }, path, leaves: [{ path, value: key, encoding: 'key' }], instanceKey: true }];
}

function indexDeclarations(model: InfraModel): DeclarationIndex {
  const variables: OwnerLiterals[] = [];
  for (const v of uniqueVariables(model, 'span')) {
    const candidates: Candidate[] = [];
    if (v.default) candidates.push(candidate(v.default, v.name));
    // A value set in a tfvars file (its span is there); not a default, not a run-time -var/TF_VAR_ (span = the block).
    const origin = originOf(v.value);
    if (!sameSpan(origin, v.span) && (!v.default || !sameSpan(origin, v.default.span))) candidates.push(candidate(v.value, v.name));
    // Values a later source replaced (a tfvars line under `--var`): unused, but committed all the same.
    for (const o of v.overridden ?? []) candidates.push({ ...candidate(o, v.name), written: true });
    if (candidates.length === 0) continue;
    const owner: Subject = { address: v.module === '' ? `var.${v.name}` : `${v.module}.var.${v.name}`, type: 'variable', span: v.span };
    variables.push({ owner, from: 'variable', module: v.module, root: v.module === '' ? (v.root ?? dirOf(v.span.file)) : undefined, candidates: exact(candidates) });
  }
  const rest: OwnerLiterals[] = [];
  for (const m of model.moduleCalls) {
    const candidates = [...m.inputs].map(([name, value]) => candidate(value, name));
    if (m.keySpan !== undefined) candidates.push(...instanceKeyCandidate(addressKeys(m.address).at(-1), m.keySpan));
    const parent = m.address.slice(0, Math.max(0, m.address.lastIndexOf('.module.')));
    if (candidates.length > 0) rest.push({ owner: { address: m.address, type: 'module', span: m.span, comments: m.comments }, from: 'module', module: parent, root: parent === '' ? dirOf(m.span.file) : undefined, candidates });
  }
  // Ephemeral resources and check-scoped data sources: nothing of them is stored, but what is written
  // in them is in the code (a bearer token in a check's data "http" headers).
  for (const u of model.providerUses) {
    const candidates = u.body !== undefined ? bodyValues(u.body, '') : [];
    if (candidates.length > 0) rest.push({ owner: { address: u.address, type: u.type, span: u.span }, from: 'block', module: u.module, root: u.module === '' ? (u.root ?? dirOf(u.span.file)) : undefined, candidates: exact(candidates) });
  }
  for (const p of model.providers) {
    // A Terraform stack's provider block is in a file the document sweep reads whole (pipeline/document-sweep.ts): judged there once.
    if (isTerraformStacksFile(p.body.span.file)) continue;
    const candidates = bodyValues(p.body, '');
    const owner: Subject = { address: providerAddress(p), type: 'provider', span: p.body.span };
    if (candidates.length > 0) rest.push({ owner, from: 'provider', module: p.module, root: p.module === '' ? (p.root ?? dirOf(p.body.span.file)) : undefined, candidates: exact(candidates) });
  }
  let runtime: ReadonlySet<string> | undefined;
  return { variables, rest, isRuntime: (text) => (runtime ??= runtimeStrings(model)).has(text) };
}

/** The literals of a model's resources, in model order (the resource index). */
function indexResources(model: InfraModel): readonly OwnerLiterals[] {
  const owners: OwnerLiterals[] = [];
  for (const r of model.resources) {
    // A data source's arguments as written in the sources (a token in a data "http" header); a plan's or
    // state's data sources hold what the provider read (a secret version's secret_string), no literal.
    if (r.mode !== 'managed' && r.origin !== 'terraform') continue;
    // A policy document's json is rendered from its statements (materialize.ts): their literals, once more.
    const candidates = r.mode === 'data' && r.type === 'aws_iam_policy_document' ? bodyValues(r, '').filter((c) => c.path !== 'json' && c.path !== 'minified_json') : bodyValues(r, '');
    if (r.keySpan !== undefined) candidates.push(...instanceKeyCandidate(r.instanceKey, r.keySpan));
    if (candidates.length > 0) owners.push({ owner: { address: r.address, type: r.type, span: r.span, comments: r.comments }, from: 'resource', module: r.modulePath, root: r.root, candidates: exact(candidates), resource: r });
  }
  return owners;
}

/**
 * A use of a reported literal, once per place: a module called from several root modules has one
 * resource instance per root at the same line, and its finding listed that line once per root
 * ("used here" three times over for a module three stacks call).
 */
function addUse(uses: Span[], span: Span): void {
  for (const u of uses) if (sameSpan(u, span)) return;
  uses.push(span);
}

/** Why the literal scans are judged across root modules (RuleDefinition.acrossRoots). */
export const LITERAL_OWNER_WHY =
  "A literal has one owner, where it is written: a child module's variable default that several root modules use, or an instance key also written in a variable default, is one finding for all its uses.";

/** The root of what a child module declares (OwnerLiterals.root undefined): not a directory name. */
const ANY = '\u0001any';

const declarationIndexes = new WeakMap<InfraModel, DeclarationIndex>();
const resourceIndexes = new WeakMap<InfraModel, readonly OwnerLiterals[]>();

/**
 * The rules that read the indexes. Once each has read them for a model they are let go: the engine
 * runs each rule once per model, the rules after them never read them, and they would otherwise stay
 * through the rest of the run, where a scan's memory peaks (~19 MB on corpus (b) of the bench: the
 * candidates, their string leaves and key paths). A later reader builds them again. Judged root
 * module by root module, each reader gathers once per root's model and reads the end model once:
 * the same holds for both.
 */
const READERS: ReadonlySet<string> = new Set(['tf-no-secrets-in-code', 'phi-no-phi-in-code']);
const readersDone = new WeakMap<InfraModel, Set<string>>();

/** Whether an index of `model` is held (for tests: they are let go once every reader has read them). */
export function holdsLiteralIndex(model: InfraModel): boolean {
  return declarationIndexes.has(model) || resourceIndexes.has(model);
}

function doneReading(model: InfraModel, reader: string | undefined): void {
  if (reader === undefined || !READERS.has(reader)) return;
  const done = weakMemo(readersDone, model, () => new Set<string>());
  done.add(reader);
  if (done.size === READERS.size) {
    declarationIndexes.delete(model);
    resourceIndexes.delete(model);
    readersDone.delete(model);
  }
}

export interface ScanOptions {
  /** Resource attribute paths to leave to another rule (provider credentials, compute config). */
  readonly skipResource?: (type: string, path: string) => boolean;
  /** Scan provider blocks too (default_tags); provider credentials have their own rule. */
  readonly providers?: boolean;
  /** The rule reading (READERS): the index is let go once every one of them has read it. */
  readonly reader?: string;
  /**
   * The name a resource attribute's literal is judged under when the resource, not the attribute's
   * own name, says it holds a secret (an SSM parameter's `value`: JudgedAs); undefined: its own name.
   */
  readonly judgeAs?: (resource: Resource, path: string) => JudgedAs | undefined;
}

export interface JudgedAs {
  /** A secret name the leaves are judged under in place of the attribute's (`api_token`, `secret`). */
  readonly name: string;
  /** Said in the finding: `the value of the SecureString parameter "/app/config"`. */
  readonly because: string;
}

/**
 * The detector's hits in a candidate's leaves judged under another name (JudgedAs): the attribute's
 * own name starts each leaf's key path (`value`, `value.password`), the judged name takes its place,
 * and every hit is given back its own leaf, so the finding names the path as written.
 */
function detectUnder<F>(detect: Detect<F>, c: Candidate, name: string): LeafFinding<F>[] {
  const own = new Map<StringLeaf, StringLeaf>();
  const renamed = c.leaves.map((leaf) => {
    const judged: StringLeaf = { ...leaf, path: leaf.path.startsWith(c.path) ? `${name}${leaf.path.slice(c.path.length)}` : leaf.path };
    own.set(judged, leaf);
    return judged;
  });
  return detect(renamed).map((f) => ({ ...f, leaf: own.get(f.leaf) ?? f.leaf }));
}

/** A detector hit in a candidate's leaf, with the reason when it was judged under another name (ScanOptions.judgeAs). */
interface Found<F> {
  readonly finding: F;
  readonly leaf: StringLeaf;
  readonly because?: string;
}

/**
 * A candidate with hits, as the ownership pass reads it: where its value is written and the hops it
 * came through (originOf), never the value itself.
 */
interface FoundIn<F> {
  readonly value: Pick<Sourced, 'span' | 'via'>;
  readonly path: string;
  readonly instanceKey?: true;
  readonly written?: true;
  readonly found: readonly Found<F>[];
}

/**
 * One owner and its detector hits: a subject of the scan. Its candidates without hits are left out;
 * none left (NO_ITEMS), it still gets an outcome (a pass, or none when reportedElsewhere).
 */
interface JudgedOwner<F> {
  readonly address: string;
  readonly type: string;
  readonly span: Span;
  readonly comments: Subject['comments'];
  readonly from: OwnerLiterals['from'];
  readonly module: string;
  readonly root: string | undefined;
  readonly candidates: readonly FoundIn<F>[];
}

/**
 * What a literal scan keeps of one root module's resources until the end of a scan judged root module
 * by root module (RuleDefinition.acrossRoots.gather): each resource judged (subject fields and where
 * it sits), and for the few candidates with hits, the hits with their leaves. No resource, attribute
 * map or hitless leaf: read back with gatheredFor and given to endLiteralScan, in unit order.
 */
export type GatheredLiterals<F> = readonly JudgedOwner<F>[];

function judgedOwner<F>(o: OwnerLiterals, candidates: readonly FoundIn<F>[]): JudgedOwner<F> {
  return { address: o.owner.address, type: o.owner.type, span: o.owner.span, comments: o.owner.comments, from: o.from, module: o.module, root: o.root, candidates };
}

/** The detector run over the candidates one owner keeps (ScanOptions.skipResource); undefined when it keeps none (no subject). */
function judgeOwner<F extends Keyed>(o: OwnerLiterals, detect: Detect<F>, options: ScanOptions): JudgedOwner<F> | undefined {
  if (o.from === 'provider' && !options.providers) return undefined;
  const skip = o.from === 'resource' ? options.skipResource : undefined;
  const kept = skip ? o.candidates.filter((c) => !skip(o.owner.type, c.path)) : o.candidates;
  if (kept.length === 0) return undefined;
  const withHits: FoundIn<F>[] = [];
  for (const c of kept) {
    if (c.leaves.length === 0) continue;
    const judged = o.resource !== undefined ? options.judgeAs?.(o.resource, c.path) : undefined;
    const found = judged === undefined ? detect(c.leaves) : detectUnder(detect, c, judged.name);
    if (found.length === 0) continue;
    // What the attribute's own name finds too (an AWS key by its pattern) needs no reason given.
    const ownFinds = judged === undefined ? undefined : new Set(detect(c.leaves).map((f) => `${f.finding.kind} ${f.finding.hash}`));
    const hits = found.map(({ finding, leaf }): Found<F> => {
      const because = judged !== undefined && !ownFinds?.has(`${finding.kind} ${finding.hash}`) ? judged.because : undefined;
      return because !== undefined ? { finding, leaf, because } : { finding, leaf };
    });
    withHits.push({ value: { span: c.value.span, via: c.value.via }, path: c.path, ...(c.instanceKey ? { instanceKey: true as const } : {}), ...(c.written ? { written: true as const } : {}), found: hits });
  }
  return judgedOwner(o, exact(withHits));
}

function judgeResources<F extends Keyed>(model: InfraModel, detect: Detect<F>, options: ScanOptions): JudgedOwner<F>[] {
  const owners = weakMemo(resourceIndexes, model, () => indexResources(model));
  const out: JudgedOwner<F>[] = [];
  for (const o of owners) {
    const judged = judgeOwner(o, detect, options);
    if (judged !== undefined) out.push(judged);
  }
  return out;
}

/**
 * Stage one of a scan judged root module by root module (the rules' acrossRoots.gather): the
 * detector's hits in one root module's own resources. What it holds is judged against every root's
 * declarations and the other roots' hits at the end (endLiteralScan).
 */
export function gatherLiterals<F extends Keyed>(model: InfraModel, detect: Detect<F>, options: ScanOptions = {}): GatheredLiterals<F> {
  const gathered = exact(judgeResources(model, detect, options));
  doneReading(model, options.reader);
  return gathered;
}

/**
 * Every literal of a model judged whole (a plan, a state, a merged scan): its resources' hits
 * gathered (gatherLiterals) and judged at once with its declarations.
 */
export function scanLiterals<F extends Keyed>(model: InfraModel, detect: Detect<F>, options: ScanOptions = {}): LiteralSubject<F>[] {
  return endLiteralScan([judgeResources(model, detect, options)], model, detect, options);
}

/**
 * Stage two: one owner for each hit, over the owners in the order a whole model gives them (its
 * variables, every root module's resources in unit order, then module calls, ephemeral and check
 * blocks, providers). `model` is the end model (every root's declarations) or the model judged whole.
 */
export function endLiteralScan<F extends Keyed>(gathered: readonly GatheredLiterals<F>[], model: InfraModel, detect: Detect<F>, options: ScanOptions = {}): LiteralSubject<F>[] {
  const index = weakMemo(declarationIndexes, model, () => indexDeclarations(model));
  function* owners(): Generator<JudgedOwner<F>> {
    for (const o of index.variables) {
      const judged = judgeOwner(o, detect, options);
      if (judged !== undefined) yield judged;
    }
    for (const chunk of gathered) yield* chunk;
    for (const o of index.rest) {
      const judged = judgeOwner(o, detect, options);
      if (judged !== undefined) yield judged;
    }
  }
  const subjects = assignOwners(owners(), model, index.isRuntime);
  doneReading(model, options.reader);
  return subjects;
}

/** Gives each hit ONE owner, at the place its literal is written; the later owners' uses are added to it. */
function assignOwners<F extends Keyed>(owners: Iterable<JudgedOwner<F>>, model: InfraModel, isRuntime: (text: string) => boolean): LiteralSubject<F>[] {
  const subjects: LiteralSubject<F>[] = [];
  const byOrigin = new Map<string, { uses: Span[] }>();
  /** Every finding reported (kind and hash), wherever: an instance key is reported once, where first found. */
  const reported = new Set<string>();
  /**
   * The uses of what a module's variables hold, by module, its directory, kind and hash. A value with no recorded
   * history that holds the same literal in that module came through the variable by a path the
   * evaluator does not trace (`each.value.client_secret` of a for_each over it): one finding, at the
   * variable's literal, and this a use of it, not a second finding at a line that holds no literal.
   */
  const byVariable = new Map<string, Span[]>();
  // Both kept per root module (ANY: of a child module's declaration, which any root may use).
  const scoped = (root: string | undefined, key: string): string => `${root ?? ANY}\u0000${key}`;
  const reportedIn = (root: string | undefined, key: string): boolean => reported.has(scoped(root, key)) || reported.has(scoped(undefined, key));
  for (const owner of owners) {
    const { from, module, root: ownerRoot } = owner;
    // Keys by the root module's directory: a plan's resources carry their plan file as their root,
    // its variables their directory (rootDirectoryOf).
    const root = ownerRoot === undefined ? undefined : rootDirectoryOf(ownerRoot);
    const hits: { finding: F; path: string; span: Span; uses: Span[]; because?: string }[] = [];
    let reportedElsewhere = false;
    for (const c of owner.candidates) {
      for (const { finding, leaf, because } of c.found) {
        if (c.value.via.length === 0 && c.written !== true && isRuntime(leaf.value)) continue;
        if (c.instanceKey === true && reportedIn(root, `${finding.kind} ${finding.hash}`)) {
          reportedElsewhere = true;
          continue;
        }
        // By the module's directory too: two copies of a module (one per stack) share module paths, and
        // the second copy's uses were listed under the first copy's variable, the second's under none.
        const viaVariable = `${module}\u0000${dirOf(owner.span.file)}\u0000${finding.kind} ${finding.hash}`;
        const throughVariable = from === 'resource' && c.value.via.length === 0 ? (byVariable.get(scoped(root, viaVariable)) ?? byVariable.get(scoped(undefined, viaVariable))) : undefined;
        if (throughVariable !== undefined) {
          addUse(throughVariable, c.value.span);
          reportedElsewhere = true;
          continue;
        }
        reported.add(scoped(root, `${finding.kind} ${finding.hash}`));
        // By root module too: a literal on a line of a module two stacks call is each stack's finding
        // (a merge of per-stack shards counted two where the whole scan counted one); one in a child
        // module's variable default (ANY) is the module's, for every root.
        const originKey = (span: Span, scope: string | undefined): string => scoped(scope, `${spanKey(span)} ${finding.kind} ${finding.hash}`);
        const origin = originOf(c.value, leaf.path, c.path, (span) => byOrigin.has(originKey(span, root)) || byOrigin.has(originKey(span, undefined)), hopHolds(model, foundText(leaf, finding)));
        const key = originKey(origin, root);
        const existing = byOrigin.get(key) ?? byOrigin.get(originKey(origin, undefined));
        if (existing) {
          if (!sameSpan(c.value.span, origin)) addUse(existing.uses, c.value.span);
          reportedElsewhere = true;
          continue;
        }
        const uses: Span[] = !sameSpan(c.value.span, origin) ? [c.value.span] : [];
        byOrigin.set(key, { uses });
        if (from === 'variable' && !byVariable.has(scoped(root, viaVariable))) byVariable.set(scoped(root, viaVariable), uses);
        hits.push({ finding, path: leaf.path, span: origin, uses, ...(because !== undefined ? { because } : {}) });
      }
    }
    // Built field by field: a spread of owners of several shapes cost as much as the detectors.
    // The root module when known (OwnerLiterals.root): reports tell two stacks' subjects of one address apart.
    subjects.push({ address: owner.address, type: owner.type, span: owner.span, comments: owner.comments, ...(ownerRoot !== undefined ? { root: ownerRoot } : {}), hits: exact(hits), reportedElsewhere: reportedElsewhere && hits.length === 0 });
  }
  return subjects;
}
