// Facts about load balancer listeners shared by the transmission-security rules: the protocol a
// listener speaks (with the provider's default) and whether it only redirects to HTTPS.
import type { InfraModel } from '../../../model/infra-model.js';
import type { NestedBlock, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asString, blockOf, blocksOf } from '../../../model/read.js';
import { isApplyTime } from '../judge-setting.js';

export const LISTENER_TYPES = ['aws_lb_listener', 'aws_alb_listener'];
export const LISTENER_RULE_TYPES = ['aws_lb_listener_rule', 'aws_alb_listener_rule'];
export const LB_TYPES = ['aws_lb', 'aws_alb'];

export function loadBalancerOf(model: InfraModel, listener: Resource): Resource | undefined {
  return LB_TYPES.flatMap((t) => model.related(listener, t))[0];
}

/** `load_balancer_type` of an aws_lb, default "application". Undefined when known only at apply time. */
export function loadBalancerType(lb: Resource): string | undefined {
  const t = lb.attributes.get('load_balancer_type');
  if (!t) return 'application';
  if (isApplyTime(t)) return undefined;
  return asString(t.value)?.toLowerCase();
}

export type ProtocolFact =
  | { readonly kind: 'known'; readonly protocol: string; readonly value?: Sourced }
  | { readonly kind: 'unknown'; readonly value: Sourced };

/**
 * The listener protocol. Absent, the provider defaults it to HTTP on an Application Load Balancer
 * (https://registry.terraform.io/providers/hashicorp/aws/latest/docs/resources/lb_listener#protocol);
 * Network Load Balancers must set it and Gateway Load Balancers use GENEVE.
 */
export function listenerProtocol(model: InfraModel, listener: Resource): ProtocolFact {
  const value = listener.attributes.get('protocol');
  if (value) {
    if (isApplyTime(value)) return { kind: 'unknown', value };
    return { kind: 'known', protocol: (asString(value.value) ?? '').toUpperCase(), value };
  }
  const lb = loadBalancerOf(model, listener);
  const type = lb ? loadBalancerType(lb) : 'application';
  return { kind: 'known', protocol: type === 'gateway' ? 'GENEVE' : type === 'network' ? 'TCP' : 'HTTP' };
}

export type RedirectFact = { readonly kind: 'yes' } | { readonly kind: 'no'; readonly where: NestedBlock | Resource } | { readonly kind: 'unknown'; readonly value: Sourced };

/** Whether an action block is a redirect to HTTPS (the redirect protocol defaults to #{protocol}, i.e. the same). */
export function actionRedirectsToHttps(action: NestedBlock): RedirectFact {
  const type = action.attributes.get('type');
  if (type && isApplyTime(type)) return { kind: 'unknown', value: type };
  if (asString(type?.value)?.toLowerCase() !== 'redirect') return { kind: 'no', where: action };
  const redirect = blockOf(action, 'redirect');
  const protocol = redirect?.attributes.get('protocol');
  if (protocol && isApplyTime(protocol)) return { kind: 'unknown', value: protocol };
  return asString(protocol?.value)?.toUpperCase() === 'HTTPS' ? { kind: 'yes' } : { kind: 'no', where: redirect ?? action };
}

/** Every default action of the listener redirects to HTTPS. */
export function listenerRedirectsToHttps(listener: Resource): RedirectFact {
  const actions = blocksOf(listener, 'default_action');
  if (actions.length === 0) return { kind: 'no', where: listener };
  for (const action of actions) {
    const fact = actionRedirectsToHttps(action);
    if (fact.kind !== 'yes') return fact;
  }
  return { kind: 'yes' };
}
