// index.html of the evidence pack: one self-contained page an auditor opens offline. No script, no
// external resource (fonts, images, CDNs); a Content-Security-Policy that allows only the page's
// own stylesheet by hash; charts as inline SVG; every string escaped; @media print rules.
import { createHash } from 'node:crypto';
import type { Diagnostic } from '../../source/diagnostic.js';
import type { SkippedFile } from '../../discovery/skipped-file.js';
import type { Finding } from '../../engine/finding.js';
import type { ReportSummary } from '../../reporters/summary.js';
import type { RuleDoc } from '../../reporters/report-input.js';
import type { MatrixSection } from '../control-matrix.js';
import type { RiskRegister } from '../risk-register.js';
import type { Sbom } from '../sbom.js';
import type { WaiverSection } from '../waiver-register.js';
import { barChart, stackedBar } from './charts.js';
import type { AuditLogState } from '../manifest.js';
import { html } from './escape.js';
import { controlMatrixSection, findingsSection, riskSection, sbomSection, scopeSection, waiverSection } from './sections.js';
import { STYLES } from './styles.js';

export interface EvidencePage {
  readonly tool: { readonly name: string; readonly version: string };
  readonly generatedAt: Date;
  /** The scan root as the user named it ('.' for the working directory). */
  readonly scanRoot: string;
  readonly gitCommit: string | null;
  /** The audit log's state when the pack was made, when the scan root has one. */
  readonly auditLog?: AuditLogState;
  readonly failOn: string;
  readonly exitCode: number;
  readonly summary: ReportSummary;
  readonly matrix: readonly MatrixSection[];
  readonly findings: readonly Finding[];
  /** The redacted code frame of a span, '' when its file text is not at hand. */
  readonly frame: (finding: Finding) => string;
  readonly display: (file: string) => string;
  readonly ruleDoc: (id: string) => RuleDoc | undefined;
  readonly risk: RiskRegister;
  readonly waivers: WaiverSection;
  readonly sbom: Sbom;
  readonly scope: {
    readonly files: readonly { readonly path: string; readonly format: string }[];
    /** Files read only to evaluate named Terraform files as part of their configuration (not assessed themselves). */
    readonly contextFiles?: readonly { readonly path: string; readonly format: string }[];
    readonly skipped: readonly SkippedFile[];
    readonly diagnostics: readonly Diagnostic[];
  };
  /** The other files of the pack, with a one-line description each. */
  readonly packFiles: readonly { readonly path: string; readonly description: string }[];
}

/** '164.316 Policies and procedures and documentation requirements' → '164.316 Policies and procedures': chart labels stay short. */
function shortPart(part: string): string {
  const words = part.split(' ');
  return words.length <= 3 ? part : words.slice(0, words[2] === 'and' ? 4 : 2).join(' ');
}

export function contentSecurityPolicy(styles: string): string {
  const hash = createHash('sha256').update(styles, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; img-src 'none'; font-src 'none'; connect-src 'none'; script-src 'none'; object-src 'none'; frame-src 'none'; base-uri 'none'; form-action 'none'`;
}

/** The page in pieces, a chapter's row at a time (sections.ts): the pack writes it without holding it whole. */
export function* evidenceHtmlPieces(page: EvidencePage): Generator<string> {
  const s = page.summary;
  const passed = page.exitCode === 0;
  const sectionsBy = (verdict: string): number => page.matrix.filter((m) => m.verdict === verdict).length;
  const parts = [...new Set(page.matrix.map((m) => m.part))];
  const partBars = parts.map((part) => ({ label: shortPart(part), value: page.matrix.filter((m) => m.part === part && m.verdict === 'failing').length, className: 's-fail' }));
  const summary = `
<section id="summary" class="chapter first">
<h2>Summary</h2>
<p><span class="verdict ${passed ? 'pass' : 'fail'}">${passed ? 'PASSED' : 'FAILED'}</span>
 ${passed ? html(`Nothing fails at or above ${page.failOn}.`) : html(`${s.blocking} failing finding${s.blocking === 1 ? '' : 's'} at or above ${page.failOn}${s.errors > 0 ? `, ${s.errors} error${s.errors === 1 ? '' : 's'}` : ''}.`)}</p>
<div class="cards">
 <div class="card fail"><div class="n">${s.byStatus.fail}</div>failing</div>
 <div class="card waived"><div class="n">${s.byStatus.waived}</div>waived</div>
 <div class="card unknown"><div class="n">${s.byStatus.unknown}</div>unknown</div>
 <div class="card pass"><div class="n">${s.byStatus.pass}</div>passing</div>
 <div class="card"><div class="n">${sectionsBy('failing')}/${page.matrix.length}</div>HIPAA sections failing</div>
 <div class="card"><div class="n">${s.filesScanned}</div>files scanned (${s.filesSkipped} skipped)</div>
 <div class="card"><div class="n">${s.rulesRun}</div>rules run</div>
</div>
<div class="charts">
<div><h3>Results by status</h3>${stackedBar('Results by status', [
    { label: 'fail', value: s.byStatus.fail, className: 's-fail' },
    { label: 'waived', value: s.byStatus.waived, className: 's-waived' },
    { label: 'unknown', value: s.byStatus.unknown, className: 's-unknown' },
    { label: 'pass', value: s.byStatus.pass, className: 's-pass' },
  ])}
<h3>HIPAA sections</h3>${stackedBar('HIPAA sections by verdict', [
    { label: 'failing', value: sectionsBy('failing'), className: 's-fail' },
    { label: 'undecided', value: sectionsBy('undecided'), className: 's-unknown' },
    { label: 'covered', value: sectionsBy('covered'), className: 's-pass' },
    { label: 'not assessed', value: sectionsBy('not-assessed'), className: 's-unassessed' },
    { label: 'not checkable in code', value: sectionsBy('not-checkable'), className: 's-none' },
  ])}</div>
<div><h3>Failing findings by severity</h3>${barChart('Failing findings by severity', (['critical', 'high', 'medium', 'low'] as const).map((sev) => ({ label: sev, value: s.failingBySeverity[sev], className: `s-${sev}` })))}
<h3>Failing sections by safeguard</h3>${barChart('Failing HIPAA sections by safeguard', partBars)}</div>
</div>
</section>`;

  const packList = `
<section id="pack" class="chapter">
<h2>Contents of this pack</h2>
<p class="note">Every file's SHA-256 is in manifest.json${page.packFiles.some((f) => f.path === 'manifest.sig') ? ', signed with Ed25519 in manifest.sig' : ''}. Check them with <code>safeguard evidence verify DIR</code> (docs/evidence.md).</p>
<table><thead><tr><th>File</th><th>What it is</th></tr></thead><tbody>
${page.packFiles.map((f) => `<tr><td class="id">${html(f.path)}</td><td>${html(f.description)}</td></tr>`).join('\n')}
</tbody></table>
</section>`;

  const nav = [
    ['summary', 'Summary'],
    ['controls', 'Control matrix'],
    ['findings', 'Findings'],
    ['risks', 'Risk register'],
    ['waivers', 'Waiver register'],
    ['scope', 'Scope'],
    ['sbom', 'Components (SBOM)'],
    ['pack', 'Pack contents'],
  ];
  yield `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${html(contentSecurityPolicy(STYLES))}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${html(`HIPAA evidence pack: ${page.scanRoot}`)}</title>
<style>${STYLES}</style>
</head>
<body>
<header class="top">
<h1>HIPAA Security Rule evidence pack</h1>
<dl class="meta">
<dt>Scan root</dt><dd>${html(page.scanRoot)}</dd>
<dt>Git commit</dt><dd>${html(page.gitCommit ?? 'not in a git repository')}</dd>
<dt>Generated</dt><dd>${html(page.generatedAt.toISOString())}</dd>
<dt>Tool</dt><dd>${html(`${page.tool.name} ${page.tool.version}`)}</dd>
<dt>Fails on</dt><dd>${html(page.failOn)}</dd>
${page.auditLog ? `<dt>Audit log</dt><dd>${html(`${page.auditLog.file}: ${page.auditLog.entries} entries, ${page.auditLog.intact ? 'hash chain intact' : 'hash chain broken'}${page.auditLog.head ? `, head ${page.auditLog.head}` : ''}`)}</dd>
` : ''}</dl>
</header>
<nav class="toc">${nav.map(([id, label]) => `<a href="#${id}">${html(label)}</a>`).join('')}</nav>
<main>
${summary}
`;
  yield* controlMatrixSection(page);
  yield '\n';
  yield* findingsSection(page);
  yield '\n';
  yield* riskSection(page);
  yield `
${waiverSection(page)}
`;
  yield* scopeSection(page);
  yield `
${sbomSection(page)}
${packList}
<footer>Generated by ${html(`${page.tool.name} ${page.tool.version}`)} from infrastructure code only: sections marked “not checkable in code” need evidence from policies and procedures. Secret and PHI values are masked throughout this pack.</footer>
</main>
</body>
</html>
`;
}
