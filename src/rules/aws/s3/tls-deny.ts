// Whether a bucket policy statement refuses every plain-HTTP request (aws:SecureTransport false) to
// the bucket and all its objects: shared by aws-s3-bucket-tls-only and tf-state-bucket-hardened.
import { actionMatches, type PolicyStatement } from '../../../adapters/aws/iam-policy.js';
import { UNKNOWN_TEXT } from '../../../model/value.js';
import { wildcardMatches } from '../../../util/wildcard.js';

/** A Deny on plain HTTP that leaves part of the traffic out: which part. */
export interface Partial {
  readonly partial: string;
}

/** Whether a statement refuses every plain-HTTP request to the bucket and its objects. */
/**
 * Whether a resource ARN's bucket part can be `bucket` (undefined: the name is not known, so any
 * can): an apply-time part or a wildcard may stand for it; another literal name is another bucket.
 */
function namesBucket(arn: string, bucket: string | undefined): boolean {
  if (bucket === undefined || arn === '*' || arn === UNKNOWN_TEXT) return true;
  const m = /^arn:[^:]*:s3:::([^/]*)/.exec(arn);
  if (m === null) return arn.includes(UNKNOWN_TEXT);
  const part = m[1]!;
  if (part.includes(UNKNOWN_TEXT)) return true;
  return wildcardMatches(part, bucket);
}

/**
 * `arn:aws:s3:::*` or `arn:aws:s3:::phi-data*`: a `*` ending the bucket part matches the slash and
 * every key after it too (IAM User Guide, "IAM JSON policy elements: Resource": the asterisk expands
 * to replace everything within a segment, including a forward slash), so the pattern reaches every
 * object of each bucket it names, as `…/*` does.
 */
function endsInBucketWildcard(arn: string): boolean {
  const m = /^arn:[^:]*:s3:::(.*)$/.exec(arn);
  // `${aws_s3_bucket.b.arn}*` is read "arn:${unknown}*": the bucket's ARN, then the wildcard.
  const bucketPart = m !== null ? m[1]! : arn.includes(UNKNOWN_TEXT) ? arn.slice(arn.lastIndexOf(UNKNOWN_TEXT) + UNKNOWN_TEXT.length) : undefined;
  return bucketPart !== undefined && bucketPart.endsWith('*') && !bucketPart.includes('/');
}

export function deniesPlainText(s: PolicyStatement, bucket?: string): boolean | 'unknown' | Partial {
  // An Effect known only at apply time: the statement may be the Deny, so it cannot be ruled out.
  if (s.effectUnknown) {
    const asDeny = deniesPlainText({ ...s, effect: 'Deny', effectUnknown: false }, bucket);
    return asDeny === false || typeof asDeny === 'object' ? asDeny : 'unknown';
  }
  if (s.effect !== 'Deny') return false;
  const condition = s.conditions.find((c) => c.key.toLowerCase() === 'aws:securetransport');
  if (!condition) return false;
  if (!/^Bool(IfExists)?$/i.test(condition.operator)) return false;
  if (!condition.values.some((v) => v.toLowerCase() === 'false')) return condition.values.includes(UNKNOWN_TEXT) ? 'unknown' : false;
  if (!s.principalIsWildcard) return s.principals.some((p) => p.ids.includes(UNKNOWN_TEXT)) ? 'unknown' : false;
  const allActions = s.actions.some((a) => actionMatches(a, 's3:GetObject') && actionMatches(a, 's3:PutObject') && actionMatches(a, 's3:ListBucket'));
  if (!allActions) return s.actions.includes(UNKNOWN_TEXT) ? 'unknown' : false;
  // Resources must cover the bucket and all its objects (`arn/*`, not `arn/exports/*`); an
  // apply-time ARN (this bucket's) counts.
  const objectPath = (r: string): string | undefined => (r.includes('/') ? r.slice(r.indexOf('/') + 1) : undefined);
  // Only ARNs that can name this bucket count: a Deny on another bucket's objects protects nothing here.
  const own = s.resources.filter((r) => namesBucket(r, bucket));
  const objects = own.some((r) => r === '*' || r === UNKNOWN_TEXT || objectPath(r) === '*' || endsInBucketWildcard(r));
  const whole = own.some((r) => r === '*' || !r.includes('/'));
  if (whole && !objects) {
    const some = own.find((r) => objectPath(r) !== undefined);
    return some !== undefined ? { partial: `only the objects matching …/${objectPath(some)!}` } : { partial: 'the bucket but none of its objects' };
  }
  if (!(objects && whole)) return false;
  // Another condition in the same statement narrows the Deny to the requests that also match it.
  const other = s.conditions.find((c) => c !== condition);
  // A condition known only at apply time (`StringEquals = var.scope`) may narrow the Deny, or not.
  if (other && (other.key.includes(UNKNOWN_TEXT) || other.operator.includes(UNKNOWN_TEXT))) return 'unknown';
  if (other) return { partial: `only requests that also match ${other.operator} ${other.key}` };
  return true;
}


/**
 * For a statement deniesPlainText() leaves 'unknown': which part of it is known only at apply time,
 * and its cause when the policy keeps one (a jsonencode(...) leaf's reason), for the message.
 */
export function tlsUnknownPart(s: PolicyStatement, bucket?: string): { readonly part: string; readonly why?: string } {
  const withCause = (part: string, field?: 'effect' | 'principals' | 'actions' | 'conditions'): { part: string; why?: string } => {
    const why = field ? s.unknownReasons?.[field]?.[0] : undefined;
    return why !== undefined ? { part, why } : { part };
  };
  if (s.effectUnknown && deniesPlainText({ ...s, effectUnknown: false, effect: 'Deny' }, bucket) === true) return withCause('the Effect', 'effect');
  const condition = s.conditions.find((c) => c.key.toLowerCase() === 'aws:securetransport');
  if (condition && !condition.values.some((v) => v.toLowerCase() === 'false')) return withCause('the value of the aws:SecureTransport condition', 'conditions');
  if (!s.principalIsWildcard) return withCause('the principal', 'principals');
  if (s.actions.includes(UNKNOWN_TEXT)) return withCause('the actions', 'actions');
  const other = s.conditions.find((c) => c !== condition && (c.key.includes(UNKNOWN_TEXT) || c.operator.includes(UNKNOWN_TEXT)));
  // It may narrow the Deny to the requests that also match it, or not.
  if (other) return withCause(other.operator.includes(UNKNOWN_TEXT) ? 'a condition beside aws:SecureTransport' : `the ${other.operator} condition beside aws:SecureTransport`, 'conditions');
  return withCause('a part');
}
