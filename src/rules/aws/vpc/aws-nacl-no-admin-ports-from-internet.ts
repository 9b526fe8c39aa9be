import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import { asBoolean, asNumber, asString, blocksOf } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { resourcesWithAttribute } from '../../by-attribute.js';
import { isInternetCidr } from './ingress-rules.js';
import { reasonOf } from '../judge-setting.js';
import { judgedOnAll, ownFirst } from '../linked.js';

const ADMIN_PORTS = [22, 3389];

/** Does an earlier entry deny this traffic first (entries are evaluated lowest rule number first, and the first match decides)? */
type DeniedFirst = (cidr: string, protocol: string, from: number, to: number) => boolean;

/** An ingress entry of an ACL, inline (rule_no, action) or an aws_network_acl_rule (rule_number, rule_action). */
interface AclEntry {
  readonly body: ModelBody;
  readonly ruleNo: number | undefined;
  readonly action: string | undefined;
}

const inlineEntry = (body: ModelBody): AclEntry => ({ body, ruleNo: asNumber(body.attributes.get('rule_no')?.value), action: asString(body.attributes.get('action')?.value) });
const ruleEntry = (rule: Resource): AclEntry => ({ body: rule, ruleNo: asNumber(rule.attributes.get('rule_number')?.value), action: asString(rule.attributes.get('rule_action')?.value) });

/** An aws_network_acl_rule that is an ingress entry (egress false or absent, known now). */
function isIngressRule(rule: Resource): boolean {
  const egress = rule.attributes.get('egress');
  return !(egress && (egress.provenance === 'unresolved' || isUnknown(egress.value))) && asBoolean(egress?.value) !== true;
}

/**
 * Every ingress entry of the ACL a target belongs to, from both sources AWS evaluates together:
 * the ACL's inline ingress blocks and the aws_network_acl_rule resources attached to it (linked by
 * reference, or by the same literal network_acl_id when the ACL is not in the scan).
 */
function aclIngressEntries(model: InfraModel, target: Resource): AclEntry[] {
  const acl = target.type === 'aws_network_acl_rule' ? (model.related(target, 'aws_network_acl')[0] ?? model.related(target, 'aws_default_network_acl')[0]) : target;
  let rules: readonly Resource[];
  // A deny entry of one of several ACLs (network_acl_id = element([...], 1)) may not be this one's:
  // it shadows nothing here (an allow of one of several is judged with each ACL, in check).
  const aclsOf = (r: Resource): readonly Resource[] => ownFirst(r, [...model.related(r, 'aws_network_acl'), ...model.related(r, 'aws_default_network_acl')]);
  if (acl) rules = model.related(acl, 'aws_network_acl_rule').filter((r) => asString(r.attributes.get('rule_action')?.value)?.toLowerCase() !== 'deny' || aclsOf(r).length <= 1);
  else {
    const id = target.attributes.get('network_acl_id');
    const literal = id && id.provenance !== 'unresolved' && typeof id.value === 'string' ? id.value : undefined;
    // Indexed by value: a monorepo holds thousands of ACL rules, and each one looks up its siblings.
    rules = literal === undefined ? [target] : resourcesWithAttribute(model, 'aws_network_acl_rule', 'network_acl_id', literal).filter((r) => r.attributes.get('network_acl_id')?.value === literal);
  }
  return [...(acl ? blocksOf(acl, 'ingress').map(inlineEntry) : []), ...rules.filter(isIngressRule).map(ruleEntry)];
}

/**
 * A NACL protocol by its number: AWS takes "tcp" or "6", "udp" or "17", "icmp" or "1", "-1" or
 * "all", and stores the number. A deny written "6" refuses the TCP an allow written "tcp" admits;
 * compared as written, the allow behind it was reported as open (probe nacl1).
 */
function protocolNumber(protocol: string): string {
  const named: Readonly<Record<string, string>> = { all: '-1', tcp: '6', udp: '17', icmp: '1', icmpv6: '58' };
  return named[protocol] ?? protocol;
}

/** An IPv4 CIDR as its first address and prefix length; undefined for IPv6 or anything else. */
function ipv4Network(cidr: string): { readonly base: number; readonly bits: number } | undefined {
  const m = /^\s*(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)\s*$/.exec(cidr);
  if (m === null) return undefined;
  const bits = Number(m[5]);
  if (bits > 32) return undefined;
  const address = ((Number(m[1]) << 24) | (Number(m[2]) << 16) | (Number(m[3]) << 8) | Number(m[4])) >>> 0;
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { base: (address & mask) >>> 0, bits };
}

/**
 * Does a deny entry's CIDR hold every address of the allow's? The same text, a /0 of the same family
 * (a deny from 0.0.0.0/0 refuses 0.0.0.0/1 too), or an IPv4 network that contains the other.
 */
function cidrCovers(deny: string, allow: string): boolean {
  if (deny.trim() === allow.trim()) return true;
  const d = ipv4Network(deny);
  const a = ipv4Network(allow);
  if (d && a) return d.bits <= a.bits && (d.bits === 0 || ((a.base & ((0xffffffff << (32 - d.bits)) >>> 0)) >>> 0) === d.base);
  return !d && !a && deny.includes(':') && allow.includes(':') && /\/0+\s*$/.test(deny);
}

/**
 * The deny entries of an ACL's ingress list, as a test for an entry numbered `ruleNo`: one from
 * a CIDR holding the allow's, for all protocols or the same one, over the whole port range.
 */
function deniedBefore(entries: readonly AclEntry[], ruleNo: number | undefined): DeniedFirst {
  if (ruleNo === undefined) return () => false;
  const denies = entries.filter((e) => e.ruleNo !== undefined && e.ruleNo < ruleNo && e.action?.toLowerCase() === 'deny').map((e) => e.body);
  return (cidr, protocol, from, to) =>
    denies.some((d) => {
      const cidrs = ['cidr_block', 'ipv6_cidr_block'].map((n) => asString(d.attributes.get(n)?.value)).filter((c): c is string => c !== undefined);
      if (!cidrs.some((c) => cidrCovers(c, cidr))) return false;
      const p = asString(d.attributes.get('protocol')?.value)?.toLowerCase();
      if (p === undefined) return false;
      if (protocolNumber(p) === '-1') return true;
      if (protocolNumber(p) !== protocolNumber(protocol)) return false;
      const dFrom = asNumber(d.attributes.get('from_port')?.value);
      const dTo = asNumber(d.attributes.get('to_port')?.value);
      return dFrom !== undefined && dTo !== undefined && dFrom <= from && to <= dTo;
    });
}

/** One NACL ingress entry: judged as an allow from the internet to SSH/RDP or to every port. */
function judgeEntry(address: string, entry: ModelBody, actionAttr: string, deniedFirst: DeniedFirst = () => false): Outcome | undefined {
  const action = entry.attributes.get(actionAttr);
  const cidrs = ['cidr_block', 'ipv6_cidr_block'].map((n) => entry.attributes.get(n)).filter((v): v is Sourced => v !== undefined);
  const protocol = entry.attributes.get('protocol');
  const unknownParts = [action, protocol, ...cidrs].filter((v) => v !== undefined && (v.provenance === 'unresolved' || isUnknown(v.value)));
  const actionText = asString(action?.value)?.toLowerCase();
  if (actionText !== undefined && actionText !== 'allow') return undefined;
  const open = cidrs.filter((c) => typeof c.value === 'string' && isInternetCidr(c.value));
  if (open.length === 0) {
    // The cause is named: in terraform-aws-vpc it is the rule's count (`[?]`), from the availability
    // zones a data source reads, not the CIDR the configuration writes.
    const cidr = unknownParts.find((u) => u !== undefined && cidrs.includes(u));
    return cidr !== undefined ? unknown(entry, `${address}: an ingress entry's source CIDR is known only at apply time (${reasonOf(cidr)}).`) : undefined;
  }
  const p = asString(protocol?.value)?.toLowerCase();
  if (p === undefined || actionText === undefined) return unknown(entry, `${address}: an ingress entry open to the internet has an action or protocol known only at apply time.`);
  const all = p === '-1' || p === 'all';
  if (!all && p !== 'tcp' && p !== '6' && p !== 'udp' && p !== '17') return undefined;
  const from = all ? 0 : asNumber(entry.attributes.get('from_port')?.value);
  const to = all ? 65535 : asNumber(entry.attributes.get('to_port')?.value);
  if (from === undefined || to === undefined) return unknown(entry, `${address}: an ingress entry open to the internet has ports known only at apply time.`);
  const everyPort = all || (from <= 0 && to >= 65535);
  const admin = ADMIN_PORTS.filter((port) => from <= port && port <= to);
  if (!everyPort && admin.length === 0) return undefined;
  // Traffic a lower-numbered deny entry already refuses never reaches this allow.
  const reached = open.filter((c) => (everyPort ? !deniedFirst(c.value as string, p, from, to) : admin.some((port) => !deniedFirst(c.value as string, p, port, port))));
  if (reached.length === 0) return undefined;
  const source = reached.map((c) => c.value as string).join(' and ');
  // Only the admin ports no earlier deny refuses: with SSH denied first, the message named 22 and 3389.
  const opened = admin.filter((port) => reached.some((c) => !deniedFirst(c.value as string, p, port, port)));
  return fail(entry, {
    message: everyPort
      ? `${address} allows every port from ${source}.`
      : `${address} allows port${opened.length > 1 ? 's' : ''} ${opened.join(' and ')} (${opened.includes(22) ? 'SSH' : 'RDP'}${opened.length > 1 ? '/RDP' : ''}) from ${source}.`,
  });
}

export default defineRule<Resource>({
  id: 'aws-nacl-no-admin-ports-from-internet',
  title: 'Network ACLs do not allow SSH, RDP or all ports from the internet',
  severity: 'medium',
  controls: ['164.312(a)(1)', '164.312(e)(1)'],
  kind: 'attr',
  why: 'A network ACL that admits SSH, RDP or every port from 0.0.0.0/0 removes the subnet-level layer of defence around hosts that process ePHI.',
  howToFix: 'Replace allow entries from 0.0.0.0/0 or ::/0 on ports 22, 3389 or all ports with entries for the specific CIDRs and ports the subnet needs (e.g. 443); an ephemeral range for return traffic must skip 3389 (1024-3388 and 3390-65535), as AWS Config judges any range that covers it.',
  links: ['https://docs.aws.amazon.com/vpc/latest/userguide/vpc-network-acls.html'],
  references: {
    awsConfig: ['nacl-no-unrestricted-ssh-rdp'],
    checkov: ['CKV_AWS_229', 'CKV_AWS_230', 'CKV_AWS_231', 'CKV_AWS_232', 'CKV_AWS_352'],
    trivy: ['AVD-AWS-0105', 'aws-ec2-no-public-ingress-acl', 'AVD-AWS-0102', 'aws-ec2-no-excessive-port-access'],
  },
  targets: (model) => [...model.ofType('aws_network_acl'), ...model.ofType('aws_default_network_acl'), ...model.ofType('aws_network_acl_rule')],
  check(target, { model }) {
    const outcomes: Outcome[] = [];
    // AWS evaluates an ACL's entries lowest rule number first, whichever Terraform resource
    // declares them, so a deny numbered before an allow is read from both sources.
    if (target.type === 'aws_network_acl_rule') {
      const egress = target.attributes.get('egress');
      if (egress && (egress.provenance === 'unresolved' || isUnknown(egress.value))) return unknown(egress, `${target.address}: whether the entry is egress is known only at apply time.`);
      if (asBoolean(egress?.value) === true) return pass(target, `${target.address} is an egress entry.`);
      // An entry of one of several ACLs (network_acl_id = element([...], 1)), which one known only at
      // apply time: judged with each one's entries, and alike only when all agree. The first was
      // judged, and an SSH allow in an open ACL passed because another ACL denies SSH before it.
      const acls = ownFirst(target, [...model.related(target, 'aws_network_acl'), ...model.related(target, 'aws_default_network_acl')]);
      if (acls.length > 1) {
        const each = (acl: Resource): Outcome[] => {
          const one = judgeEntry(target.address, target, 'rule_action', deniedBefore(aclIngressEntries(model, acl), ruleEntry(target).ruleNo));
          return [one ?? pass(target)];
        };
        const judged = judgedOnAll(acls, each, target, `${target.address}: its network ACL`);
        if (judged.some((j) => j.status !== 'pass')) outcomes.push(...judged);
        return outcomes.length > 0 ? outcomes : pass(target, `${target.address} allows no SSH, RDP or all-port ingress from the internet.`);
      }
      const o = judgeEntry(target.address, target, 'rule_action', deniedBefore(aclIngressEntries(model, target), ruleEntry(target).ruleNo));
      if (o) outcomes.push(o);
    } else {
      const entries = aclIngressEntries(model, target);
      for (const entry of blocksOf(target, 'ingress')) {
        const o = judgeEntry(target.address, entry, 'action', deniedBefore(entries, inlineEntry(entry).ruleNo));
        if (o) outcomes.push(o);
      }
    }
    return outcomes.length > 0 ? outcomes : pass(target, `${target.address} allows no SSH, RDP or all-port ingress from the internet.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_network_acl_rule" "ssh" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 22\n  to_port        = 22\n}\n',
      ],
      good: [
        'resource "aws_network_acl_rule" "https" {\n  network_acl_id = "acl-0123456789abcdef0"\n  rule_number    = 100\n  egress         = false\n  protocol       = "tcp"\n  rule_action    = "allow"\n  cidr_block     = "0.0.0.0/0"\n  from_port      = 443\n  to_port        = 443\n}\n',
      ],
    },
  },
});
