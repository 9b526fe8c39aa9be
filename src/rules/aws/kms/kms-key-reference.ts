// Whether a key attribute names a customer-managed KMS key. `kms_key_id = aws_kms_key.k.arn` is
// computed at apply time, so the evaluated value is unknown; the reference itself tells us the key
// is customer-managed. AWS-managed keys are the `alias/aws/<service>` aliases
// (https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html#aws-managed-key).
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { isUnknown } from '../../../model/value.js';
import { applyTimeReason } from '../apply-time.js';

export type KeyJudgement =
  | { readonly kind: 'missing' }
  | { readonly kind: 'unknown'; readonly reason: string }
  | { readonly kind: 'aws-managed'; readonly alias: string }
  | { readonly kind: 'customer-managed' };

const CUSTOMER_KEY_TYPES = new Set(['aws_kms_key', 'aws_kms_replica_key', 'aws_kms_external_key', 'aws_kms_replica_external_key']);

function awsManagedAlias(text: string): string | undefined {
  const m = /(?:^|:)(alias\/aws\/[A-Za-z0-9/_-]+)$/.exec(text.trim());
  return m ? m[1] : undefined;
}

/** The KMS resources (managed or data) that `owner` references. */
function referencedKeys(model: InfraModel, owner: Resource): Resource[] {
  const out: Resource[] = [];
  for (const ref of owner.references) {
    if (!/aws_kms_(key|alias|replica_key|external_key|replica_external_key)\./.test(ref)) continue;
    for (const r of model.resolve(owner, ref)) out.push(r);
  }
  return out;
}

export function judgeKmsKey(model: InfraModel, owner: Resource, value: Sourced | undefined): KeyJudgement {
  if (value === undefined || value.provenance === 'default') return { kind: 'missing' };
  const v = value.value;
  if (v === null || v === '') return { kind: 'missing' };
  if (typeof v === 'string') {
    const alias = awsManagedAlias(v);
    return alias ? { kind: 'aws-managed', alias } : { kind: 'customer-managed' };
  }
  if (isUnknown(v) && value.provenance !== 'unresolved') {
    const keys = referencedKeys(model, owner);
    const aliases = keys
      .filter((k) => k.type === 'aws_kms_alias')
      .map((k) => k.attributes.get('name')?.value)
      .filter((n): n is string => typeof n === 'string');
    const managedAlias = aliases.map(awsManagedAlias).find((a) => a !== undefined);
    if (managedAlias && !keys.some((k) => CUSTOMER_KEY_TYPES.has(k.type))) return { kind: 'aws-managed', alias: managedAlias };
    if (keys.length > 0) return { kind: 'customer-managed' };
  }
  return { kind: 'unknown', reason: applyTimeReason(value) };
}
