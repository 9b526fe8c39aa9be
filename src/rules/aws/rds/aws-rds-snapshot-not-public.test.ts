import rule from './aws-rds-snapshot-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'shared with one account', terraform: 'resource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = "phi"\n  db_cluster_snapshot_identifier = "phi-snap"\n  shared_accounts                = ["123456789012"]\n}\n' },
    { name: 'shared with an allow-listed account', params: { allowedAccounts: ['123456789012'] }, terraform: 'resource "aws_db_snapshot" "s" {\n  db_instance_identifier = "phi"\n  db_snapshot_identifier = "phi-snap"\n  shared_accounts        = ["123456789012"]\n}\n' },
  ],
  fail: [
    { name: 'cluster snapshot shared with all', terraform: 'resource "aws_db_cluster_snapshot" "s" {\n  db_cluster_identifier          = "phi"\n  db_cluster_snapshot_identifier = "phi-snap"\n  shared_accounts                = ["all"]\n}\n', findings: [{ line: 4, message: /"all"/ }] },
    {
      name: 'cluster snapshot copy shared with all',
      terraform:
        'resource "aws_rds_cluster_snapshot_copy" "c" {\n  source_db_cluster_snapshot_identifier = "arn:aws:rds:us-east-1:123456789012:cluster-snapshot:phi"\n  target_db_cluster_snapshot_identifier = "phi-copy"\n  shared_accounts                       = ["all"]\n}\n',
      findings: [{ line: 4, message: /shares the snapshot with "all"/ }],
    },
    { name: 'account not on the allow-list', params: { allowedAccounts: ['123456789012'] }, terraform: 'resource "aws_db_snapshot" "s" {\n  db_instance_identifier = "phi"\n  db_snapshot_identifier = "phi-snap"\n  shared_accounts        = ["210987654321"]\n}\n', findings: [{ line: 4, message: /210987654321/ }] },
  ],
  unknown: [
    { name: 'accounts from a variable', terraform: 'variable "accounts" {\n  type = list(string)\n}\nresource "aws_db_snapshot" "s" {\n  db_instance_identifier = "phi"\n  db_snapshot_identifier = "phi-snap"\n  shared_accounts        = var.accounts\n}\n' },
  ],
});
