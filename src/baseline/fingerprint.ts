// Our content fingerprint for a finding: a hash of the rule, the file, the resource address and the
// flagged content. It survives lines inserted or removed elsewhere (no line numbers go in) and changes
// when the flagged content itself changes. Secret values are masked before hashing, so a fingerprint
// never lets anyone test a guess of a password (issue 2).
// Baselines key on it, SARIF carries it in `partialFingerprints`, GitLab in `fingerprint`/`id`, CSV
// in a column.
//
// The flagged content is the span's text with whitespace collapsed, except for a finding whose span
// is a whole top-level block (`resource "aws_db_instance" "db" { ... }`): rules point a missing
// argument at its enclosing block (STYLE.md §2), and hashing the block's whole text made every such
// finding new again, and its baseline entry gone, when any other line of the block was edited
// (adding tags, turning off public access). Those findings hash the block's type and labels instead:
// what they are about is the block's lack of something, which its other lines do not change, and
// setting the missing argument makes the finding itself disappear.
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/finding.js';
import { parseHclJson, type Block } from '../parsers/hcl/index.js';
import path from 'node:path';
import { redactSecrets } from '../reporters/redact.js';
import { rootOutsideFile } from '../reporters/report-input.js';
import { dirOf } from '../util/paths.js';
import type { Span } from '../source/span.js';

/** The key under which SARIF `partialFingerprints` carries it; bump the version when the recipe changes. */
export const CONTENT_FINGERPRINT_KEY = 'safeguardContent/v3';

/**
 * The recipes, for baselines written by earlier versions (baseline-file.ts reads which one a file
 * used): 1 hashed the whole text of every span, blocks included; 2 hashes a whole block's header;
 * 3 also hashes the root module of a finding whose file does not tell it (a module several root
 * modules call): envs/dev's and envs/prod's findings on one module line were one fingerprint, so a
 * baseline entry for dev's absorbed prod's new finding once dev's was fixed, and code scanning
 * showed the two as one alert.
 */
export type FingerprintRecipe = 1 | 2 | 3;
export const FINGERPRINT_RECIPE: FingerprintRecipe = 3;
/** The name of each recipe, as SARIF keys and baseline files write it. */
export const FINGERPRINT_RECIPE_NAMES: Readonly<Record<FingerprintRecipe, string>> = { 1: 'safeguardContent/v1', 2: 'safeguardContent/v2', 3: CONTENT_FINGERPRINT_KEY };

/** Whitespace-insensitive text of the flagged span, secrets masked; undefined when the source is unknown. */
export function normalizedSpanText(finding: Pick<Finding, 'span'>, source: string | undefined): string | undefined {
  return source === undefined ? undefined : collapsed(spanContent(finding.span, redactSecrets(source, false)));
}

interface SpanContent {
  readonly redacted: string;
  readonly raw: string;
  /** The span's text, whitespace collapsed (recipe 1, and recipe 2 for anything but a whole block): made when first asked. */
  text?: string;
  /** `["resource","aws_db_instance","db"]` when the span is exactly a top-level block. */
  readonly block: string | undefined;
}

/** A whole block's text is long, and recipe 2 reads only its header. */
function collapsed(content: SpanContent): string {
  return (content.text ??= content.raw.replace(/\s+/g, ' ').trim());
}

/**
 * The content of each span object, with the redacted file text it was read from. Findings share
 * span objects (rules judging one resource report at its block; corpus (a): 11 500 findings on
 * 5 000 spans), and a resource's block can be long: a CSV of (a) spent most of its time here.
 */
const spanContents = new WeakMap<object, SpanContent>();

function spanContent(span: Span, redacted: string): SpanContent {
  const known = spanContents.get(span);
  if (known !== undefined && known.redacted === redacted) return known;
  const raw = redacted.slice(span.start.offset, span.end.offset);
  const content: SpanContent = { redacted, raw, block: wholeBlockHeader(span, raw, redacted) };
  spanContents.set(span, content);
  return content;
}

/**
 * Block types that appear only at the top level of a Terraform file. A nested block (`ingress`,
 * `rule`) keeps its text in the fingerprint: a resource may hold several of one type, and a finding
 * on one of them is about what it says.
 */
const TOP_LEVEL_TYPES = ['resource', 'data', 'module', 'variable', 'output', 'provider', 'terraform', 'locals', 'check', 'import', 'moved', 'removed'];
const TOP_LEVEL = new Set(TOP_LEVEL_TYPES);
/**
 * A top-level block's header in native syntax: its type keyword, its labels (quoted or bare), its
 * opening brace. An argument's span starts with its name and `=`, and a nested block's type is
 * none of these, so a span that starts so and ends at a `}` is a whole block (the model's block
 * spans run from the type keyword to the closing brace). Read from the text, not parsed: a report
 * fingerprints a few thousand blocks, and parsing each again cost more than the rest of the report.
 */
const NATIVE_HEADER = new RegExp(`^(${TOP_LEVEL_TYPES.join('|')})((?:[ \\t]+(?:"(?:[^"\\\\\\r\\n]|\\\\.)*"|[A-Za-z_][\\w-]*))*)[ \\t]*\\{`);

/**
 * The block's type and labels when `span` covers exactly one top-level block. JSON syntax
 * (`.tf.json`): a block starts at a key, which text alone cannot tell from an object-valued
 * argument, so the file is parsed.
 */
function wholeBlockHeader(span: Span, raw: string, redacted: string): string | undefined {
  if (!raw.endsWith('}')) return undefined;
  if (span.file.toLowerCase().endsWith('.tf')) {
    const m = NATIVE_HEADER.exec(raw);
    if (m === null) return undefined;
    const labels = [...m[2]!.matchAll(/"((?:[^"\\\r\n]|\\.)*)"|([A-Za-z_][\w-]*)/g)].map((l) => l[1] ?? l[2]!);
    return JSON.stringify([m[1]!, ...labels]);
  }
  let block: Block | undefined;
  if (span.file.toLowerCase().endsWith('.tf.json')) {
    if (!raw.startsWith('"')) return undefined;
    const found = jsonTopLevelBlocks(span.file, redacted).get(span.start.offset);
    block = found?.end === span.end.offset ? found : undefined;
  }
  if (block === undefined || !TOP_LEVEL.has(block.type)) return undefined;
  return JSON.stringify([block.type, ...block.labels.map((l) => l.value)]);
}

/**
 * The top-level blocks of a few recent JSON files by start offset. The span cache above asks once
 * per span; bounded because this module outlives a scan (the API), and JSON configurations are few.
 */
const jsonBlocks = new Map<string, ReadonlyMap<number, Block>>();
const JSON_FILES_KEPT = 16;

function jsonTopLevelBlocks(file: string, redacted: string): ReadonlyMap<number, Block> {
  const known = jsonBlocks.get(redacted);
  if (known !== undefined) return known;
  let blocks: ReadonlyMap<number, Block>;
  try {
    blocks = new Map(parseHclJson(redacted, file).file.body.blocks.map((b) => [b.start, b]));
  } catch {
    blocks = new Map(); // a file the scan could not parse has no block findings to find
  }
  if (jsonBlocks.size >= JSON_FILES_KEPT) jsonBlocks.delete(jsonBlocks.keys().next().value!);
  jsonBlocks.set(redacted, blocks);
  return blocks;
}

type Fingerprinted = Pick<Finding, 'ruleId' | 'resource' | 'span' | 'message'>;

/**
 * `file` is the path the fingerprint should be stable under (repo- or baseline-relative, forward
 * slashes); `source` is the file's text, or undefined, in which case the message stands in for it.
 */
export function contentFingerprint(finding: Fingerprinted, file: string, source: string | undefined, recipe: FingerprintRecipe = FINGERPRINT_RECIPE): string {
  return redactedContentFingerprint(finding, file, source === undefined ? undefined : redactSecrets(source, false), recipe);
}

/**
 * contentFingerprint of a file's text already redacted (reporters/redact.ts fingerprintSources): a
 * report fingerprints thousands of findings in a few hundred files, and redacting the whole file
 * again for each finding made a CSV of corpus (a) take 20 s. `recipe` 1 gives what versions before
 * recipe 2 wrote, for their baselines.
 */
export function redactedContentFingerprint(finding: Fingerprinted, file: string, redacted: string | undefined, recipe: FingerprintRecipe = FINGERPRINT_RECIPE): string {
  let content: string;
  if (redacted === undefined) content = `message:${finding.message}`;
  else {
    const span = spanContent(finding.span, redacted);
    // Prefixed so that no span text can hash as a block header.
    content = recipe >= 2 && span.block !== undefined ? `block:${span.block}` : collapsed(span);
  }
  const parts = [finding.ruleId, file.replace(/\\/g, '/'), finding.resource.address, content];
  // The root as a path from the finding's file, which holds wherever the scan, the report or the
  // baseline is (both are relative to the scan root).
  const root = recipe >= 3 ? rootOutsideFile(finding) : undefined;
  if (root !== undefined) parts.push(`root:${path.posix.relative(dirOf(finding.span.file), root) || '.'}`);
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
