// Which skipped inputs fail the run (issue 12). Unverified is not compliant: a skip that leaves
// part of the configuration unread is an error, so every report lists it and the exit code is 1.
// A file that is simply not in scope (README.md, an image, a CloudFormation template Safeguard does
// not read yet, package-lock.json over the size limit) is listed as skipped and nothing more.
// Files the user leaves out on purpose (.gitignore, .safeguardignore, config `exclude`) never get
// here: they are skipped before they are read.
import { classifyByName } from './input-format.js';
import type { SkipReason } from './skipped-file.js';

/** The skip reasons that can mean "in scope but unverified". */
export type FailureReason = Extract<SkipReason, 'unreadable' | 'binary' | 'invalid-utf8' | 'too-large' | 'outside-root'>;

/** Names that are Terraform whatever their content: .tf, .tf.json, .tfvars(.json), the lock file, a state file. */
export function isTerraformName(relPath: string): boolean {
  const byName = classifyByName(relPath);
  if (byName === 'json-document') return /\.(tfstate|tfstate\.backup|tfplan\.json)$/i.test(relPath);
  return byName !== 'other' && byName !== 'yaml-document';
}

/**
 * True when skipping `relPath` for `reason` fails the run: a Terraform file (by name), a file the
 * user named on the command line, or a directory that could not be listed (it may hold Terraform).
 */
export function isFailedInput(relPath: string, reason: FailureReason, explicit: boolean): boolean {
  if (relPath.endsWith('/')) return reason === 'unreadable';
  return explicit || isTerraformName(relPath);
}
