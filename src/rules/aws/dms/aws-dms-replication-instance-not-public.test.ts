import rule from './aws-dms-replication-instance-not-public.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'explicitly private', terraform: 'resource "aws_dms_replication_instance" "r" {\n  replication_instance_id    = "r"\n  replication_instance_class = "dms.t3.medium"\n  publicly_accessible        = false\n}\n' },
  ],
  fail: [
    { name: 'explicitly public', terraform: 'resource "aws_dms_replication_instance" "r" {\n  replication_instance_id    = "r"\n  replication_instance_class = "dms.t3.medium"\n  publicly_accessible        = true\n}\n', findings: [{ line: 4 }] },
  ],
  unknown: [
    { name: 'flag from a variable', terraform: 'variable "public" {\n  type = bool\n}\nresource "aws_dms_replication_instance" "r" {\n  replication_instance_id    = "r"\n  replication_instance_class = "dms.t3.medium"\n  publicly_accessible        = var.public\n}\n' },
  ],
});
