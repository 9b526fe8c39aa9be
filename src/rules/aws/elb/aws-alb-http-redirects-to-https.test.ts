import rule from './aws-alb-http-redirects-to-https.js';
import { testRule } from '../../../testing/rule-tester.js';

const redirect = '  default_action {\n    type = "redirect"\n    redirect {\n      port = "443"\n      protocol = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n';
const listener = (body: string): string => `resource "aws_lb" "alb" {\n  name = "alb"\n}\nresource "aws_lb_listener" "http" {\n  load_balancer_arn = aws_lb.alb.arn\n  port = 80\n${body}}\n`;

testRule(rule, {
  pass: [{ name: 'protocol defaults to HTTP and redirects', terraform: listener(redirect) }],
  fail: [
    { name: 'redirect keeps the protocol', terraform: listener('  protocol = "HTTP"\n  default_action {\n    type = "redirect"\n    redirect {\n      port = "8080"\n      status_code = "HTTP_302"\n    }\n  }\n'), findings: [{ line: 10, message: /does not redirect to HTTPS/ }] },
    {
      name: 'listener rule forwards plain HTTP',
      terraform: `${listener(redirect)}resource "aws_lb_listener_rule" "r" {\n  listener_arn = aws_lb_listener.http.arn\n  action {\n    type = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:1:targetgroup/x/y"\n  }\n  condition {\n    path_pattern {\n      values = ["/api/*"]\n    }\n  }\n}\n`,
      findings: [{ line: 18, message: /forwards HTTP requests/ }],
    },
  ],
  unknown: [{ name: 'protocol from a variable', terraform: `variable "p" {\n  type = string\n}\n${listener('  protocol = var.p\n' + redirect)}` }],
});
