// SARIF 2.1.0 for GitHub code scanning (../shared/research/ecosystem.md §2.1). One run; every rule
// that ran is described (so "fixed" alerts close), results carry full regions, related locations,
// GitHub's line hash and our content fingerprint (alerts survive pushes and line moves). Waived
// findings are left out unless asked for, then carry `suppressions` (GitHub ignores those and would
// show them as open alerts). GitHub's upload limits are enforced here, with a notification.
import { gunzipSync, gzipSync } from 'node:zlib';
import { HIPAA_SECTIONS } from '../controls/hipaa-sections.js';
import { CONTENT_FINGERPRINT_KEY, redactedContentFingerprint } from '../baseline/fingerprint.js';
import type { Finding } from '../engine/finding.js';
import { severityRank, type Severity } from '../engine/severity.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Span } from '../source/span.js';
import { githubLineHashes } from './github-line-hash.js';
import { fingerprintSources, redactedSources, redactSecrets } from './redact.js';
import { jsonWithList, listMarker, mapped } from './json-pieces.js';
import { batched, messageWithRoot, repositoryPath, textPieces, type ReportContext, type ReportInput, type RuleDoc } from './report-input.js';

export const SARIF_SCHEMA_URI = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/safeguard-iac/safeguard';
const RULE_DOCS_URI = `${INFORMATION_URI}/blob/main/docs/rules`;

/** GitHub code scanning limits (docs: "SARIF support for code scanning", upload limits). */
export interface SarifLimits {
  readonly resultsPerRun: number;
  readonly gzippedBytes: number;
  readonly shownTags: number;
}
export const GITHUB_LIMITS: SarifLimits = { resultsPerRun: 25_000, gzippedBytes: 10 * 1024 * 1024, shownTags: 10 };

/** GitHub reads ≥9.0 as critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0' };
export const SARIF_LEVEL: Readonly<Record<Severity, 'error' | 'warning' | 'note'>> = { critical: 'error', high: 'error', medium: 'warning', low: 'note' };

const SECTION_BY_ID = new Map<string, (typeof HIPAA_SECTIONS)[number]>(HIPAA_SECTIONS.map((s) => [s.id, s]));

/**
 * The run's automationDetails.id for a category. GitHub code scanning takes the id up to its last
 * `/` as the analysis's category (the rest names the run), and github/codeql-action/upload-sarif
 * writes its `category` input as `CATEGORY/` into runs that have no automationDetails (and leaves
 * runs that have one alone): the same form here, so `--sarif-category X` and `category: X` name one
 * analysis, and a category holding a `/` (safeguard/infra/prod) is kept whole.
 */
export function automationId(category: string): string {
  return category.endsWith('/') ? category : `${category}/`;
}

export interface SarifOptions {
  /** Override GitHub's limits (tests). */
  readonly limits?: Partial<SarifLimits>;
}

interface RuleInfo {
  readonly id: string;
  readonly doc: RuleDoc | undefined;
  readonly severity: Severity;
  readonly controls: readonly string[];
}

type Json = Record<string, unknown>;

export function renderSarif(input: ReportInput, context: ReportContext): string {
  return renderSarifWith(input, context, {});
}

export function renderSarifWith(input: ReportInput, context: ReportContext, options: SarifOptions): string {
  return [...textPieces(renderSarifChunksWith(input, context, options))].join('');
}

export function renderSarifChunks(input: ReportInput, context: ReportContext): Generator<string | Uint8Array> {
  return renderSarifChunksWith(input, context, {});
}

/**
 * Below this share of GitHub's gzipped limit, the sum of the gzipped batches settles that the file
 * fits: the whole compresses at least about as well as its parts apart. Nearer the limit, the whole
 * text is compressed, as the limit is on it.
 */
const SURELY_FITS = 0.9;

/**
 * The most bytes gzip can make of `n` bytes, whatever they are: zlib's deflateBound for any settings
 * (stored blocks when nothing compresses) and gzip's 18-byte header and trailer.
 */
export function gzipBound(n: number): number {
  return n + ((n + 7) >> 3) + ((n + 63) >> 6) + 5 + 18;
}

/**
 * The log in pieces, a result at a time. In the usual case (well under GitHub's limits) no result
 * object outlives its piece, and the text is made in batches of about 1 M characters, each gzipped
 * to check the limit and held only gzipped until the check is done (corpus (b) of the bench: 38 MB
 * of SARIF held in ~3 MB; the batches as text made a SARIF scan of (b) peak at 456-470 MB); past
 * SURELY_FITS the whole text is made and checked, and cut down as before. The same text either way.
 */
export function* renderSarifChunksWith(input: ReportInput, context: ReportContext, options: SarifOptions): Generator<string | Uint8Array> {
  const limits = { ...GITHUB_LIMITS, ...options.limits };
  const rules = describeRules(input, context);
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const lineHashes = new Map<string, string[] | undefined>();
  const hashesOf = (file: string): string[] | undefined => {
    if (!lineHashes.has(file)) {
      const text = context.sources(file);
      lineHashes.set(file, text === undefined ? undefined : githubLineHashes(text));
    }
    return lineHashes.get(file);
  };
  const redactedSource = redactedSources(context.sources);
  const fingerprintSource = fingerprintSources(context.sources);

  const reported = input.findings.filter((f) => f.status === 'fail' || (f.status === 'waived' && context.includeSuppressed === true));
  // GitHub shows the first 5,000 by severity and rejects runs past 25,000: keep the worst.
  const ordered = [...reported].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const notifications: Json[] = input.diagnostics.map((d) => notification(d, input));
  let kept = ordered.length > limits.resultsPerRun ? ordered.slice(0, limits.resultsPerRun) : ordered;
  const physical = (span: Span, withSnippet: boolean): Json => physicalLocation(input, span, withSnippet ? redactedSource(span.file) : undefined);

  function* pieces(results: readonly Finding[], withSnippets: boolean, extra: readonly Json[]): Generator<string> {
    const marker = listMarker();
    const log = {
      $schema: SARIF_SCHEMA_URI,
      version: '2.1.0',
      runs: [
        {
          tool: {
            driver: {
              name: context.tool.name,
              version: context.tool.version,
              semanticVersion: context.tool.version,
              informationUri: INFORMATION_URI,
              rules: rules.map(ruleDescriptor),
            },
          },
          ...(context.sarifCategory !== undefined ? { automationDetails: { id: automationId(context.sarifCategory) } } : {}),
          invocations: [
            {
              executionSuccessful: true,
              exitCode: input.exitCode,
              toolExecutionNotifications: [...notifications, ...extra],
              // Skipped files (issue 12): the scope of the run, each with its reason; failed inputs are also error notifications.
              properties: {
                ...(input.shard ? { shard: `${input.shard.index}/${input.shard.count}` } : {}),
                skippedFiles: input.skipped.map((s) => ({ path: repositoryPath(input, s.path), reason: s.reason, detail: s.detail })),
              },
            },
          ],
          columnKind: 'utf16CodeUnits',
          results: marker,
        },
      ],
    };
    yield* jsonWithList(log, marker, mapped(results, (f) => result(f, ruleIndex.get(f.ruleId), input, fingerprintSource, physical, hashesOf, withSnippets)));
    yield '\n';
  }
  const build = (results: readonly Finding[], withSnippets: boolean, extra: readonly Json[]): string => [...pieces(results, withSnippets, extra)].join('');

  const cutWarning = (total: number, shown: number, reason: string): Json => ({
    level: 'warning',
    descriptor: { id: 'report/sarif-truncated' },
    message: {
      text: `Only the ${shown} most severe of ${total} results are in this SARIF file: ${reason}. Fix the worst findings first, or split the scan with --shard.`,
    },
  });
  const extra: Json[] = [];
  if (kept.length < ordered.length) extra.push(cutWarning(ordered.length, kept.length, `GitHub accepts at most ${limits.resultsPerRun} results per run`));
  const batches: Buffer[] = [];
  let gzipped = 0;
  // Held as text while even gzip's worst case of every batch so far surely fits (gzipBound): a log
  // that ends so needs no gzip to tell, and corpus (a)'s 4.9 MB of SARIF spent a sixth of its time
  // gzipping and gunzipping batches that could only fit. Past that, gzipped as before.
  const held: string[] = [];
  let holding = true;
  let bound = 0;
  // Batches of 1 M characters: each is gzipped alone to estimate the whole, and smaller ones compress worse.
  for (const batch of batched(pieces(kept, true, extra), 1 << 20)) {
    if (holding) {
      bound += gzipBound(Buffer.byteLength(batch));
      if (bound <= SURELY_FITS * limits.gzippedBytes) {
        held.push(batch);
        continue;
      }
      for (const text of held) {
        const compressed = gzipSync(text);
        batches.push(compressed);
        gzipped += compressed.length;
      }
      held.length = 0;
      holding = false;
    }
    const compressed = gzipSync(batch);
    batches.push(compressed);
    gzipped += compressed.length;
  }
  if (holding) {
    yield* held;
    return;
  }
  if (gzipped <= SURELY_FITS * limits.gzippedBytes) {
    for (const compressed of batches) yield gunzipSync(compressed);
    return;
  }
  // The same text, whole: the limit is on it.
  let text = batches.map((compressed) => gunzipSync(compressed).toString('utf8')).join('');
  batches.length = 0;
  if (gzipSync(text).length <= limits.gzippedBytes) {
    yield text;
    return;
  }
  // Too big: drop snippets first, then halve the results until the upload fits.
  text = build(kept, false, extra);
  while (gzipSync(text).length > limits.gzippedBytes && kept.length > 0) {
    kept = kept.slice(0, Math.floor(kept.length / 2));
    text = build(kept, false, [
      cutWarning(ordered.length, kept.length, `GitHub accepts SARIF files of at most ${Math.round(limits.gzippedBytes / 1024 / 1024)} MB gzipped`),
    ]);
  }
  yield text;
}

/**
 * The resource as a logical location, and for one CDK for Terraform synthesized its construct path too
 * (SARIF 2.1.0 §3.33: a location may have several logical locations; the construct is what the user wrote).
 */
function logicalLocationsOf(f: Finding): Json[] {
  const resource: Json = { fullyQualifiedName: f.resource.address, kind: 'resource' };
  if (f.resource.constructPath === undefined) return [resource];
  return [resource, { fullyQualifiedName: f.resource.constructPath, kind: 'module' }];
}

function describeRules(input: ReportInput, context: ReportContext): RuleInfo[] {
  const byId = new Map<string, RuleInfo>();
  const firstFinding = new Map<string, Finding>();
  for (const f of input.findings) if (!firstFinding.has(f.ruleId)) firstFinding.set(f.ruleId, f);
  const ids = [...input.rulesRun.map((r) => r.id), ...input.findings.map((f) => f.ruleId)];
  for (const id of ids) {
    if (byId.has(id)) continue; // GitHub rejects duplicate rule ids
    const doc = context.ruleDoc(id);
    const finding = firstFinding.get(id);
    byId.set(id, { id, doc, severity: doc?.severity ?? finding?.severity ?? 'medium', controls: doc?.controls ?? finding?.controls ?? [] });
  }
  return [...byId.values()];
}

function ruleDescriptor(rule: RuleInfo): Json {
  const title = rule.doc?.title ?? rule.id;
  const why = rule.doc?.why ?? title;
  const citations = rule.controls.map((c) => `HIPAA-${c}`);
  const tags = ['security', 'hipaa', ...citations].slice(0, GITHUB_LIMITS.shownTags);
  return {
    id: rule.id,
    name: pascalName(rule.id),
    shortDescription: { text: clip(title, 1024) },
    fullDescription: { text: clip(why, 1024) },
    helpUri: rule.doc?.links[0] ?? `${RULE_DOCS_URI}/${rule.id}.md`,
    help: { text: clip(helpText(rule), 10_000), markdown: helpMarkdown(rule) },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    properties: {
      tags,
      precision: 'very-high',
      'security-severity': SECURITY_SEVERITY[rule.severity],
      'problem.severity': rule.severity === 'low' ? 'recommendation' : SARIF_LEVEL[rule.severity] === 'error' ? 'error' : 'warning',
      severity: rule.severity,
      hipaa: rule.controls,
    },
  };
}

/** `aws-rds-require-storage-encryption` → `AwsRdsRequireStorageEncryption` (SARIF `name` is an identifier). */
function pascalName(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter((p) => p !== '')
    .map((p) => p[0]!.toUpperCase() + p.slice(1))
    .join('')
    .slice(0, 255);
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function helpText(rule: RuleInfo): string {
  const lines = [rule.doc?.why ?? '', rule.doc ? `How to fix: ${rule.doc.howToFix}` : '', rule.controls.length > 0 ? `HIPAA: ${rule.controls.join(', ')}` : ''];
  return lines.filter((l) => l !== '').join('\n\n') || rule.id;
}

function helpMarkdown(rule: RuleInfo): string {
  const doc = rule.doc;
  const parts: string[] = [`**${doc?.title ?? rule.id}** (severity: ${rule.severity})`];
  if (doc) parts.push(`### Why it matters\n\n${doc.why}`, `### How to fix\n\n${doc.howToFix}`);
  const examples = doc?.examples;
  if (examples && (examples.bad.length > 0 || examples.good.length > 0)) {
    const block = (code: string): string => `\`\`\`hcl\n${redactSecrets(code).trimEnd()}\n\`\`\``;
    const bad = examples.bad[0];
    const good = examples.good[0];
    parts.push(['### Examples', ...(bad !== undefined ? ['Non-compliant:', block(bad)] : []), ...(good !== undefined ? ['Compliant:', block(good)] : [])].join('\n\n'));
  }
  if (rule.controls.length > 0) {
    parts.push(
      `### HIPAA Security Rule\n\n${rule.controls
        .map((id) => {
          const s = SECTION_BY_ID.get(id);
          return s ? `- 45 CFR ${s.id} ${s.title} (${s.requirement}; ${s.part})` : `- 45 CFR ${id}`;
        })
        .join('\n')}`,
    );
  }
  if (doc && doc.links.length > 0) parts.push(`### References\n\n${doc.links.map((l) => `- <${l}>`).join('\n')}`);
  return parts.join('\n\n');
}

function region(span: Span, redactedText: string | undefined): Json {
  // SARIF's endColumn, like ours, is the column after the last character (end exclusive).
  const r: Json = { startLine: span.start.line, startColumn: span.start.column, endLine: span.end.line, endColumn: span.end.column };
  if (redactedText !== undefined) {
    // One line at most, as the text report's code frame: a whole resource block would carry every
    // value in it, and masking knows secrets by name and by form, not all of them.
    const snippet = redactedText.slice(span.start.offset, span.end.offset);
    if (snippet.length > 0 && snippet.length <= 2000 && span.start.line === span.end.line) r.snippet = { text: snippet };
  }
  return r;
}

function physicalLocation(input: ReportInput, span: Span, redactedText: string | undefined): Json {
  return { artifactLocation: { uri: encodeUri(repositoryPath(input, span.file)) }, region: region(span, redactedText) };
}

/** A relative URI reference: path segments percent-encoded, slashes kept. */
function encodeUri(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function result(
  f: Finding,
  ruleIndex: number | undefined,
  input: ReportInput,
  fingerprintSource: (file: string) => string | undefined,
  physical: (span: Span, withSnippet: boolean) => Json,
  hashesOf: (file: string) => string[] | undefined,
  withSnippets: boolean,
): Json {
  const lineHash = hashesOf(f.span.file)?.[f.span.start.line - 1];
  const file = repositoryPath(input, f.span.file);
  const r: Json = {
    ruleId: f.ruleId,
    ...(ruleIndex !== undefined ? { ruleIndex } : {}),
    level: SARIF_LEVEL[f.severity],
    message: { text: messageWithRoot(input, f) },
    locations: [
      {
        physicalLocation: physical(f.span, withSnippets),
        logicalLocations: logicalLocationsOf(f),
      },
    ],
    partialFingerprints: {
      ...(lineHash !== undefined ? { primaryLocationLineHash: lineHash } : {}),
      [CONTENT_FINGERPRINT_KEY]: redactedContentFingerprint(f, file, fingerprintSource(f.span.file)),
    },
    properties: {
      severity: f.severity,
      'security-severity': SECURITY_SEVERITY[f.severity],
      resource: f.resource.address,
      resourceKind: f.resource.kind,
      ...(f.resource.root !== undefined ? { root: repositoryPath(input, f.resource.root) } : {}),
      ...(f.resource.constructPath !== undefined ? { constructPath: f.resource.constructPath } : {}),
      ...(f.resource.instance !== undefined ? { instance: { root: repositoryPath(input, f.resource.instance.root), file: repositoryPath(input, f.resource.instance.file), offset: f.resource.instance.offset } } : {}),
      hipaa: f.controls,
      ...(f.fix ? { fix: { description: f.fix.description, safety: f.fix.safety } } : {}),
    },
  };
  if (f.related.length > 0) {
    r.relatedLocations = f.related.slice(0, 1000).map((rel, i) => ({ id: i + 1, physicalLocation: physical(rel.span, false), message: { text: rel.message } }));
  }
  if (f.status === 'waived' && f.waiver) {
    r.suppressions = [
      {
        kind: f.waiver.source === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: f.waiver.reason,
        ...(f.waiver.span ? { location: { physicalLocation: physical(f.waiver.span, false) } } : {}),
        properties: { waiverId: f.waiver.id, ...(f.waiver.expires ? { expires: f.waiver.expires } : {}) },
      },
    ];
  }
  return r;
}

function notification(d: Diagnostic, input: ReportInput): Json {
  const file = d.span?.file ?? d.file;
  return {
    level: d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'note',
    descriptor: { id: d.code },
    message: { text: d.hint ? `${d.message} ${d.hint}` : d.message },
    ...(file !== undefined
      ? {
          locations: [
            {
              physicalLocation: d.span ? physicalLocation(input, d.span, undefined) : { artifactLocation: { uri: encodeUri(repositoryPath(input, file)) } },
            },
          ],
        }
      : {}),
  };
}
