// Security-group ingress in its three Terraform spellings, read once for the sg-* rules:
// inline `ingress` blocks of aws_security_group, aws_security_group_rule (type = "ingress") and
// aws_vpc_security_group_ingress_rule (one CIDR per rule, ip_protocol); a managed prefix list the
// configuration declares counts with its entries' CIDRs.
import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asList, asNumber, asString } from '../../../model/read.js';
import { UNKNOWN_TEXT, isUnknown, knownText, type Plain } from '../../../model/value.js';
import type { Span } from '../../../source/span.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { computedFromValue } from '../../../model/computed-from.js';

/**
 * A source open to the internet: 0.0.0.0/0 or ::/0 however written (`::0/0`), or a half of the
 * address space (`0.0.0.0/1` with `128.0.0.0/1` covers every IPv4 address; one half alone is two
 * billion addresses, the internet for any purpose here).
 */
export function isInternetCidr(cidr: string): boolean {
  const m = /^\s*([0-9a-fA-F:.]+)\/(\d+)\s*$/.exec(cidr);
  if (m === null) return cidr.startsWith(APPLY_TIME_ADDRESS) && /^\/[01]$/.test(cidr.slice(APPLY_TIME_ADDRESS.length));
  return Number(m[2]) <= 1 && (m[1]!.includes('.') || m[1]!.includes(':'));
}

/** How a CIDR whose address is known only at apply time but whose prefix length is written reads in messages. */
const APPLY_TIME_ADDRESS = '<address known at apply time>';

export interface IngressRule {
  /** The resource that declares it (the security group for inline blocks). */
  readonly owner: Resource;
  /** The ingress block or the rule resource. */
  readonly span: Span;
  /** 'all' for protocol -1; lower-case name otherwise ('tcp', 'udp', 'icmp', '6'...); undefined when unknown. */
  readonly protocol: string | undefined;
  /** Inclusive port range; undefined when unknown. For protocol 'all' it is 0–65535. */
  readonly ports: { readonly from: number; readonly to: number } | undefined;
  /** Sources open to the internet ('0.0.0.0/0', '::/0') among the CIDRs. */
  readonly internetSources: readonly string[];
  /** Some CIDR is known only at apply time. */
  readonly sourcesUnknown: boolean;
  readonly label: string;
  /** An aws_security_group_rule whose type (ingress or egress) is known only at apply time: what would fail is unknown. */
  readonly directionUnknown?: boolean;
}

/** "${var.address}/0": whatever the address, a /0 (or /1) network is the internet, so it is judged. */
function internetWithApplyTimeAddress(item: Plain): string | undefined {
  const text = isUnknown(item) ? knownText(item) : undefined;
  const prefix = text?.startsWith(UNKNOWN_TEXT) === true ? text.slice(UNKNOWN_TEXT.length) : undefined;
  return prefix !== undefined && /^\/[01]$/.test(prefix) ? APPLY_TIME_ADDRESS + prefix : undefined;
}

function strings(value: Sourced | undefined): { known: string[]; unknown: boolean } {
  if (!value) return { known: [], unknown: false };
  const whole = internetWithApplyTimeAddress(value.value);
  if (whole !== undefined) return { known: [whole], unknown: false };
  if (value.provenance === 'unresolved' || isUnknown(value.value)) return { known: [], unknown: true };
  const known: string[] = [];
  let unknown = false;
  for (const item of asList(value.value)) {
    const internet = internetWithApplyTimeAddress(item);
    if (internet !== undefined) known.push(internet);
    else if (isUnknown(item)) unknown = true;
    else if (typeof item === 'string') known.push(item);
  }
  return { known, unknown };
}

function protocolOf(value: Plain | undefined): string | undefined {
  if (value === undefined || isUnknown(value)) return undefined;
  const text = asString(value)?.toLowerCase();
  if (text === undefined) return undefined;
  return text === '-1' || text === 'all' ? 'all' : text;
}

function rangeOf(body: ModelBody, protocol: string | undefined): IngressRule['ports'] {
  if (protocol === 'all') return { from: 0, to: 65535 };
  const fromV = body.attributes.get('from_port');
  const toV = body.attributes.get('to_port');
  const from = asNumber(fromV?.value);
  const to = asNumber(toV?.value);
  if (from === undefined || to === undefined) {
    // aws_vpc_security_group_ingress_rule: ports may be absent for ICMP or all-protocol rules.
    if (!fromV && !toV && (protocol === 'tcp' || protocol === '6' || protocol === 'udp' || protocol === '17')) return { from: 0, to: 65535 };
    return undefined;
  }
  // A -1 port (used with ICMP or all protocols) means every port.
  if (from === -1 || to === -1) return { from: 0, to: 65535 };
  return { from: Math.min(from, to), to: Math.max(from, to) };
}

/**
 * The CIDRs of the managed prefix lists a rule names (prefix_list_ids, prefix_list_id) that the
 * configuration declares: their `entry` blocks and aws_ec2_managed_prefix_list_entry resources,
 * each as "0.0.0.0/0 (prefix list aws_ec2_managed_prefix_list.x)". An AWS-managed list (`pl-…` by
 * id, or read by a data source) holds AWS service ranges, not the internet.
 */
function prefixListCidrs(model: InfraModel, owner: Resource, value: Sourced | undefined): string[] {
  if (!value) return [];
  const out: string[] = [];
  const items = isUnknown(value.value) ? [value.value] : asList(value.value);
  for (const item of items) {
    if (!isUnknown(item)) continue;
    const address = computedFromValue(item);
    if (address === undefined) continue;
    const list = model.related(owner, 'aws_ec2_managed_prefix_list').find((l) => l.mode === 'managed' && (address === l.address || address === l.address.replace(/\[[^\]]*\]$/, '')));
    if (list === undefined) continue;
    const cidrs = [
      ...list.blocks.filter((b) => b.type === 'entry').map((b) => b.attributes.get('cidr')?.value),
      ...model.related(list, 'aws_ec2_managed_prefix_list_entry').map((e) => e.attributes.get('cidr')?.value),
    ];
    for (const c of cidrs) if (typeof c === 'string') out.push(`${c} (prefix list ${list.address})`);
  }
  return out;
}

function ruleOf(owner: Resource, body: ModelBody, protocolAttr: string, cidrAttrs: readonly string[], label: string, model?: InfraModel): IngressRule {
  const protocol = protocolOf(body.attributes.get(protocolAttr)?.value);
  const known: string[] = [];
  let sourcesUnknown = false;
  for (const name of cidrAttrs) {
    const s = strings(body.attributes.get(name));
    known.push(...s.known);
    sourcesUnknown ||= s.unknown;
  }
  if (model) for (const name of ['prefix_list_ids', 'prefix_list_id']) known.push(...prefixListCidrs(model, owner, body.attributes.get(name)));
  return {
    owner,
    span: body.span,
    protocol,
    ports: rangeOf(body, protocol),
    internetSources: known.filter((c) => isInternetCidr(c.replace(/ \(prefix list [^)]*\)$/, ''))),
    sourcesUnknown,
    label,
  };
}

/** The ingress rules a target declares: a security group's inline blocks, or the rule resource itself. */
export function ingressRulesOf(target: Resource, model?: InfraModel): IngressRule[] {
  switch (target.type) {
    case 'aws_security_group':
    case 'aws_default_security_group':
      return target.blocks
        .filter((b) => b.type === 'ingress')
        .map((b, i) => ruleOf(target, b, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks'], `${target.address} ingress rule ${i + 1}`, model));
    case 'aws_security_group_rule': {
      const type = target.attributes.get('type');
      // A type from a variable without a default may be "ingress": such a rule open to the internet passed.
      if (type && (type.provenance === 'unresolved' || isUnknown(type.value))) return [{ ...ruleOf(target, target, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks'], target.address, model), directionUnknown: true }];
      if (asString(type?.value) !== 'ingress') return [];
      return [ruleOf(target, target, 'protocol', ['cidr_blocks', 'ipv6_cidr_blocks'], target.address, model)];
    }
    case 'aws_vpc_security_group_ingress_rule':
      return [ruleOf(target, target, 'ip_protocol', ['cidr_ipv4', 'cidr_ipv6'], target.address, model)];
    default:
      return [];
  }
}

export const INGRESS_OWNER_TYPES: readonly string[] = ['aws_security_group', 'aws_security_group_rule', 'aws_vpc_security_group_ingress_rule'];

/** Targets for the sg-* rules: security groups and standalone ingress rule resources. */
export function ingressTargets(model: InfraModel): Resource[] {
  return INGRESS_OWNER_TYPES.flatMap((t) => model.ofType(t)).filter(
    (r) => r.type !== 'aws_security_group_rule' || asString(r.attributes.get('type')?.value) !== 'egress',
  );
}

/** Is the protocol one whose ports matter for TCP services (TCP or all)? undefined when unknown. */
export function carriesTcp(protocol: string | undefined): boolean | undefined {
  if (protocol === undefined) return undefined;
  return protocol === 'all' || protocol === 'tcp' || protocol === '6';
}

export function coversPort(rule: IngressRule, port: number): boolean | undefined {
  if (!rule.ports) return undefined;
  return rule.ports.from <= port && port <= rule.ports.to;
}

export function describePorts(rule: IngressRule): string {
  if (rule.protocol === 'all') return 'all protocols and ports';
  // ICMP has types, not ports: from_port/to_port -1 (or a type and code) are no port range.
  if (rule.protocol !== undefined && /^(icmp|icmpv6|1|58)$/.test(rule.protocol)) return rule.protocol === 'icmpv6' || rule.protocol === '58' ? 'ICMPv6' : 'ICMP';
  if (!rule.ports) return 'some ports';
  return rule.ports.from === rule.ports.to ? `port ${rule.ports.from}` : `ports ${rule.ports.from}-${rule.ports.to}`;
}

/** A protocol as people name it: "6" is TCP, "17" UDP (security groups take numbers as well as names). */
export function protocolName(protocol: string): string {
  const named: Readonly<Record<string, string>> = { '6': 'TCP', '17': 'UDP', '1': 'ICMP', '58': 'ICMPv6' };
  return named[protocol] ?? protocol.toUpperCase();
}

export type IngressVerdict = { readonly kind: 'ok' } | { readonly kind: 'fail' | 'unknown'; readonly message: string };

/**
 * One outcome per ingress rule the target declares (a pass on the target when nothing is open
 * to the internet), judged by `verdict`.
 */
export function judgeIngress(target: Resource, verdict: (rule: IngressRule) => IngressVerdict, passMessage: string, model?: InfraModel): Outcome[] {
  const outcomes: Outcome[] = [];
  for (const rule of ingressRulesOf(target, model)) {
    const v = verdict(rule);
    if (v.kind !== 'ok' && rule.directionUnknown) outcomes.push(unknown(rule.span, `${v.message.replace(/\.$/, '')}, if it is an ingress rule: its type is known only at apply time.`));
    else if (v.kind === 'fail') outcomes.push(fail(rule.span, { message: v.message }));
    else if (v.kind === 'unknown') outcomes.push(unknown(rule.span, v.message));
  }
  return outcomes.length > 0 ? outcomes : [pass(target, passMessage)];
}

/** Internet-open (or possibly open) rules: the shared first step of every sg-* verdict. */
export function internetExposure(rule: IngressRule): 'open' | 'closed' | 'unknown' {
  if (rule.internetSources.length > 0) return 'open';
  return rule.sourcesUnknown ? 'unknown' : 'closed';
}
