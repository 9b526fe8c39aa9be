// The region a resource is deployed to, for settings AWS keeps per account and region (GuardDuty,
// EBS encryption by default): a resource's own `region` (AWS provider v6) or its provider's.
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';

/**
 * The known region of `r`, or undefined when it is not known. A resource's own `region` wins over
 * its provider's even when its value is known only at apply time (`region = var.region` without a
 * value): the resource is then in a region not known here, not in the provider's.
 */
export function regionOf(r: Resource): string | undefined {
  const own = r.attributes.get('region');
  if (own !== undefined) return typeof own.value === 'string' ? own.value : undefined;
  const v = r.provider.region?.value;
  return typeof v === 'string' ? v : undefined;
}

/** Whether `r` sets its own region to a value known only at apply time. */
function hasUnresolvedOwnRegion(r: Resource): boolean {
  const own = r.attributes.get('region');
  return own !== undefined && typeof own.value !== 'string';
}

/**
 * Whether a per-region setting declared on `setting` applies where `r` is: true in the same region
 * (or when neither region is known: one provider), false in another, 'unknown' when only one of
 * the two regions is known (`region = var.region` without a value), or when either resource sets
 * its own region to a value not known here (it may differ from the other's, unknown too).
 */
export function sameRegion(setting: Resource, r: Resource): boolean | 'unknown' {
  if (hasUnresolvedOwnRegion(setting) || hasUnresolvedOwnRegion(r)) return 'unknown';
  const a = regionOf(setting);
  const b = regionOf(r);
  if (a === undefined && b === undefined) return true;
  if (a === undefined || b === undefined) return 'unknown';
  return a === b;
}

/**
 * All that sameRegion reads of the resource it is asked about: two resources with one key are in
 * the same region as every setting alike, so a lookup per region serves them all.
 */
export function regionKey(r: Resource): string {
  if (hasUnresolvedOwnRegion(r)) return '\u0000unresolved';
  return regionOf(r) ?? '\u0000none';
}

/** Regions the scanned AWS resources are deployed to (known values only). */
export function regionsInUse(model: InfraModel): Set<string> {
  const out = new Set<string>();
  for (const r of model.resources) {
    if (r.mode !== 'managed' || !r.type.startsWith('aws_')) continue;
    const region = regionOf(r);
    if (region !== undefined) out.add(region);
  }
  return out;
}
