import { diagnostic, type Diagnostic } from '../../source/diagnostic.js';
import { LineIndex } from '../../source/line-index.js';

export interface RawError {
  start: number;
  end: number;
  message: string;
  compat?: boolean;
}

export function toDiagnostics(text: string, path: string, errors: readonly RawError[]): Diagnostic[] {
  if (errors.length === 0) return [];
  const index = new LineIndex(text);
  const sorted = [...errors].sort((a, b) => a.start - b.start);
  return sorted.map((e) => {
    const span = index.span(path, e.start, Math.max(e.start, e.end));
    const message = e.message.charAt(0).toUpperCase() + e.message.slice(1) + (e.message.endsWith('.') ? '' : '.');
    return e.compat
      ? // Info, not a warning: the configuration is valid for the Terraform it is written for (1.8+), and one
        // that still supports older versions says so with required_version, which Terraform itself checks.
        diagnostic('parse/hcl-compat', 'info', message, { span, hint: 'Older Terraform versions (and hcl v2.14) reject this syntax.' })
      : diagnostic('parse/hcl', 'error', message, { span });
  });
}
