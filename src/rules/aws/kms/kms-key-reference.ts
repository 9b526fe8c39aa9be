// Whether a key attribute names a customer-managed KMS key. `kms_key_id = aws_kms_key.k.arn` is
// computed at apply time, so the evaluated value is unknown; the reference itself tells us the key
// is customer-managed. AWS-managed keys are the `alias/aws/<service>` aliases
// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key).
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { isUnknown, knownText, UNKNOWN_TEXT, type Unknown } from '../../../model/value.js';
import { leadCause } from '../../../model/unknown-cause.js';
import { applyTimeReason } from '../apply-time.js';

export type KeyJudgement =
  | { readonly kind: 'missing' }
  /** `keyNamed`: the value is a template whose literal text already names some key (it cannot be empty), though not which. */
  | { readonly kind: 'unknown'; readonly reason: string; readonly keyNamed?: true }
  | { readonly kind: 'aws-managed'; readonly alias: string }
  | { readonly kind: 'customer-managed' };

const CUSTOMER_KEY_TYPES = new Set(['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key']);

/** The AWS-managed alias (alias/aws/<service>) a key identifier names, by alias name or alias ARN; undefined for any other key. */
export function awsManagedAlias(text: string): string | undefined {
  const m = /(?:^|:)(alias\/aws\/[A-Za-z0-9/_-]+)$/.exec(text.trim());
  return m ? m[1] : undefined;
}

/**
 * The evaluator says why a value is unknown: `aws_kms_key.phi.arn` is computed by the provider (or
 * `data.aws_kms_alias.s3.target_key_arn` read from it when Terraform runs). When that names a KMS
 * resource, we know which key it is even though its ARN is not known yet.
 */
function keyFromCause(model: InfraModel, owner: Resource, value: Unknown): KeyJudgement | undefined {
  const cause = value.cause === undefined ? undefined : leadCause(value.cause);
  if (cause?.kind !== 'attribute' || cause.nulled === true || !cause.type.startsWith('aws_kms_')) return undefined;
  const { address, type } = cause;
  const data = cause.mode === 'data';
  if (CUSTOMER_KEY_TYPES.has(type) && !data) return { kind: 'customer-managed' };
  // The reference names a resource of the owner's own root module: another root may reuse the address
  // (a data alias of aws/s3 in one stack, of a customer key in another).
  const resource = byAddress(model).get(`${owner.root ?? ''}\u0000${address}`);
  const named = resource?.attributes.get(type === 'aws_kms_alias' ? 'name' : 'key_id')?.value;
  if (typeof named === 'string') {
    const alias = awsManagedAlias(named);
    return alias ? { kind: 'aws-managed', alias } : { kind: 'customer-managed' };
  }
  if (type === 'aws_kms_alias' || type === 'aws_kms_key') return data ? undefined : { kind: 'customer-managed' };
  return undefined;
}

/**
 * A key identifier written as a template with apply-time parts ("alias/aws/${var.service}",
 * "${local.arn_prefix}alias/aws/sns"). The alias/aws/ prefix is reserved for AWS-managed keys: no
 * customer-managed key's alias may begin with it (https://docs.aws.amazon.com/kms/latest/developerguide/alias-create.html),
 * so literal text that starts the identifier, or follows the ARN's last colon, with alias/aws/ names an
 * AWS-managed key whatever the rest turns out to be. Text ending in alias/aws/sns after an apply-time
 * part proves less: "alias/team/" before it would make it a customer alias. Any literal text at all
 * still proves some key is named, so a requirement for any key is met (an invalid identifier fails
 * at apply time instead).
 */
function keyFromTemplate(text: string | undefined): KeyJudgement | undefined {
  if (text === undefined || text.split(UNKNOWN_TEXT).join('').trim() === '') return undefined;
  const m = /(?:^|:)(alias\/aws\/.*)$/.exec(text.trim());
  if (m) return { kind: 'aws-managed', alias: m[1]!.split(UNKNOWN_TEXT).join('…') };
  return { kind: 'unknown', reason: '', keyNamed: true };
}

/** `owner` is the resource holding the attribute (its root module is where the value's reason names the key). */
export function judgeKmsKey(model: InfraModel, owner: Resource, value: Sourced | undefined): KeyJudgement {
  if (value === undefined || value.provenance === 'default') return { kind: 'missing' };
  const v = value.value;
  if (v === null || v === '') return { kind: 'missing' };
  if (typeof v === 'string') {
    const alias = awsManagedAlias(v);
    return alias ? { kind: 'aws-managed', alias } : { kind: 'customer-managed' };
  }
  if (isUnknown(v)) {
    const fromCause = keyFromCause(model, owner, v);
    if (fromCause) return fromCause;
    const partial = keyFromTemplate(knownText(v));
    if (partial) return partial.kind === 'unknown' ? { ...partial, reason: applyTimeReason(value) } : partial;
  }
  return { kind: 'unknown', reason: applyTimeReason(value) };
}

const addressIndexes = new WeakMap<InfraModel, Map<string, Resource>>();

/** Resources by root module and address (`root\0address`), built once per model (a lookup per target would be quadratic). */
function byAddress(model: InfraModel): Map<string, Resource> {
  let index = addressIndexes.get(model);
  if (!index) {
    index = new Map();
    for (const r of model.resources) {
      const key = `${r.root ?? ''}\u0000${r.address}`;
      if (!index.has(key)) index.set(key, r);
    }
    addressIndexes.set(model, index);
  }
  return index;
}
