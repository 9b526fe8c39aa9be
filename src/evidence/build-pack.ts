// The evidence pack (issue 9), built from one scan: file name → bytes, but for the findings as JSON,
// SARIF and CSV (every result of the scan, by far the largest files), the registers (a row per
// failing finding) and the page (index.html), which are made in pieces as they are written (issue 11:
// corpus (b) of the bench, 115 000 results, held a 224 MB JSON text and its bytes, and a page of 29 MB).
// The CLI writes the pack to a folder (and a zip); nothing here touches the file system, so tests
// build packs directly (buildEvidencePack, every file in memory).
import type { KeyObject } from 'node:crypto';
import { maskDetected } from '../detectors/mask.js';
import type { Diagnostic } from '../source/diagnostic.js';
import type { Finding } from '../engine/finding.js';
import type { InfraModel } from '../model/infra-model.js';
import { isPlainObject, type Plain } from '../model/value.js';
import type { ScannedFile } from '../pipeline/scan.js';
import { renderCsvChunks } from '../reporters/csv.js';
import { renderJsonChunks } from '../reporters/json.js';
import { redactedSources, reportedLiterals, sensitiveAssignmentsMasked } from '../reporters/redact.js';
import { displayPath, splitContextFiles, textPieces, type ReportContext, type ReportInput, type RuleDoc } from '../reporters/report-input.js';
import { renderSarifChunks } from '../reporters/sarif.js';
import { summarize } from '../reporters/summary.js';
import { codeFrame } from '../source/code-frame.js';
import type { WaiverPolicy, WaiverRegister, WaiverState } from '../waivers/waiver.js';
import { buildControlMatrix, controlMatrixCsvPieces, type MatrixRule } from './control-matrix.js';
import { evidenceHtmlPieces, type EvidencePage } from './html/page.js';
import { maskText } from './mask-text.js';
import { pushTo } from '../util/multi-map.js';
import { tagMap } from '../model/tags.js';
import { isClassificationKey } from '../rules/aws/phi-scope.js';
import { buildManifestOf, MANIFEST_FILE, SIGNATURE_FILE, sha256Hex, type AuditLogState, type ManifestEntry, type ManifestRun } from './manifest.js';
import { buildRiskRegister, riskRegisterCsvPieces, riskRegisterJsonPieces } from './risk-register.js';
import { buildSbom, type SbomModuleCall } from './sbom.js';
import { buildWaiverSection, renderWaiversJson } from './waiver-register.js';

export interface EvidenceInput {
  readonly report: ReportInput;
  /** The scanned files with their text (code frames, lock files). */
  readonly files: readonly ScannedFile[];
  /** The evaluated source model: resource tags for the risk register, module calls for the SBOM. */
  readonly model?: InfraModel;
  /**
   * What the pack reads of the model (modelFacts), instead of `model`: taken while the scan's model
   * is alive, so that the caller can let the model go before the pack is made.
   */
  readonly facts?: ModelFacts;
  readonly tool: { readonly name: string; readonly version: string };
  readonly now: Date;
  readonly gitCommit: string | null;
  /** The audit log's state, recorded in the manifest (absent when the scan has no audit log). */
  readonly auditLog?: AuditLogState;
  readonly ruleDoc: (id: string) => RuleDoc | undefined;
  /** Every rule in the catalog (run or not), for the control matrix. */
  readonly catalog: readonly MatrixRule[];
  readonly waiverRegister?: WaiverRegister;
  readonly waiverPolicy?: WaiverPolicy;
  /** Each register waiver's state as the scan applied it (ScanResult.waivers.states). */
  readonly waiverStates?: ReadonlyMap<string, WaiverState>;
  readonly signingKey?: KeyObject;
}

export interface EvidencePack {
  /** Pack-relative path → bytes, manifest.json and manifest.sig included. */
  readonly files: ReadonlyMap<string, Uint8Array>;
  readonly run: ManifestRun;
}

/** A file of the pack: its bytes, or its pieces (UTF-8 text or bytes), made each time they are asked for. */
export type PackFile = { readonly path: string; readonly bytes: Uint8Array } | { readonly path: string; pieces(): Iterable<string | Uint8Array> };

/** The pack before it is written: its files in order, then the manifest, sealed over their digests. */
export interface EvidencePackParts {
  /** Every file but manifest.json and manifest.sig, in the pack's order. */
  readonly files: readonly PackFile[];
  readonly run: ManifestRun;
  /** manifest.json (and manifest.sig when signing) for the digest and size of every file. */
  seal(digests: readonly ManifestEntry[]): readonly { readonly path: string; readonly bytes: Uint8Array }[];
}

const DESCRIPTIONS: Readonly<Record<string, string>> = {
  'index.html': 'This page: summary, control matrix, findings, risk and waiver registers, scope, components.',
  'findings.json': 'Every result (pass, fail, waived, unknown) in safeguard’s JSON report format (docs/json-schema.md).',
  'findings.sarif': 'Failing and waived results as SARIF 2.1.0 (waived ones as suppressions).',
  'findings.csv': 'Every result, one row each, for spreadsheets.',
  'control-matrix.csv': 'The control matrix: one row per HIPAA section and rule, with counts and resources.',
  'risk-register.csv': 'The risk register: failing and waived findings scored likelihood × impact.',
  'risk-register.json': 'The risk register as JSON, with totals per safeguard and the scoring method.',
  'waivers.json': 'The waiver register and inline suppressions, with what each waived here.',
  'sbom.cdx.json': 'CycloneDX 1.6 SBOM: locked Terraform providers (with hashes) and called modules.',
  [MANIFEST_FILE]: 'SHA-256 of every other file and the run’s metadata.',
  [SIGNATURE_FILE]: 'Ed25519 signature of manifest.json (base64).',
};

/**
 * The resource's data classification tag (tags or labels, after provider default_tags), when known:
 * any key the PHI scope reads as one (`data_classification`, `Classification`, `DataSensitivity`…),
 * so the register scores as PHI what the PHI-scoped rules judge as PHI.
 */
export function classificationLookup(model: InfraModel | undefined): (f: Finding) => string | undefined {
  if (!model) return () => undefined;
  // By root module and address first, as findings name them (Finding.resource.root is Resource.root
  // but for ''): the same address in another root module may carry other tags (a shared module's
  // inputs). By address alone for the rest: a plan's finding (its root is the plan file) takes the tags
  // of the source resource it plans.
  const key = (root: string | undefined, address: string): string => `${root ?? ''}\u0000${address}`;
  const byRoot = new Map<string, InfraModel['resources'][number][]>();
  const byAddress = new Map<string, InfraModel['resources'][number][]>();
  for (const r of model.resources) {
    pushTo(byRoot, key(r.root, r.address), r);
    pushTo(byAddress, r.address, r);
  }
  return (f) => {
    const candidates = byRoot.get(key(f.resource.root, f.resource.address)) ?? byAddress.get(f.resource.address) ?? [];
    const r = candidates.find((c) => c.span.file === f.span.file) ?? candidates[0];
    if (!r) return undefined;
    const written: Plain | undefined = r.effectiveTags?.value ?? r.attributes.get(r.type.startsWith('google_') ? 'labels' : 'tags')?.value;
    // An awscc resource's tags are a list of { key, value }: read as the PHI rules read them.
    const tags = written === undefined ? undefined : tagMap(written);
    if (!isPlainObject(tags)) return undefined;
    const entry = Object.entries(tags).find(([k]) => isClassificationKey(k));
    return typeof entry?.[1] === 'string' ? entry[1] : undefined;
  };
}

/** What the pack reads of the evaluated source model. */
export interface ModelFacts {
  /** The data_classification tag of a failing or waived finding's resource (classificationLookup). */
  readonly classify: (f: Finding) => string | undefined;
  /** The module calls, with only what the SBOM reads of them. */
  readonly moduleCalls: readonly SbomModuleCall[];
}

/**
 * The model's facts the pack reads, for `findings`: the classification of each failing or waived
 * finding (the risk register asks for no other) and the module calls' names and sources. Kept
 * without the model (issue 11): the evaluated model of every root module stayed live until the
 * pack's registers and page were made, and a monorepo of 1000 root modules (rn1000) peaked at
 * ~640 MB against ~440 MB for `scan`.
 */
export function modelFacts(model: InfraModel | undefined, findings: readonly Finding[]): ModelFacts {
  const moduleCalls = (model?.moduleCalls ?? []).map((c): SbomModuleCall => ({ address: c.address, source: c.source, ...(c.version !== undefined ? { version: c.version } : {}), kind: c.kind }));
  const lookup = classificationLookup(model);
  // classificationLookup reads a finding's root module, address and file, and nothing else.
  const key = (f: Finding): string => `${f.resource.root ?? ''}\u0000${f.resource.address}\u0000${f.span.file}`;
  const known = new Map<string, string | undefined>();
  for (const f of findings) {
    if (f.status !== 'fail' && f.status !== 'waived') continue;
    const k = key(f);
    if (!known.has(k)) known.set(k, lookup(f));
  }
  return { classify: (f) => known.get(key(f)), moduleCalls };
}

/** `mask` with each answer kept: the detectors read nothing but the text. */
function remembered(mask: (text: string) => string): (text: string) => string {
  const known = new Map<string, string>();
  return (text) => {
    let out = known.get(text);
    if (out === undefined) {
      out = mask(text);
      known.set(text, out);
    }
    return out;
  };
}

/** Secret and PHI values masked (by `mask`, maskDetected) in every string of a JSON value this module authors. */
function maskStrings<T>(value: T, mask: (text: string) => string): T {
  if (typeof value === 'string') return mask(value) as T;
  if (Array.isArray(value)) return value.map((v: unknown) => maskStrings(v, mask)) as T;
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskStrings(v, mask)])) as T;
  return value;
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/**
 * The report with its free text masked: a diagnostic may quote a module source with a token in its
 * URL, or a value a detector recognises, and the pack must hold neither. `mask` is mask-text.ts maskText,
 * remembered: a monorepo's findings repeat their messages in every root module.
 */
function maskedReport(report: ReportInput, mask: (text: string) => string): ReportInput {
  const diagnostic = (d: Diagnostic): Diagnostic => ({ ...d, message: mask(d.message), ...(d.hint !== undefined ? { hint: mask(d.hint) } : {}) });
  // A finding whose text has nothing to mask is kept as it is, not copied: a copy of every finding
  // (115 000 for corpus (b) of the bench) was held beside the originals while the pack was written.
  const finding = (f: Finding): Finding => {
    const message = mask(f.message);
    const related = f.related.map((r) => {
      const masked = mask(r.message);
      return masked === r.message ? r : { ...r, message: masked };
    });
    const reason = f.waiver ? mask(f.waiver.reason) : undefined;
    if (message === f.message && related.every((r, i) => r === f.related[i]) && reason === f.waiver?.reason) return f;
    return { ...f, message, related, ...(f.waiver ? { waiver: { ...f.waiver, reason: reason! } } : {}) };
  };
  const findings = new Map(report.findings.map((f) => [f, finding(f)]));
  return { ...report, findings: [...findings.values()], blocking: report.blocking.map((f) => findings.get(f) ?? finding(f)), diagnostics: report.diagnostics.map(diagnostic), skipped: report.skipped.map((s) => ({ ...s, detail: mask(s.detail) })) };
}

/** The whole pack in memory, each file's bytes (tests, and callers that want the bytes). */
export function buildEvidencePack(input: EvidenceInput): EvidencePack {
  const parts = prepareEvidencePack(input);
  const files = new Map<string, Uint8Array>();
  for (const f of parts.files) files.set(f.path, 'bytes' in f ? f.bytes : utf8([...textPieces(f.pieces())].join('')));
  for (const f of parts.seal([...files].map(([path, bytes]) => ({ path, sha256: sha256Hex(bytes), bytes: bytes.byteLength })))) files.set(f.path, f.bytes);
  return { files, run: parts.run };
}

export function prepareEvidencePack(input: EvidenceInput): EvidencePackParts {
  // The model is read first, and not again: with `facts`, the caller holds no model at all.
  const facts = input.facts ?? modelFacts(input.model, input.report.findings);
  // Each text is masked once however often it occurs (rn1000: 222 000 findings, the detectors took ~2 s).
  const report = maskedReport(input.report, remembered(maskText));
  const display = (file: string): string => displayPath(report, file);
  // Values set for variables declared sensitive are masked wherever they are set, as in scan reports.
  const sources = sensitiveAssignmentsMasked(input.files, reportedLiterals(input.report.findings));
  const redactedSource = redactedSources(sources);
  const context: ReportContext = { tool: input.tool, sources, ruleDoc: input.ruleDoc, color: false, verbose: true, quiet: false, now: input.now, includeSuppressed: true };
  const summary = summarize(report);
  const matrix = buildControlMatrix(report.findings, input.catalog, new Set(report.rulesRun.map((r) => r.id)));
  const risk = maskStrings(buildRiskRegister(report.findings, facts.classify), remembered(maskDetected));
  const today = input.now.toISOString().slice(0, 10);
  const waivers = buildWaiverSection(report.findings, input.waiverRegister, today, input.waiverPolicy, input.waiverStates);
  const sbom = buildSbom({ tool: input.tool, subject: report.displayRoot === '' ? '.' : report.displayRoot, timestamp: input.now, files: input.files, moduleCalls: facts.moduleCalls });

  const files: PackFile[] = [
    { path: 'findings.json', pieces: () => renderJsonChunks(report, context) },
    { path: 'findings.sarif', pieces: () => renderSarifChunks(report, context) },
    { path: 'findings.csv', pieces: () => renderCsvChunks(report, context) },
    // A row or an entry at a time, as the findings: held whole, rn1000's three were 47 MB beside the page's data.
    { path: 'control-matrix.csv', pieces: () => controlMatrixCsvPieces(matrix) },
    { path: 'risk-register.csv', pieces: () => riskRegisterCsvPieces(risk, display) },
    { path: 'risk-register.json', pieces: () => riskRegisterJsonPieces(risk, display) },
    { path: 'waivers.json', bytes: utf8(maskDetected(renderWaiversJson(waivers, display))) },
    { path: 'sbom.cdx.json', bytes: utf8(`${JSON.stringify(sbom.bom, null, 2)}\n`) },
  ];

  const scanRoot = report.displayRoot === '' ? '.' : report.displayRoot;
  const packFiles = [...files.map((f) => f.path), MANIFEST_FILE, ...(input.signingKey ? [SIGNATURE_FILE] : [])].map((path) => ({ path, description: DESCRIPTIONS[path] ?? '' }));
  const page: EvidencePage = {
    tool: input.tool,
    generatedAt: input.now,
    scanRoot,
    gitCommit: input.gitCommit,
    ...(input.auditLog ? { auditLog: input.auditLog } : {}),
    failOn: report.failOn,
    exitCode: report.exitCode,
    summary,
    matrix,
    findings: report.findings,
    frame: (f) => {
      const text = redactedSource(f.span.file);
      return text === undefined ? '' : codeFrame(text, f.span, { contextLines: 2 });
    },
    display,
    ruleDoc: input.ruleDoc,
    risk,
    waivers,
    sbom,
    scope: scopeOf(input.files, report, sbom.diagnostics),
    packFiles: [{ path: 'index.html', description: DESCRIPTIONS['index.html']! }, ...packFiles],
  };
  files.push({ path: 'index.html', pieces: () => evidenceHtmlPieces(page) });

  const run: ManifestRun = {
    tool: input.tool,
    generatedAt: input.now.toISOString(),
    scanRoot,
    gitCommit: input.gitCommit,
    failOn: report.failOn,
    exitCode: report.exitCode,
    counts: {
      ...summary.byStatus,
      blocking: summary.blocking,
      errors: summary.errors,
      warnings: summary.warnings,
      filesScanned: summary.filesScanned,
      filesSkipped: summary.filesSkipped,
      rulesRun: summary.rulesRun,
      riskEntries: risk.entries.length,
      sbomComponents: sbom.providers.length + sbom.modules,
    },
    ...(input.auditLog ? { auditLog: input.auditLog } : {}),
  };
  // Not `input`: the seal is kept until the pack is written, and the input holds the source model.
  const signingKey = input.signingKey;
  const seal: EvidencePackParts['seal'] = (digests) => {
    const signed = buildManifestOf(digests, run, signingKey);
    return [{ path: MANIFEST_FILE, bytes: signed.manifest }, ...(signed.signature ? [{ path: SIGNATURE_FILE, bytes: signed.signature }] : [])];
  };
  return { files, run, seal };
}

/** The files assessed, and apart from them those read only as the context of named Terraform files. */
function scopeOf(files: readonly ScannedFile[], report: ReportInput, extra: readonly Diagnostic[]): EvidencePage['scope'] {
  const { scanned, context } = splitContextFiles(files, report.contextFiles);
  const entry = (f: ScannedFile): { path: string; format: string } => ({ path: f.path, format: f.format });
  const scope = { files: scanned.map(entry), skipped: report.skipped, diagnostics: [...report.diagnostics, ...extra] };
  return context.length > 0 ? { ...scope, contextFiles: context.map(entry) } : scope;
}
