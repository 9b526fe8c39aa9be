// One view of each S3 bucket whatever the provider version: AWS provider v4+ splits a bucket's
// settings into aws_s3_bucket_* resources, v3 wrote them inline. Rules ask the view, so the quirk is
// absorbed once here (STYLE.md §3).
import type { InfraModel } from '../../model/infra-model.js';
import type { ModelBody, NestedBlock, Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { computedFrom } from '../../model/computed-from.js';
import { asString, blockOf, blocksOf } from '../../model/read.js';
import { isUnknown, type Plain } from '../../model/value.js';
import type { Span } from '../../source/span.js';
import { weakMemo } from '../../util/weak-memo.js';
import { pushTo } from '../../util/multi-map.js';
import { noteNameLookup } from '../../model/name-lookups.js';
import { policyOf, type PolicyDocument } from './iam-policy.js';

export interface S3DefaultEncryption {
  readonly algorithm: Sourced;
  readonly kmsKeyId?: Sourced;
  readonly bucketKeyEnabled?: Sourced;
  readonly span: Span;
  readonly resource?: Resource;
  /** Where it is declared, for messages: 'aws_s3_bucket_server_side_encryption_configuration.phi', with '(rule 2)' for a later rule, or the bucket's inline block. */
  readonly label: string;
}

export interface S3BucketView {
  readonly bucket: Resource;
  readonly address: string;
  readonly type: 'aws_s3_bucket';
  readonly span: Span;
  readonly comments: Resource['comments'];
  /** The bucket's root module (Resource.root): the findings on this view carry it. */
  readonly root?: string;
  readonly name?: Sourced;
  /** `byObjectLock`: no versioning resource, but Object Lock is on, and S3 turns versioning on with it for good. */
  readonly versioning?: { readonly enabled: Sourced; readonly mfaDelete?: Sourced; readonly span: Span; readonly resource?: Resource; readonly byObjectLock?: true };
  /** The bucket's default encryption: its first configuration (a split resource before the inline block). */
  readonly encryption?: S3DefaultEncryption;
  /**
   * Every default-encryption configuration the code declares for the bucket: each rule of each
   * aws_s3_bucket_server_side_encryption_configuration naming it, then the inline block's. S3 keeps
   * one configuration per bucket (PutBucketEncryption replaces it), so when there are several the
   * last one applied wins and they fight on every apply; rules judge each so a weak one is not hidden.
   */
  readonly encryptions: readonly S3DefaultEncryption[];
  readonly publicAccessBlock?: Resource;
  readonly logging?: { readonly targetBucket?: Sourced; readonly span: Span; readonly resource?: Resource };
  readonly policies: readonly { readonly document: PolicyDocument | 'unknown' | undefined; readonly raw: Sourced; readonly resource: Resource }[];
  readonly objectLock?: { readonly enabled: Sourced; readonly span: Span; readonly resource?: Resource };
  readonly lifecycle?: { readonly span: Span; readonly resource?: Resource; readonly rules: readonly NestedBlock[] };
  readonly replication?: { readonly span: Span; readonly resource: Resource };
  readonly acls: readonly { readonly acl?: Sourced; readonly grants: readonly NestedBlock[]; readonly span: Span; readonly resource?: Resource }[];
  readonly ownershipControls?: Resource;
}

/**
 * The settings resources of `type` for this bucket: those related to it whose own `bucket` argument
 * names it. A logging resource also references its target bucket, and a replication configuration
 * its destination, but they configure the bucket in `bucket` only. When `bucket` cannot tell (a value
 * known only at apply time that no resource computes), the relation stands.
 */
function settingsOf(model: InfraModel, bucket: Resource, type: string): readonly Resource[] {
  const related = model.related(bucket, type);
  if (related.length === 0) return related;
  const own = asString(bucket.attributes.get('bucket')?.value);
  return related.filter((split) => {
    const named = split.attributes.get('bucket');
    if (named === undefined) return true;
    const literal = asString(named.value);
    if (literal !== undefined) return own === undefined || literal === own;
    const from = computedFrom(named);
    return from === undefined || from === bucket.address;
  });
}

/** A derived Sourced that keeps the place and history of the value it was computed from. */
function derive(from: Sourced, value: Plain): Sourced {
  return { ...from, value: isUnknown(from.value) ? from.value : value };
}

function versioningOf(model: InfraModel, bucket: Resource): S3BucketView['versioning'] {
  const split = settingsOf(model, bucket, 'aws_s3_bucket_versioning')[0];
  if (split) {
    const config = blockOf(split, 'versioning_configuration');
    const status = config?.attributes.get('status');
    const mfaDelete = config?.attributes.get('mfa_delete');
    const enabled: Sourced = status
      ? derive(status, status.value === 'Enabled')
      : { value: false, span: (config ?? split).span, provenance: 'default', via: [], sensitive: false };
    return { enabled, ...(mfaDelete ? { mfaDelete: derive(mfaDelete, mfaDelete.value === 'Enabled') } : {}), span: split.span, resource: split };
  }
  const inline = blockOf(bucket, 'versioning');
  if (!inline) return undefined;
  const enabled = inline.attributes.get('enabled') ?? { value: false, span: inline.span, provenance: 'default' as const, via: [], sensitive: false };
  const mfaDelete = inline.attributes.get('mfa_delete');
  return { enabled, ...(mfaDelete ? { mfaDelete } : {}), span: inline.span };
}

/**
 * Versioning a bucket has without a versioning resource: S3 enables it with Object Lock (at creation
 * or later, when Object Lock needs it on already) and refuses to suspend it afterwards.
 */
function versioningByObjectLock(objectLock: S3BucketView['objectLock']): S3BucketView['versioning'] {
  if (objectLock === undefined || objectLock.enabled.value === false) return undefined;
  return { enabled: objectLock.enabled, span: objectLock.span, ...(objectLock.resource ? { resource: objectLock.resource } : {}), byObjectLock: true };
}

function encryptionsFrom(body: ModelBody, resource: Resource | undefined, label: string): S3DefaultEncryption[] {
  const out: S3DefaultEncryption[] = [];
  const rules = blocksOf(body, 'rule');
  rules.forEach((rule, i) => {
    const defaults = blockOf(rule, 'apply_server_side_encryption_by_default');
    const algorithm = defaults?.attributes.get('sse_algorithm');
    if (!defaults || !algorithm) return;
    const kmsKeyId = defaults.attributes.get('kms_master_key_id');
    const bucketKeyEnabled = rule.attributes.get('bucket_key_enabled');
    out.push({
      algorithm,
      ...(kmsKeyId ? { kmsKeyId } : {}),
      ...(bucketKeyEnabled ? { bucketKeyEnabled } : {}),
      span: defaults.span,
      ...(resource ? { resource } : {}),
      label: rules.length > 1 ? `${label} (rule ${i + 1})` : label,
    });
  });
  return out;
}

function encryptionsOf(model: InfraModel, bucket: Resource): readonly S3DefaultEncryption[] {
  const out: S3DefaultEncryption[] = [];
  for (const split of settingsOf(model, bucket, 'aws_s3_bucket_server_side_encryption_configuration')) out.push(...encryptionsFrom(split, split, split.address));
  const inline = blockOf(bucket, 'server_side_encryption_configuration');
  if (inline) out.push(...encryptionsFrom(inline, undefined, `${bucket.address}'s inline server_side_encryption_configuration`));
  return out;
}

function loggingOf(model: InfraModel, bucket: Resource): S3BucketView['logging'] {
  const split = settingsOf(model, bucket, 'aws_s3_bucket_logging')[0];
  if (split) {
    const target = split.attributes.get('target_bucket');
    return { ...(target ? { targetBucket: target } : {}), span: split.span, resource: split };
  }
  const inline = blockOf(bucket, 'logging');
  if (!inline) return undefined;
  const target = inline.attributes.get('target_bucket');
  return { ...(target ? { targetBucket: target } : {}), span: inline.span };
}

function policiesOfBucket(model: InfraModel, bucket: Resource): S3BucketView['policies'] {
  const out: { document: PolicyDocument | 'unknown' | undefined; raw: Sourced; resource: Resource }[] = [];
  const inline = bucket.attributes.get('policy');
  if (inline) out.push({ document: policyOf(inline), raw: inline, resource: bucket });
  for (const split of settingsOf(model, bucket, 'aws_s3_bucket_policy')) {
    const raw = split.attributes.get('policy');
    if (raw) out.push({ document: policyOf(raw), raw, resource: split });
  }
  return out;
}

function objectLockOf(model: InfraModel, bucket: Resource): S3BucketView['objectLock'] {
  const attribute = bucket.attributes.get('object_lock_enabled');
  if (attribute) return { enabled: attribute, span: attribute.span };
  const inline = blockOf(bucket, 'object_lock_configuration');
  if (inline) {
    const status = inline.attributes.get('object_lock_enabled');
    if (status) return { enabled: derive(status, status.value === 'Enabled'), span: inline.span };
  }
  const split = settingsOf(model, bucket, 'aws_s3_bucket_object_lock_configuration')[0];
  if (split) {
    const status = split.attributes.get('object_lock_enabled');
    const enabled: Sourced = status ? derive(status, status.value === 'Enabled') : { value: true, span: split.span, provenance: 'default', via: [], sensitive: false };
    return { enabled, span: split.span, resource: split };
  }
  return undefined;
}

function lifecycleOf(model: InfraModel, bucket: Resource): S3BucketView['lifecycle'] {
  const split = settingsOf(model, bucket, 'aws_s3_bucket_lifecycle_configuration')[0];
  if (split) return { span: split.span, resource: split, rules: blocksOf(split, 'rule') };
  const inline = blocksOf(bucket, 'lifecycle_rule');
  if (inline.length > 0) return { span: inline[0]!.span, rules: inline };
  return undefined;
}

function aclsOf(model: InfraModel, bucket: Resource): S3BucketView['acls'] {
  const out: { acl?: Sourced; grants: readonly NestedBlock[]; span: Span; resource?: Resource }[] = [];
  const inlineAcl = bucket.attributes.get('acl');
  const inlineGrants = blocksOf(bucket, 'grant');
  if (inlineAcl || inlineGrants.length > 0) out.push({ ...(inlineAcl ? { acl: inlineAcl } : {}), grants: inlineGrants, span: bucket.span });
  for (const split of settingsOf(model, bucket, 'aws_s3_bucket_acl')) {
    const acl = split.attributes.get('acl');
    const policy = blockOf(split, 'access_control_policy');
    const grants = policy ? blocksOf(policy, 'grant') : [];
    out.push({ ...(acl ? { acl } : {}), grants, span: split.span, resource: split });
  }
  return out;
}

function viewOf(model: InfraModel, bucket: Resource): S3BucketView {
  const name = bucket.attributes.get('bucket');
  const objectLock = objectLockOf(model, bucket);
  const versioning = versioningOf(model, bucket) ?? versioningByObjectLock(objectLock);
  const encryptions = encryptionsOf(model, bucket);
  const encryption = encryptions[0];
  const publicAccessBlock = settingsOf(model, bucket, 'aws_s3_bucket_public_access_block')[0];
  const logging = loggingOf(model, bucket);
  const lifecycle = lifecycleOf(model, bucket);
  const replicationResource = settingsOf(model, bucket, 'aws_s3_bucket_replication_configuration')[0];
  const inlineReplication = blockOf(bucket, 'replication_configuration');
  const ownershipControls = settingsOf(model, bucket, 'aws_s3_bucket_ownership_controls')[0];
  return {
    bucket,
    address: bucket.address,
    type: 'aws_s3_bucket',
    span: bucket.span,
    comments: bucket.comments,
    ...(bucket.root !== undefined ? { root: bucket.root } : {}),
    ...(name ? { name } : {}),
    ...(versioning ? { versioning } : {}),
    ...(encryption ? { encryption } : {}),
    encryptions,
    ...(publicAccessBlock ? { publicAccessBlock } : {}),
    ...(logging ? { logging } : {}),
    policies: policiesOfBucket(model, bucket),
    ...(objectLock ? { objectLock } : {}),
    ...(lifecycle ? { lifecycle } : {}),
    ...(replicationResource
      ? { replication: { span: replicationResource.span, resource: replicationResource } }
      : inlineReplication
        ? { replication: { span: inlineReplication.span, resource: bucket } }
        : {}),
    acls: aclsOf(model, bucket),
    ...(ownershipControls ? { ownershipControls } : {}),
  };
}

/**
 * How a finding on a bucket with several default-encryption configurations begins: it names them
 * all. S3 keeps one configuration per bucket, the last put (the provider documents the "perpetual
 * difference" of two configuration resources for one bucket), and the provider supports a single
 * rule per configuration resource.
 */
export function severalEncryptionsLead(view: S3BucketView): string {
  const names = view.encryptions.map((e) => e.label).join(', ');
  return `${view.address} has ${view.encryptions.length} default-encryption configurations (${names}), though S3 keeps only one per bucket, the last applied`;
}

const cache = new WeakMap<InfraModel, readonly S3BucketView[]>();

/** Every managed S3 bucket with its settings gathered from split and inline forms. */
export function s3Buckets(model: InfraModel): readonly S3BucketView[] {
  let views = cache.get(model);
  if (!views) {
    views = model.ofType('aws_s3_bucket').map((bucket) => viewOf(model, bucket));
    cache.set(model, views);
  }
  return views;
}

interface BucketIndex {
  /** By literal bucket name (asString of `bucket`). */
  readonly named: ReadonlyMap<string, readonly S3BucketView[]>;
  readonly address: ReadonlyMap<string, readonly S3BucketView[]>;
  readonly configAddress: ReadonlyMap<string, readonly S3BucketView[]>;
}

const indexes = new WeakMap<InfraModel, BucketIndex>();

/**
 * The bucket views by name and address, once per model: rules that look up the bucket a trail,
 * delivery channel or logging resource names filtered every bucket for each of them, quadratic in
 * a monorepo where every root module has both.
 */
function bucketIndex(model: InfraModel): BucketIndex {
  return weakMemo(indexes, model, () => {
    const index = { named: new Map<string, S3BucketView[]>(), address: new Map<string, S3BucketView[]>(), configAddress: new Map<string, S3BucketView[]>() };
    for (const v of s3Buckets(model)) {
      const name = asString(v.name?.value);
      if (name !== undefined) pushTo(index.named, name, v);
      pushTo(index.address, v.address, v);
      pushTo(index.configAddress, v.bucket.configAddress, v);
    }
    return index;
  });
}

/** The buckets whose `bucket` reads as `name` (asString), in s3Buckets order. */
export function s3BucketsNamed(model: InfraModel, name: string): readonly S3BucketView[] {
  noteNameLookup(model, 'aws_s3_bucket', 'bucket', name);
  return bucketIndex(model).named.get(name) ?? [];
}

/** The buckets at an address (`module.x.aws_s3_bucket.b[0]`) or a configuration address (`module.x.aws_s3_bucket.b`), in every root module, in s3Buckets order. */
export function s3BucketsAt(model: InfraModel, address: string, kind: 'address' | 'configAddress'): readonly S3BucketView[] {
  return bucketIndex(model)[kind].get(address) ?? [];
}
