// Which resources are classified PHI. The classification tag (catalog row phi-data-classification-tags)
// is what scopes the PHI-only rules: a `DataClassification = "phi"` tag on the resource or in the
// provider's default_tags. Resource tags win over default tags (effectiveTags has merged them).
import type { Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { tagMap } from '../../model/tags.js';
import { isPlainObject, isUnknown, type Plain } from '../../model/value.js';
import { weakMemo } from '../../util/weak-memo.js';

export type PhiClass = 'phi' | 'not-phi' | 'unknown';

const normalizeKey = (key: string): string => key.toLowerCase().replace(/[-_\s.:]/g, '');

/** Tag keys read as the data classification (compared case-insensitively, ignoring - _ . : and spaces). */
export const CLASSIFICATION_KEY_NAMES: readonly string[] = ['data_classification', 'classification', 'data_class', 'data_sensitivity', 'sensitivity'];
const CLASSIFICATION_KEYS = new Set(CLASSIFICATION_KEY_NAMES.map(normalizeKey));
/** Values of the classification tag that mean ePHI. */
const PHI_VALUES = new Set(['phi', 'ephi', 'hipaa', 'phi-data']);
/**
 * A value that starts with the word phi or ephi (`phi-restricted`, `PHI/PII`, `ephi_high`) is ePHI
 * too: the evidence pack's risk register reads such values as PHI (docs/evidence.md), and the
 * bucket it scored as PHI was skipped by every PHI-scoped rule. Not `non-phi` or `philanthropy`.
 */
const PHI_PREFIX = /^e?phi(?![a-z0-9])/;
/** Flag-style tags (`PHI = "true"`, `ContainsPHI = "yes"`). */
const PHI_FLAG_KEYS = new Set(['phi', 'containsphi', 'ephi', 'hipaa']);

/** Whether the PHI scope reads a tag of this key as the data classification. */
export function isClassificationKey(key: string): boolean {
  return CLASSIFICATION_KEYS.has(normalizeKey(key));
}

/** Whether a classification tag value means ePHI. */
export function isPhiClassification(value: string): boolean {
  const v = value.trim().toLowerCase();
  return PHI_VALUES.has(v) || PHI_PREFIX.test(v);
}

/** Several PHI rules ask for every resource's class: each is read once (the tags never change). */
const classes = new WeakMap<Resource, PhiClass>();

/** The resource's classification from its effective tags. */
export function phiClassOf(resource: Resource): PhiClass {
  return weakMemo(classes, resource, () => classify(resource));
}

function classify(resource: Resource): PhiClass {
  const tags: Sourced<Plain> | undefined = resource.effectiveTags;
  if (!tags) return 'not-phi';
  const map = tagMap(tags.value);
  if (isUnknown(map)) return 'unknown';
  if (!isPlainObject(map)) return 'not-phi';
  let sawUnknown = false;
  for (const [key, value] of Object.entries(map)) {
    const k = normalizeKey(key);
    if (!CLASSIFICATION_KEYS.has(k) && !PHI_FLAG_KEYS.has(k)) continue;
    if (isUnknown(value)) {
      sawUnknown = true;
      continue;
    }
    if (typeof value !== 'string' && typeof value !== 'boolean') continue;
    const v = String(value).trim().toLowerCase();
    if (CLASSIFICATION_KEYS.has(k) && isPhiClassification(v)) return 'phi';
    if (PHI_FLAG_KEYS.has(k) && (v === 'true' || v === 'yes' || v === '1')) return 'phi';
  }
  return sawUnknown ? 'unknown' : 'not-phi';
}

/** Rule parameter shared by PHI-scoped rules: 'phi' judges PHI-classified resources only, 'all' every one. */
export type PhiScopeParam = 'phi' | 'all';

/** True when the resource is judged under the scope (unknown classification is judged too). */
export function inPhiScope(resource: Resource, scope: string): boolean {
  return scope === 'all' || phiClassOf(resource) !== 'not-phi';
}
