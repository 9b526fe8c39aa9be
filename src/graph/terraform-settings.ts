// Version constraints and provider source addresses as Terraform's loader reads them, before
// anything is evaluated or installed: `required_version`, a module's `version` and each
// required_providers entry. Terraform 1.11.4 refuses what these functions refuse (each checked with
// `terraform validate`/`init`); where Terraform's own parsers accept more than a plain pattern
// would (hostnames, non-ASCII names, which go through IDNA), the text is accepted, not refused:
// a miss costs less here than a false error.
import type { Attribute, Block, Expression } from '../parsers/hcl/ast.js';
import type { StructureProblem } from './config-structure.js';
import { freeTraversals } from './traversals.js';
import { literalString, objectItemKey } from './load.js';
import { constraintHead, isGoVersionConstraint, prereleaseConstraints, providerConstraintProblem } from '../util/go-version-syntax.js';


export interface SourceProblem {
  /** Terraform's summary: "Invalid provider source string", "Invalid provider type", ... */
  readonly summary: string;
  readonly detail: string;
}

/**
 * What Terraform refuses in a required_providers `source` ("[hostname/][namespace/]name",
 * terraform-registry-address as Terraform 1.11.4 builds it): too many or empty parts, a type or
 * namespace that is not letters, digits and single dashes between them (ASCII ones judged; others
 * go through IDNA and are accepted here), a type starting "terraform-", a hostname with characters
 * no host name has, an empty label or a port that is no port. The legacy namespace "-" is left to
 * Terraform's later checks.
 */
export function providerSourceProblem(source: string): SourceProblem | undefined {
  const parts = source.split('/');
  if (parts.length > 3 || parts.some((p) => p === '')) return { summary: 'Invalid provider source string', detail: 'The "source" attribute must be in the format "[hostname/][namespace/]name".' };
  const type = parts[parts.length - 1]!;
  const typeProblem = namePartProblem(type);
  if (typeProblem !== undefined) return { summary: 'Invalid provider type', detail: `Invalid provider type "${type}" in source "${source}": ${typeProblem}.` };
  if (parts.length >= 2) {
    const namespace = parts[parts.length - 2]!;
    const problem = namespace === '-' ? undefined : namePartProblem(namespace);
    if (problem !== undefined) return { summary: 'Invalid provider namespace', detail: `Invalid provider namespace "${namespace}" in source "${source}": ${problem}.` };
  }
  if (parts.length === 3) {
    const problem = hostnameProblem(parts[0]!);
    if (problem !== undefined) return { summary: 'Invalid provider source hostname', detail: `Invalid provider source hostname "${parts[0]}" in source "${source}": ${problem}.` };
  }
  if (type.toLowerCase().startsWith('terraform-')) {
    return { summary: 'Invalid provider type', detail: `Provider source "${source}" has a type with the prefix "${type.toLowerCase().startsWith('terraform-provider-') ? 'terraform-provider-' : 'terraform-'}", which a provider type may not have (it is the prefix of the plugin's file and repository, not of its name).` };
  }
  return undefined;
}

function namePartProblem(part: string): string | undefined {
  if (part.includes('.')) return 'dots are not allowed';
  if (part.includes('--')) return 'cannot use multiple consecutive dashes';
  if (!/^[\x00-\x7f]*$/.test(part)) return undefined;
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(part) ? undefined : 'must contain only letters, digits, and dashes, and may not use leading or trailing dashes';
}

function hostnameProblem(host: string): string | undefined {
  const colon = host.lastIndexOf(':');
  const name = colon < 0 ? host : host.slice(0, colon);
  if (colon >= 0) {
    const port = host.slice(colon + 1);
    if (!/^[0-9]+$/.test(port)) return 'port portion contains non-digit characters';
    if (Number(port) > 65535) return 'port number is greater than 65535';
  }
  if (!/^[\x00-\x7f]*$/.test(name)) return undefined;
  const labels = name.replace(/\.$/, '').split('.');
  if (labels.some((l) => l === '')) return 'hostname contains empty label (two consecutive periods)';
  const bad = labels.find((l) => !/^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/.test(l));
  return bad === undefined ? undefined : `invalid label "${bad}"`;
}

const BAD_CONSTRAINT = 'This string does not use correct version constraint syntax';

/**
 * The terraform block's `required_version` and required_providers entries, and a module call's
 * `version`, as Terraform's loader reads them (internal/configs: decodeVersionConstraint,
 * decodeRequiredProvidersBlock), then as `terraform init` reads a provider's constraint again.
 */
export function checkRequiredVersion(block: Block, out: StructureProblem[]): void {
  const attr = block.body.attributes.find((a) => a.name === 'required_version');
  if (attr === undefined) return;
  // Read as a string with no evaluation context: a number is converted ("1" is a constraint), null
  // is no constraint, true and false are no constraint (terraform init 1.11.4: "Invalid version
  // constraint"), and a list or object no string ("A string value is required for required_version.").
  const raw = unwrap(attr.expr);
  if ((raw.type === 'literal' && typeof raw.value === 'boolean') || raw.type === 'tuple' || raw.type === 'object') {
    out.push({ code: 'config/argument', message: 'Invalid version constraint: required_version must be a string, such as ">= 1.5", so Terraform refuses this value.', start: attr.expr.start, end: attr.expr.end });
    return;
  }
  const text = literalString(attr.expr);
  if (text === undefined) return;
  if (!isGoVersionConstraint(text)) {
    out.push({ code: 'config/argument', message: `Invalid version constraint: "${text}" is no version constraint Terraform reads (${BAD_CONSTRAINT.toLowerCase()}), so Terraform refuses it.`, hint: 'Write constraints such as ">= 1.5" or ">= 1.5, < 2.0" (operators =, !=, >, >=, <, <=, ~>).', start: attr.expr.start, end: attr.expr.end });
    return;
  }
  const pre = prereleaseConstraints(text);
  // Terraform 1.11.4: "Invalid required_version constraint: Prerelease version constraints are not supported: 1.2.3-beta."
  if (pre.length > 0) out.push({ code: 'config/argument', message: `Invalid required_version constraint: prerelease version constraints are not supported (${pre.join(', ')}), so Terraform refuses it.`, hint: 'Remove the prerelease part: a prerelease of Terraform matches a constraint by its version core.', start: attr.start, end: attr.expr.end });
  // terraform init 1.11.4 on ">= 2.0, < 1.0": "Unsupported Terraform Core version: This configuration
  // does not support Terraform version 1.11.4." Whatever the version, when none is in the range.
  else if (unsatisfiable(text)) out.push({ code: 'config/argument', message: `Unsupported Terraform Core version: no Terraform version satisfies required_version "${text}", so every Terraform refuses the configuration.`, hint: 'The constraints contradict each other: write one range, such as ">= 1.5, < 2.0".', start: attr.expr.start, end: attr.expr.end });
}

type Bound = { readonly v: readonly bigint[]; readonly inclusive: boolean };

/** Versions compared as go-version compares them: numbered parts, missing ones 0 (1.2 is 1.2.0). */
function compareParts(a: readonly bigint[], b: readonly bigint[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0n;
    const y = b[i] ?? 0n;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * Whether no version meets every constraint of `text` (valid for go-version, no prerelease): the
 * largest lower bound above the smallest upper bound, or equal to it with one of them exclusive or
 * excluded by `!=`. `~> 1.2.3` is >= 1.2.3 and < 1.3 (go-version's pessimistic operator keeps every
 * part written but the last), `~> 1.2` < 2, and `~> 1` has no upper bound. Only bounds that
 * contradict each other count: `> 1.2.3, < 1.2.4` leaves no Terraform release either, but leaves
 * 1.2.3.1 to go-version, and is not judged.
 */
export function unsatisfiable(text: string): boolean {
  let lower: Bound | undefined;
  let upper: Bound | undefined;
  const excluded: (readonly bigint[])[] = [];
  const raise = (b: Bound): void => {
    const c = lower === undefined ? 1 : compareParts(b.v, lower.v);
    if (c > 0 || (c === 0 && !b.inclusive)) lower = b;
  };
  const cap = (b: Bound): void => {
    const c = upper === undefined ? -1 : compareParts(b.v, upper.v);
    if (c < 0 || (c === 0 && !b.inclusive)) upper = b;
  };
  for (const raw of text.split(',')) {
    const head = constraintHead(raw);
    if (head === undefined) return false;
    const { op } = head;
    const v = head.numbers.map((n) => BigInt(n));
    if (op === '=' || op === '>=' || op === '>' || op === '~>') raise({ v, inclusive: op !== '>' });
    if (op === '=' || op === '<=' || op === '<') cap({ v, inclusive: op !== '<' });
    if (op === '!=') excluded.push(v);
    if (op === '~>' && v.length > 1) cap({ v: [...v.slice(0, v.length - 2), v[v.length - 2]! + 1n], inclusive: false });
  }
  if (lower === undefined || upper === undefined) return false;
  const c = compareParts(lower.v, upper.v);
  if (c !== 0) return c > 0;
  return !lower.inclusive || !upper.inclusive || excluded.some((x) => compareParts(x, lower!.v) === 0);
}

/** A module call's `version` (a registry module's), read by go-version as Terraform's loader reads it. */
export function checkModuleVersion(block: Block, out: StructureProblem[]): void {
  const attr = block.body.attributes.find((a) => a.name === 'version');
  const text = literalString(attr?.expr);
  if (attr === undefined || text === undefined || isGoVersionConstraint(text)) return;
  out.push({ code: 'config/argument', message: `Invalid version constraint: "${text}" is no version constraint Terraform reads (${BAD_CONSTRAINT.toLowerCase()}), so Terraform refuses it.`, hint: 'Write constraints such as "~> 5.0" or ">= 5.1, < 6.0" (operators =, !=, >, >=, <, <=, ~>).', start: attr.expr.start, end: attr.expr.end });
}

const ENTRY_KEYS = ['version', 'source', 'configuration_aliases'];

/** Each entry of the terraform block's required_providers blocks. */
export function checkRequiredProviders(block: Block, out: StructureProblem[], json = false): void {
  for (const rp of block.body.blocks) {
    if (rp.type !== 'required_providers') continue;
    for (const entry of rp.body.attributes) checkEntry(entry, out, json);
    // terraform init 1.11.4: 'Unexpected "aws" block: Blocks are not allowed here.'
    for (const b of rp.body.blocks) out.push({ code: 'config/block', message: `Unexpected "${b.type}" block: a required_providers entry is an argument (${b.type} = { source = "..." }), not a block, so Terraform refuses this one.`, start: b.start, end: b.typeRange.end });
  }
}

function unwrap(expr: Expression): Expression {
  while (expr.type === 'parens') expr = expr.expr;
  return expr;
}

function checkEntry(entry: Attribute, out: StructureProblem[], json: boolean): void {
  const { expr } = entry;
  // The legacy form, `aws = "~> 5.0"`: a version constraint alone.
  if (expr.type === 'template') {
    const text = literalString(expr);
    if (text !== undefined) checkProviderConstraint(entry, expr, text, out);
    return;
  }
  // terraform init 1.11.4: `aws = null`, `aws = ["hashicorp/aws"]`, `aws = tomap({...})`: "Invalid
  // required_providers object: required_providers entries must be strings or objects."; `aws = true`
  // is read as the constraint "true": "Invalid version constraint". A number is a constraint ("5").
  const raw = unwrap(expr);
  if ((raw.type === 'literal' && raw.value === null) || raw.type === 'tuple' || raw.type === 'call' || raw.type === 'for') {
    out.push({ code: 'config/argument', message: 'Invalid required_providers object: an entry is a version constraint string or an object ({ source = "hashicorp/aws", version = "~> 5.0" }), so Terraform refuses this one.', start: expr.start, end: expr.end });
    return;
  }
  if (raw.type === 'literal' && typeof raw.value === 'boolean') {
    out.push({ code: 'config/argument', message: `Invalid version constraint: "${String(raw.value)}" is no version constraint, so Terraform refuses this required_providers entry.`, start: expr.start, end: expr.end });
    return;
  }
  if (expr.type !== 'object') return;
  for (const item of expr.items) {
    const key = objectItemKey(item);
    if (key === undefined) continue;
    if (!ENTRY_KEYS.includes(key)) {
      // Terraform reads no further keys of the entry after this one.
      out.push({ code: 'config/argument', message: `Invalid required_providers object: "${key}" is not one of its keys (version, source and configuration_aliases), so Terraform refuses it; a provider is configured in a provider block.`, start: item.key.start, end: item.key.end });
      return;
    }
    if (key === 'configuration_aliases') {
      // JSON writes each alias as a string ("aws.x"), which Terraform reads as the reference.
      if (!json) checkConfigurationAliases(entry.name, item.value, out);
      continue;
    }
    if (notAString(item.value)) {
      out.push({ code: 'config/argument', message: key === 'version' ? 'Invalid version constraint: the version must be a string written out, as Terraform reads it before anything else is known, so Terraform refuses this one.' : 'Invalid source: the source must be a string written out, as Terraform reads it before anything else is known, so Terraform refuses this one.', start: item.value.start, end: item.value.end });
      continue;
    }
    const text = literalString(item.value);
    if (text === undefined) continue;
    if (key === 'version') checkProviderConstraint(entry, item.value, text, out);
    else {
      const problem = providerSourceProblem(text);
      if (problem !== undefined) out.push({ code: 'config/argument', message: `${problem.summary}: ${problem.detail.replace(/\.$/, '')}, so Terraform refuses it.`, hint: 'A source is "namespace/name" (hashicorp/aws), or "hostname/namespace/name" for another registry.', start: item.value.start, end: item.value.end });
    }
  }
}

function checkProviderConstraint(entry: Attribute, value: Expression, text: string, out: StructureProblem[]): void {
  if (!isGoVersionConstraint(text)) {
    out.push({ code: 'config/argument', message: `Invalid version constraint: "${text}" is no version constraint Terraform reads (${BAD_CONSTRAINT.toLowerCase()}), so Terraform refuses it.`, hint: 'Write constraints such as "~> 5.0" or ">= 5.1, < 6.0" (operators =, !=, >, >=, <, <=, ~>).', start: value.start, end: value.end });
    return;
  }
  const problem = providerConstraintProblem(text);
  // terraform init 1.11.4 names the whole entry: "Invalid version constraint: Incorrect version constraint syntax: invalid specification "1.2.3.4": too many numbered portions ...".
  if (problem !== undefined) out.push({ code: 'config/argument', message: `Invalid version constraint: terraform init reads "${text}" again to install the provider, and refuses it: ${problem}.`, hint: 'Write constraints such as "~> 5.0" or ">= 5.1, < 6.0", without a "v" and with at most three numbers.', start: entry.start, end: entry.nameRange.end });
}

/**
 * Not a string to Terraform, which reads these with no variables or functions ("Version must be
 * specified as a string."): a number, bool or null, or anything referring to something or calling a
 * function. Anything else (`("5.0")`, `"${"5.0"}"`) is left to the string test, or accepted.
 */
function notAString(expr: Expression): boolean {
  const raw = unwrap(expr);
  return raw.type === 'literal' || raw.type === 'tuple' || raw.type === 'object' || freeTraversals(expr).length > 0 || containsCall(expr);
}

/**
 * configuration_aliases: a list written out of references to this entry's provider (terraform init
 * 1.11.4). Not a list (`aws.x`) or an item that is no reference (`"aws.x"`): "Invalid expression: A
 * single static variable reference is required"; another name (`google.x`, `var.x`): "Invalid
 * configuration_aliases value: Configuration aliases must be prefixed with the provider name."
 * (`[aws]`, `[aws.x[0]]` are accepted.)
 */
function checkConfigurationAliases(name: string, expr: Expression, out: StructureProblem[]): void {
  const raw = unwrap(expr);
  if (raw.type !== 'tuple') {
    out.push({ code: 'config/argument', message: `Invalid expression: configuration_aliases is a list of provider references written out ([${name}.alias]), so Terraform refuses this value.`, start: expr.start, end: expr.end });
    return;
  }
  for (const item of raw.items) {
    const ref = unwrap(item);
    if (ref.type !== 'traversal') out.push({ code: 'config/argument', message: `Invalid expression: each configuration alias is a reference written out (${name}.alias), not a string or an expression, so Terraform refuses this one.`, start: item.start, end: item.end });
    else if (ref.root !== name) out.push({ code: 'config/argument', message: `Invalid configuration_aliases value: an alias of the "${name}" entry must start with "${name}." (not "${ref.root}"), so Terraform refuses this one.`, start: item.start, end: item.end });
  }
}

function containsCall(expr: Expression): boolean {
  const work: unknown[] = [expr];
  while (work.length > 0) {
    const node = work.pop();
    if (node === null || typeof node !== 'object') continue;
    if ((node as { type?: unknown }).type === 'call') return true;
    for (const v of Object.values(node)) if (v !== null && typeof v === 'object') work.push(v);
  }
  return false;
}
