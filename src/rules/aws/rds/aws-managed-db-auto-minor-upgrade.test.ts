import rule from './aws-managed-db-auto-minor-upgrade.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'MQ broker opted in', terraform: 'resource "aws_mq_broker" "b" {\n  broker_name = "b"\n  engine_type = "ActiveMQ"\n  auto_minor_version_upgrade = true\n}\n' },
    { name: 'OpenSearch auto updates', terraform: 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n  software_update_options {\n    auto_software_update_enabled = true\n  }\n}\n' },
  ],
  fail: [
    { name: 'DMS default off', terraform: 'resource "aws_dms_replication_instance" "r" {\n  replication_instance_id = "r"\n  replication_instance_class = "dms.t3.micro"\n}\n', findings: [{ line: 1, message: /does not set auto_minor_version_upgrade/ }] },
    { name: 'OpenSearch without update options', terraform: 'resource "aws_opensearch_domain" "d" {\n  domain_name = "d"\n}\n', findings: [{ line: 1 }] },
  ],
  unknown: [{ name: 'from a variable', terraform: 'variable "u" {\n  type = bool\n}\nresource "aws_rds_cluster_instance" "i" {\n  cluster_identifier = "c"\n  instance_class = "db.r6g.large"\n  auto_minor_version_upgrade = var.u\n}\n' }],
});
