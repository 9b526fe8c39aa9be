// The evidence page's only stylesheet. The page's Content-Security-Policy allows exactly this text
// (by its SHA-256), so nothing else can style or script the page.
export const STYLES = `
:root { --fail: #b3261e; --waived: #a15c00; --unknown: #5f6368; --pass: #1e7d32; --none: #d0d4d9; --line: #d9dde3; --muted: #5f6368; --bg-soft: #f5f7fa; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1f2328; background: #fff; }
header.top { padding: 20px 32px 14px; border-bottom: 3px solid #1f2328; }
header.top h1 { margin: 0 0 4px; font-size: 24px; }
main { padding: 0 32px 40px; max-width: 1440px; }
nav.toc { padding: 10px 32px; background: var(--bg-soft); border-bottom: 1px solid var(--line); font-size: 13px; }
nav.toc a { margin-right: 14px; color: #0b57d0; text-decoration: none; }
h2 { margin: 32px 0 10px; padding-bottom: 4px; border-bottom: 1px solid var(--line); font-size: 19px; }
h3 { margin: 22px 0 8px; font-size: 15px; }
h4 { margin: 14px 0 6px; font-size: 14px; }
p.note, .muted { color: var(--muted); }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; margin: 8px 0 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; word-break: break-all; }
.verdict { display: inline-block; padding: 2px 10px; border-radius: 12px; font-weight: 600; color: #fff; }
.verdict.fail { background: var(--fail); }
.verdict.pass { background: var(--pass); }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 12px 0; }
.card { border: 1px solid var(--line); border-radius: 6px; padding: 8px 14px; min-width: 120px; }
.card .n { font-size: 24px; font-weight: 700; }
.card.fail .n { color: var(--fail); } .card.waived .n { color: var(--waived); } .card.unknown .n { color: var(--unknown); } .card.pass .n { color: var(--pass); }
table { border-collapse: collapse; width: 100%; margin: 8px 0 16px; font-size: 13px; }
th, td { border: 1px solid var(--line); padding: 4px 7px; text-align: left; vertical-align: top; }
th { background: var(--bg-soft); font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.id { overflow-wrap: anywhere; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
code, pre { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; }
pre.frame { background: var(--bg-soft); border: 1px solid var(--line); border-radius: 4px; padding: 8px 10px; overflow-x: auto; white-space: pre; margin: 6px 0; }
.tag { display: inline-block; padding: 0 6px; border-radius: 3px; font-size: 12px; font-weight: 600; white-space: nowrap; }
.tag.fail, .tag.failing, .tag.critical, .tag.expired, .tag.invalid { background: #fde7e6; color: var(--fail); }
.tag.waived, .tag.high, .tag.expiring { background: #fff1dc; color: var(--waived); }
.tag.unknown, .tag.undecided, .tag.medium, .tag.not-assessed, .tag.unused, .tag.not-checkable { background: #eceff1; color: var(--unknown); }
.tag.pass, .tag.covered, .tag.low, .tag.active { background: #e3f4e5; color: var(--pass); }
.res { display: inline-block; margin: 1px 6px 1px 0; font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 11.5px; }
.res.fail { color: var(--fail); font-weight: 600; } .res.waived { color: var(--waived); } .res.unknown { color: var(--unknown); } .res.pass { color: var(--pass); }
table.matrix { table-layout: fixed; }
table.matrix col.c-rule { width: 28%; } table.matrix col.c-n { width: 6.5%; }
tr.section td { background: #fafbfc; padding-top: 7px; padding-bottom: 7px; }
code.section { font-weight: 600; }
table.matrix td { overflow-wrap: break-word; }
tr.part th { background: #e8ebef; font-size: 13px; }
.finding { border: 1px solid var(--line); border-left: 4px solid var(--fail); border-radius: 4px; padding: 8px 12px; margin: 10px 0; page-break-inside: avoid; break-inside: avoid; }
.finding.waived { border-left-color: var(--waived); }
.finding .head { display: flex; flex-wrap: wrap; gap: 8px; align-items: baseline; }
.finding .where { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 12px; color: var(--muted); }
.finding p { margin: 4px 0; }
svg.chart { display: block; max-width: 100%; height: auto; margin: 6px 0 14px; font: 12px system-ui, sans-serif; }
svg.chart text { fill: #1f2328; }
.s-fail { fill: var(--fail); } .s-waived { fill: var(--waived); } .s-unknown { fill: var(--unknown); } .s-pass { fill: var(--pass); } .s-none { fill: var(--none); } .s-unassessed { fill: #9aa5ad; }
.s-critical { fill: #7f1d1d; } .s-high { fill: var(--fail); } .s-medium { fill: #e0802b; } .s-low { fill: #c9a227; }
.charts { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 8px 32px; }
footer { margin-top: 36px; padding-top: 8px; border-top: 1px solid var(--line); color: var(--muted); font-size: 12px; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { font-size: 10.5pt; }
  nav.toc { display: none; }
  header.top, main { padding-left: 0; padding-right: 0; }
  main { max-width: none; }
  h2 { break-after: avoid; page-break-after: avoid; }
  section.chapter { break-before: page; page-break-before: always; }
  section.chapter.first { break-before: auto; page-break-before: auto; }
  table { font-size: 9pt; }
  table.matrix th { font-size: 8pt; }
  tr, .card, svg.chart { break-inside: avoid; page-break-inside: avoid; }
  tr.part, tr.section { break-after: avoid; page-break-after: avoid; }
  thead { display: table-header-group; }
  pre.frame { white-space: pre-wrap; word-break: break-all; }
  a { color: inherit; text-decoration: none; }
  .verdict, .tag, .s-fail, .s-pass, .finding { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
}
`;
