// The AWS provider's `ignore_tags` leaves the tag keys it names to systems outside Terraform: the
// provider neither sets them (a value written for one in code is never applied) nor reads them back
// (tags_all leaves them out). Their values are not known to the scan, whatever the code says, so the
// merged tags hold them as unknown: a bucket tagged data_classification = "phi" under a provider
// ignoring that key was read "not PHI" (the key was dropped) and every PHI-scoped rule skipped it.
import type { Span } from '../source/span.js';
import type { Sourced } from './sourced.js';
import { isPlainObject, isUnknown, unknownValue, type Plain } from './value.js';

/** Tag keys a provider's ignore_tags names: exact keys and key prefixes. */
export interface IgnoredTags {
  readonly keys: readonly string[];
  readonly prefixes: readonly string[];
}

const reasonFor = (key: string): string => `the provider's ignore_tags leaves tag ${JSON.stringify(key)} to systems outside Terraform`;

/**
 * `tags` (the merged tags, after default_tags) with each ignored key unknown: those written, and
 * each exact key named (set outside Terraform, on any resource of the provider). A key prefix adds
 * no key of its own. `blockSpan` places tags made only of ignored keys.
 */
export function withIgnoredTagsUnknown(tags: Sourced | undefined, ignored: IgnoredTags, blockSpan: Span): Sourced | undefined {
  if (ignored.keys.length === 0 && ignored.prefixes.length === 0) return tags;
  if (tags !== undefined && (isUnknown(tags.value) || !isPlainObject(tags.value))) return tags;
  const isIgnored = (k: string): boolean => ignored.keys.includes(k) || ignored.prefixes.some((p) => k.startsWith(p));
  const written: Record<string, Plain> = tags === undefined ? {} : (tags.value as Record<string, Plain>);
  const entries: [string, Plain][] = Object.entries(written).map(([k, v]) => [k, isIgnored(k) ? unknownValue(reasonFor(k)) : v]);
  for (const k of ignored.keys) if (!Object.prototype.hasOwnProperty.call(written, k)) entries.push([k, unknownValue(reasonFor(k))]);
  if (entries.length === 0) return tags;
  const value = Object.fromEntries(entries);
  return tags === undefined ? { value, span: blockSpan, provenance: 'unresolved', via: [], sensitive: false } : { ...tags, value };
}
