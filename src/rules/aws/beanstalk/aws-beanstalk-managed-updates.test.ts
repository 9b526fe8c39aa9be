import rule from './aws-beanstalk-managed-updates.js';
import { testRule } from '../../../testing/rule-tester.js';

const env = (settings: string): string => `resource "aws_elastic_beanstalk_environment" "e" {\n  name = "e"\n  application = "a"\n${settings}}\n`;
const managed = (value: string): string => `  setting {\n    namespace = "aws:elasticbeanstalk:managedactions"\n    name = "ManagedActionsEnabled"\n    value = ${value}\n  }\n`;
const level = '  setting {\n    namespace = "aws:elasticbeanstalk:managedactions:platformupdate"\n    name = "UpdateLevel"\n    value = "patch"\n  }\n';

testRule(rule, {
  pass: [{ name: 'patch level', terraform: env(managed('"true"') + level) }],
  fail: [
    { name: 'managed actions off', terraform: env(managed('"false"') + level), findings: [{ line: 7, message: /"false"/ }] },
    { name: 'no update level', terraform: env(managed('"true"')), findings: [{ line: 7, message: /UpdateLevel/ }] },
  ],
  unknown: [{ name: 'from a variable', terraform: `variable "m" {\n  type = string\n}\n${env(managed('var.m') + level)}` }],
});
