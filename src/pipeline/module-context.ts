// A Terraform file named on the command line is judged as part of the configuration it belongs to:
// discovery reads every Terraform module under the root as context, the scan evaluates them all
// (the account-wide rules see what `scan .` sees), and the report is then narrowed to the named
// files' modules: what a pre-commit hook passing the staged files wants to know. A Terraform module
// is a directory, so a change to one of its files can fail a resource in a sibling (a deleted
// public-access block): the findings of the named files' directories stay, as `--changed-since`
// keeps those of changed files' directories, and so do findings elsewhere with a location in them
// (a module's resource judged by the value a named file passes it). The rest is counted in one
// note, never dropped unsaid.
import { selectChangedFindings } from '../baseline/changed-files.js';
import { isNamed, type NamedPaths } from '../discovery/discover.js';
import type { Finding } from '../engine/finding.js';
import { diagnostic, type Diagnostic } from '../source/diagnostic.js';
import { dirOf } from '../util/paths.js';

export interface NamedFilesView {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * The findings and diagnostics of the named files' modules (all of them without `named`). `files`
 * are every file the scan read, for the named directories' contents.
 */
export function aboutNamedFiles(findings: readonly Finding[], diagnostics: readonly Diagnostic[], named: NamedPaths | undefined, files: readonly string[], contextFiles: number): NamedFilesView {
  if (!named) return { findings, diagnostics };
  const chosen = new Set(files.filter((file) => isNamed(named, file)));
  const kept = selectChangedFindings(findings, chosen);
  const keptSet = new Set(kept);
  const left = findings.filter((f) => !keptSet.has(f));
  const dirs = new Set([...chosen].map(dirOf));
  const keptDiagnostics: Diagnostic[] = [];
  let contextDiagnostics = 0;
  let contextErrors = 0;
  for (const d of diagnostics) {
    const file = d.span?.file ?? d.file;
    if (file === undefined || chosen.has(file) || dirs.has(dirOf(file))) keptDiagnostics.push(d);
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
    diagnostics > 0 ? `${plural(diagnostics, 'diagnostic')}${errors > 0 ? ` (${plural(errors, 'error')})` : ''}` : '',
  ]
    .filter(Boolean)
    .join(' and ');
  const notReported = counts === '' ? '' : ` Their ${counts} outside the named files' modules ${findings.length + diagnostics === 1 ? 'is' : 'are'} not reported.`;
  // Errors elsewhere are counted, not raised: a broken file in another stack is not the named files' to fix.
  return diagnostic(
    'scan/module-context',
    'info',
    `Evaluated the named files with the ${plural(files, 'other Terraform file')} under the scan root, as one configuration.${notReported}`,
    counts === '' ? {} : { hint: 'Scan without naming files to see everything.' },
  );
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
