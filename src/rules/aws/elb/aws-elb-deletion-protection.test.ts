import rule from './aws-elb-deletion-protection.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'aws_alb alias with protection', terraform: 'resource "aws_alb" "a" {\n  name = "a"\n  enable_deletion_protection = true\n}\n' }],
  fail: [{ name: 'explicitly off', terraform: 'resource "aws_lb" "a" {\n  name = "a"\n  enable_deletion_protection = false\n}\n', findings: [{ line: 3, message: /sets enable_deletion_protection to false/ }] }],
  unknown: [{ name: 'from a variable', terraform: 'variable "p" {\n  type = bool\n}\nresource "aws_lb" "a" {\n  name = "a"\n  enable_deletion_protection = var.p\n}\n' }],
});
