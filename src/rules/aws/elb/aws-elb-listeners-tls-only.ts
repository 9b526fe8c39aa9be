import type { Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { phiClassOf } from '../phi-scope.js';
import { LISTENER_TYPES, listenerProtocol, listenerRedirectsToHttps } from './listener-facts.js';

const TARGET_GROUP_TYPES = ['aws_lb_target_group', 'aws_alb_target_group'];
/** Listener protocols that terminate TLS at the load balancer. */
const CLASSIC_SECURE = new Set(['HTTPS', 'SSL']);
/**
 * Protocols that pass the bytes through: TLS to a target that terminates it (TCP passthrough on 443)
 * is encrypted end to end, plain text is not, and the configuration does not say which. A classic
 * ELB's "tcp" listener failed as unencrypted while a Network Load Balancer's "TCP" listener passed:
 * both are unknown now, as neither is provable from the configuration.
 */
const PASSTHROUGH = new Set(['TCP', 'UDP', 'TCP_UDP']);
const passthrough = (address: string, what: string): string =>
  `${address} ${what}, which passes traffic through: it is encrypted only if the targets terminate TLS, which the configuration does not show; use a TLS listener to evidence it.`;

export default defineRule<Resource, { targetGroups: string }>({
  id: 'aws-elb-listeners-tls-only',
  title: 'Load balancer listeners and PHI back ends use HTTPS/TLS',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(i)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'A plain HTTP listener sends ePHI unencrypted between clients and the load balancer, where anyone on the path can read or alter it; a TCP listener is encrypted only if its targets terminate TLS.',
  howToFix:
    'Use protocol = "HTTPS" (or "TLS") with a certificate on aws_lb_listener (keep HTTP only as a redirect to HTTPS), lb_protocol = "https"/"ssl" on aws_elb listeners, and protocol = "HTTPS" on target groups of PHI services.',
  links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/create-https-listener.html'],
  references: {
    awsConfig: ['elb-tls-https-listeners-only', 'elbv2-listener-encryption-in-transit'],
    checkov: ['CKV_AWS_2', 'CKV_AWS_376', 'CKV_AWS_378'],
    trivy: ['AVD-AWS-0054', 'aws-elb-http-not-used'],
  },
  // 'phi': judge target groups classified PHI (tags); 'all': every target group; 'none': listeners only.
  params: { targetGroups: 'phi' },
  targets: (model, params) => [
    ...LISTENER_TYPES.flatMap((t) => model.ofType(t)),
    ...model.ofType('aws_elb'),
    ...(params.targetGroups === 'none'
      ? []
      : TARGET_GROUP_TYPES.flatMap((t) => model.ofType(t)).filter((g) => params.targetGroups === 'all' || phiClassOf(g) !== 'not-phi')),
  ],
  check(target, { model }): Outcome | Outcome[] {
    if (target.type === 'aws_elb') {
      const outcomes: Outcome[] = [];
      for (const listener of blocksOf(target, 'listener')) {
        const protocol = listener.attributes.get('lb_protocol');
        if (!protocol) continue;
        if (isApplyTime(protocol)) {
          outcomes.push(unknown(protocol, `${target.address}: a listener protocol is known only at apply time (${reasonOf(protocol)}).`));
          continue;
        }
        const p = (asString(protocol.value) ?? '').toUpperCase();
        if (PASSTHROUGH.has(p)) outcomes.push(unknown(protocol, passthrough(target.address, `has a listener with lb_protocol "${asString(protocol.value)}"`)));
        else outcomes.push(CLASSIC_SECURE.has(p) ? pass(protocol) : fail(protocol, { message: `${target.address} has a listener with lb_protocol "${asString(protocol.value)}", so client traffic is not encrypted.` }));
      }
      return outcomes.length > 0 ? outcomes : [pass(target)];
    }
    if (TARGET_GROUP_TYPES.includes(target.type)) {
      const protocol = target.attributes.get('protocol');
      if (!protocol) {
        const targetType = asString(target.attributes.get('target_type')?.value);
        if (targetType === 'lambda') return pass(target);
        return fail(target, { message: `${target.address} does not set protocol, so the load balancer reaches this PHI back end over plain HTTP.` });
      }
      if (isApplyTime(protocol)) return unknown(protocol, `${target.address}: protocol is known only at apply time (${reasonOf(protocol)}).`);
      const p = (asString(protocol.value) ?? '').toUpperCase();
      if (p === 'HTTPS' || p === 'TLS') return pass(protocol);
      if (PASSTHROUGH.has(p)) return unknown(protocol, passthrough(target.address, `uses protocol "${p}"`));
      return fail(protocol, { message: `${target.address} uses protocol "${p}", so the load balancer reaches this PHI back end without TLS.` });
    }
    const protocol = listenerProtocol(model, target);
    if (protocol.kind === 'unknown') return unknown(protocol.value, `${target.address}: the listener protocol is known only at apply time (${reasonOf(protocol.value)}).`);
    if (PASSTHROUGH.has(protocol.protocol)) return unknown(protocol.value ?? target, passthrough(target.address, protocol.value ? `listens on ${protocol.protocol}` : `does not set protocol (a Network Load Balancer's listener is ${protocol.protocol})`));
    if (protocol.protocol !== 'HTTP') return pass(protocol.value ?? target);
    const redirect = listenerRedirectsToHttps(target);
    if (redirect.kind === 'yes') return pass(protocol.value ?? target);
    if (redirect.kind === 'unknown') return unknown(redirect.value, `${target.address}: the default action is known only at apply time (${reasonOf(redirect.value)}).`);
    return fail(protocol.value ?? target, {
      message: protocol.value
        ? `${target.address} listens on plain HTTP without redirecting to HTTPS, so client traffic is not encrypted.`
        : `${target.address} does not set protocol (default "HTTP") and does not redirect to HTTPS, so client traffic is not encrypted.`,
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_lb_listener" "portal" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 80\n  protocol          = "HTTP"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n',
      ],
      good: [
        'resource "aws_lb_listener" "portal" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/0000"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n',
      ],
    },
  },
});
