// The secret and PHI sweep (issue 6): text files that are not Terraform — .env files, JSON and YAML
// configuration, scripts, templates — are read too, for the secret and PHI detectors only. They
// are the files discovery set aside as not infrastructure-as-code (or not yet supported); a file
// a .gitignore, .safeguardignore or `exclude` leaves out stays out.
import path from 'node:path';
import { decodeText } from '../discovery/decode-text.js';
import { isInside } from '../discovery/discover.js';
import type { SkippedFile } from '../discovery/skipped-file.js';
import type { TextDocument } from '../model/infra-model.js';
import type { ScanFileSystem } from './scan-context.js';

const SWEPT_EXTENSIONS = new Set(['json', 'yaml', 'yml', 'properties', 'ini', 'cfg', 'conf', 'toml', 'sh', 'bash', 'zsh', 'ps1', 'tpl', 'tftpl', 'pem', 'key', 'tmpl']);

/** Is this file one the sweep reads (by name)? `.env`, `.env.prod`, `prod.env`, and the extensions above. */
export function isSweptName(relPath: string): boolean {
  const base = relPath.slice(relPath.lastIndexOf('/') + 1).toLowerCase();
  if (base === '.env' || base.startsWith('.env.') || base.endsWith('.env')) return true;
  const dot = base.lastIndexOf('.');
  return dot > 0 && SWEPT_EXTENSIONS.has(base.slice(dot + 1));
}

export interface Sweep {
  readonly documents: readonly TextDocument[];
  /** The skipped entries the sweep read after all (a not-IaC file is then no longer listed as skipped). */
  readonly read: ReadonlySet<string>;
}

export function sweepDocuments(fs: ScanFileSystem, root: string, skipped: readonly SkippedFile[], maxBytes: number): Sweep {
  const documents: TextDocument[] = [];
  const read = new Set<string>();
  for (const entry of skipped) {
    if ((entry.reason !== 'not-iac' && entry.reason !== 'not-yet-supported') || entry.path.endsWith('/') || !isSweptName(entry.path)) continue;
    if (/(^|\/)\.safeguard\/cache\//.test(entry.path)) continue; // our own scan cache: findings and digests, already redacted
    const absolute = path.resolve(root, entry.path);
    const real = fs.realPath(absolute);
    if (real === undefined || !isInside(root, real)) continue;
    const stat = fs.stat(real);
    if (stat?.kind !== 'file' || stat.sizeBytes > maxBytes) continue; // stays skipped, with discovery's reason
    const bytes = fs.readFile(real);
    const decoded = bytes ? decodeText(bytes) : undefined;
    if (!decoded?.ok) continue;
    documents.push({ path: entry.path, text: decoded.text });
    read.add(entry.path);
  }
  return { documents, read };
}
