// A Terraform file named on the command line is evaluated with the rest of its module (discovery
// reads those files as its context), and the scan then reports on the named files only: what a
// pre-commit hook passing the staged files, or a user asking about one file, wants to know. The
// context's own findings and diagnostics are counted in one note, never dropped unsaid.
import type { Finding } from '../engine/finding.js';
import { diagnostic, type Diagnostic } from '../source/diagnostic.js';

export interface NamedFilesView {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The findings and diagnostics about the named files. A finding stays when its location or one of
 * its related locations is outside the context: a resource in a sibling file judged by a value the
 * named terraform.tfvars sets is about that tfvars file.
 */
export function aboutNamedFiles(findings: readonly Finding[], diagnostics: readonly Diagnostic[], context: readonly string[]): NamedFilesView {
  if (context.length === 0) return { findings, diagnostics };
  const inContext = new Set(context);
  const named = (file: string): boolean => !inContext.has(file);
  const kept = findings.filter((f) => named(f.span.file) || f.related.some((r) => named(r.span.file)));
  const contextFindings = findings.length - kept.length;
  const keptDiagnostics: Diagnostic[] = [];
  let contextDiagnostics = 0;
  let contextErrors = 0;
  for (const d of diagnostics) {
    const file = d.span?.file ?? d.file;
    if (file === undefined || named(file)) keptDiagnostics.push(d);
    else {
      contextDiagnostics++;
      if (d.severity === 'error') contextErrors++;
    }
  }
  keptDiagnostics.push(contextNote(context, contextFindings, contextDiagnostics, contextErrors));
  return { findings: kept, diagnostics: keptDiagnostics };
}

function contextNote(context: readonly string[], findings: number, diagnostics: number, errors: number): Diagnostic {
  const shown = context.slice(0, 3).join(', ') + (context.length > 3 ? `, and ${context.length - 3} more` : '');
  const counts = [findings > 0 ? plural(findings, 'finding') : '', diagnostics > 0 ? plural(diagnostics, 'diagnostic') : ''].filter(Boolean).join(' and ');
  const notReported = counts === '' ? '' : ` Their own ${counts} ${findings + diagnostics === 1 ? 'is' : 'are'} not reported.`;
  if (errors > 0) {
    return diagnostic(
      'scan/module-context',
      'warning',
      `Read ${plural(context.length, 'other file')} of the named files' modules to evaluate them (${shown}); ${plural(errors, 'error')} there may leave parts of the named files unevaluated.${notReported}`,
      { hint: 'Scan the directory to see those errors.' },
    );
  }
  return diagnostic('scan/module-context', 'info', `Read ${plural(context.length, 'other file')} of the named files' modules to evaluate them (${shown}).${notReported}`, counts === '' ? {} : { hint: 'Scan the directory to see them.' });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
