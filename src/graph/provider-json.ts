// JSON policy arguments as the AWS provider plans them. The provider's schema normalises these
// strings (a StateFunc), so `terraform plan` shows, and other expressions read, the normalised text,
// not the text written. Checked with terraform plan 1.11.4 and hashicorp/aws 5.100.0, one resource of
// each type below given the same policies (a jsonencode() one, a heredoc, `{}`, `{ Id = "x" }`):
// - the JSON is decoded and encoded again as Go's encoding/json does: no spaces, object keys sorted,
//   `<`, `>`, `&` written \u003c, \u003e, \u0026, numbers as float64 (1e-7, 1e+21, 1.50 as 1.5);
// - the IAM inline policies (role, user and group policies, a role's inline_policy block) then move
//   "Version":"2012-10-17" first, as the provider's legacy normaliser does;
// - a policy equal to no policy at all (no Version, Id nor statement: `{}`, `{ a = 1 }`,
//   `{ Statement = [] }`) is planned "" where the argument is only written, unknown where the provider
//   may also compute it (the queue's, topic's, key's...), null for the glacier vault.
// Only fully known text is changed; text that is not a JSON object is left as written (the provider
// refuses it).
import type { AttrResult, EvaluatedBlock, EvaluatedBody } from './body.js';
import { goJsonString } from './functions/encoding.js';
import { compareKeys, unk, type Val } from './value.js';

type Style = 'sorted' | 'legacy';
/** What the provider plans for a policy equal to none: the empty text, unknown, or null. */
type Empty = '' | 'unknown' | null;

const POLICY_ARGUMENTS: ReadonlyMap<string, readonly [name: string, style: Style, empty: Empty]> = new Map([
  ['aws_iam_policy', ['policy', 'sorted', '']],
  ['aws_iam_role', ['assume_role_policy', 'sorted', '']],
  ['aws_iam_role_policy', ['policy', 'legacy', '']],
  ['aws_iam_user_policy', ['policy', 'legacy', '']],
  ['aws_iam_group_policy', ['policy', 'legacy', '']],
  ['aws_s3_bucket_policy', ['policy', 'sorted', '']],
  ['aws_s3_bucket', ['policy', 'sorted', 'unknown']],
  ['aws_kms_key', ['policy', 'sorted', 'unknown']],
  ['aws_kms_key_policy', ['policy', 'sorted', '']],
  ['aws_sns_topic', ['policy', 'sorted', 'unknown']],
  ['aws_sns_topic_policy', ['policy', 'sorted', '']],
  ['aws_sqs_queue', ['policy', 'sorted', 'unknown']],
  ['aws_sqs_queue_policy', ['policy', 'sorted', '']],
  ['aws_api_gateway_rest_api', ['policy', 'sorted', 'unknown']],
  ['aws_backup_vault_policy', ['policy', 'sorted', '']],
  ['aws_cloudwatch_log_resource_policy', ['policy_document', 'sorted', '']],
  ['aws_ecr_registry_policy', ['policy', 'sorted', '']],
  ['aws_ecr_repository_policy', ['policy', 'sorted', '']],
  ['aws_efs_file_system_policy', ['policy', 'sorted', '']],
  ['aws_elasticsearch_domain', ['access_policies', 'sorted', 'unknown']],
  ['aws_opensearch_domain', ['access_policies', 'sorted', 'unknown']],
  ['aws_glacier_vault', ['access_policy', 'sorted', null]],
  ['aws_secretsmanager_secret', ['policy', 'sorted', 'unknown']],
  ['aws_secretsmanager_secret_policy', ['policy', 'sorted', '']],
  ['aws_vpc_endpoint', ['policy', 'sorted', 'unknown']],
]);

/** Whether a managed resource of this type has a JSON policy argument the provider normalises. */
export function hasPlannedPolicy(type: string): boolean {
  return POLICY_ARGUMENTS.has(type);
}

/**
 * The body with its policy argument (and an aws_iam_role's inline_policy blocks' policies) as the
 * provider plans them; the same body when nothing changes, which is most often.
 */
export function withPlannedPolicies(type: string, body: EvaluatedBody): EvaluatedBody {
  const spec = POLICY_ARGUMENTS.get(type);
  if (spec === undefined) return body;
  const [name, style, empty] = spec;
  const attrs = plannedAttrs(body.attrs, name, style, empty, `${type}.${name}`);
  let blocks = body.blocks;
  if (type === 'aws_iam_role' && blocks.some((b) => b.type === 'inline_policy')) {
    let changed = false;
    const next = blocks.map((b): EvaluatedBlock => {
      if (b.type !== 'inline_policy') return b;
      const inner = plannedAttrs(b.attrs, 'policy', 'legacy', '', 'aws_iam_role inline_policy.policy');
      if (inner === b.attrs) return b;
      changed = true;
      return { ...b, attrs: inner };
    });
    if (changed) blocks = next;
  }
  return attrs === body.attrs && blocks === body.blocks ? body : { ...body, attrs, blocks };
}

function plannedAttrs(attrs: ReadonlyMap<string, AttrResult>, name: string, style: Style, empty: Empty, what: string): ReadonlyMap<string, AttrResult> {
  const attr = attrs.get(name);
  if (attr === undefined || typeof attr.value !== 'string') return attrs;
  const planned = plannedPolicy(attr.value, style, empty, what);
  if (planned === attr.value) return attrs;
  const out = new Map(attrs);
  out.set(name, { ...attr, value: planned });
  return out;
}

/** One policy text as the provider plans it (see the head of this file). */
export function plannedPolicy(text: string, style: Style, empty: Empty, what = 'the policy'): Val {
  if (!text.startsWith('{')) return text;
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return text;
  if (isNoPolicy(parsed as Record<string, unknown>)) {
    return empty === 'unknown' ? unk(`${what}: the AWS provider plans a policy with no statements as known only at apply time`) : empty;
  }
  const sorted = goJson(parsed);
  return style === 'legacy' ? versionFirst(sorted) : sorted;
}

/**
 * The provider compares the policy with none (awspolicyequivalence): equal when its Version and Id
 * are absent or "" and it has no statements. Go matches those keys case-insensitively, the last
 * one written winning; a Version that is not text fails that comparison, so the policy is kept.
 */
function isNoPolicy(doc: Record<string, unknown>): boolean {
  let version: unknown;
  let id: unknown;
  let statement: unknown;
  for (const [k, v] of Object.entries(doc)) {
    const lower = k.toLowerCase();
    if (lower === 'version') version = v;
    else if (lower === 'id') id = v;
    else if (lower === 'statement') statement = v;
  }
  const blank = (v: unknown): boolean => v === undefined || v === null || v === '';
  return blank(version) && blank(id) && (statement === undefined || statement === null || (Array.isArray(statement) && statement.length === 0));
}

/** The provider's legacy normaliser: "Version":"2012-10-17" moved to the front (its regular expression, whitespace as Go's \s). */
const VERSION_FIRST = /^(\{\n?)([\s\S]*?)(,[\t\n\f\r ]*)?( {2})?("Version":[\t\n\f\r ]*"2012-10-17")(,)?(\n)?([\s\S]*?)(\})/;
function versionFirst(text: string): string {
  return text.replace(VERSION_FIRST, '$1$4$5$3$2$6$7$8$9');
}

/** A decoded JSON value encoded as Go's json.Marshal encodes an interface{} (HTML-safe escaping; keys by UTF-8 bytes, which is compareKeys' order). */
function goJson(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return goJsonString(v);
  if (typeof v === 'number') return goNumber(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  return `{${Object.keys(o)
    .sort(compareKeys)
    .map((k) => `${goJsonString(k)}:${goJson(o[k])}`)
    .join(',')}}`;
}

/** float64 as Go writes it: shortest digits, exponent form below 1e-6 and from 1e21 (JavaScript's own thresholds). */
function goNumber(n: number): string {
  if (Object.is(n, -0)) return '-0';
  return String(n);
}
