// The only forms in which a detected secret or PHI value may leave the scanner (issue 6): a redacted
// preview that shows too little to use (`AKIA…MPLE`, `***-**-6789`) and a stable hash so the same
// value found twice, or in two runs, can be matched without being shown.
//
// A plain hash of a low-entropy value (an SSN has 10^9 possibilities) can be reversed by brute
// force, so callers that publish hashes of PHI should pass an organisation secret as `salt`.
import { createHash } from 'node:crypto';
import type { SecretKind } from './secrets.js';

const SSN_SHAPE = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/;

/** Token formats whose first characters name the kind of credential (an AWS key id, a GitHub or Slack token). */
const TYPED_TOKEN = /^(?:AKIA|ASIA|AGPA|AIDA|AROA|ghp_|gho_|ghs_|ghu_|github_pat_|glpat-|xox[abprs]-|sk_live_|rk_live_|AIza|SG\.)/;

/**
 * A preview of a secret that cannot be used: first and last four characters of typed tokens and of
 * long random values (`AKIA…MPLE`), two of medium ones, nothing of short ones (a person's password
 * shows nothing worth guessing from); SSN-shaped values keep the last four digits (`***-**-6789`);
 * PEM blocks keep their header line only.
 */
export function redactSecret(value: string): string {
  const trimmed = value.trim();
  const ssn = SSN_SHAPE.exec(trimmed);
  if (ssn) return `***-**-${ssn[3]}`;
  const pem = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(trimmed);
  if (pem) return `-----BEGIN ${pem[1]}-----…`;
  const chars = [...trimmed];
  if (chars.length >= 32 || (chars.length >= 20 && TYPED_TOKEN.test(trimmed))) return `${chars.slice(0, 4).join('')}…${chars.slice(-4).join('')}`;
  if (chars.length >= 16) return `${chars.slice(0, 2).join('')}…${chars.slice(-2).join('')}`;
  return '****';
}

export type PhiRedactionKind = 'ssn' | 'dob' | 'name' | 'email' | 'phone' | 'address' | 'diagnosis' | 'identifier';

/** A preview of a PHI value: the last four digits of identifiers at most, initials of names, nothing of dates. */
export function redactPhi(kind: PhiRedactionKind, value: string): string {
  const v = value.trim();
  switch (kind) {
    case 'ssn': {
      const digits = v.replace(/\D/g, '');
      return `***-**-${digits.slice(-4)}`;
    }
    case 'dob':
      return '****-**-**';
    case 'name':
      return v
        .split(/\s+/)
        .filter((w) => w !== '')
        .map((w) => `${w[0]}***`)
        .join(' ');
    case 'email': {
      const at = v.lastIndexOf('@');
      const tld = v.slice(v.lastIndexOf('.'));
      return at > 0 ? `${v[0]}***@***${tld}` : '***@***';
    }
    case 'phone': {
      const digits = v.replace(/\D/g, '');
      return `***-***-${digits.slice(-4)}`;
    }
    case 'address':
      return '[street address]';
    case 'diagnosis':
      return `${v[0] ?? ''}**`;
    case 'identifier': {
      const compact = v.replace(/[\s-]/g, '');
      return compact.length >= 8 ? `${'*'.repeat(compact.length - 4)}${compact.slice(-4)}` : '*'.repeat(Math.max(compact.length, 4));
    }
  }
}

/**
 * Machine-made credentials: their hash can be shown, as no one can guess them back from it. A
 * person's password (generic-secret, a password in a database URL) and every PHI value can be:
 * an SSN's last four digits leave 10^5 candidates, checked against a hash in well under a second.
 */
const GUESS_PROOF_KINDS: ReadonlySet<string> = new Set<SecretKind>(['aws-access-key-id', 'aws-secret-access-key', 'private-key', 'github-token', 'gitlab-token', 'slack-token', 'slack-webhook', 'stripe-key', 'jwt', 'high-entropy']);

/** What a report shows of a found value: its preview, and its hash only where the hash cannot be reversed by guessing. */
export function shownValue(found: { readonly kind: string; readonly redacted: string; readonly hash: string }, separator = ', '): string {
  return GUESS_PROOF_KINDS.has(found.kind) ? `${found.redacted}${separator}${found.hash}` : found.redacted;
}

/** `sha256:` and the first 16 hex digits of sha256(salt NUL value): stable across runs, not reversible for high-entropy values. */
export function stableHash(value: string, salt = ''): string {
  return `sha256:${createHash('sha256').update(salt).update('\u0000').update(value).digest('hex').slice(0, 16)}`;
}
