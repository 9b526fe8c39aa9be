import type { Resource } from '../../../model/resource.js';
import { asBoolean, asString, blocksOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { LISTENER_TYPES, listenerProtocol } from './listener-facts.js';

/** Predefined ELB policies whose minimum is TLS 1.2 (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html). */
const DEFAULT_ALLOWED = '^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-';
/** The policy an HTTPS/TLS listener gets when ssl_policy is absent. */
const LISTENER_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';
const WEAK_PROTOCOLS = ['Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];

function judgeClassicPolicy(policy: Resource, allowed: RegExp): Outcome {
  const outcomes: Outcome[] = [];
  for (const attribute of blocksOf(policy, 'policy_attribute')) {
    const name = attribute.attributes.get('name');
    const value = attribute.attributes.get('value');
    if (isApplyTime(name) || isApplyTime(value)) {
      return unknown(value ?? attribute, `${policy.address}: a policy attribute is known only at apply time (${reasonOf(value ?? name)}).`);
    }
    const n = asString(name?.value) ?? '';
    if (n === 'Reference-Security-Policy') {
      const ref = asString(value?.value) ?? '';
      outcomes.push(allowed.test(ref) ? pass(value!) : fail(value ?? attribute, { message: `${policy.address} references ${ref}, which allows TLS versions older than 1.2.` }));
    } else if (WEAK_PROTOCOLS.includes(n) && asBoolean(value?.value) === true) {
      outcomes.push(fail(value ?? attribute, { message: `${policy.address} enables ${n}, a TLS version older than 1.2.` }));
    }
  }
  return outcomes.find((o) => o.status === 'fail') ?? outcomes[0] ?? pass(policy);
}

export default defineRule<Resource, { allowedPolicyPattern: string }>({
  id: 'aws-elb-tls-policy-modern',
  title: 'Load balancers negotiate TLS 1.2 or later',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)'],
  kind: 'attr',
  why: 'TLS 1.0 and 1.1 have known weaknesses; a listener that still offers them lets a downgraded connection expose ePHI in transit.',
  howToFix:
    'Set ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06" (or another TLS 1.2+ policy) on HTTPS/TLS aws_lb_listener resources, and reference ELBSecurityPolicy-TLS-1-2-2017-01 in classic ELB SSLNegotiationPolicyType policies.',
  links: ['https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html'],
  references: {
    awsConfig: ['elb-predefined-security-policy-ssl-check', 'elb-custom-security-policy-ssl-check'],
    checkov: ['CKV_AWS_103', 'CKV_AWS_213', 'CKV2_AWS_74'],
    trivy: ['AVD-AWS-0047', 'aws-elb-use-secure-tls-policy'],
  },
  params: { allowedPolicyPattern: DEFAULT_ALLOWED },
  targets: (model) => [
    ...LISTENER_TYPES.flatMap((t) => model.ofType(t)).filter((l) => {
      const p = listenerProtocol(model, l);
      return p.kind === 'unknown' || p.protocol === 'HTTPS' || p.protocol === 'TLS';
    }),
    ...model.ofType('aws_load_balancer_policy').filter((p) => asString(p.attributes.get('policy_type_name')?.value) === 'SSLNegotiationPolicyType'),
    ...model.ofType('aws_elb').filter((e) => blocksOf(e, 'listener').some((l) => /^(https|ssl)$/i.test(asString(l.attributes.get('lb_protocol')?.value) ?? ''))),
  ],
  check(target, { model, params }) {
    const allowed = new RegExp(params.allowedPolicyPattern);
    if (target.type === 'aws_load_balancer_policy') return judgeClassicPolicy(target, allowed);
    if (target.type === 'aws_elb') {
      const policies = model.related(target, 'aws_load_balancer_listener_policy');
      if (policies.length > 0) return pass(target);
      return fail(target, {
        message: `${target.address} has HTTPS/SSL listeners without an aws_load_balancer_listener_policy, so they use the default negotiation policy, which allows TLS 1.0.`,
      });
    }
    const protocol = listenerProtocol(model, target);
    if (protocol.kind === 'unknown') return unknown(protocol.value, `${target.address}: the listener protocol is known only at apply time (${reasonOf(protocol.value)}).`);
    const policy = target.attributes.get('ssl_policy');
    if (!policy) {
      return fail(target, {
        message: `${target.address} does not set ssl_policy, so it uses ${LISTENER_DEFAULT_POLICY}, which allows TLS 1.0 and 1.1.`,
        fix: { description: 'Use a TLS 1.2+ security policy', safety: 'safe', terraform: (edit) => edit.setAttribute(target.span, 'ssl_policy', '"ELBSecurityPolicy-TLS13-1-2-2021-06"') },
      });
    }
    if (isApplyTime(policy)) return unknown(policy, `${target.address}: ssl_policy is known only at apply time (${reasonOf(policy)}).`);
    const name = asString(policy.value) ?? '';
    if (allowed.test(name)) return pass(policy);
    return fail(policy, {
      message: `${target.address} uses ssl_policy "${name}", which allows TLS versions older than 1.2.`,
      fix: { description: 'Use a TLS 1.2+ security policy', safety: 'safe', terraform: (edit) => edit.setAttribute(target.span, 'ssl_policy', '"ELBSecurityPolicy-TLS13-1-2-2021-06"') },
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_lb_listener" "portal" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-2016-08"\n  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/0000"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n',
      ],
      good: [
        'resource "aws_lb_listener" "portal" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 443\n  protocol          = "HTTPS"\n  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"\n  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/0000"\n\n  default_action {\n    type             = "forward"\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n',
      ],
    },
  },
});
