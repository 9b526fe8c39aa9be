import rule from './aws-elb-access-logging.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [
    { name: 'classic ELB defaults enabled with a bucket', terraform: 'resource "aws_elb" "web" {\n  name               = "web"\n  availability_zones = ["us-east-1a"]\n  listener {\n    instance_port     = 80\n    instance_protocol = "http"\n    lb_port           = 80\n    lb_protocol       = "http"\n  }\n  access_logs {\n    bucket = "example-lb-logs"\n  }\n}\n' },
    { name: 'gateway load balancers are not judged, ALB logs', terraform: 'resource "aws_lb" "gwlb" {\n  name               = "inspection"\n  load_balancer_type = "gateway"\n}\n\nresource "aws_alb" "app" {\n  name = "app"\n  access_logs {\n    bucket  = "example-lb-logs"\n    enabled = true\n  }\n}\n' },
  ],
  fail: [{ name: 'ALB bucket without enabled', terraform: 'resource "aws_lb" "app" {\n  name = "app"\n  access_logs {\n    bucket = "example-lb-logs"\n  }\n}\n', findings: [{ line: 3, message: /does not set enabled/ }] }],
  unknown: [{ name: 'enabled from a variable without a value', terraform: 'variable "on" {\n  type = bool\n}\n\nresource "aws_lb" "app" {\n  name = "app"\n  access_logs {\n    bucket  = "example-lb-logs"\n    enabled = var.on\n  }\n}\n' }],
});
