import rule from './aws-alb-auth-session-timeout-bounded.js';
import { testRule } from '../../../testing/rule-tester.js';

const listener = (action: string): string =>
  `resource "aws_lb_listener" "portal" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 443\n  protocol          = "HTTPS"\n\n  default_action {\n${action}  }\n\n  default_action {\n    type             = "forward"\n    order            = 2\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n`;

const oidc = (extra: string): string =>
  `    type  = "authenticate-oidc"\n    order = 1\n    authenticate_oidc {\n      authorization_endpoint = "https://idp.example.com/authorize"\n      client_id              = "portal"\n      client_secret          = var.client_secret\n      issuer                 = "https://idp.example.com"\n      token_endpoint         = "https://idp.example.com/token"\n      user_info_endpoint     = "https://idp.example.com/userinfo"\n${extra}    }\n`;

const secret = 'variable "client_secret" {\n  type      = string\n  sensitive = true\n}\n';

const listenerRule = (timeout: string): string =>
  `resource "aws_lb_listener_rule" "admin" {\n  listener_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/portal/abc/123"\n  priority     = 10\n\n  action {\n    type = "authenticate-cognito"\n    authenticate_cognito {\n      user_pool_arn       = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE"\n      user_pool_client_id = "1example23456789"\n      user_pool_domain    = "admin-example"\n${timeout}    }\n  }\n\n  action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/admin/def"\n  }\n\n  condition {\n    path_pattern {\n      values = ["/admin/*"]\n    }\n  }\n}\n`;

testRule(rule, {
  pass: [
    { name: 'OIDC session of 12 hours, the limit itself', terraform: secret + listener(oidc('      session_timeout        = 43200\n')) },
    { name: 'Cognito listener rule with a one-hour session', terraform: listenerRule('      session_timeout     = 3600\n') },
    { name: 'a stricter configured limit is met', terraform: listenerRule('      session_timeout     = 900\n'), params: { maxSessionSeconds: 1800 } },
    {
      name: 'the value travels from a variable default',
      terraform: `variable "session_seconds" {\n  type    = number\n  default = 28800\n}\n${secret}${listener(oidc('      session_timeout        = var.session_seconds\n'))}`,
    },
  ],
  fail: [
    {
      name: 'OIDC action without session_timeout keeps the 7-day default',
      terraform: secret + listener(oidc('')),
      findings: [{ line: 13, message: /does not set session_timeout, so a signed-in session lasts 7 days \(the default\), longer than the 12 h limit/ }],
    },
    {
      name: 'session_timeout = null is the default too',
      terraform: secret + listener(oidc('      session_timeout        = null\n')),
      findings: [{ line: 20, message: /7 days \(the default\)/ }],
    },
    {
      name: 'Cognito listener rule with a one-day session',
      terraform: listenerRule('      session_timeout     = 86400\n'),
      findings: [{ line: 11, message: /aws_lb_listener_rule\.admin \(authenticate_cognito in action\) keeps a signed-in session for 1 day, longer than the 12 h limit/ }],
    },
    {
      name: 'a configured limit below the value',
      terraform: listenerRule('      session_timeout     = 28800\n'),
      params: { maxSessionSeconds: 3600 },
      findings: [{ line: 11, message: /8 h, longer than the 1 h limit/ }],
    },
    {
      name: 'the aws_alb_listener alias is judged too',
      terraform: secret + listener(oidc('      session_timeout        = 604800\n')).replace('"aws_lb_listener"', '"aws_alb_listener"'),
      findings: [{ line: 20, message: /aws_alb_listener\.portal/ }],
    },
  ],
  unknown: [
    {
      name: 'session_timeout from a variable without a value',
      terraform: `variable "session_seconds" {\n  type = number\n}\n${listenerRule('      session_timeout     = var.session_seconds\n')}`,
    },
  ],
});
