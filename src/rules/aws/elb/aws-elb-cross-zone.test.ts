import rule from './aws-elb-cross-zone.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'classic ELB default is on', terraform: 'resource "aws_elb" "e" {\n  name = "e"\n  availability_zones = ["us-east-1a", "us-east-1b"]\n  listener {\n    instance_port = 443\n    instance_protocol = "tcp"\n    lb_port = 443\n    lb_protocol = "ssl"\n    ssl_certificate_id = "arn:aws:acm:us-east-1:1:certificate/x"\n  }\n}\n' }],
  fail: [{ name: 'classic ELB turned off', terraform: 'resource "aws_elb" "e" {\n  name = "e"\n  availability_zones = ["us-east-1a"]\n  cross_zone_load_balancing = false\n  listener {\n    instance_port = 443\n    instance_protocol = "tcp"\n    lb_port = 443\n    lb_protocol = "ssl"\n  }\n}\n', findings: [{ line: 4 }] }],
  unknown: [{ name: 'gateway LB flag from a variable', terraform: 'variable "x" {\n  type = bool\n}\nresource "aws_lb" "g" {\n  name = "g"\n  load_balancer_type = "gateway"\n  enable_cross_zone_load_balancing = var.x\n}\n' }],
});
