// Charts of the evidence page as inline SVG: no script, no external image, and they print.
import { html } from './escape.js';

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** A CSS class from the page's stylesheet (s-fail, s-pass, …) that sets the fill. */
  readonly className: string;
}

/** One stacked horizontal bar with a legend: the share of each status. */
export function stackedBar(title: string, parts: readonly Bar[], width = 640): string {
  const total = parts.reduce((n, p) => n + p.value, 0);
  const barHeight = 28;
  let x = 0;
  const rects = parts
    .filter((p) => p.value > 0)
    .map((p) => {
      const w = total === 0 ? 0 : (p.value / total) * width;
      const rect = `<rect class="${html(p.className)}" x="${x.toFixed(2)}" y="0" width="${w.toFixed(2)}" height="${barHeight}"><title>${html(`${p.label}: ${p.value}`)}</title></rect>`;
      x += w;
      return rect;
    });
  if (total === 0) rects.push(`<rect class="s-none" x="0" y="0" width="${width}" height="${barHeight}"></rect>`);
  let lx = 0;
  const legend = parts.map((p) => {
    const item = `<rect class="${html(p.className)}" x="${lx}" y="${barHeight + 10}" width="12" height="12"></rect><text x="${lx + 17}" y="${barHeight + 21}">${html(`${p.label} ${p.value}`)}</text>`;
    lx += Math.max(110, 30 + (p.label.length + String(p.value).length) * 8);
    return item;
  });
  const height = barHeight + 30;
  return `<svg class="chart" role="img" aria-label="${html(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${html(title)}</title>${rects.join('')}${legend.join('')}</svg>`;
}

/** Horizontal bars, one per row, each with its label on the left and value on the right. */
export function barChart(title: string, rows: readonly Bar[], width = 640): string {
  const labelWidth = Math.min(300, Math.max(80, ...rows.map((r) => r.label.length * 7 + 12)));
  const rowHeight = 22;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const plot = width - labelWidth - 50;
  const body = rows.map((r, i) => {
    const y = i * rowHeight;
    const w = (r.value / max) * plot;
    return (
      `<text class="label" x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${html(r.label)}</text>` +
      `<rect class="${html(r.className)}" x="${labelWidth}" y="${y + 3}" width="${w.toFixed(2)}" height="${rowHeight - 6}"><title>${html(`${r.label}: ${r.value}`)}</title></rect>` +
      `<text x="${(labelWidth + w + 6).toFixed(2)}" y="${y + 15}">${html(r.value)}</text>`
    );
  });
  const height = Math.max(rowHeight, rows.length * rowHeight);
  return `<svg class="chart" role="img" aria-label="${html(title)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}"><title>${html(title)}</title>${body.join('')}</svg>`;
}
