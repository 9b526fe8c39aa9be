// The bench's generated corpus (issue 11): the bundled examples, the test fixtures and the shared
// corpus of real registry modules (modules, variables, count/for_each, templates), copied `copies`
// times under copyN/ so every copy is its own set of root modules. Plan and state JSON are left out.
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { allRules } from '../rules/index.js';

export interface CorpusSource {
  readonly name: string;
  readonly dir: string;
}

/** Sources that exist under the project root (the shared corpus may be absent outside this repo). */
export function corpusSources(projectRoot: string): CorpusSource[] {
  const all = [
    { name: 'examples', dir: join(projectRoot, 'examples') },
    { name: 'fixtures', dir: join(projectRoot, 'test', 'fixtures') },
    { name: 'modules', dir: join(projectRoot, '..', 'shared', 'corpora', 'terraform') },
  ];
  return all.filter((s) => existsSync(s.dir));
}

const SKIP = new Set(['.git', 'node_modules', '.safeguard']);

export function buildCorpus(dest: string, sources: readonly CorpusSource[], copies: number): void {
  for (let i = 0; i < copies; i++) {
    for (const source of sources) {
      const target = join(dest, `copy${i}`, source.name);
      mkdirSync(target, { recursive: true });
      cpSync(source.dir, target, { recursive: true, filter: (src) => !SKIP.has(src.slice(src.lastIndexOf('/') + 1)) && !isPlanOrState(src) });
    }
  }
}

/** Plan and state JSON (by name, or by the keys a plan or state starts with). */
function isPlanOrState(file: string): boolean {
  if (/\.tfstate(\.backup)?$|\.tfplan$/.test(file)) return true;
  if (!file.endsWith('.json') || !statSync(file).isFile()) return false;
  return /"(format_version|terraform_version)"/.test(readFileSync(file, 'utf8').slice(0, 2000));
}

/** Files and bytes of the Terraform inputs under `dir` (.tf, .tf.json, .tfvars, .tfvars.json). */
export function terraformSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  const walk = (d: string): void => {
    for (const ent of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, ent.name);
      if (ent.isDirectory()) {
        if (!SKIP.has(ent.name)) walk(p);
      } else if (/\.(tf|tf\.json|tfvars|tfvars\.json)$/.test(ent.name)) {
        files++;
        bytes += statSync(p).size;
      }
    }
  };
  walk(dir);
  return { files, bytes };
}

/**
 * A monorepo of many small root modules (issue 11: "thousands of root modules"): every rule's good
 * and bad Terraform example, each its own root module (teamN/<rule>/<good|bad><i>/main.tf), `copies`
 * times. The generated corpus above has few, large roots; work done once per root module for every
 * other root (a lookup by name across the model, a scan of every directory) only shows here.
 */
export function buildRootsCorpus(dest: string, copies: number): number {
  let roots = 0;
  for (let i = 0; i < copies; i++) {
    for (const rule of allRules) {
      const examples = rule.examples.terraform;
      if (!examples) continue;
      for (const [kind, texts] of [['good', examples.good], ['bad', examples.bad]] as const) {
        texts.forEach((text, n) => {
          const dir = join(dest, `team${i}`, rule.id, `${kind}${n}`);
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, 'main.tf'), text);
          roots++;
        });
      }
    }
  }
  return roots;
}

/**
 * One root module in one main.tf of `buckets` S3 buckets, each with versioning, KMS encryption, a
 * public-access block and logging (5 resources, ~850 bytes a bucket): the shape of a large
 * monolithic stack, where work per literal or per resource that reads the whole file or model shows.
 */
export function buildLargeModule(dest: string, buckets: number): void {
  mkdirSync(dest, { recursive: true });
  const parts = [
    'terraform {\n  required_providers {\n    aws = { source = "hashicorp/aws", version = "~> 5.0" }\n  }\n}\n',
    'provider "aws" {\n  region = "us-east-1"\n}\n',
    'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n',
    'resource "aws_s3_bucket" "logs" {\n  bucket = "central-logs"\n}\n',
  ];
  for (let i = 1; i <= buckets; i++) {
    parts.push(
      `resource "aws_s3_bucket" "b${i}" {\n  bucket = "data-${i}"\n  tags   = { data_classification = "phi" }\n}\n`,
      `resource "aws_s3_bucket_versioning" "b${i}" {\n  bucket = aws_s3_bucket.b${i}.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n`,
      `resource "aws_s3_bucket_server_side_encryption_configuration" "b${i}" {\n  bucket = aws_s3_bucket.b${i}.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm     = "aws:kms"\n      kms_master_key_id = aws_kms_key.k.arn\n    }\n  }\n}\n`,
      `resource "aws_s3_bucket_public_access_block" "b${i}" {\n  bucket                  = aws_s3_bucket.b${i}.id\n  block_public_acls       = true\n  block_public_policy     = true\n  ignore_public_acls      = true\n  restrict_public_buckets = true\n}\n`,
      `resource "aws_s3_bucket_logging" "b${i}" {\n  bucket        = "data-${i}"\n  target_bucket = "central-logs"\n  target_prefix = "b${i}/"\n}\n`,
    );
  }
  writeFileSync(join(dest, 'main.tf'), parts.join('\n'));
}
