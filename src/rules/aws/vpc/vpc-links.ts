// A resource names its VPC by `aws_vpc.x.id`, or by a CIDR block association's `vpc_id`, which is
// the same VPC's id: terraform-aws-vpc reads local.vpc_id from its secondary-CIDR association when
// it has one, so its flow log and internet gateway reach the VPC only through the association.
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { namedByValue, ownFirst } from '../linked.js';

const VPC_TYPES = ['aws_vpc', 'aws_default_vpc'];
const CIDR_ASSOCIATIONS = ['aws_vpc_ipv4_cidr_block_association', 'aws_vpc_ipv6_cidr_block_association'];

/** Resources of `type` linked to `vpc`, directly or through one of its CIDR block associations. */
export function linkedToVpc(model: InfraModel, vpc: Resource, type: string): readonly Resource[] {
  const direct = model.related(vpc, type);
  const associations = CIDR_ASSOCIATIONS.flatMap((t) => model.related(vpc, t));
  if (associations.length === 0) return direct;
  const out = new Set(direct);
  for (const association of associations) for (const r of model.related(association, type)) out.add(r);
  return [...out];
}

/**
 * The VPCs a resource is linked to, directly or through a CIDR block association; empty when none is
 * in the model. Several when its vpc_id takes one of several (`element([aws_vpc.a.id, aws_vpc.b.id], 1)`)
 * and which one is not known: the first was judged, and an internet gateway on an unauthorized VPC
 * passed because the other one is authorized.
 */
export function vpcsOf(model: InfraModel, resource: Resource): readonly Resource[] {
  const direct = namedByValue(ownFirst(resource, VPC_TYPES.flatMap((t) => model.related(resource, t))), resource.attributes.get('vpc_id'));
  if (direct.length > 0) return direct;
  for (const t of CIDR_ASSOCIATIONS) {
    for (const association of model.related(resource, t)) {
      const vpcs = ownFirst(association, VPC_TYPES.flatMap((v) => model.related(association, v)));
      if (vpcs.length > 0) return vpcs;
    }
  }
  return [];
}
