import type { Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { reasonOf } from '../judge-setting.js';
import { LISTENER_RULE_TYPES, LISTENER_TYPES, actionRedirectsToHttps, listenerProtocol, listenerRedirectsToHttps } from './listener-facts.js';

const HARMLESS_RULE_ACTIONS = new Set(['fixed-response']);

export default defineRule<Resource>({
  id: 'aws-alb-http-redirects-to-https',
  title: 'HTTP listeners only redirect to HTTPS',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'An HTTP listener that forwards requests carries ePHI and session cookies in clear text across the internet.',
  howToFix: 'Make the HTTP listener\'s default_action a redirect { protocol = "HTTPS", port = "443", status_code = "HTTP_301" } and serve the application from an HTTPS listener.',
  links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/load-balancer-listeners.html#redirect-actions'],
  references: { awsConfig: ['alb-http-to-https-redirection-check'], checkov: ['CKV2_AWS_20'], trivy: ['AVD-AWS-0054', 'aws-elb-http-not-used'] },
  targets: (model) =>
    LISTENER_TYPES.flatMap((t) => model.ofType(t)).filter((l) => {
      const p = listenerProtocol(model, l);
      return p.kind === 'unknown' || p.protocol === 'HTTP';
    }),
  check(listener, { model }) {
    const protocol = listenerProtocol(model, listener);
    if (protocol.kind === 'unknown') return unknown(protocol.value, `${listener.address}: the listener protocol is known only at apply time (${reasonOf(protocol.value)}).`);
    const fact = listenerRedirectsToHttps(listener);
    if (fact.kind === 'unknown') return unknown(fact.value, `${listener.address}: the default action is known only at apply time (${reasonOf(fact.value)}).`);
    if (fact.kind === 'no') {
      return fail(fact.where, {
        message: `${listener.address} is an HTTP listener whose default action does not redirect to HTTPS, so requests are served in clear text.`,
      });
    }
    for (const rule of LISTENER_RULE_TYPES.flatMap((t) => model.related(listener, t))) {
      for (const action of blocksOf(rule, 'action')) {
        if (HARMLESS_RULE_ACTIONS.has(asString(action.attributes.get('type')?.value)?.toLowerCase() ?? '')) continue;
        const ruleFact = actionRedirectsToHttps(action);
        if (ruleFact.kind === 'unknown') return unknown(ruleFact.value, `${rule.address}: the rule action is known only at apply time (${reasonOf(ruleFact.value)}).`);
        if (ruleFact.kind === 'no') {
          return fail(ruleFact.where, {
            message: `${listener.address} redirects by default, but ${rule.address} forwards HTTP requests without redirecting to HTTPS.`,
            related: [{ span: listener.span, message: 'the HTTP listener' }],
          });
        }
      }
    }
    return pass(listener);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_lb_listener" "http" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 80\n  protocol          = "HTTP"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n',
      ],
      good: [
        'resource "aws_lb_listener" "http" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 80\n  protocol          = "HTTP"\n\n  default_action {\n    type = "redirect"\n\n    redirect {\n      port        = "443"\n      protocol    = "HTTPS"\n      status_code = "HTTP_301"\n    }\n  }\n}\n',
      ],
    },
  },
});
