// Does a Resource pattern cover every resource of one type? `arn:aws:ssm:*:*:parameter/*` reaches
// every parameter exactly as Resource "*" does for ssm:GetParameter, so the rules that ask "on every
// resource" must not read such a pattern as a specific resource.
import { UNKNOWN_TEXT } from '../../../model/value.js';
import { wildcardRegExp } from '../../../util/wildcard.js';

/** One resource type as its ARNs are written (Service Authorization Reference, "Resource types"). */
export interface ArnResourceType {
  /** The ARN's service segment (`iam` for roles, whatever service acts on them). */
  readonly service: string;
  /** Literal text before the resource name: `parameter/`, `secret:`, `role/`; '' for S3 buckets and objects. */
  readonly prefix: string;
  /** A name of that type, to test a pattern against (`bucket/key` for S3 objects, which need a slash). */
  readonly sample: string;
}

/** Nothing but wildcards and the separators between name parts (`*`, `*:*`, and a star, a slash, a star). */
const WILDCARDS_ONLY = /^\*[*/:]*$/;

/**
 * Whether `pattern` matches every resource of `type`. The account and Region segments may hold
 * anything: an identity policy that names its own account (`arn:aws:kms:*:111122223333:key/*`)
 * still reaches every key of that account, and a fixed Region every one of that Region, which is
 * the grant the rules ask about. The resource part must be the type's literal prefix followed by
 * wildcards only, or wildcards only; `arn:aws:s3:::my-bucket/*` and `role/service-role/*` are
 * specific (one bucket, one path). A `*` ending a segment expands across the colons after it, and
 * `*` matches `/` too (IAM User Guide, "IAM JSON policy elements: Resource", wildcards in ARNs).
 * A wildcard cannot stand for the service (its case is not judged). Text known only at apply time is taken as specific, as
 * onAllResources does.
 */
export function coversEveryResourceOf(pattern: string, type: ArnResourceType): boolean {
  if (pattern === '*') return true;
  if (pattern.includes(UNKNOWN_TEXT)) return false;
  const parts = pattern.split(':');
  if (parts[0] !== 'arn' || parts.length < 3) return false;
  if (parts[2]!.toLowerCase() !== type.service) return false;
  // `arn:aws:kms:*`, `arn:aws:ssm:us-east-1:*`: a final `*` in the Region or account segment runs over the rest.
  if (parts.length < 6) return parts.length > 3 && parts[parts.length - 1]!.endsWith('*');
  const resource = parts.slice(5).join(':');
  const rest = resource.startsWith(type.prefix) ? resource.slice(type.prefix.length) : resource;
  return WILDCARDS_ONLY.test(rest) && wildcardRegExp(resource).test(type.prefix + type.sample);
}

/** The first resource of `resources` that covers every resource of `type`, if any. */
export function everyResourcePattern(resources: readonly string[], type: ArnResourceType): string | undefined {
  return resources.find((r) => coversEveryResourceOf(r, type));
}
