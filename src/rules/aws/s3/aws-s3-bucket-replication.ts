import { s3Buckets, s3BucketsAt, s3BucketsNamed, type S3BucketView } from '../../../adapters/aws/s3.js';
import { computedFrom } from '../../../model/computed-from.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asString, blockOf, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { inPhiScope } from '../phi-scope.js';
import { regionOf } from '../region.js';
import { accountOf } from '../account.js';

/** Replication rules of the bucket's configuration (split resource `rule`, legacy inline `rules`). */
function rulesOf(view: S3BucketView): readonly NestedBlock[] {
  const replication = view.replication;
  if (!replication) return [];
  if (replication.resource !== view.bucket) return blocksOf(replication.resource, 'rule');
  const inline = blockOf(view.bucket, 'replication_configuration');
  return inline ? blocksOf(inline, 'rules') : [];
}

/**
 * The buckets a replication rule's destination names: by a literal ARN (a bucket's global name,
 * declared in any root module) or a reference, which names a bucket of the replication
 * configuration's own root module (another root may reuse the address).
 */
function destinationsOf(model: InfraModel, owner: Resource, rule: NestedBlock): readonly Resource[] {
  const target = blockOf(rule, 'destination')?.attributes.get('bucket');
  if (!target) return [];
  const arn = asString(target.value);
  const name = arn === undefined ? undefined : BUCKET_ARN.exec(arn)?.[1];
  const address = arn === undefined ? computedFrom(target) : undefined;
  return name !== undefined
    ? s3BucketsNamed(model, name).map((v) => v.bucket)
    : address !== undefined
      ? s3BucketsAt(model, address, 'address').filter((v) => v.bucket.root === owner.root).map((v) => v.bucket)
      : [];
}

/** Same provider configuration: the same root module, module instance and provider alias. */
function sameProviderConfiguration(a: Resource, b: Resource): boolean {
  return a.root === b.root && a.modulePath === b.modulePath && a.provider.name === b.provider.name && a.provider.alias === b.provider.alias;
}

/**
 * Whether the destination bucket is surely in the source's region and account: both named and equal,
 * or both unnamed under the one provider configuration (which deploys to one region and account).
 * A destination block's `account` (a cross-account owner) makes it another account.
 */
function sameRegionAndAccount(source: Resource, destination: Resource, rule: NestedBlock): boolean {
  if (blockOf(rule, 'destination')?.attributes.get('account') !== undefined) return false;
  const ownRegion = (r: Resource): boolean => r.attributes.get('region') !== undefined;
  const [ra, rb] = [regionOf(source), regionOf(destination)];
  const region = ra !== undefined && rb !== undefined ? ra === rb : ra === undefined && rb === undefined && !ownRegion(source) && !ownRegion(destination) && sameProviderConfiguration(source, destination);
  const [aa, ab] = [accountOf(source), accountOf(destination)];
  const account = aa !== undefined && ab !== undefined ? aa === ab : sameProviderConfiguration(source, destination);
  return region && account;
}

/**
 * Buckets that receive replicas are the copy, not a source that needs its own. A destination is a
 * literal ARN (a bucket's global name, declared in any root module) or a reference, which names a
 * bucket of the replication configuration's own root module: another root may reuse the address,
 * and one stack's replication made the other stack's source bucket (at the same address) a
 * "destination" that was never judged.
 */
function destinationBuckets(model: InfraModel): Set<Resource> {
  const out = new Set<Resource>();
  for (const view of s3Buckets(model)) {
    const owner = view.replication?.resource;
    if (!owner) continue;
    for (const rule of rulesOf(view)) {
      const target = blockOf(rule, 'destination')?.attributes.get('bucket');
      if (!target) continue;
      const named = destinationsOf(model, owner, rule);
      const candidates =
        named.length > 0 || asString(target.value) !== undefined || computedFrom(target) !== undefined
          ? named
          : // Unknown without a resource behind it (a variable): any bucket the configuration references.
            owner.references.flatMap((ref) => model.resolve(owner, ref)).filter((r) => r.type === 'aws_s3_bucket');
      for (const other of candidates) if (other !== view.bucket) out.add(other);
    }
  }
  return out;
}

/** `arn:aws:s3:::name` (any partition): the bucket's name. */
const BUCKET_ARN = /^arn:[^:]+:s3:::([^/]+)$/;

export default defineRule<S3BucketView, { scope: string }>({
  id: 'aws-s3-bucket-replication',
  title: 'S3 buckets replicate to a second region or account',
  severity: 'low',
  controls: ['164.308(a)(7)(ii)(A)', '164.308(a)(7)(ii)(B)', '164.310(d)(2)(iv)'],
  kind: 'graph',
  why: 'A copy in another region or account keeps ePHI recoverable when a region fails or the primary account is compromised.',
  howToFix: 'Add an aws_s3_bucket_replication_configuration with an Enabled rule whose destination is a versioned, encrypted bucket in another region or account.',
  links: ['https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication.html'],
  references: { awsConfig: ['s3-bucket-replication-enabled', 's3-bucket-cross-region-replication-enabled'], checkov: ['CKV_AWS_144'] },
  // 'phi': buckets classified PHI (or of unknown classification); 'all': every bucket.
  params: { scope: 'phi' },
  targets(model, params) {
    const destinations = destinationBuckets(model);
    return s3Buckets(model).filter((v) => !destinations.has(v.bucket) && inPhiScope(v.bucket, params.scope));
  },
  check(view, { model }) {
    if (!view.replication) return fail(view.bucket, { message: `${view.address} has no replication configuration, so its objects exist in one region and account only.` });
    const rules = rulesOf(view);
    const owner = view.replication.resource;
    // An Enabled rule whose destination is surely in the same region and account (one provider
    // configuration) keeps no copy apart from the source: it passed as disaster recovery.
    let local: { readonly rule: NestedBlock; readonly destination: Resource } | undefined;
    for (const rule of rules) {
      const status = rule.attributes.get('status');
      if (status && isApplyTime(status)) return unknown(status, `${view.address}: the replication rule status is known only at apply time (${reasonOf(status)}).`);
      if (asString(status?.value) !== 'Enabled') continue;
      const destinations = destinationsOf(model, owner, rule);
      const destination = destinations.length > 0 && destinations.every((d) => sameRegionAndAccount(view.bucket, d, rule)) ? destinations[0] : undefined;
      if (destination === undefined) return pass(status!);
      local ??= { rule, destination };
    }
    if (local) {
      return fail(blockOf(local.rule, 'destination') ?? local.rule, {
        message: `${view.address} replicates only to ${local.destination.address}, in the same region and account (one provider configuration), so a regional outage or a compromised account takes both copies.`,
      });
    }
    return fail({ span: view.replication.span }, { message: `${view.address} has a replication configuration without an Enabled rule, so nothing is replicated.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_s3_bucket" "phi" {\n  bucket = "patient-records"\n  tags   = { DataClassification = "PHI" }\n}\n'],
      good: [
        `resource "aws_s3_bucket" "phi" {
  bucket = "patient-records"
  tags   = { DataClassification = "PHI" }
}

provider "aws" {
  alias  = "dr"
  region = "us-west-2"
}

resource "aws_s3_bucket" "replica" {
  provider = aws.dr
  bucket   = "patient-records-dr"
}

resource "aws_s3_bucket_replication_configuration" "phi" {
  bucket = aws_s3_bucket.phi.id
  role   = "arn:aws:iam::123456789012:role/s3-replication"

  rule {
    id     = "all"
    status = "Enabled"

    destination {
      bucket        = aws_s3_bucket.replica.arn
      storage_class = "STANDARD"
    }
  }
}
`,
      ],
    },
  },
});
