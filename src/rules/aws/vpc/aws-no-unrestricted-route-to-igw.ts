import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import { asString, blocksOf } from '../../../model/read.js';
import { isUnknown } from '../../../model/value.js';
import { readsUnsetVariable, type UnknownCause } from '../../../model/unknown-cause.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isInternetCidr } from './ingress-rules.js';
import { matchesAllowList } from './allow-list.js';
import { ownFirst } from '../linked.js';

type Verdict = 'igw' | 'other' | 'unknown';

/** Gateways that are not internet gateways, whose ids a route's gateway_id may hold. */
const OTHER_GATEWAYS: ReadonlySet<string> = new Set(['aws_vpn_gateway', 'aws_nat_gateway', 'aws_ec2_transit_gateway', 'aws_vpc_endpoint']);
/** A reference to a resource of one of OTHER_GATEWAYS (`aws_nat_gateway.main.id`, in a module or not). */
const OTHER_GATEWAY_REFERENCE = new RegExp(`(^|\\.)(${[...OTHER_GATEWAYS].join('|')})\\.`);

/** The resource type an apply-time gateway_id is read from (an attribute of it, or its instances), through functions applied to it. */
function gatewayType(cause: UnknownCause | undefined): string | undefined {
  if (cause?.kind === 'one-way') return gatewayType(cause.of);
  if (cause?.kind === 'parts') return gatewayType(cause.causes[0]);
  return cause?.kind === 'attribute' || cause?.kind === 'instances' ? cause.type : undefined;
}

/** Is an apply-time value a variable without a value, through functions applied to it? */

/** Does gateway_id name an internet gateway? A computed id says which resource it came from. */
function gatewayKind(owner: Resource, body: ModelBody): Verdict {
  const gw = body.attributes.get('gateway_id');
  if (!gw) return 'other';
  const v = gw.value;
  if (typeof v === 'string') return v.startsWith('igw-') ? 'igw' : 'other';
  if (isUnknown(v)) {
    const type = gatewayType(v.cause);
    if (type === 'aws_internet_gateway') return 'igw';
    if (type !== undefined && OTHER_GATEWAYS.has(type)) return 'other';
    // gateway_id takes an internet gateway or a virtual private gateway: one read from a variable
    // without a value (a module's `gateway_id = var.igw_id`, called from outside the scan) may be
    // either, so a default route through it is unknown, not a pass (probe rt2).
    if (readsUnsetVariable(v.cause)) return 'unknown';
    const igw = owner.references.some((r) => /(^|\.)aws_internet_gateway\./.test(r));
    if (!igw) return 'other';
    // A plan does not say which reference a route entry's apply-time gateway_id comes from (the
    // table's `route` expression lists them all): when the only gateways the resource names are
    // internet gateways, and nothing else could supply an id, it is one. A public route table in a
    // plan was unknown, which does not block.
    const others = owner.references.some((r) => OTHER_GATEWAY_REFERENCE.test(r) || /^(module|var|local|data)\./.test(r));
    return others ? 'unknown' : 'igw';
  }
  return 'other';
}

function destinationsOf(body: ModelBody, names: readonly string[]): { open: string[]; unknown: boolean } {
  const open: string[] = [];
  let unknownDest = false;
  for (const n of names) {
    const d = body.attributes.get(n);
    if (!d) continue;
    if (d.provenance === 'unresolved' || isUnknown(d.value)) unknownDest = true;
    const text = asString(d.value);
    if (text && isInternetCidr(text)) open.push(text);
  }
  return { open, unknown: unknownDest };
}

/** The route tables a route may belong to: several when route_table_id takes one of them (element([...], 1)). */
function tablesOf(model: InfraModel, route: Resource): readonly Resource[] {
  const tables = model.related(route, 'aws_route_table');
  return ownFirst(route, tables.length > 0 ? tables : model.related(route, 'aws_default_route_table'));
}

function judgeRoute(owner: Resource, body: ModelBody, destNames: readonly string[], label: string): Outcome | undefined {
  const dest = destinationsOf(body, destNames);
  const gw = gatewayKind(owner, body);
  if (gw === 'other') return undefined;
  if (dest.open.length === 0) return dest.unknown ? unknown(body, `${label}: the destination of a route to an internet gateway is known only at apply time.`) : undefined;
  if (gw === 'unknown') return unknown(body, `${label}: a default route's gateway is known only at apply time and may be an internet gateway.`);
  return fail(body, { message: `${label} routes ${dest.open.join(' and ')} to an internet gateway, and the route table is not on the allowedRouteTables list.` });
}

export default defineRule<Resource, { allowedRouteTables: readonly string[] }>({
  id: 'aws-no-unrestricted-route-to-igw',
  title: 'Only allow-listed public route tables send 0.0.0.0/0 to an internet gateway',
  severity: 'medium',
  controls: ['164.312(e)(1)', '164.312(a)(1)'],
  kind: 'graph',
  why: 'A default route to an internet gateway makes every subnet using the table directly internet-facing; subnets that hold ePHI should route out through NAT or VPC endpoints.',
  howToFix:
    'Route private (ePHI) subnets to a NAT gateway or VPC endpoints instead of an internet gateway, and list the deliberately public route tables in the allowedRouteTables parameter (address, Name tag or Key=Value tag).',
  links: ['https://docs.aws.amazon.com/config/latest/developerguide/no-unrestricted-route-to-igw.html'],
  references: { awsConfig: ['no-unrestricted-route-to-igw'], checkov: ['CKV2_AWS_35', 'CKV2_AWS_44'] },
  params: { allowedRouteTables: [] },
  targets: (model) => [...model.ofType('aws_route_table'), ...model.ofType('aws_default_route_table'), ...model.ofType('aws_route')],
  check(target, { model, params }) {
    if (target.type === 'aws_route') {
      // Allow-listed only when every table it may belong to is: the first was judged, and a route in a
      // private table passed because the other one is public.
      const tables = tablesOf(model, target);
      const table = tables[0];
      if (table && tables.every((t) => matchesAllowList(t, params.allowedRouteTables))) return pass(target, `${target.address} belongs to the allow-listed public route table ${tables.map((t) => t.address).join(', ')}.`);
      const o = judgeRoute(target, target, ['destination_cidr_block', 'destination_ipv6_cidr_block'], target.address);
      return o ?? pass(target, `${target.address} does not route the internet to an internet gateway.`);
    }
    if (matchesAllowList(target, params.allowedRouteTables)) return pass(target, `${target.address} is an allow-listed public route table.`);
    const outcomes = blocksOf(target, 'route')
      .map((r) => judgeRoute(target, r, ['cidr_block', 'ipv6_cidr_block'], target.address))
      .filter((o): o is Outcome => o !== undefined);
    return outcomes.length > 0 ? outcomes : pass(target, `${target.address} has no default route to an internet gateway.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_route_table" "private" {\n  vpc_id = "vpc-0123456789abcdef0"\n  route {\n    cidr_block = "0.0.0.0/0"\n    gateway_id = "igw-0123456789abcdef0"\n  }\n}\n',
      ],
      good: [
        'resource "aws_route_table" "private" {\n  vpc_id = "vpc-0123456789abcdef0"\n  route {\n    cidr_block     = "0.0.0.0/0"\n    nat_gateway_id = "nat-0123456789abcdef0"\n  }\n}\n',
      ],
    },
  },
});
