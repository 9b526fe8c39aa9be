// A generated multi-root Terraform tree for scenarios that need many root modules (--jobs, the
// cache, the bundled CLI): shared local modules, count, for_each, variables, tfvars, templatefile()
// and one module cycle.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    const file = path.join(root, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

/**
 * Many root modules sharing modules, with count, for_each, variables, tfvars and templatefile().
 * Returns the characters of text written: --jobs starts workers only above MIN_PARALLEL_BYTES
 * (~920 a root module, so 120 of them, what --jobs scenarios once used, started none).
 */
export function multiRootTree(root: string, roots: number): number {
  const files: Record<string, string> = {
    'modules/bucket/main.tf': [
      'variable "name" { type = string }',
      'variable "encrypt" {\n  type    = bool\n  default = true\n}',
      'variable "tags" {\n  type    = map(string)\n  default = {}\n}',
      'resource "aws_s3_bucket" "this" {\n  bucket = var.name\n  tags   = merge(var.tags, { classification = "phi" })\n}',
      'resource "aws_s3_bucket_server_side_encryption_configuration" "this" {\n  count  = var.encrypt ? 1 : 0\n  bucket = aws_s3_bucket.this.id\n  rule {\n    apply_server_side_encryption_by_default {\n      sse_algorithm = "aws:kms"\n    }\n  }\n}',
      'output "arn" { value = aws_s3_bucket.this.arn }',
      '',
    ].join('\n'),
    'modules/db/main.tf': [
      'variable "id" { type = string }',
      'variable "encrypted" { type = bool }',
      'resource "aws_db_instance" "this" {\n  identifier        = var.id\n  engine            = "postgres"\n  storage_encrypted = var.encrypted\n  publicly_accessible = false\n}',
      'module "logs" {\n  source = "../bucket"\n  name   = "${var.id}-logs"\n}',
      'resource "aws_iam_policy" "read" {\n  name   = "${var.id}-read"\n  policy = templatefile("${path.module}/policy.json.tpl", { arn = "arn:aws:s3:::${var.id}" })\n}',
      '',
    ].join('\n'),
    'modules/db/policy.json.tpl': '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"${arn}"}]}\n',
    'cycle/a/main.tf': 'module "b" {\n  source = "../b"\n}\n',
    'cycle/b/main.tf': 'module "a" {\n  source = "../a"\n}\nresource "aws_s3_bucket" "broken" {\n  bucket = \n}\n',
  };
  for (let i = 0; i < roots; i++) {
    const r = `envs/r${String(i).padStart(3, '0')}`;
    files[`${r}/main.tf`] = [
      'terraform {\n  required_version = ">= 1.5"\n  backend "s3" {\n    bucket  = "state"\n    key     = "k"\n    region  = "us-east-1"\n    encrypt = true\n  }\n}',
      'variable "env" { type = string }',
      'variable "dbs" {\n  type    = map(bool)\n  default = { main = true, reports = false }\n}',
      'locals {\n  prefix = "${var.env}-app"\n  names  = [for n in range(3) : "${local.prefix}-${n}"]\n}',
      'module "buckets" {\n  source   = "../../modules/bucket"\n  for_each = toset(local.names)\n  name     = each.value\n  encrypt  = each.value != "${local.prefix}-2"\n}',
      'module "db" {\n  source    = "../../modules/db"\n  for_each  = var.dbs\n  id        = "${local.prefix}-${each.key}"\n  encrypted = each.value\n}',
      `resource "aws_sqs_queue" "q" {\n  count = ${1 + (i % 3)}\n  name  = "\${local.prefix}-\${count.index}"\n}`,
      `resource "aws_cloudtrail" "trail" {\n  count                 = ${i % 7 === 0 ? 1 : 0}\n  name                  = "t"\n  s3_bucket_name        = "logs"\n  is_multi_region_trail = true\n}`,
      '',
    ].join('\n');
    files[`${r}/terraform.tfvars`] = `env = "e${i}"\n`;
  }
  writeTree(root, files);
  return Object.values(files).reduce((sum, text) => sum + text.length, 0);
}

