// Files Terraform writes that hold state values (state and its backups, saved plans, crash logs):
// committed to a repository they expose every managed secret (tf-no-state-files-in-repo). Discovery
// reads a state as JSON and skips the others, so the scan lists them for the repository rules by
// name (pipeline/scan.ts), and only them beside the Terraform files: another file of the tree (a
// .env) changing does not touch the sources' cache entry.

/** What the file at `path` (relative, forward slashes) is, when it is one of those; undefined otherwise. */
export function terraformArtifactKind(path: string): 'state' | 'state backup' | 'workspace state' | 'crash log' | 'saved plan' | undefined {
  // `.terraform/terraform.tfstate` holds the backend configuration of an initialised working copy, not state.
  if (/(^|\/)\.terraform\//.test(path)) return undefined;
  const base = path.slice(path.lastIndexOf('/') + 1);
  if (/\.tfstate$/.test(base)) return 'state';
  if (/\.tfstate\.(?:\d+\.)?backup$/.test(base)) return 'state backup';
  if (/(^|\/)terraform\.tfstate\.d\//.test(path)) return 'workspace state';
  if (base === 'crash.log') return 'crash log';
  if (/\.tfplan$|^tfplan$/.test(base)) return 'saved plan';
  return undefined;
}
