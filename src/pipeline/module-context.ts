// A Terraform file named on the command line is evaluated as part of the configuration it belongs
// to (discovery reads the Terraform modules under the root as its context, and the scan evaluates
// the root modules that reach it), and the scan then reports on the named files only: what a
// pre-commit hook passing the staged files, or a user asking about one file, wants to know. The
// context's own findings and diagnostics are counted in one note, never dropped unsaid.
import { isNamed, type NamedPaths } from '../discovery/discover.js';
import type { Finding } from '../engine/finding.js';
import { VALUE_ORIGIN } from '../rules/define-rule.js';
import { diagnostic, type Diagnostic } from '../source/diagnostic.js';

export interface NamedFilesView {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The findings and diagnostics about the named files (all of them without `named`). A finding
 * stays when it is located in a named file, or when a named file sets the value it judges (a
 * resource in a sibling judged by a line of the named terraform.tfvars). A diagnostic stays when
 * it is located in a named file, has no location, or is about a suppression comment of a kept
 * finding's file (why the comment did not apply).
 */
export function aboutNamedFiles(findings: readonly Finding[], diagnostics: readonly Diagnostic[], named: NamedPaths | undefined, contextFiles: number): NamedFilesView {
  if (!named) return { findings, diagnostics };
  const memo = new Map<string, boolean>();
  const inNamed = (file: string): boolean => {
    let known = memo.get(file);
    if (known === undefined) memo.set(file, (known = isNamed(named, file)));
    return known;
  };
  const kept: Finding[] = [];
  const left: Finding[] = [];
  for (const f of findings) (inNamed(f.span.file) || f.related.some((r) => r.message === VALUE_ORIGIN && inNamed(r.span.file)) ? kept : left).push(f);
  const keptFiles = new Set(kept.map((f) => f.span.file));
  const keptDiagnostics: Diagnostic[] = [];
  let contextDiagnostics = 0;
  let contextErrors = 0;
  for (const d of diagnostics) {
    const file = d.span?.file ?? d.file;
    if (file === undefined || inNamed(file) || (d.code.startsWith('suppression/') && keptFiles.has(file))) keptDiagnostics.push(d);
    else {
      contextDiagnostics++;
      if (d.severity === 'error') contextErrors++;
    }
  }
  if (contextFiles > 0 || left.length > 0 || contextDiagnostics > 0) keptDiagnostics.push(contextNote(contextFiles, left, contextDiagnostics, contextErrors));
  return { findings: kept, diagnostics: keptDiagnostics };
}

function contextNote(files: number, findings: readonly Finding[], diagnostics: number, errors: number): Diagnostic {
  const failing = findings.filter((f) => f.status === 'fail').length;
  const counts = [
    findings.length > 0 ? `${plural(findings.length, 'finding')} (${failing} failing)` : '',
    diagnostics > 0 ? plural(diagnostics, 'diagnostic') : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const notReported = counts === '' ? '' : ` The rest of the configuration's ${counts} ${findings.length + diagnostics === 1 ? 'is' : 'are'} not reported.`;
  const read = `Read ${plural(files, 'more Terraform file')} to evaluate the named files as part of their configuration.`;
  if (errors > 0) {
    return diagnostic('scan/module-context', 'warning', `${read} ${plural(errors, 'error')} in those files may leave parts of the named files unevaluated.${notReported}`, {
      hint: 'Scan the directory to see those errors.',
    });
  }
  return diagnostic('scan/module-context', 'info', `${read}${notReported}`, counts === '' ? {} : { hint: 'Scan the directory to see them.' });
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
