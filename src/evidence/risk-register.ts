// The risk register of the evidence pack (issue 9): every failing or waived finding scored
// likelihood × impact on a 5 × 5 scale, summed per HIPAA safeguard, for the risk analysis and risk
// management the Security Rule requires (45 CFR 164.308(a)(1)(ii)(A) and (B)).
//
// Likelihood comes from the rule's severity (how directly the weakness exposes data). Impact comes
// from the resource's `data_classification` tag when it is known: PHI raises it to the top, since a
// breach of ePHI is reportable (45 CFR 164.402); an untagged resource is scored as internal data.
import type { Finding } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import { csvCell } from '../reporters/csv.js';
import { jsonWithList, listMarker, mapped } from '../reporters/json-pieces.js';
import { hipaaSection, primaryControl } from '../reporters/by-safeguard.js';
import { pushTo } from '../util/multi-map.js';
import { isPhiClassification } from '../rules/aws/phi-scope.js';

export type Classification = 'phi' | 'confidential' | 'internal' | 'public' | 'unknown';
export type RiskLevel = 'low' | 'medium' | 'high' | 'critical';

const LIKELIHOOD: Readonly<Record<Severity, number>> = { critical: 5, high: 4, medium: 3, low: 2 };
const IMPACT: Readonly<Record<Classification, number>> = { phi: 5, confidential: 4, internal: 3, unknown: 3, public: 2 };

export interface RiskEntry {
  readonly ruleId: string;
  readonly title: string;
  readonly status: 'fail' | 'waived';
  readonly severity: Severity;
  readonly resource: string;
  /** Finding.resource.root, when the resource's root module is not the scan root itself. */
  readonly root?: string;
  readonly file: string;
  readonly line: number;
  /** HIPAA section the finding is filed under (its rule's first control). */
  readonly safeguard: string;
  readonly safeguardTitle: string;
  readonly classification: Classification;
  readonly likelihood: number;
  readonly impact: number;
  readonly score: number;
  readonly level: RiskLevel;
  /** For a waived finding: the waiver id that accepts the risk. */
  readonly waiver?: string;
}

export interface SafeguardRisk {
  readonly safeguard: string;
  readonly title: string;
  readonly findings: number;
  readonly totalScore: number;
  readonly maxScore: number;
  readonly level: RiskLevel;
}

export interface RiskRegister {
  readonly method: string;
  readonly entries: readonly RiskEntry[];
  readonly bySafeguard: readonly SafeguardRisk[];
}

export const RISK_METHOD =
  'score = likelihood × impact (1–25). Likelihood from severity: critical 5, high 4, medium 3, low 2. Impact from the data_classification tag: phi 5, confidential 4, internal 3, public 2, untagged or unknown 3. Levels: 1–4 low, 5–9 medium, 10–16 high, 17–25 critical.';

export function riskLevel(score: number): RiskLevel {
  return score >= 17 ? 'critical' : score >= 10 ? 'high' : score >= 5 ? 'medium' : 'low';
}

/** Normalises a tag value to a known classification ('unknown' for anything else). */
export function classificationOf(value: string | undefined): Classification {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === '') return 'unknown';
  // As the PHI-scoped rules read it (phi-scope.ts): `phi-restricted`, `ePHI`, `PHI/PII`, not `philanthropy`.
  if (isPhiClassification(v)) return 'phi';
  if (v === 'confidential' || v === 'internal' || v === 'public') return v;
  return 'unknown';
}

/** `classify(finding)` returns the resource's data_classification tag value when the model knows it. */
export function buildRiskRegister(findings: readonly Finding[], classify: (f: Finding) => string | undefined): RiskRegister {
  const entries = findings
    .filter((f): f is Finding & { status: 'fail' | 'waived' } => f.status === 'fail' || f.status === 'waived')
    .map((f): RiskEntry => {
      const classification = classificationOf(classify(f));
      const likelihood = LIKELIHOOD[f.severity];
      const impact = IMPACT[classification];
      const score = likelihood * impact;
      const safeguard = primaryControl(f);
      return {
        ruleId: f.ruleId,
        title: f.title,
        status: f.status,
        severity: f.severity,
        resource: f.resource.address,
        ...(f.resource.root !== undefined ? { root: f.resource.root } : {}),
        file: f.span.file,
        line: f.span.start.line,
        safeguard,
        safeguardTitle: hipaaSection(safeguard)?.title ?? 'Not mapped to a HIPAA section',
        classification,
        likelihood,
        impact,
        score,
        level: riskLevel(score),
        ...(f.waiver ? { waiver: f.waiver.id } : {}),
      };
    })
    .sort((a, b) => b.score - a.score || (a.safeguard < b.safeguard ? -1 : a.safeguard > b.safeguard ? 1 : 0) || (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  const groups = new Map<string, RiskEntry[]>();
  for (const e of entries) pushTo(groups, e.safeguard, e);
  const bySafeguard = [...groups].map(([safeguard, list]): SafeguardRisk => {
    const maxScore = Math.max(...list.map((e) => e.score));
    return { safeguard, title: list[0]!.safeguardTitle, findings: list.length, totalScore: list.reduce((n, e) => n + e.score, 0), maxScore, level: riskLevel(maxScore) };
  });
  bySafeguard.sort((a, b) => b.totalScore - a.totalScore || (a.safeguard < b.safeguard ? -1 : 1));
  return { method: RISK_METHOD, entries, bySafeguard };
}

export const RISK_COLUMNS = ['Score', 'Level', 'Likelihood', 'Impact', 'Status', 'Severity', 'Data classification', 'Rule', 'Title', 'Resource', 'File', 'Line', 'HIPAA safeguard', 'Safeguard title', 'Waiver', 'Root module'] as const;

/** `display(file)` turns a root-relative path into what the user sees. RFC 4180, CRLF. */
export function renderRiskRegisterCsv(register: RiskRegister, display: (file: string) => string): string {
  return [...riskRegisterCsvPieces(register, display)].join('');
}

/** renderRiskRegisterCsv a row at a time, for the pack's writer: the text of every failing finding is not held at once. */
export function* riskRegisterCsvPieces(register: RiskRegister, display: (file: string) => string): Generator<string> {
  const line = (row: readonly (string | number)[]): string => `${row.map(csvCell).join(',')}\r\n`;
  yield line(RISK_COLUMNS);
  for (const e of register.entries) yield line([e.score, e.level, e.likelihood, e.impact, e.status, e.severity, e.classification, e.ruleId, e.title, e.resource, display(e.file), e.line, e.safeguard, e.safeguardTitle, e.waiver ?? '', e.root !== undefined ? display(e.root) : '']);
}

export function renderRiskRegisterJson(register: RiskRegister, display: (file: string) => string): string {
  return [...riskRegisterJsonPieces(register, display)].join('');
}

/** renderRiskRegisterJson an entry at a time (JSON.stringify(…, null, 2) of the register, the same text). */
export function* riskRegisterJsonPieces(register: RiskRegister, display: (file: string) => string): Generator<string> {
  const marker = listMarker();
  yield* jsonWithList({ schemaVersion: '1.1', method: register.method, bySafeguard: register.bySafeguard, entries: marker }, marker, mapped(register.entries, (e) => ({ ...e, ...(e.root !== undefined ? { root: display(e.root) } : {}), file: display(e.file) })));
  yield '\n';
}
