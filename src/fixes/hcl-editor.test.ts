// Editor tables: input text + operation → exact output text. Everything outside the edited range
// (comments, blank lines, CRLF) must survive byte for byte, and every output must parse.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseHcl, type Block, type HclFile } from '../parsers/hcl/index.js';
import { applyEdits } from './apply-edits.js';
import { findBlock, insertAfterEdits, insertBlockEdits, setAttributeEdits, setAttributesEdits, type Edit } from './hcl-editor.js';

type Operation = (file: HclFile, block: Block) => Edit[];

/** Applies `op` to the first top-level block (or the block at `path`, e.g. ['resource', 'versioning']). */
function run(input: string, op: Operation, path: readonly string[] = []): string {
  const parsed = parseHcl(input, 'main.tf');
  assert.deepEqual(parsed.diagnostics.filter((d) => d.severity === 'error'), [], 'input parses');
  let block = parsed.file.body.blocks[0]!;
  for (const type of path) block = block.body.blocks.find((b) => b.type === type)!;
  const output = applyEdits(input, op(parsed.file, block));
  const reparsed = parseHcl(output, 'main.tf');
  assert.deepEqual(reparsed.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message), [], `output parses:\n${output}`);
  return output;
}

const set = (name: string, value: string): Operation => (file, block) => setAttributeEdits(file, block, name, value);
const insert = (text: string): Operation => (file, block) => insertBlockEdits(file, block, text);
const after = (text: string): Operation => (file, block) => insertAfterEdits(file, block, text);
const setAll = (...entries: [string, string][]): Operation => (file, block) => setAttributesEdits(file, block, entries);

interface Row {
  readonly name: string;
  readonly input: string;
  readonly op: Operation;
  readonly output: string;
  readonly path?: readonly string[];
}

const rows: Row[] = [
  {
    name: 'changes an existing value in place, keeping its comment',
    input: 'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  storage_encrypted = false # TODO\n}\n',
    op: set('storage_encrypted', 'true'),
    output: 'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  storage_encrypted = true # TODO\n}\n',
  },
  {
    name: 'adds an attribute after the last one, aligned with its aligned group',
    input: 'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  allocated_storage = 20\n}\n',
    op: set('kms_key_id', 'aws_kms_key.k.arn'),
    output: 'resource "aws_db_instance" "db" {\n  engine            = "postgres"\n  allocated_storage = 20\n  kms_key_id        = aws_kms_key.k.arn\n}\n',
  },
  {
    name: 'realigns the group when the new name is longer (terraform fmt style)',
    input: 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  port   = 5432\n\n  tags = {}\n}\n',
    op: set('storage_encrypted', 'true'),
    output: 'resource "aws_db_instance" "db" {\n  engine = "postgres"\n  port   = 5432\n\n  tags              = {}\n  storage_encrypted = true\n}\n',
  },
  {
    // terraform fmt keeps a heredoc in one line of tokens, so it aligns the attributes above it and
    // the one added below it as one group: one space here left `terraform fmt -check` failing.
    name: 'aligns an attribute added after a heredoc value with the group around the heredoc',
    input: 'resource "aws_kms_key" "k" {\n  description = "x"\n  policy      = <<-EOT\n    {}\n  EOT\n}\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  description         = "x"\n  policy              = <<-EOT\n    {}\n  EOT\n  enable_key_rotation = true\n}\n',
  },
  {
    name: 'a heredoc alone in its group is aligned with the attribute added after it',
    input: 'resource "aws_cloudwatch_log_group" "g" {\n  name = <<EOT\n/app\nEOT\n}\n',
    op: set('retention_in_days', '365'),
    output: 'resource "aws_cloudwatch_log_group" "g" {\n  name              = <<EOT\n/app\nEOT\n  retention_in_days = 365\n}\n',
  },
  {
    name: 'a heredoc inside a call closed on its own line ends the group, as in terraform fmt',
    input: 'resource "aws_kms_key" "k" {\n  description = "x"\n  policy = trimspace(<<EOT\n{}\nEOT\n  )\n}\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  description = "x"\n  policy = trimspace(<<EOT\n{}\nEOT\n  )\n  enable_key_rotation = true\n}\n',
  },
  {
    name: 'realigns an attribute with a trailing /* */ comment in the group, as terraform fmt does',
    input: 'resource "aws_kms_key" "k" {\n  description = "x" /* c */\n  is_enabled  = true\n}\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  description         = "x" /* c */\n  is_enabled          = true\n  enable_key_rotation = true\n}\n',
  },
  {
    name: 'one space when the author does not align',
    input: 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  delay_seconds    = 0\n}\n',
    op: set('sqs_managed_sse_enabled', 'true'),
    output: 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  delay_seconds    = 0\n  sqs_managed_sse_enabled = true\n}\n',
  },
  {
    name: 'after a multi-line attribute, a new group: one space',
    input: 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = {\n    a = "b"\n  }\n}\n',
    op: set('sqs_managed_sse_enabled', 'true'),
    output: 'resource "aws_sqs_queue" "q" {\n  name = "q"\n  tags = {\n    a = "b"\n  }\n  sqs_managed_sse_enabled = true\n}\n',
  },
  {
    name: 'after a trailing comment of the last attribute',
    input: 'resource "aws_kms_key" "k" {\n  description = "phi" # keep\n\n  # rotation below\n}\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  description         = "phi" # keep\n  enable_key_rotation = true\n\n  # rotation below\n}\n',
  },
  {
    name: 'before the first nested block when there are no attributes',
    input: 'resource "aws_s3_bucket" "b" {\n  # logging\n  logging {\n    target_bucket = "x"\n  }\n}\n',
    op: set('bucket', '"b"'),
    output: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n\n  # logging\n  logging {\n    target_bucket = "x"\n  }\n}\n',
  },
  {
    name: 'empty block on one line',
    input: 'resource "aws_kms_key" "k" {}\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n',
  },
  {
    name: 'empty block over two lines',
    input: 'resource "aws_kms_key" "k" {\n}\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n',
  },
  {
    name: 'one-line block with an attribute is expanded and aligned',
    input: 'resource "aws_kms_key" "k" { description = "phi" }\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  description         = "phi"\n  enable_key_rotation = true\n}\n',
  },
  {
    name: 'CRLF file stays CRLF',
    input: '# header\r\nresource "aws_kms_key" "k" {\r\n  description = "phi"\r\n}\r\n',
    op: set('enable_key_rotation', 'true'),
    output: '# header\r\nresource "aws_kms_key" "k" {\r\n  description         = "phi"\r\n  enable_key_rotation = true\r\n}\r\n',
  },
  {
    // A file with both endings (a block pasted in from elsewhere): inserted lines end as their
    // neighbours do, not all in CRLF because some line somewhere has it.
    name: 'mixed endings: lines set in an LF block end in LF',
    input: 'resource "aws_kms_key" "k" {\n  description = "phi"\n}\r\n\r\nlocals {\r\n  a = 1\r\n}\r\n',
    op: set('enable_key_rotation', 'true'),
    output: 'resource "aws_kms_key" "k" {\n  description         = "phi"\n  enable_key_rotation = true\n}\r\n\r\nlocals {\r\n  a = 1\r\n}\r\n',
  },
  {
    name: 'mixed endings: a block inserted into a CRLF block ends in CRLF',
    input: 'resource "aws_kms_key" "k" {\r\n  description = "phi"\r\n}\r\n\nlocals {\n  a = 1\n}\n',
    op: insert('timeouts {\n  create = "5m"\n}'),
    output: 'resource "aws_kms_key" "k" {\r\n  description = "phi"\r\n\r\n  timeouts {\r\n    create = "5m"\r\n  }\r\n}\r\n\nlocals {\n  a = 1\n}\n',
  },
  {
    name: 'mixed endings: a resource added after an LF block ends in LF',
    input: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\r\nlocals {\r\n  a = 1\r\n}\r\n',
    op: after('resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n}'),
    output: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n\nresource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n}\n\r\nlocals {\r\n  a = 1\r\n}\r\n',
  },
  {
    name: 'tab-indented file gets tabs',
    input: 'resource "aws_kms_key" "k" {\n\tdescription = "phi"\n\tpolicy = "{}"\n\n\tlifecycle {\n\t}\n}\n',
    op: insert('timeouts {\n  create = "5m"\n}'),
    output: 'resource "aws_kms_key" "k" {\n\tdescription = "phi"\n\tpolicy = "{}"\n\n\tlifecycle {\n\t}\n\n\ttimeouts {\n\t\tcreate = "5m"\n\t}\n}\n',
  },
  {
    name: 'four-space file gets four spaces in a nested block',
    input: 'resource "aws_dax_cluster" "c" {\n    cluster_name = "c"\n}\n',
    op: insert('server_side_encryption {\n  enabled = true\n}'),
    output: 'resource "aws_dax_cluster" "c" {\n    cluster_name = "c"\n\n    server_side_encryption {\n        enabled = true\n    }\n}\n',
  },
  {
    name: 'insertBlock merges into an existing block of the same type',
    input: 'resource "aws_dax_cluster" "c" {\n  server_side_encryption {\n    enabled = false # was off\n  }\n}\n',
    op: insert('server_side_encryption {\n  enabled = true\n}'),
    output: 'resource "aws_dax_cluster" "c" {\n  server_side_encryption {\n    enabled = true # was off\n  }\n}\n',
  },
  {
    name: 'insertBlock into an empty one-line block',
    input: 'resource "aws_instance" "i" {}\n',
    op: insert('metadata_options {\n  http_tokens = "required"\n}'),
    output: 'resource "aws_instance" "i" {\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n',
  },
  {
    name: 'insertBlock merge adds missing attributes to an existing nested block',
    input: 'resource "aws_instance" "i" {\n  ami = "x"\n\n  metadata_options {\n    http_endpoint = "enabled"\n  }\n}\n',
    op: insert('metadata_options {\n  http_tokens = "required"\n  http_put_response_hop_limit = 1\n}'),
    output: 'resource "aws_instance" "i" {\n  ami = "x"\n\n  metadata_options {\n    http_endpoint               = "enabled"\n    http_tokens                 = "required"\n    http_put_response_hop_limit = 1\n  }\n}\n',
  },
  {
    name: 'dotted name walks into an existing nested block',
    input: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n\n  point_in_time_recovery {\n    enabled = false\n  }\n}\n',
    op: set('point_in_time_recovery.enabled', 'true'),
    output: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n',
  },
  {
    name: 'dotted name creates the nested block',
    input: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n}\n',
    op: set('point_in_time_recovery.enabled', 'true'),
    output: 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n\n  point_in_time_recovery {\n    enabled = true\n  }\n}\n',
  },
  {
    name: 'sets an attribute inside a nested block',
    input: 'resource "aws_api_gateway_method_settings" "s" {\n  settings {\n    metrics_enabled = true\n  }\n}\n',
    op: set('logging_level', '"ERROR"'),
    path: ['settings'],
    output: 'resource "aws_api_gateway_method_settings" "s" {\n  settings {\n    metrics_enabled = true\n    logging_level   = "ERROR"\n  }\n}\n',
  },
  {
    name: 'insertAfter adds a resource after the block and its trailing comment',
    input: '# buckets\nresource "aws_s3_bucket" "b" {\n  bucket = "phi"\n} # the PHI bucket\n\n# next\n',
    op: after('resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}'),
    output:
      '# buckets\nresource "aws_s3_bucket" "b" {\n  bucket = "phi"\n} # the PHI bucket\n\nresource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n  versioning_configuration {\n    status = "Enabled"\n  }\n}\n\n# next\n',
  },
  {
    name: 'insertAfter at the end of a file without a final newline',
    input: 'resource "aws_s3_bucket" "b" {\n  bucket = "phi"\n}',
    op: after('resource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n}'),
    output: 'resource "aws_s3_bucket" "b" {\n  bucket = "phi"\n}\n\nresource "aws_s3_bucket_public_access_block" "b" {\n  bucket = aws_s3_bucket.b.id\n}',
  },
  // Several attributes at once: every new line aligned as terraform fmt aligns one group (a second
  // `kms_key_id  =` under `encryption_type =` made `terraform fmt -check` fail after the fix).
  {
    name: 'several new attributes join the aligned group, realigning it once',
    input: 'resource "aws_kinesis_stream" "s" {\n  name        = "example"\n  shard_count = 1\n}\n',
    op: setAll(['encryption_type', '"KMS"'], ['kms_key_id', '"alias/aws/kinesis"']),
    output: 'resource "aws_kinesis_stream" "s" {\n  name            = "example"\n  shard_count     = 1\n  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n}\n',
  },
  {
    name: 'several new attributes in a one-line block with an attribute',
    input: 'resource "aws_kinesis_stream" "s" { name = "x" }\n',
    op: setAll(['encryption_type', '"KMS"'], ['kms_key_id', '"alias/aws/kinesis"']),
    output: 'resource "aws_kinesis_stream" "s" {\n  name            = "x"\n  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n}\n',
  },
  {
    name: 'several new attributes in an empty block',
    input: 'resource "aws_s3_account_public_access_block" "a" {\n}\n',
    op: setAll(['block_public_acls', 'true'], ['restrict_public_buckets', 'true']),
    output: 'resource "aws_s3_account_public_access_block" "a" {\n  block_public_acls       = true\n  restrict_public_buckets = true\n}\n',
  },
  {
    name: 'several new attributes after a multi-line attribute: a group of their own, aligned together',
    input: 'resource "aws_kinesis_stream" "s" {\n  name = "x"\n  tags = {\n    a = "b"\n  }\n}\n',
    op: setAll(['encryption_type', '"KMS"'], ['kms_key_id', '"alias/aws/kinesis"']),
    output: 'resource "aws_kinesis_stream" "s" {\n  name = "x"\n  tags = {\n    a = "b"\n  }\n  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n}\n',
  },
  {
    name: 'several new attributes before the first nested block',
    input: 'resource "aws_kinesis_stream" "s" {\n  timeouts {\n    create = "5m"\n  }\n}\n',
    op: setAll(['encryption_type', '"KMS"'], ['kms_key_id', '"alias/aws/kinesis"']),
    output: 'resource "aws_kinesis_stream" "s" {\n  encryption_type = "KMS"\n  kms_key_id      = "alias/aws/kinesis"\n\n  timeouts {\n    create = "5m"\n  }\n}\n',
  },
  {
    name: 'an existing value is replaced in place while the missing ones are added aligned',
    input: 'resource "aws_s3_account_public_access_block" "a" {\n  block_public_acls  = false\n  ignore_public_acls = true\n}\n',
    op: setAll(['block_public_acls', 'true'], ['block_public_policy', 'true'], ['restrict_public_buckets', 'true']),
    output: 'resource "aws_s3_account_public_access_block" "a" {\n  block_public_acls       = true\n  ignore_public_acls      = true\n  block_public_policy     = true\n  restrict_public_buckets = true\n}\n',
  },
  {
    name: 'dotted names into one missing nested block create it once, aligned',
    input: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n}\n',
    op: setAll(['versioning.enabled', 'true'], ['versioning.mfa_delete', 'false']),
    output: 'resource "aws_s3_bucket" "b" {\n  bucket = "b"\n\n  versioning {\n    enabled    = true\n    mfa_delete = false\n  }\n}\n',
  },
  {
    name: 'sensitive = true on an output',
    input: 'output "db_password" {\n  value = aws_db_instance.db.password\n}\n',
    op: set('sensitive', 'true'),
    output: 'output "db_password" {\n  value     = aws_db_instance.db.password\n  sensitive = true\n}\n',
  },
];

describe('HCL editors', () => {
  for (const row of rows) {
    test(row.name, () => {
      assert.equal(run(row.input, row.op, row.path), row.output);
    });
  }

  test('setting the value that is already there changes nothing', () => {
    const input = 'resource "aws_kms_key" "k" {\n  enable_key_rotation = true\n}\n';
    const parsed = parseHcl(input, 'main.tf');
    assert.deepEqual(setAttributeEdits(parsed.file, parsed.file.body.blocks[0]!, 'enable_key_rotation', 'true'), []);
  });

  test('insertAfter does nothing when the resource already exists', () => {
    const input = 'resource "aws_s3_bucket" "b" {}\n\nresource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n}\n';
    const parsed = parseHcl(input, 'main.tf');
    assert.deepEqual(insertAfterEdits(parsed.file, parsed.file.body.blocks[0]!, 'resource "aws_s3_bucket_versioning" "b" {\n  bucket = aws_s3_bucket.b.id\n}'), []);
  });

  test('findBlock finds a nested block by its exact range and the innermost one otherwise', () => {
    const input = 'resource "a" "b" {\n  x {\n    y = 1\n  }\n}\n';
    const file = parseHcl(input, 'main.tf').file;
    const nested = file.body.blocks[0]!.body.blocks[0]!;
    assert.equal(findBlock(file, nested.start, nested.end), nested);
    assert.equal(findBlock(file, nested.start + 5, nested.start + 6), nested);
    assert.equal(findBlock(file, 0, input.length - 1), file.body.blocks[0]);
  });
});

test('a block the resource builds with dynamic is refused, not added beside it (Terraform: "Too many point_in_time_recovery blocks")', () => {
  const input = 'resource "aws_dynamodb_table" "t" {\n  name = "t"\n  dynamic "point_in_time_recovery" {\n    for_each = var.pitr != null ? [var.pitr] : []\n    content {\n      enabled = true\n    }\n  }\n}\n';
  const parsed = parseHcl(input, 'main.tf');
  const block = parsed.file.body.blocks[0]!;
  assert.throws(() => insertBlockEdits(parsed.file, block, 'point_in_time_recovery {\n  enabled = true\n}'), /built by a dynamic "point_in_time_recovery" block/);
  assert.throws(() => setAttributeEdits(parsed.file, block, 'point_in_time_recovery.enabled', 'true'), /built by a dynamic/);
  assert.ok(insertBlockEdits(parsed.file, block, 'ttl {\n  enabled = true\n}').length > 0, 'other blocks are still added');
});
