import rule from './aws-asg-elb-health-check.js';
import { testRule } from '../../../testing/rule-tester.js';

testRule(rule, {
  pass: [{ name: 'classic load balancer with ELB checks', terraform: 'resource "aws_autoscaling_group" "g" {\n  min_size = 1\n  max_size = 2\n  load_balancers = ["portal"]\n  health_check_type = "ELB"\n}\n' }],
  fail: [{ name: 'attached through aws_autoscaling_attachment', terraform: 'resource "aws_autoscaling_group" "g" {\n  min_size = 1\n  max_size = 2\n  health_check_type = "EC2"\n}\nresource "aws_autoscaling_attachment" "a" {\n  autoscaling_group_name = aws_autoscaling_group.g.id\n  lb_target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/y"\n}\n', findings: [{ line: 4, message: /"EC2"/ }] }],
  unknown: [{ name: 'from a variable', terraform: 'variable "h" {\n  type = string\n}\nresource "aws_autoscaling_group" "g" {\n  min_size = 1\n  max_size = 2\n  target_group_arns = ["arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/y"]\n  health_check_type = var.h\n}\n' }],
});
