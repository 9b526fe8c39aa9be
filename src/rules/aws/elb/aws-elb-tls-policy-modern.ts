import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asBoolean, asList, asNumber, asString, blocksOf } from '../../../model/read.js';
import { isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { LISTENER_TYPES, listenerProtocol } from './listener-facts.js';

/** Predefined ELB policies whose minimum is TLS 1.2 (https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html). */
const DEFAULT_ALLOWED = '^ELBSecurityPolicy-(TLS13-1-[23]|TLS-1-2|FS-1-2)-';
/** The policy an HTTPS/TLS listener gets when ssl_policy is absent. */
const LISTENER_DEFAULT_POLICY = 'ELBSecurityPolicy-2016-08';
const WEAK_PROTOCOLS = ['Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'];

/** Policies that set an SSL negotiation policy on a classic ELB listener, judged on their own. */
const NEGOTIATION_POLICY_TYPES = ['aws_load_balancer_policy', 'aws_lb_ssl_negotiation_policy'];

function isNegotiationPolicy(policy: Resource): boolean {
  return policy.type === 'aws_lb_ssl_negotiation_policy' || asString(policy.attributes.get('policy_type_name')?.value) === 'SSLNegotiationPolicyType';
}

function judgeClassicPolicy(policy: Resource, allowed: RegExp): Outcome {
  const outcomes: Outcome[] = [];
  const attributeBlock = policy.type === 'aws_lb_ssl_negotiation_policy' ? 'attribute' : 'policy_attribute';
  for (const attribute of blocksOf(policy, attributeBlock)) {
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

/**
 * The SSL negotiation policy set on the classic ELB listener on `port`: an aws_lb_ssl_negotiation_policy
 * for that lb_port (it creates the policy and sets it on the listener), or an
 * aws_load_balancer_listener_policy for that load_balancer_port naming an SSLNegotiationPolicyType
 * aws_load_balancer_policy. Another policy (cookie stickiness) leaves the listener on the default.
 */
function negotiationPolicyOn(model: InfraModel, elb: Resource, port: number): { readonly policy: Resource } | 'unknown' | undefined {
  let unsure = false;
  const onPort = (r: Resource, name: string): boolean => {
    const v = r.attributes.get(name);
    if (isApplyTime(v)) unsure = true;
    return asNumber(v?.value) === port;
  };
  const direct = model.related(elb, 'aws_lb_ssl_negotiation_policy').find((p) => onPort(p, 'lb_port'));
  if (direct) return { policy: direct };
  for (const listenerPolicy of model.related(elb, 'aws_load_balancer_listener_policy').filter((lp) => onPort(lp, 'load_balancer_port'))) {
    const names = listenerPolicy.attributes.get('policy_names');
    if (isApplyTime(names) || asList(names?.value).some(isUnknown)) unsure = true;
    const named = new Set(asList(names?.value).map((n) => asString(n)));
    const candidates = [...model.related(listenerPolicy, 'aws_load_balancer_policy'), ...model.related(elb, 'aws_load_balancer_policy')];
    const policy = candidates.find((c) => isNegotiationPolicy(c) && named.has(asString(c.attributes.get('policy_name')?.value)));
    if (policy) return { policy };
  }
  return unsure ? 'unknown' : undefined;
}

function judgeClassicElb(model: InfraModel, elb: Resource): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const listener of blocksOf(elb, 'listener')) {
    if (!/^(https|ssl)$/i.test(asString(listener.attributes.get('lb_protocol')?.value) ?? '')) continue;
    const lbPort = listener.attributes.get('lb_port');
    const port = asNumber(lbPort?.value);
    if (port === undefined) {
      outcomes.push(unknown(lbPort ?? listener, `${elb.address}: a listener's lb_port is known only at apply time, so its negotiation policy cannot be matched.`));
      continue;
    }
    const found = negotiationPolicyOn(model, elb, port);
    if (found === 'unknown') outcomes.push(unknown(listener, `${elb.address}: which policy is set on the listener on port ${port} is known only at apply time.`));
    else if (found) outcomes.push(pass(listener, `${elb.address} listener on port ${port} uses ${found.policy.address}, judged on its own.`));
    else {
      outcomes.push(
        fail(listener, {
          message: `${elb.address} listener on port ${port} has no SSL negotiation policy (aws_lb_ssl_negotiation_policy, or an aws_load_balancer_listener_policy naming an SSLNegotiationPolicyType policy), so it uses ${LISTENER_DEFAULT_POLICY}, which allows TLS 1.0.`,
        }),
      );
    }
  }
  return outcomes;
}

export default defineRule<Resource, { allowedPolicyPattern: string }>({
  id: 'aws-elb-tls-policy-modern',
  title: 'Load balancers negotiate TLS 1.2 or later',
  severity: 'high',
  controls: ['164.312(e)(1)', '164.312(e)(2)(ii)', '164.312(e)(2)(i)'],
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
    ...NEGOTIATION_POLICY_TYPES.flatMap((t) => model.ofType(t)).filter(isNegotiationPolicy),
    ...model.ofType('aws_elb').filter((e) => blocksOf(e, 'listener').some((l) => /^(https|ssl)$/i.test(asString(l.attributes.get('lb_protocol')?.value) ?? ''))),
  ],
  check(target, { model, params }) {
    const allowed = new RegExp(params.allowedPolicyPattern);
    if (NEGOTIATION_POLICY_TYPES.includes(target.type)) return judgeClassicPolicy(target, allowed);
    if (target.type === 'aws_elb') return judgeClassicElb(model, target);
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
