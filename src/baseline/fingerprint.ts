// Our content fingerprint for a finding: a hash of the rule, the file, the resource address and the
// flagged source text with whitespace collapsed. It survives lines inserted or removed elsewhere
// (no line numbers go in) and changes when the flagged text itself changes. Secret values are masked
// before hashing, so a fingerprint never lets anyone test a guess of a password (issue 2).
// Baselines key on it, SARIF carries it in `partialFingerprints`, GitLab in `fingerprint`/`id`.
import { createHash } from 'node:crypto';
import type { Finding } from '../engine/finding.js';
import { redactSecrets } from '../reporters/redact.js';

/** The key under which SARIF `partialFingerprints` carries it; bump the version when the recipe changes. */
export const CONTENT_FINGERPRINT_KEY = 'safeguardContent/v1';

/** Whitespace-insensitive text of the flagged span, secrets masked; undefined when the source is unknown. */
export function normalizedSpanText(finding: Pick<Finding, 'span'>, source: string | undefined): string | undefined {
  if (source === undefined) return undefined;
  const text = redactSecrets(source).slice(finding.span.start.offset, finding.span.end.offset);
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * `file` is the path the fingerprint should be stable under (repo- or baseline-relative, forward
 * slashes); `source` is the file's text, or undefined, in which case the message stands in for it.
 */
export function contentFingerprint(finding: Pick<Finding, 'ruleId' | 'resource' | 'span' | 'message'>, file: string, source: string | undefined): string {
  const content = normalizedSpanText(finding, source) ?? `message:${finding.message}`;
  return createHash('sha256')
    .update([finding.ruleId, file.replace(/\\/g, '/'), finding.resource.address, content].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
