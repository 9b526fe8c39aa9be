// Inline suppressions: `# safeguard:ignore <rule-id>[,<rule-id>] <reason> [exp:YYYY-MM-DD]` on the
// line above a block or inside it, plus the peers' markers (checkov:skip= and bridgecrew:skip= with
// one or more ids, tfsec:ignore: and trivy:ignore: several to a line and with wildcards (a `[attr=value]`
// selector or a `:ws:` other than the default workspace is reported and not honoured), kics-scan
// ignore-block, ignore-line and the whole-file `kics-scan ignore` at the file's start, Terrascan's
// `#ts:skip=` inside a resource) matched through each rule's `references`, so teams keep
// the suppressions they already have. Every honoured marker is reported as such in the finding.
import { rootDirectoryOf } from '../model/module-path.js';
import type { AnyRule, Subject } from '../rules/define-rule.js';
import type { InfraModel } from '../model/infra-model.js';
import type { ModuleCall } from '../model/resource.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import type { AppliedWaiver } from './finding.js';
import { weakMemo } from '../util/weak-memo.js';

export interface CommentLine {
  readonly text: string;
  readonly span: Span;
  /** Before any code of its file (graph/materialize.ts): where a whole-file marker counts. */
  readonly fileHeader?: true;
}

/** Comments of each scanned file, by file path, in source order. */
export type SuppressionIndex = ReadonlyMap<string, readonly CommentLine[]>;

export interface ParsedMarker {
  readonly tool: 'safeguard' | 'checkov' | 'tfsec' | 'trivy' | 'kics' | 'terrascan';
  readonly ids: readonly string[]; // empty for kics ignore-block (all rules)
  readonly reason: string;
  readonly expires?: string;
  /** An exp: date that is no calendar date (exp:2026-13-45): the marker is not honoured. */
  readonly badExpiry?: string;
  /** kics-scan ignore-line: only a finding on the line after the comment. */
  readonly nextLineOnly?: boolean;
  /** kics-scan ignore: every finding in the file (the evaluator hands it to each block of the file). */
  readonly wholeFile?: boolean;
  /** kics-scan ignore-block: KICS ignores the block or argument right below the comment, not its enclosing block. */
  readonly block?: true;
  /** tfsec/Trivy `[attr=value]`: ignores only results whose attribute has that value, which is not checked here. */
  readonly selector?: string;
  /** tfsec/Trivy `:ws:NAME` (wildcards allowed): ignores only in that Terraform workspace. */
  readonly workspace?: string;
  /** Terrascan reads `#ts:skip=` only inside the resource's body, never above it or on a module call. */
  readonly insideResourceOnly?: true;
  readonly marker: string;
}

const SAFEGUARD = /safeguard:ignore\s+([A-Za-z0-9_,.-]+)\s*(.*)$/;
// Checkov takes several ids separated by commas, its former names bridgecrew:skip= and cortex:skip=, and
// (its regex is not anchored) anything after the ids: `checkov:skip=CKV_AWS_17 approved` skips CKV_AWS_17
// in Checkov, so it must here too, not be a comment that silently does nothing.
const CHECKOV = /(?:checkov|bridgecrew|cortex):skip= *([A-Za-z0-9_-]+(?:,[A-Za-z0-9_-]+)*)(?::(.*)|\s+(.*))?$/;
// tfsec and Trivy allow several markers on one line, Trivy wildcards in the id (`trivy:ignore:*`, `aws-rds-*`),
// an attribute selector after the id (`[from_port=443]`) and then `:exp:` / `:ws:` parts, which must still be read
// past the selector: an expiry after one was lost and the expired marker kept waiving.
const TFSEC = /(tfsec|trivy):ignore:([A-Za-z0-9_*-]+)(\[[^\]\s]*\])?((?::[a-z]+:[^\s:\[]+)*)/g;
const WORKSPACE = /:ws:([^\s:]+)/;
// `ignore-block`, `ignore-line`, or a bare `ignore` (the whole file; KICS reads it only before any code).
const KICS = /kics-scan\s+ignore(?:-(block|line)\b|(?![\w-]))/;
const EXPIRY = /exp:(\d{4}-\d{2}-\d{2})/;
// Terrascan (pkg/utils/skip_rules.go): the literal `#ts:skip=`, one rule id (`AC_AWS_0207`, or a reference id
// such as `AWS.S3Bucket.DS.High.1043`), then optionally whitespace and a reason; several markers to a resource,
// one to a line. `# ts:skip=` (a space) or `//ts:skip=` is not read by Terrascan, so not here either: the
// unknown-id check (cli/unknown-suppression-ids.ts) says so.
// Its two id forms in its order (a reference id is tried first), as Go's leftmost-first alternation picks.
export const TERRASCAN_ID = /(?:[ A-Za-z0-9]+[.-]){2,5}\d+|AC_(?:AWS|AZURE|GCP|K8S|GITHUB|DOCKER)_\d{4}/;
const TERRASCAN = new RegExp(`#ts:skip=(${TERRASCAN_ID.source})(?:[ \\t]+(.*))?`, 'g');

/** Cheap pre-test: a comment without any of these words holds no marker. */
const ANY_MARKER = /safeguard:ignore|checkov:skip=|bridgecrew:skip=|cortex:skip=|tfsec:ignore:|trivy:ignore:|kics-scan\s+ignore|#ts:skip=/;

function hasMarker(comments: readonly CommentLine[]): boolean {
  return comments.some((c) => ANY_MARKER.test(c.text));
}

/** A YYYY-MM-DD that names a day of the calendar. */
function isCalendarDate(date: string): boolean {
  const parsed = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === date;
}

/** The expiry of a marker: a calendar date, or a date that is none (reported, and not honoured). */
function expiryOf(text: string): { expires?: string; badExpiry?: string } {
  const date = EXPIRY.exec(text)?.[1];
  if (date === undefined) return {};
  return isCalendarDate(date) ? { expires: date } : { badExpiry: date };
}

export function parseMarkers(comment: string): ParsedMarker[] {
  const markers: ParsedMarker[] = [];
  if (!ANY_MARKER.test(comment)) return markers;
  const body = comment.replace(/^\s*(#|\/\/|\/\*)\s*/, '').replace(/\*\/\s*$/, '').trim();
  let m = SAFEGUARD.exec(body);
  if (m) {
    const rest = m[2] ?? '';
    const reason = rest.replace(EXPIRY, '').trim();
    markers.push({ tool: 'safeguard', ids: m[1]!.split(',').filter(Boolean), reason, ...expiryOf(rest), marker: m[0].trim() });
  }
  m = CHECKOV.exec(body);
  if (m) markers.push({ tool: 'checkov', ids: m[1]!.split(',').filter(Boolean), reason: (m[2] ?? m[3] ?? '').trim(), marker: m[0].trim() });
  const peers = [...body.matchAll(TFSEC)];
  if (peers.length > 0) {
    // The reason is what follows the last marker.
    const last = peers.at(-1)!;
    const reason = body.slice(last.index + last[0].length).trim();
    for (const p of peers) {
      const parts = p[4] ?? '';
      const workspace = WORKSPACE.exec(parts)?.[1];
      markers.push({
        tool: p[1] as 'tfsec' | 'trivy',
        ids: [p[2]!],
        reason,
        ...expiryOf(parts),
        ...(p[3] !== undefined ? { selector: p[3] } : {}),
        ...(workspace !== undefined ? { workspace } : {}),
        marker: p[0],
      });
    }
  }
  // Read on the whole comment: the `#` is part of Terrascan's marker.
  for (const t of comment.matchAll(TERRASCAN)) {
    markers.push({ tool: 'terrascan', ids: [t[1]!.trim()], reason: (t[2] ?? '').replace(/\*\/\s*$/, '').trim(), insideResourceOnly: true, marker: `#ts:skip=${t[1]!.trim()}` });
  }
  const kics = KICS.exec(body);
  if (kics) markers.push({ tool: 'kics', ids: [], reason: '', ...(kics[1] === 'line' ? { nextLineOnly: true } : kics[1] === undefined ? { wholeFile: true } : { block: true }), marker: kics[0] });
  return markers;
}

/** A Trivy id with `*` wildcards as a matcher of rule ids. */
function globMatches(pattern: string, name: string): boolean {
  if (!pattern.includes('*')) return pattern === name;
  return new RegExp(`^${pattern.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(name);
}

function markerNamesRule(marker: ParsedMarker, rule: AnyRule): boolean {
  if (marker.tool === 'kics') return true;
  const names = new Set<string>();
  if (marker.tool === 'safeguard') {
    names.add(rule.id.toLowerCase());
    for (const alias of rule.aliases ?? []) names.add(alias.toLowerCase());
    for (const ref of [...(rule.references.checkov ?? []), ...(rule.references.trivy ?? []), ...(rule.references.terrascan ?? [])]) names.add(ref.toLowerCase());
  } else if (marker.tool === 'checkov') {
    for (const ref of rule.references.checkov ?? []) names.add(ref.toLowerCase());
  } else if (marker.tool === 'terrascan') {
    for (const ref of rule.references.terrascan ?? []) names.add(ref.toLowerCase());
  } else {
    for (const ref of rule.references.trivy ?? []) {
      names.add(ref.toLowerCase());
      // tfsec ids are often written without the provider prefix (`s3-enable-bucket-encryption`).
      names.add(ref.toLowerCase().replace(/^aws-/, ''));
    }
  }
  return marker.ids.some((id) => {
    const wanted = id.toLowerCase();
    if (wanted.includes('*')) return [...names].some((n) => globMatches(wanted, n));
    return names.has(wanted) || names.has(wanted.replace(/^aws-/, ''));
  });
}

/** Comments that govern a block: those inside it and the contiguous comment lines just above it. */
function governingComments(index: SuppressionIndex, span: Span): CommentLine[] {
  const comments = index.get(span.file);
  if (!comments) return [];
  // The comments are in source order: the first at or after the block's start is found by bisection,
  // those inside follow it and those above precede it. A scan of the whole file's comments for each
  // finding made a file of n suppressed resources cost n² (8000: 13 s).
  const first = firstAtOrAfter(comments, span.start.offset);
  const inside: CommentLine[] = [];
  for (let i = first; i < comments.length && comments[i]!.span.start.offset < span.end.offset; i++) inside.push(comments[i]!);
  const above: CommentLine[] = [];
  let expectLine = span.start.line - 1;
  for (let i = first - 1; i >= 0; i--) {
    const c = comments[i]!;
    if (c.span.end.line === expectLine || (c.span.end.line === span.start.line && c.span.end.offset <= span.start.offset)) {
      above.unshift(c);
      expectLine = c.span.start.line - 1;
    } else if (c.span.end.line < expectLine) break;
  }
  return [...above, ...inside];
}

/** The index of the first comment starting at or after `offset` (comments.length when none does). */
function firstAtOrAfter(comments: readonly CommentLine[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (comments[mid]!.span.start.offset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A whole-file marker covers the blocks declared in its file (materialize attaches it to each), not
 * module- or account-wide subjects anchored there, nor resources of a module called from it.
 */
function wholeFileCovers(comment: CommentLine, target: Subject): boolean {
  return (
    comment.fileHeader === true &&
    target.type !== 'account' &&
    target.span.file === comment.span.file &&
    (target.comments ?? []).some((c) => c.span.file === comment.span.file && c.span.start.offset === comment.span.start.offset)
  );
}

export interface SuppressionMatch {
  readonly waiver?: AppliedWaiver;
  readonly diagnostic?: Diagnostic;
}

/** Comments attached to resources and module calls, which is where inline suppressions live. */
export function suppressionIndexOf(model: InfraModel): SuppressionIndex {
  return new SuppressionIndexes().add(model);
}

/**
 * The suppression index of models judged in turn (the root modules of a source scan, engine/run-rules.ts
 * RuleSession): each judged with the comments of every model added so far. A child module's variable
 * is kept in the first root module's model only (pipeline/first-declarations.ts), and a marker on it
 * still covers what later root modules' findings place at its default.
 */
export class SuppressionIndexes {
  private readonly byFile = new Map<string, Map<number, CommentLine>>();
  private readonly index = new Map<string, CommentLine[]>();

  /** Adds the model's comments; the index of all the comments added so far. */
  add(model: InfraModel): SuppressionIndex {
    const touched = new Set<Map<number, CommentLine>>();
    const files: string[] = [];
    const add = (comments: readonly CommentLine[]): void => {
      for (const c of comments) {
        let file = this.byFile.get(c.span.file);
        if (!file) this.byFile.set(c.span.file, (file = new Map()));
        if (file.has(c.span.start.offset)) continue;
        file.set(c.span.start.offset, c);
        if (!touched.has(file)) {
          touched.add(file);
          files.push(c.span.file);
        }
      }
    };
    for (const resource of model.resources) add(resource.comments);
    for (const call of model.moduleCalls) add(call.comments);
    // Variables, outputs, providers and terraform blocks: rules judge them too (a variable's default,
    // an output not marked sensitive, a backend), and a marker on them is honoured as on a resource.
    for (const decl of [...model.variables, ...model.outputs, ...model.providers, ...model.terraform]) if (decl.comments) add(decl.comments);
    // Files without a single marker can suppress nothing: leaving them out keeps the per-finding
    // lookup cheap on large scans, where most failures sit in files with no suppression at all.
    for (const file of files) {
      const list = [...this.byFile.get(file)!.values()];
      if (hasMarker(list)) this.index.set(file, list.sort((a, b) => a.span.start.offset - b.span.start.offset));
    }
    return this.index;
  }
}

/** The module calls that carry a marker, per model (most carry none; scanning them all per finding grows as n²). */
const MARKED_CALLS = new WeakMap<readonly ModuleCall[], readonly ModuleCall[]>();

function markedCalls(moduleCalls: readonly ModuleCall[]): readonly ModuleCall[] {
  return weakMemo(MARKED_CALLS, moduleCalls, () => moduleCalls.filter((c) => hasMarker(c.comments)));
}

/**
 * A suppression on a `module` block covers the resources inside that module instance, in the root
 * module it was evaluated for: two stacks (envs/dev, envs/prod) call `module "store"` alike, and a
 * comment on prod's call waived dev's findings too.
 */
function enclosingModuleComments(moduleCalls: readonly ModuleCall[], target: Subject): Candidate[] {
  const out: Candidate[] = [];
  const { address } = target;
  for (const call of markedCalls(moduleCalls)) {
    // A subject without a root (one no rule tied to a root module) keeps every call's comments; a
    // plan's stands for the root module in its directory.
    if (call.root !== undefined && target.root !== undefined && call.root !== rootDirectoryOf(target.root)) continue;
    if (address.startsWith(`${call.address}.`) || address.startsWith(`${call.address}[`)) for (const comment of call.comments) out.push({ comment, of: call.span, viaModule: true });
  }
  return out;
}

/** A comment that may govern a finding, with the block (resource, module call, flagged span) it governs it through. */
interface Candidate {
  readonly comment: CommentLine;
  readonly of: Span;
  /** Found on an enclosing `module` block, not on the finding's own block. */
  readonly viaModule?: true;
}

/**
 * KICS's `ignore-block` ignores the block or argument that starts on the line below the comment. Above a
 * resource or module block (or trailing its first line) that is the whole block; inside one, only the
 * element below it: a marker over `tags = {…}` waived the resource's public database too. Inside, only
 * a finding starting on the next line is covered, as we do not know where that element ends.
 */
function kicsBlockCovers(candidate: Candidate, findingSpan: Span): boolean {
  const { comment, of } = candidate;
  if (comment.span.start.line <= of.start.line) return true;
  return comment.span.file === findingSpan.file && findingSpan.start.line === comment.span.end.line + 1;
}

/**
 * Terrascan reads the markers of a resource's body (its `{`…`}`, the line that opens it included), so a
 * `#ts:skip=` above the block, or on a `module` block, skips nothing in Terrascan and nothing here.
 */
function insideBlock(candidate: Candidate): boolean {
  const { comment, of } = candidate;
  return candidate.viaModule !== true && comment.span.file === of.file && comment.span.start.offset > of.start.offset && comment.span.end.offset <= of.end.offset;
}

/** The Terraform workspace the scan evaluates (`terraform.workspace`, graph/instance.ts). */
const WORKSPACE_EVALUATED = 'default';

export function findInlineSuppression(
  index: SuppressionIndex,
  rule: AnyRule,
  target: Subject,
  findingSpan: Span,
  today: string,
  moduleCalls: readonly ModuleCall[] = [],
): SuppressionMatch {
  const candidates: Candidate[] = [...governingComments(index, target.span).map((comment) => ({ comment, of: target.span })), ...enclosingModuleComments(moduleCalls, target)];
  if (findingSpan.file !== target.span.file || findingSpan.start.offset < target.span.start.offset || findingSpan.end.offset > target.span.end.offset) {
    for (const comment of governingComments(index, findingSpan)) candidates.push({ comment, of: findingSpan });
  }
  for (const c of target.comments ?? []) {
    if (!candidates.some((x) => x.comment.span.start.offset === c.span.start.offset && x.comment.span.file === c.span.file)) candidates.push({ comment: c, of: target.span });
  }

  let diagnostic: Diagnostic | undefined;
  for (const candidate of candidates) {
    const { comment } = candidate;
    for (const marker of parseMarkers(comment.text)) {
      if (!markerNamesRule(marker, rule)) continue;
      if (marker.nextLineOnly === true && findingSpan.start.line !== comment.span.end.line + 1) continue;
      // As KICS: `kics-scan ignore` counts only before any code; lower down it is a plain comment.
      if (marker.wholeFile === true && !wholeFileCovers(comment, target)) continue;
      if (marker.block === true && !kicsBlockCovers(candidate, findingSpan)) continue;
      if (marker.insideResourceOnly === true && !insideBlock(candidate)) continue;
      // tfsec/Trivy ignore only results whose attribute has the selector's value; that is not checked
      // here, and waiving every result of the rule would waive the ones the author meant to keep.
      if (marker.selector !== undefined) {
        diagnostic = {
          code: 'suppression/selector',
          severity: 'warning',
          message: `The suppression of ${rule.id} on ${target.address} is limited to ${marker.selector}, which Safeguard does not check, so it is not honoured.`,
          hint: 'Use # safeguard:ignore <rule-id> <reason> on the block, or a waiver in .safeguard/waivers.yaml.',
          span: comment.span,
        };
        continue;
      }
      // tfsec/Trivy ignore only in the named workspace; the scan evaluates the default one.
      if (marker.workspace !== undefined && !globMatches(marker.workspace.toLowerCase(), WORKSPACE_EVALUATED)) {
        diagnostic = {
          code: 'suppression/workspace',
          severity: 'warning',
          message: `The suppression of ${rule.id} on ${target.address} applies in workspace ${marker.workspace} only; Safeguard evaluates the ${WORKSPACE_EVALUATED} workspace, so it is not honoured.`,
          hint: 'Drop :ws: to suppress it in every workspace, or use a waiver naming this root module.',
          span: comment.span,
        };
        continue;
      }
      if (marker.badExpiry !== undefined) {
        diagnostic = {
          code: 'suppression/bad-expiry',
          severity: 'warning',
          message: `The suppression of ${rule.id} on ${target.address} gives exp:${marker.badExpiry}, which is no calendar date, so it is not honoured.`,
          hint: 'Write the expiry as exp:YYYY-MM-DD.',
          span: comment.span,
        };
        continue;
      }
      if (marker.tool === 'safeguard' && marker.reason === '') {
        diagnostic = {
          code: 'suppression/no-reason',
          severity: 'warning',
          message: `The suppression of ${rule.id} on ${target.address} gives no reason, so it is not honoured.`,
          hint: 'Write the reason after the rule id: # safeguard:ignore <rule-id> <why this is acceptable>',
          span: comment.span,
        };
        continue;
      }
      if (marker.expires !== undefined && marker.expires < today) {
        diagnostic = {
          code: 'suppression/expired',
          severity: 'warning',
          message: `The suppression of ${rule.id} on ${target.address} expired on ${marker.expires}, so it is no longer honoured.`,
          hint: 'Fix the finding, or renew the suppression with a new exp: date and a reason.',
          span: comment.span,
        };
        continue;
      }
      return {
        waiver: {
          source: 'inline',
          id: `${marker.tool}:${marker.ids.join(',') || (marker.wholeFile === true ? 'file' : 'block')}`,
          marker: marker.marker,
          // Reports print "waived by <marker>: <reason>": a peer marker written without a reason says so.
          reason: marker.reason || (marker.wholeFile === true ? 'the whole file is ignored' : 'no reason given'),
          ...(marker.expires ? { expires: marker.expires } : {}),
          span: comment.span,
        },
      };
    }
  }
  return diagnostic ? { diagnostic } : {};
}
