// `resource_drift`: objects changed outside Terraform since the last apply. Each entry lists the
// attribute paths that changed (names only: values may be secrets) and whether the change weakens
// a HIPAA control: encryption off, public access on, logging off, a policy or network rule widened.
import type { DriftWeakening } from '../../model/plan.js';

export type { DriftEntry, DriftWeakening } from '../../model/plan.js';

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Leaf paths whose values differ between before and after. */
export function changedPaths(before: Json, after: Json, path = '', out: { path: string; before: Json; after: Json }[] = []): { path: string; before: Json; after: Json }[] {
  if (isObject(before) && isObject(after)) {
    for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) changedPaths(before[key], after[key], path === '' ? key : `${path}.${key}`, out);
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length && before.every((b) => isObject(b))) {
    const { changed, moved } = pairElements(before, after);
    // The same elements in another order: a list reordered (a set's order is its content's).
    if (changed.length === 0 && moved) out.push({ path, before, after });
    for (const [i, j] of changed) changedPaths(before[i], after[j], `${path}[${j}]`, out);
    return out;
  }
  if (JSON.stringify(before ?? null) !== JSON.stringify(after ?? null)) out.push({ path, before, after });
  return out;
}

/**
 * Before and after elements of a list or set of blocks: each unchanged one paired with its equal
 * wherever it is (`moved` when not at the same place), the changed ones in their order. A set's
 * JSON order follows its elements, not the configuration: terraform plan 1.11.4 (hashicorp/aws
 * 5.100.0, offline) plans an aws_security_group's ingress [443, 8443, 22] with the 22 rule's
 * description changed as [443, 22, 8443], and paired by position every field of the last two
 * rules had changed.
 */
function pairElements(before: readonly Json[], after: readonly Json[]): { changed: [number, number][]; moved: boolean } {
  const afterKeys = after.map((a) => JSON.stringify(a));
  const used = new Set<number>();
  const changedBefore: number[] = [];
  let moved = false;
  before.forEach((b, i) => {
    const key = JSON.stringify(b);
    const j = afterKeys.findIndex((k, at) => !used.has(at) && k === key);
    if (j === -1) changedBefore.push(i);
    else {
      used.add(j);
      moved ||= i !== j;
    }
  });
  const changedAfter = after.map((_, j) => j).filter((j) => !used.has(j));
  return { changed: changedBefore.map((i, n) => [i, changedAfter[n]!]), moved };
}

function truthy(v: Json): boolean {
  if (v === null || v === undefined || v === false || v === '' || v === 0) return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObject(v)) return Object.keys(v).length > 0;
  return true;
}

function leafName(path: string): string {
  const last = path.slice(path.lastIndexOf('.') + 1);
  return last.replace(/\[\d+\]$/, '');
}

const ENCRYPTION = /(^|_)(encrypted|encryption|encrypt|sse|kms_key_id|kms_master_key_id|kms_key_arn|server_side_encryption_configuration|enable_key_rotation|is_enabled)($|_)/;
const LOGGING = /(^|_)(logging|enable_logging|logging_enabled|logs?|enabled_cloudwatch_logs_exports|log_publishing_options|access_logs|enable_log_file_validation|audit_logs?)($|_)/;
const BLOCK_PUBLIC = /^(block_public_acls|block_public_policy|ignore_public_acls|restrict_public_buckets)$/;
const BECOMES_PUBLIC = /^(publicly_accessible|map_public_ip_on_launch|associate_public_ip_address)$/;
const PUBLIC_ACLS = new Set(['public-read', 'public-read-write', 'authenticated-read']);
const POLICY = /(^|_)policy$/;
const OPEN_CIDRS = new Set(['0.0.0.0/0', '::/0']);

function policyWildcards(v: Json): number {
  if (typeof v !== 'string') return 0;
  const compact = v.replace(/\s+/g, '');
  return (compact.match(/"(Principal|AWS|Action|Resource|NotPrincipal)":(\[)?"\*"/g) ?? []).length;
}

function openCidrs(v: Json): number {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' && OPEN_CIDRS.has(x)).length : 0;
}

export function weakeningsOf(changes: readonly { path: string; before: Json; after: Json }[]): DriftWeakening[] {
  const out: DriftWeakening[] = [];
  for (const { path, before, after } of changes) {
    const name = leafName(path);
    if (BLOCK_PUBLIC.test(name) && before === true && after !== true) out.push({ control: '164.312(a)(1)', attribute: path, what: 'the public access block was relaxed' });
    else if (BECOMES_PUBLIC.test(name) && before !== true && after === true) out.push({ control: '164.312(a)(1)', attribute: path, what: 'public access was turned on' });
    else if (name === 'acl' && typeof after === 'string' && PUBLIC_ACLS.has(after) && !(typeof before === 'string' && PUBLIC_ACLS.has(before))) out.push({ control: '164.312(a)(1)', attribute: path, what: 'a public ACL was granted' });
    else if (POLICY.test(name) && policyWildcards(after) > policyWildcards(before)) out.push({ control: '164.312(a)(1)', attribute: path, what: 'a policy was widened to a wildcard principal, action or resource' });
    else if (/cidr_blocks$/.test(name) && openCidrs(after) > openCidrs(before)) out.push({ control: '164.312(a)(1)', attribute: path, what: 'a network rule was opened to the internet' });
    else if (ENCRYPTION.test(name) && truthy(before) && !truthy(after)) out.push({ control: '164.312(a)(2)(iv)', attribute: path, what: 'encryption was turned off' });
    else if (name === 'sse_algorithm' && before === 'aws:kms' && after !== 'aws:kms') out.push({ control: '164.312(a)(2)(iv)', attribute: path, what: 'encryption moved off the customer-managed KMS key' });
    else if (LOGGING.test(name) && truthy(before) && !truthy(after)) out.push({ control: '164.312(b)', attribute: path, what: 'logging was turned off' });
    else if (/(^|_)(tls|ssl|https)/.test(name) && truthy(before) && !truthy(after)) out.push({ control: '164.312(e)(1)', attribute: path, what: 'encryption in transit was turned off' });
  }
  return out;
}

/** `a.b[0].c` → the top-level attribute `a`. */
export function topAttribute(path: string): string {
  return path.split(/[.[]/)[0]!;
}
