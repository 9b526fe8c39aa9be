import { s3BucketsAt } from '../../adapters/aws/s3.js';
import type { InfraModel } from '../../model/infra-model.js';
import { asBoolean, asString, attr, attrOr, blockOf, isUnresolved } from '../../model/read.js';
import type { Resource } from '../../model/resource.js';
import { deniesPlainText } from '../aws/s3/tls-deny.js';
import type { Sourced } from '../../model/sourced.js';
import { resourceNamed } from '../by-attribute.js';
import { defineRule, fail, pass, subjectOf, unknown, type Outcome, type Subject } from '../define-rule.js';
import { backendsOf } from './backend.js';
import { S3_BUCKET_READS } from '../aws/across-roots-types.js';

interface StateStore extends Subject {
  readonly resource: Resource;
  readonly backendType: 's3' | 'gcs' | 'azurerm';
  readonly backendAddress: string;
  /** The DynamoDB lock table named by the backend, when declared in scanned code. */
  readonly lockTable?: Resource;
}

function literal(config: { attributes: ReadonlyMap<string, Sourced> } | undefined, name: string): string | undefined {
  const v = config?.attributes.get(name)?.value;
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function stores(model: InfraModel): StateStore[] {
  const out: StateStore[] = [];
  for (const b of backendsOf(model)) {
    if (b.backendType === 's3') {
      const name = literal(b.config, 'bucket');
      const bucket = name === undefined ? undefined : resourceNamed(model, 'aws_s3_bucket', 'bucket', name, { root: b.dir });
      if (!bucket) continue;
      const tableName = literal(b.config, 'dynamodb_table');
      const lockTable = tableName === undefined ? undefined : resourceNamed(model, 'aws_dynamodb_table', 'name', tableName, { root: b.dir });
      out.push({ ...subjectOf(bucket), resource: bucket, backendType: 's3', backendAddress: b.address, ...(lockTable ? { lockTable } : {}) });
    } else if (b.backendType === 'gcs') {
      const name = literal(b.config, 'bucket');
      const bucket = name === undefined ? undefined : resourceNamed(model, 'google_storage_bucket', 'name', name, { root: b.dir });
      if (bucket) out.push({ ...subjectOf(bucket), resource: bucket, backendType: 'gcs', backendAddress: b.address });
    } else if (b.backendType === 'azurerm') {
      const name = literal(b.config, 'storage_account_name');
      const account = name === undefined ? undefined : resourceNamed(model, 'azurerm_storage_account', 'name', name, { root: b.dir });
      if (account) out.push({ ...subjectOf(account), resource: account, backendType: 'azurerm', backendAddress: b.address });
    }
  }
  return out;
}

/** Collects gaps and apply-time unknowns of one store. */
class Findings {
  readonly gaps: string[] = [];
  readonly unknowns: string[] = [];
  expect(value: Sourced | undefined, ok: (v: Sourced['value']) => boolean, gap: string): void {
    if (value && isUnresolved(value)) this.unknowns.push(gap);
    else if (!value || !ok(value.value)) this.gaps.push(gap);
  }
}

function checkS3(model: InfraModel, store: StateStore, f: Findings): void {
  const view = s3BucketsAt(model, store.resource.address, 'address').find((v) => v.bucket === store.resource);
  if (!view) return;
  const pab = view.publicAccessBlock;
  const flags = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'];
  if (!pab) f.gaps.push('no public access block');
  else for (const flag of flags) f.expect(attrOr(pab, flag, false), (v) => asBoolean(v) === true, `public access block without ${flag} = true`);
  if (!view.versioning) f.gaps.push('versioning is not enabled');
  else f.expect(view.versioning.enabled, (v) => v === true, 'versioning is not enabled');
  if (!view.encryption) f.gaps.push('no SSE-KMS default encryption');
  // S3 keeps one default-encryption configuration per bucket, the last applied: each must be SSE-KMS.
  else for (const e of view.encryptions) f.expect(e.algorithm, (v) => v === 'aws:kms' || v === 'aws:kms:dsse', view.encryptions.length > 1 ? `default encryption ${e.label} is not SSE-KMS` : 'default encryption is not SSE-KMS');
  const statements = view.policies.flatMap((p) => (typeof p.document === 'object' ? p.document.statements : []));
  const verdicts = statements.map((st) => deniesPlainText(st, asString(view.name?.value)));
  const tlsOnly = verdicts.includes(true);
  // A statement that would be the TLS deny but whose Effect (or ARN) is known only at apply time leaves it open.
  const policyUnknown = view.policies.some((p) => p.document === 'unknown') || verdicts.includes('unknown');
  if (!tlsOnly) (policyUnknown ? f.unknowns : f.gaps).push('no bucket policy denying requests without aws:SecureTransport');
  if (!view.logging) f.gaps.push('access logging is not enabled');
  if (store.lockTable) {
    const sse = blockOf(store.lockTable, 'server_side_encryption');
    f.expect(sse ? attrOr(sse, 'enabled', false) : undefined, (v) => asBoolean(v) === true, `lock table ${store.lockTable.address} is not encrypted with a KMS key (server_side_encryption)`);
  }
}

function checkGcs(store: StateStore, f: Findings): void {
  const r = store.resource;
  const versioning = blockOf(r, 'versioning');
  f.expect(versioning ? attrOr(versioning, 'enabled', false) : undefined, (v) => asBoolean(v) === true, 'versioning is not enabled');
  const encryption = blockOf(r, 'encryption');
  f.expect(encryption ? attr(encryption, 'default_kms_key_name') : undefined, (v) => typeof v === 'string' && v !== '', 'no default_kms_key_name (customer-managed key)');
  f.expect(attr(r, 'public_access_prevention'), (v) => v === 'enforced', 'public_access_prevention is not "enforced"');
  f.expect(attrOr(r, 'uniform_bucket_level_access', false), (v) => asBoolean(v) === true, 'uniform_bucket_level_access is not enabled');
  if (!blockOf(r, 'logging')) f.gaps.push('access logging is not enabled');
}

function checkAzure(store: StateStore, f: Findings): void {
  const r = store.resource;
  // azurerm v3/v4 defaults: min_tls_version TLS1_2, https_traffic_only_enabled true; public nested items allowed in v3.
  f.expect(attrOr(r, 'min_tls_version', 'TLS1_2'), (v) => v === 'TLS1_2' || v === 'TLS1_3', 'min_tls_version is below TLS1_2');
  f.expect(attr(r, 'https_traffic_only_enabled') ?? attrOr(r, 'enable_https_traffic_only', true), (v) => asBoolean(v) === true, 'HTTPS-only traffic is disabled');
  f.expect(attr(r, 'allow_nested_items_to_public') ?? attrOr(r, 'allow_blob_public_access', true), (v) => asBoolean(v) === false, 'allow_nested_items_to_public is not false');
  const blob = blockOf(r, 'blob_properties');
  f.expect(blob ? attrOr(blob, 'versioning_enabled', false) : undefined, (v) => asBoolean(v) === true, 'blob versioning is not enabled');
  if (!blockOf(r, 'customer_managed_key')) f.gaps.push('no customer_managed_key');
}

export default defineRule<StateStore>({
  id: 'tf-state-bucket-hardened',
  title: 'The Terraform state store is private, versioned, encrypted, TLS-only and logged',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.312(c)(1)', '164.312(b)'],
  kind: 'graph',
  why: 'The state bucket holds a plain-text copy of every secret and ePHI-store identifier Terraform manages; a public, unversioned or unlogged state store can leak or lose it without trace.',
  howToFix:
    'For the S3 state bucket add an aws_s3_bucket_public_access_block (all four flags true), aws_s3_bucket_versioning (Enabled), SSE-KMS default encryption, a bucket policy denying aws:SecureTransport = false, and aws_s3_bucket_logging; encrypt the DynamoDB lock table with server_side_encryption.',
  links: ['https://developer.hashicorp.com/terraform/language/backend/s3', 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/security-best-practices.html'],
  references: {},
  targets: (model) => stores(model),
  check(store, { model }): Outcome {
    const f = new Findings();
    if (store.backendType === 's3') checkS3(model, store, f);
    else if (store.backendType === 'gcs') checkGcs(store, f);
    else checkAzure(store, f);
    const what = `${store.address} stores the Terraform state of ${store.backendAddress}`;
    if (f.gaps.length > 0) return fail(store, { message: `${what}, but: ${f.gaps.join('; ')}.` });
    if (f.unknowns.length > 0) return unknown(store, `${what}; known only at apply time: ${f.unknowns.join('; ')}.`);
    return pass(store, `${what} and is private, versioned, encrypted, TLS-only and logged.`);
  },
  acrossRoots: {
    why: 'a backend names its state bucket by its global name, and the bucket is often made by another stack (a bootstrap root module)',
    reads: [...S3_BUCKET_READS, 'aws_dynamodb_table', 'azurerm_storage_account', 'google_storage_bucket'],
  },
  examples: {
    terraform: {
      bad: [
        'terraform {\n  backend "s3" {\n    bucket       = "example-tf-state"\n    key          = "phi/terraform.tfstate"\n    region       = "us-east-1"\n    encrypt      = true\n    use_lockfile = true\n  }\n}\n\nresource "aws_s3_bucket" "state" {\n  bucket = "example-tf-state"\n}\n',
      ],
      good: [
        `terraform {
  backend "s3" {
    bucket       = "example-tf-state"
    key          = "phi/terraform.tfstate"
    region       = "us-east-1"
    encrypt      = true
    use_lockfile = true
  }
}

resource "aws_s3_bucket" "state" {
  bucket = "example-tf-state"
}

resource "aws_s3_bucket" "logs" {
  bucket = "example-tf-state-logs"
}

resource "aws_s3_bucket_public_access_block" "state" {
  bucket                  = aws_s3_bucket.state.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}

resource "aws_s3_bucket_versioning" "state" {
  bucket = aws_s3_bucket.state.id
  versioning_configuration {
    status = "Enabled"
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "state" {
  bucket = aws_s3_bucket.state.id
  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}

resource "aws_s3_bucket_logging" "state" {
  bucket        = aws_s3_bucket.state.id
  target_bucket = aws_s3_bucket.logs.id
  target_prefix = "state/"
}

resource "aws_s3_bucket_policy" "state" {
  bucket = aws_s3_bucket.state.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "DenyInsecureTransport"
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:*"
      Resource  = ["arn:aws:s3:::example-tf-state", "arn:aws:s3:::example-tf-state/*"]
      Condition = { Bool = { "aws:SecureTransport" = "false" } }
    }]
  })
}
`,
      ],
    },
  },
});
