import rule from './aws-elb-drop-invalid-headers.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'strictest desync mode and headers dropped', terraform: 'resource "aws_alb" "a" {\n  name = "a"\n  drop_invalid_header_fields = true\n  desync_mitigation_mode = "strictest"\n}\n' }],
  fail: [
    { name: 'monitor mode', terraform: 'resource "aws_lb" "a" {\n  name = "a"\n  drop_invalid_header_fields = true\n  desync_mitigation_mode = "monitor"\n}\n', findings: [{ line: 4, message: /desync/ }] },
    { name: 'headers kept', terraform: 'resource "aws_lb" "a" {\n  name = "a"\n  drop_invalid_header_fields = false\n}\n', findings: [{ line: 3, message: /malformed headers/ }] },
  ],
  unknown: [{ name: 'flag from a variable', terraform: 'variable "d" {\n  type = bool\n}\nresource "aws_lb" "a" {\n  name = "a"\n  drop_invalid_header_fields = var.d\n}\n' }],
});
