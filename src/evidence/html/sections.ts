// The chapters of the evidence page after the summary, built from escaped text. The long ones (control
// matrix, findings, risk register, scope) are made a row at a time, so the page of a large scan is
// written in pieces and never held whole (a scan of 115 000 results made a page of 29 MB).
import { SKIP_REASON_LABELS } from '../../discovery/skipped-file.js';
import type { Finding } from '../../engine/finding.js';
import { severityRank } from '../../engine/severity.js';
import { primaryControl } from '../../reporters/by-safeguard.js';
import { rootNotShownByPath, rootOutsideFile } from '../../reporters/report-input.js';
import { formatLocation } from '../../source/span.js';
import { mapped } from '../../reporters/json-pieces.js';
import { matrixResourceLabel, type MatrixRuleRow } from '../control-matrix.js';
import { barChart } from './charts.js';
import { anchor, html, rememberedText, text } from './escape.js';
import type { EvidencePage } from './page.js';

const tag = (value: string, className = value): string => `<span class="tag ${html(className)}">${html(value)}</span>`;
const num = (n: number): string => `<td class="num">${n}</td>`;

/** Passing resources shown per rule before the rest are counted (all of them are in the CSV files). */
const PASSING_SHOWN = 8;

function matrixResources(r: MatrixRuleRow): string {
  if (r.resources.length === 0) return `<span class="muted">${r.ran ? 'no resources in scope' : 'rule not run'}</span>`;
  const open = r.resources.filter((x) => x.status !== 'pass');
  const passing = r.resources.filter((x) => x.status === 'pass');
  const label = matrixResourceLabel(r);
  const shown = [...open, ...passing.slice(0, PASSING_SHOWN)].map((x) => `<span class="res ${x.status}" title="${x.status}">${html(label(x))}</span>`);
  const more = passing.length > PASSING_SHOWN ? ` <span class="muted">and ${passing.length - PASSING_SHOWN} more passing (control-matrix.csv)</span>` : '';
  return `${shown.join(' ')}${more}`;
}

/** `pieces` with `separator` between them, as `[...pieces].join(separator)` would join them. */
function* separated(pieces: Iterable<string>, separator = '\n'): Generator<string> {
  let first = true;
  for (const piece of pieces) {
    if (!first) yield separator;
    first = false;
    yield piece;
  }
}

function* matrixRows(page: EvidencePage): Generator<string> {
  let part = '';
  for (const s of page.matrix) {
    if (s.part !== part) {
      part = s.part;
      yield `<tr class="part"><th colspan="6">${html(part)}</th></tr>`;
    }
    // A heading row per section, not a rowspan: rowspanned cells cannot break across printed pages.
    const totals =
      s.rules.length === 0
        ? s.iac === 'none'
          ? 'Not checkable in infrastructure code: needs policy or procedure evidence.'
          : 'No rule covers this section yet.'
        : s.verdict === 'not-assessed'
          ? s.rules.some((r) => r.ran)
            ? 'Its rules ran and found nothing in scope: no evidence either way.'
            : 'None of its rules ran.'
          : `${s.counts.fail} fail · ${s.counts.pass} pass · ${s.counts.waived} waived · ${s.counts.unknown} unknown`;
    yield `<tr class="section" id="${anchor('control', s.id)}"><td colspan="6"><code class="section">${html(s.id)}</code> <strong>${html(s.title)}</strong> ${tag(s.verdict.replace('-', ' '), s.verdict)} <span class="muted">${html(s.requirement)}; code shows it: ${html(s.iac)}. ${html(totals)}</span></td></tr>`;
    for (const r of s.rules) {
      yield `<tr><td class="id">${html(r.id)}${r.ran ? '' : ' <span class="muted">(not run)</span>'}</td>${num(r.counts.fail)}${num(r.counts.pass)}${num(r.counts.waived)}${num(r.counts.unknown)}<td>${matrixResources(r)}</td></tr>`;
    }
  }
}

export function* controlMatrixSection(page: EvidencePage): Generator<string> {
  yield `
<section id="controls" class="chapter">
<h2>Control matrix</h2>
<p class="note">Each HIPAA Security Rule section (45 CFR 164.308–164.316), the rules that check it, their results and the resources behind them. A finding counts once for every section its rule cites. Resources: <span class="res fail">failing</span> <span class="res waived">waived</span> <span class="res unknown">unknown</span> <span class="res pass">passing</span>.</p>
<table class="matrix"><colgroup><col class="c-rule"><col class="c-n"><col class="c-n"><col class="c-n"><col class="c-n"><col></colgroup><thead><tr><th>Rule</th><th class="num">Fail</th><th class="num">Pass</th><th class="num">Waived</th><th class="num">Unknown</th><th>Resources</th></tr></thead>
<tbody>
`;
  yield* separated(matrixRows(page));
  yield `
</tbody></table>
</section>`;
}

/**
 * A finding's resource, with its root module where its file does not tell it: in a module two stacks
 * call, envs/dev's and envs/prod's findings have the same address and location.
 */
function resourceLabel(page: EvidencePage, f: Finding): string {
  const root = rootOutsideFile(f);
  return root === undefined ? f.resource.address : `${f.resource.address} (root module ${page.display(root)})`;
}

function findingCard(page: EvidencePage, f: Finding, masked: (value: string | null | undefined) => string): string {
  const doc = page.ruleDoc(f.ruleId);
  const frame = page.frame(f);
  const waiver = f.waiver
    ? `<p><strong>Waived</strong> by ${html(f.waiver.source === 'inline' ? `inline comment ${f.waiver.marker ?? f.waiver.id}` : `register entry ${f.waiver.id}`)}${f.waiver.expires ? ` until ${html(f.waiver.expires)}` : ''}: ${masked(f.waiver.reason)}</p>`
    : '';
  return `<div class="finding ${f.status}">
<div class="head">${tag(f.status)} ${tag(f.severity)} <strong>${html(f.title)}</strong> <code>${html(f.ruleId)}</code></div>
<div class="where">${html(`${formatLocation({ ...f.span, file: page.display(f.span.file) })}`)} · ${html(resourceLabel(page, f))} · HIPAA ${f.controls.map((c) => `<a href="#${anchor('control', c)}">${html(c)}</a>`).join(', ')}</div>
<p>${masked(f.message)}</p>
${frame === '' ? '' : `<pre class="frame">${html(frame)}</pre>`}
${doc ? `<p><strong>Why:</strong> ${masked(doc.why)}</p><p><strong>Fix:</strong> ${masked(doc.howToFix)}</p>` : ''}
${waiver}
</div>`;
}

function* findingCards(page: EvidencePage, findings: readonly Finding[], masked: (value: string | null | undefined) => string): Generator<string> {
  if (findings.length === 0) yield '<p class="muted">None.</p>';
  else yield* separated(mapped(findings, (f) => findingCard(page, f, masked)));
}

export function* findingsSection(page: EvidencePage): Generator<string> {
  const bySeverity = (a: Finding, b: Finding): number => severityRank(b.severity) - severityRank(a.severity) || primaryControl(a).localeCompare(primaryControl(b));
  const failing = page.findings.filter((f) => f.status === 'fail').sort(bySeverity);
  const waived = page.findings.filter((f) => f.status === 'waived').sort(bySeverity);
  const unknown = page.findings.filter((f) => f.status === 'unknown');
  // Each message and rule text masked once (rn1000: 44 000 failing findings, ~0.6 s in the detectors).
  const masked = rememberedText();
  yield `
<section id="findings" class="chapter">
<h2>Findings</h2>
<p class="note">Failing and waived findings with the code they point at (secret and PHI values masked), most severe first; then the checks whose outcome depends on values known only at apply time.</p>
<h3>Failing (${failing.length})</h3>
`;
  yield* findingCards(page, failing, masked);
  yield `
<h3>Waived (${waived.length})</h3>
`;
  yield* findingCards(page, waived, masked);
  yield `
<h3>Unknown (${unknown.length})</h3>
`;
  if (unknown.length === 0) yield '<p class="muted">None.</p>';
  else {
    yield '<table><thead><tr><th>Rule</th><th>Resource</th><th>Location</th><th>Why it could not be decided</th></tr></thead><tbody>';
    yield* separated(mapped(unknown, (f) => `<tr><td class="id">${html(f.ruleId)}</td><td class="id">${html(resourceLabel(page, f))}</td><td class="id">${html(formatLocation({ ...f.span, file: page.display(f.span.file) }))}</td><td>${masked(f.message)}</td></tr>`));
    yield '</tbody></table>';
  }
  yield `
</section>`;
}

export function* riskSection(page: EvidencePage): Generator<string> {
  const r = page.risk;
  yield `
<section id="risks" class="chapter">
<h2>Risk register</h2>
<p class="note">${html(r.method)} Also in risk-register.csv and risk-register.json.</p>
`;
  if (r.entries.length === 0) yield '<p class="muted">No failing or waived findings, so no open risks from infrastructure code.</p>';
  else {
    const chart = barChart(
      'Risk score by HIPAA safeguard',
      r.bySafeguard.slice(0, 15).map((g) => ({ label: g.safeguard, value: g.totalScore, className: `s-${g.level}` })),
    );
    yield `
<h3>By safeguard</h3>
${chart}
<table><thead><tr><th>Safeguard</th><th>Title</th><th class="num">Findings</th><th class="num">Total score</th><th class="num">Highest</th><th>Level</th></tr></thead><tbody>
`;
    yield* separated(mapped(r.bySafeguard, (g) => `<tr><td class="id"><a href="#${anchor('control', g.safeguard)}">${html(g.safeguard)}</a></td><td>${html(g.title)}</td>${num(g.findings)}${num(g.totalScore)}${num(g.maxScore)}<td>${tag(g.level)}</td></tr>`));
    yield `
</tbody></table>
<h3>Entries</h3>
<table><thead><tr><th class="num">Score</th><th>Level</th><th class="num">L</th><th class="num">I</th><th>Status</th><th>Data</th><th>Rule</th><th>Resource</th><th>Safeguard</th></tr></thead><tbody>
`;
    yield* separated(
      mapped(
        r.entries,
        (e) => `<tr>${num(e.score)}<td>${tag(e.level)}</td>${num(e.likelihood)}${num(e.impact)}<td>${tag(e.status)}${e.waiver ? `<br><span class="muted">${html(e.waiver)}</span>` : ''}</td><td>${html(e.classification)}</td><td class="id">${html(e.ruleId)}</td><td class="id">${html(rootNotShownByPath(e.root, e.file) === undefined ? e.resource : `${e.resource} (root module ${page.display(rootNotShownByPath(e.root, e.file)!)})`)}</td><td class="id">${html(e.safeguard)}</td></tr>`,
      ),
    );
    yield `
</tbody></table>`;
  }
  yield `
</section>`;
}

export function waiverSection(page: EvidencePage): string {
  const w = page.waivers;
  const register =
    w.registerFile === undefined
      ? '<p class="muted">No waiver register (.safeguard/waivers.yaml) in the scan root.</p>'
      : w.entries.length === 0 && w.invalid.length === 0
        ? `<p class="muted">${html(page.display(w.registerFile))} has no entries.</p>`
        : `<p>From <code>${html(page.display(w.registerFile))}</code>.</p>
<table><thead><tr><th>Waiver</th><th>State</th><th>Rule</th><th>Scope</th><th>Justification and compensating controls</th><th>Risk (L/I)</th><th>Requested / approved</th><th>Created → expires</th><th>Waived here</th></tr></thead><tbody>
${w.entries
  .map((e) => {
    const x = e.waiver;
    // A glob may name an instance by its key (`aws_s3_bucket.b["<SSN>"]`): masked as waivers.json masks it.
    const scope = [...(x.resources ?? []).map((r) => `resource ${r}`), ...(x.paths ?? []).map((p) => `path ${p}`), ...(x.roots ?? []).map((r) => `root module ${r}`)];
    return `<tr><td class="id">${html(x.id)}${x.ticket ? `<br><span class="muted">${html(x.ticket)}</span>` : ''}</td><td>${tag(e.state)}</td><td class="id">${html(x.rule)}</td><td class="id">${scope.map(text).join('<br>') || 'all'}</td><td>${text(x.justification)}${x.compensating_controls.length > 0 ? `<br><span class="muted">Compensating: ${x.compensating_controls.map(text).join('; ')}</span>` : ''}</td><td>${html(`${x.risk.likelihood} / ${x.risk.impact}`)}</td><td>${html(x.requested_by)}<br><span class="muted">${x.approved_by.map(html).join(', ')}</span></td><td class="id">${html(`${x.created} → ${x.expires}`)}</td><td>${e.waived.length === 0 ? '<span class="muted">none</span>' : e.waived.map((v) => `<span class="res waived">${html(v)}</span>`).join(' ')}</td></tr>`;
  })
  .join('\n')}
${w.invalid.map((i) => `<tr><td class="id">${html(i.id)}</td><td>${tag('invalid')}</td><td colspan="7">${text(i.reason)}</td></tr>`).join('\n')}
</tbody></table>`;
  const problems = w.problems.length === 0 ? '' : `<ul>${w.problems.map((p) => `<li>${text(p)}</li>`).join('')}</ul>`;
  const unmatched =
    w.unmatched.length === 0
      ? ''
      : `<h3>Waived by a register entry not shown above (${w.unmatched.length})</h3><table><thead><tr><th>Waiver</th><th>Rule</th><th>Resource</th><th>Reason</th><th>Expires</th></tr></thead><tbody>${w.unmatched
          .map((f) => `<tr><td class="id">${html(f.waiver!.id)}</td><td class="id">${html(f.ruleId)}</td><td class="id">${html(f.resource.address)}</td><td>${text(f.waiver!.reason)}</td><td class="id">${html(f.waiver!.expires ?? '')}</td></tr>`)
          .join('\n')}</tbody></table>`;
  const inline =
    w.inline.length === 0
      ? '<p class="muted">None.</p>'
      : `<table><thead><tr><th>Marker</th><th>Rule</th><th>Resource</th><th>Reason</th><th>Expires</th><th>Where</th></tr></thead><tbody>${w.inline
          .map((s) => `<tr><td class="id">${html(s.marker)}</td><td class="id">${html(s.ruleId)}</td><td class="id">${html(s.resource)}</td><td>${text(s.reason)}</td><td class="id">${html(s.expires ?? 'never')}</td><td class="id">${html(`${page.display(s.file)}:${s.line}`)}</td></tr>`)
          .join('\n')}</tbody></table>`;
  return `
<section id="waivers" class="chapter">
<h2>Waiver register</h2>
<p class="note">Accepted risks: who asked, who approved, why, until when, and what they waived in this scan. Also in waivers.json.</p>
<h3>Register</h3>
${register}
${problems}
${unmatched}
<h3>Inline suppressions (${w.inline.length})</h3>
${inline}
</section>`;
}

export function* scopeSection(page: EvidencePage): Generator<string> {
  const { files, skipped, diagnostics } = page.scope;
  const byFormat = new Map<string, number>();
  for (const f of files) byFormat.set(f.format, (byFormat.get(f.format) ?? 0) + 1);
  yield `
<section id="scope" class="chapter">
<h2>Scope</h2>
<p class="note">What was read, what was not and why, and every problem met on the way. A file that could not be parsed was not verified.</p>
<h3>Files scanned (${files.length})</h3>
<p>${[...byFormat].map(([format, n]) => `${html(format)}: ${n}`).join(' · ') || '<span class="muted">none</span>'}</p>
<table><thead><tr><th>File</th><th>Format</th></tr></thead><tbody>
`;
  yield* separated(mapped(files, (f) => `<tr><td class="id">${html(page.display(f.path))}</td><td>${html(f.format)}</td></tr>`));
  yield `
</tbody></table>
`;
  const context = page.scope.contextFiles ?? [];
  if (context.length > 0) {
    yield `<h3>Read for context (${context.length})</h3>
<p class="note">The rest of the configuration the files above belong to: read to evaluate them as Terraform does, not assessed in this pack.</p>
<table><thead><tr><th>File</th><th>Format</th></tr></thead><tbody>
`;
    yield* separated(mapped(context, (f) => `<tr><td class="id">${html(page.display(f.path))}</td><td>${html(f.format)}</td></tr>`));
    yield `
</tbody></table>
`;
  }
  yield `<h3>Skipped (${skipped.length})</h3>
`;
  if (skipped.length === 0) yield '<p class="muted">Nothing was skipped.</p>';
  else {
    yield `<table><thead><tr><th>Path</th><th>Reason</th><th>Detail</th></tr></thead><tbody>
`;
    yield* separated(mapped(skipped, (s) => `<tr><td class="id">${html(page.display(s.path))}</td><td>${html(SKIP_REASON_LABELS[s.reason] ?? s.reason)}</td><td>${text(s.detail)}</td></tr>`));
    yield `
</tbody></table>`;
  }
  yield `
<h3>Diagnostics (${diagnostics.length})</h3>
`;
  if (diagnostics.length === 0) yield '<p class="muted">None.</p>';
  else {
    yield `<table><thead><tr><th>Severity</th><th>Code</th><th>Where</th><th>Message</th></tr></thead><tbody>
`;
    yield* separated(
      mapped(
        diagnostics,
        (d) =>
          `<tr><td>${tag(d.severity, d.severity === 'error' ? 'fail' : d.severity === 'warning' ? 'waived' : 'unknown')}</td><td class="id">${html(d.code)}</td><td class="id">${html(d.span ? formatLocation({ ...d.span, file: page.display(d.span.file) }) : d.file !== undefined ? page.display(d.file) : '')}</td><td>${text(d.message)}${d.hint ? `<br><span class="muted">${text(d.hint)}</span>` : ''}</td></tr>`,
      ),
    );
    yield `
</tbody></table>`;
  }
  yield `
</section>`;
}

export function sbomSection(page: EvidencePage): string {
  const components = (page.sbom.bom['components'] ?? []) as { name: string; group?: string; version?: string; properties: { name: string; value: string }[]; hashes?: unknown[] }[];
  const prop = (c: (typeof components)[number], name: string): string[] => c.properties.filter((p) => p.name === name).map((p) => p.value);
  const providers = components.filter((c) => prop(c, 'safeguard:terraform:kind')[0] === 'provider');
  const modules = components.filter((c) => prop(c, 'safeguard:terraform:kind')[0] === 'module');
  return `
<section id="sbom" class="chapter">
<h2>Components (SBOM)</h2>
<p class="note">Terraform providers locked in .terraform.lock.hcl and the modules the configuration calls; the full CycloneDX ${html(String(page.sbom.bom['specVersion']))} BOM is sbom.cdx.json.</p>
<h3>Providers (${providers.length})</h3>
${providers.length === 0 ? '<p class="muted">No .terraform.lock.hcl was scanned, so provider versions are not pinned by a lock file here.</p>' : `<table><thead><tr><th>Provider</th><th>Version</th><th>Constraints</th><th class="num">Hashes</th><th>Lock file</th></tr></thead><tbody>
${providers.map((c) => `<tr><td class="id">${html(prop(c, 'safeguard:terraform:source')[0] ?? c.name)}</td><td class="id">${html(c.version ?? '')}</td><td class="id">${html(prop(c, 'safeguard:terraform:constraints')[0] ?? '')}</td>${num((c.hashes?.length ?? 0) + prop(c, 'safeguard:terraform:lock-hash').length)}<td class="id">${html(page.display(prop(c, 'safeguard:terraform:lock-file')[0] ?? ''))}</td></tr>`).join('\n')}
</tbody></table>`}
<h3>Modules (${modules.length})</h3>
${modules.length === 0 ? '<p class="muted">No module calls.</p>' : `<table><thead><tr><th>Source</th><th>Kind</th><th>Pinned version</th><th>Called as</th></tr></thead><tbody>
${modules.map((c) => `<tr><td class="id">${html(prop(c, 'safeguard:terraform:source')[0] ?? c.name)}</td><td>${html(prop(c, 'safeguard:terraform:module-source-kind')[0] ?? '')}</td><td>${prop(c, 'safeguard:terraform:pinned')[0] === 'true' ? html(c.version ?? 'local') : tag('not pinned', 'fail')}</td><td class="id">${prop(c, 'safeguard:terraform:module-call').map(html).join('<br>')}</td></tr>`).join('\n')}
</tbody></table>`}
</section>`;
}
