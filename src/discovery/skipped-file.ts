// Nothing is skipped silently (issue 2): every file or directory the scan did not read is listed
// with a reason under --verbose and counted in every summary.

export type SkipReason =
  | 'ignored' // .gitignore / .safeguardignore
  | 'excluded' // --exclude or config `exclude`
  | 'vendored' // node_modules, .git, .terraform internals
  | 'not-yet-supported' // CloudFormation, Kubernetes (plans and states are scanned)
  | 'not-iac' // not an infrastructure-as-code file
  | 'binary'
  | 'invalid-utf8'
  | 'too-large'
  | 'outside-root' // a symlink pointing out of the scan root
  | 'unreadable';

export interface SkippedFile {
  /** Relative to the scan root, forward slashes; a directory ends with '/'. */
  readonly path: string;
  readonly reason: SkipReason;
  /** One human sentence, e.g. "CloudFormation: not yet supported, skipped". */
  readonly detail: string;
}

export const SKIP_REASON_LABELS: Readonly<Record<SkipReason, string>> = {
  ignored: 'ignored',
  excluded: 'excluded by an exclude glob',
  vendored: 'vendored or tool directories',
  'not-yet-supported': 'not yet supported',
  'not-iac': 'not infrastructure-as-code',
  binary: 'binary',
  'invalid-utf8': 'not valid UTF-8',
  'too-large': 'too large',
  'outside-root': 'outside the scan root',
  unreadable: 'unreadable',
};
