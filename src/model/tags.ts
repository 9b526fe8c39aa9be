// Tags as a map of key to value, however the provider takes them. The Cloud Control provider (awscc)
// takes most resources' tags as CloudFormation's list of `{ key, value }` objects, not a map: read as
// they were, an awscc HealthLake datastore or bucket tagged `data_classification = "phi"` was never
// classified PHI, so it escaped every PHI-scoped rule (and the BAA rule) in silence. Every reader of
// a resource's tags (the PHI classification, the tagging rule, the evidence pack's risk register,
// policy paths under `tags`) reads them through tagMap, so each sees the same map.

import { isPlainObject, isUnknown, unknownValue, type Plain } from './value.js';

/**
 * The tags as a map of key to value. A list known only at apply time, an element of it so known,
 * or an element whose key is so known makes the whole map unknown (any of them may be the key asked
 * about); an element whose value is so known gives its key an unknown value. A key given twice with
 * different values has an unknown value: AWS services refuse duplicate tag keys ("Tags contain
 * duplicate keys; tag keys must be unique", "Duplicate Tag Keys found in the request") and a few
 * CloudFormation handlers keep the last one (aws-cloudformation-resource-providers-kms#29), so which
 * value the resource carries, if it is created at all, is not known. Anything else (a map already,
 * null) is returned as it is.
 */
export function tagMap(value: Plain): Plain {
  if (!Array.isArray(value)) return value;
  // A Map, not an object: a tag named "__proto__" is a tag like any other.
  const out = new Map<string, Plain>();
  for (const item of value as readonly Plain[]) {
    if (isUnknown(item)) return item;
    if (!isPlainObject(item)) continue;
    const key = item['key'] ?? item['Key'];
    if (isUnknown(key)) return key;
    if (typeof key !== 'string') continue;
    const given = item['value'] ?? item['Value'] ?? null;
    if (!out.has(key)) out.set(key, given);
    else if (!samePlain(out.get(key)!, given)) out.set(key, unknownValue(`${DUPLICATED} "${key}" with different values, and AWS either refuses duplicate tag keys or keeps one of them`));
  }
  return Object.fromEntries(out);
}

/** How a duplicated key's unknown value says why ("the tag given more than once ..."). */
export const DUPLICATED = 'the tag is given more than once:';

/** Two known values alike (an unknown is like nothing: it may be any value). */
function samePlain(a: Plain, b: Plain): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
