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
  return source === undefined ? undefined : redactedSpanText(finding, redactSecrets(source));
}

/**
 * The normalised text of each span object, with the redacted file text it was read from. Findings
 * share span objects (rules judging one resource report at its block; corpus (a): 11 500 findings on
 * 5 000 spans), and a resource's block can be long: a CSV of (a) spent most of its time here.
 */
const spanTexts = new WeakMap<object, { readonly redacted: string; readonly text: string }>();

function redactedSpanText(finding: Pick<Finding, 'span'>, redacted: string): string {
  const known = spanTexts.get(finding.span);
  if (known !== undefined && known.redacted === redacted) return known.text;
  const text = redacted.slice(finding.span.start.offset, finding.span.end.offset).replace(/\s+/g, ' ').trim();
  spanTexts.set(finding.span, { redacted, text });
  return text;
}

/**
 * `file` is the path the fingerprint should be stable under (repo- or baseline-relative, forward
 * slashes); `source` is the file's text, or undefined, in which case the message stands in for it.
 */
export function contentFingerprint(finding: Pick<Finding, 'ruleId' | 'resource' | 'span' | 'message'>, file: string, source: string | undefined): string {
  return redactedContentFingerprint(finding, file, source === undefined ? undefined : redactSecrets(source));
}

/**
 * contentFingerprint of a file's text already redacted (reporters/redact.ts redactedSources): a
 * report fingerprints thousands of findings in a few hundred files, and redacting the whole file
 * again for each finding made a CSV of corpus (a) take 20 s.
 */
export function redactedContentFingerprint(finding: Pick<Finding, 'ruleId' | 'resource' | 'span' | 'message'>, file: string, redacted: string | undefined): string {
  const content = redacted === undefined ? `message:${finding.message}` : redactedSpanText(finding, redacted);
  return createHash('sha256')
    .update([finding.ruleId, file.replace(/\\/g, '/'), finding.resource.address, content].join('\u0000'))
    .digest('hex')
    .slice(0, 32);
}
