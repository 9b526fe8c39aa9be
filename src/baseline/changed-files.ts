// Diff-aware scans (`--changed-since REF`): keep findings whose resource's file changed, whose
// related locations (the tfvars line or variable a value came from) changed, or whose Terraform
// module — the directory, in Terraform — had any file changed, since a change to a variable,
// local or tfvars file there can change what the resource evaluates to. Pure: the CLI asks git.
import path from 'node:path';
import type { Finding } from '../engine/finding.js';

/** `changed` holds root-relative paths with forward slashes. */
export function selectChangedFindings(findings: readonly Finding[], changed: ReadonlySet<string>): Finding[] {
  const changedDirs = new Set([...changed].map((file) => path.posix.dirname(file)));
  const affected = (file: string): boolean => changed.has(file) || changedDirs.has(path.posix.dirname(file));
  return findings.filter((f) => affected(f.span.file) || f.related.some((r) => affected(r.span.file)));
}
