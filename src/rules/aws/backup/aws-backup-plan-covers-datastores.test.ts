import rule from './aws-backup-plan-covers-datastores.js';
import { testRule } from '../../../testing/rule-tester.js';

const db = 'resource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  tags = { DataClassification = "PHI" }\n}\n';
const selection = (body: string): string => `resource "aws_backup_selection" "s" {\n  name = "s"\n  plan_id = "p"\n  iam_role_arn = "arn:aws:iam::1:role/b"\n${body}}\n`;

const condition = (tests: string): string => selection(`  resources = ["*"]\n  condition {\n${tests}  }\n`);
const test = (op: string, key: string, value: string): string => `    ${op} {\n      key = "aws:ResourceTag/${key}"\n      value = "${value}"\n    }\n`;
const namedDb = (identifier: string): string => `resource "aws_db_instance" "d" {\n  identifier = "${identifier}"\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  tags = { DataClassification = "PHI" }\n}\n`;
const taggedDb = (tags: string): string => `resource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  tags = { ${tags} }\n}\n`;

const optOut = (service: string): string => `resource "aws_backup_region_settings" "r" {\n  resource_type_opt_in_preference = {\n    "${service}" = false\n    "EBS" = true\n  }\n}\n`;
const aurora = 'resource "aws_rds_cluster" "a" {\n  cluster_identifier = "phi"\n  engine = "aurora-postgresql"\n  tags = { DataClassification = "PHI" }\n}\n';

testRule(rule, {
  pass: [
    { name: 'RDS opted out, selected by its resource type ARN pattern (explicit assignment overrides opt-in)', terraform: db + optOut('RDS') + selection('  resources = ["arn:aws:rds:*:*:db:*"]\n') },
    { name: 'RDS opted out, selected by reference', terraform: db + optOut('RDS') + selection('  resources = [aws_db_instance.d.arn]\n') },
    { name: 'another service opted out', terraform: db + optOut('DynamoDB') + condition(test('string_equals', 'DataClassification', 'PHI')) },
    { name: 'string_not_equals only: an untagged store is selected', terraform: db + condition(test('string_not_equals', 'Backup', 'skip')) },
    { name: 'string_equals and string_not_like both hold', terraform: taggedDb('DataClassification = "PHI", Backup = "daily"') + condition(test('string_equals', 'DataClassification', 'PHI') + test('string_not_like', 'Backup', 'skip*')) },
    { name: 'selected by ARN reference', terraform: db + selection('  resources = [aws_db_instance.d.arn]\n') },
    { name: 'selected by wildcard ARN', terraform: db + selection('  resources = ["arn:aws:rds:*:*:db:*"]\n') },
    { name: 'a selection of neither resources nor tags selects everything (probe h3-v1)', terraform: db + selection('') },
    { name: 'everything but DynamoDB tables', terraform: db + selection('  not_resources = ["arn:aws:dynamodb:*:*:table/*"]\n') },
    { name: 'selected by its literal ARN (probe h3-a4)', terraform: namedDb('phi') + selection('  resources = ["arn:aws:rds:us-east-1:123456789012:db:phi"]\n') },
    { name: 'selected by a name pattern it matches', terraform: namedDb('phi-main') + selection('  resources = ["arn:aws:rds:*:*:db:phi-*"]\n') },
    { name: 'a DynamoDB table selected by its literal ARN', terraform: 'resource "aws_dynamodb_table" "t" {\n  name = "patients"\n  hash_key = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n  tags = { DataClassification = "PHI" }\n}\n' + selection('  resources = ["arn:aws:dynamodb:us-east-1:123456789012:table/patients"]\n') },
    { name: 'EFS backup policy, every store in scope', params: { scope: 'all' }, terraform: 'resource "aws_efs_file_system" "f" {}\nresource "aws_efs_backup_policy" "b" {\n  file_system_id = aws_efs_file_system.f.id\n  backup_policy {\n    status = "ENABLED"\n  }\n}\n' },
    { name: 'condition on a tag', terraform: 'resource "aws_db_instance" "d" {\n  engine = "mysql"\n  tags = { DataClassification = "PHI", Tier = "gold" }\n}\n' + selection('  resources = ["*"]\n  condition {\n    string_equals {\n      key = "aws:ResourceTag/Tier"\n      value = "gold"\n    }\n  }\n') },
  ],
  fail: [
    { name: 'RDS opted out, selected by tag only (probe: opt-in ignored)', terraform: db + optOut('RDS') + condition(test('string_equals', 'DataClassification', 'PHI')), findings: [{ line: 1, message: /aws_db_instance.d is selected by aws_backup_selection.s, but aws_backup_region_settings.r opts RDS out of AWS Backup in its region .* selects it by tag, by "\*" or by service only/ }] },
    { name: 'RDS opted out, a selection of everything', terraform: db + optOut('RDS') + selection(''), findings: [{ line: 1, message: /opts RDS out of AWS Backup/ }] },
    { name: 'RDS opted out, selected by service only', terraform: db + optOut('RDS') + selection('  resources = ["arn:aws:rds:*"]\n'), findings: [{ line: 1, message: /opts RDS out of AWS Backup/ }] },
    { name: 'Aurora opted out: not backed up even when named by reference', terraform: aurora + optOut('Aurora') + selection('  resources = [aws_rds_cluster.a.arn]\n'), findings: [{ line: 1, message: /opts Aurora out of AWS Backup in its region \(resource_type_opt_in_preference\), which AWS Backup honours even for a selection naming the resource type/ }] },
    {
      name: "another stack's selection naming its own store by reference does not select this stack's store at the same address",
      terraform: { 'a/main.tf': db + selection('  resources = [aws_db_instance.d.arn]\n'), 'b/main.tf': db },
      findings: [{ file: 'b/main.tf', line: 1, message: /not selected by any aws_backup_selection/ }],
    },
    {
      name: "another stack's not_resources naming its own store does not take this stack's store out of a tag selection",
      terraform: { 'a/main.tf': db + selection('  selection_tag {\n    type = "STRINGEQUALS"\n    key = "DataClassification"\n    value = "PHI"\n  }\n  not_resources = [aws_db_instance.d.arn]\n'), 'b/main.tf': db },
      findings: [{ file: 'a/main.tf', line: 1, message: /not selected by any aws_backup_selection/ }],
    },
    { name: 'a selection naming one for_each instance by key covers that instance only', terraform: 'resource "aws_dynamodb_table" "t" {\n  for_each     = toset(["a", "b"])\n  name         = "t-${each.key}"\n  billing_mode = "PAY_PER_REQUEST"\n  hash_key     = "id"\n  attribute {\n    name = "id"\n    type = "S"\n  }\n  tags = { data_classification = "phi" }\n}\nresource "aws_backup_plan" "p" {\n  name = "p"\n  rule {\n    rule_name         = "r"\n    target_vault_name = "v"\n    schedule          = "cron(0 5 ? * * *)"\n  }\n}\nresource "aws_backup_selection" "s" {\n  name         = "s"\n  plan_id      = aws_backup_plan.p.id\n  iam_role_arn = "arn:aws:iam::123456789012:role/backup"\n  resources    = [aws_dynamodb_table.t["a"].arn]\n}\n', findings: [{ line: 1, message: /t\["b"\] is not selected/ }] },
    { name: 'string_not_equals excludes a store tagged to skip', terraform: taggedDb('DataClassification = "PHI", Backup = "skip"') + condition(test('string_equals', 'DataClassification', 'PHI') + test('string_not_equals', 'Backup', 'skip')), findings: [{ line: 1, message: /not selected by any aws_backup_selection/ }] },
    { name: 'string_not_like excludes a store whose tag matches', terraform: taggedDb('DataClassification = "PHI", Backup = "skip-this"') + condition(test('string_not_like', 'Backup', 'skip*')), findings: [{ line: 1, message: /not selected/ }] },
    { name: 'selection covers only DynamoDB', terraform: db + selection('  resources = ["arn:aws:dynamodb:*:*:table/*"]\n'), findings: [{ line: 1, message: /not selected by any aws_backup_selection/ }] },
    {
      name: 'selected by tag but taken out again by not_resources',
      terraform: db + selection('  selection_tag {\n    type = "STRINGEQUALS"\n    key = "DataClassification"\n    value = "PHI"\n  }\n  not_resources = [aws_db_instance.d.arn]\n'),
      findings: [{ line: 1, message: /not selected by any aws_backup_selection/ }],
    },
    { name: 'every RDS database taken out by a not_resources pattern', terraform: db + selection('  resources = ["*"]\n  not_resources = ["arn:aws:rds:*:*:db:*"]\n'), findings: [{ line: 1 }] },
    { name: 'a literal ARN naming another database (probe h3-a5)', terraform: namedDb('phi') + selection('  resources = ["arn:aws:rds:us-east-1:123456789012:db:other"]\n'), findings: [{ line: 1, message: /not selected/ }] },
    { name: 'a name pattern the database does not match (a probe named x matched db:x*)', terraform: namedDb('phi') + selection('  resources = ["arn:aws:rds:*:*:db:x*"]\n'), findings: [{ line: 1, message: /not selected/ }] },
    { name: 'a literal ARN in another region than the provider puts the database', terraform: 'provider "aws" {\n  region = "us-west-2"\n}\n' + namedDb('phi') + selection('  resources = ["arn:aws:rds:us-east-1:123456789012:db:phi"]\n'), findings: [{ line: 4, message: /not selected/ }] },
    { name: 'a tag the store does not carry (probe h3-a1)', terraform: db + selection('  selection_tag {\n    type = "STRINGEQUALS"\n    key = "Backup"\n    value = "daily"\n  }\n'), findings: [{ line: 1, message: /not selected/ }] },
    { name: 'everything but RDS databases', terraform: db + selection('  not_resources = ["arn:aws:rds:*:*:db:*"]\n'), findings: [{ line: 1, message: /not selected/ }] },
    { name: 'tag value differs', terraform: db + selection('  selection_tag {\n    type = "STRINGEQUALS"\n    key = "DataClassification"\n    value = "internal"\n  }\n'), findings: [{ line: 1 }] },
  ],
  unknown: [
    { name: 'selection resources from a variable', terraform: `variable "arns" {\n  type = list(string)\n}\n${db}${selection('  resources = var.arns\n')}` },
    {
      name: 'selected by a tag, the store\'s tags known only at apply time (probe h3-a7)',
      terraform: `variable "tags" {\n  type = map(string)\n}\nresource "aws_db_instance" "d" {\n  engine = "postgres"\n  instance_class = "db.t3.micro"\n  tags = var.tags\n}\n${selection('  selection_tag {\n    type = "STRINGEQUALS"\n    key = "Backup"\n    value = "daily"\n  }\n')}`,
    },
    { name: 'a name pattern, the database named by the provider (no identifier)', terraform: db + selection('  resources = ["arn:aws:rds:*:*:db:phi-*"]\n') },
  ],
});
