// A resource names its VPC by `aws_vpc.x.id`, or by a CIDR block association's `vpc_id`, which is
// the same VPC's id: terraform-aws-vpc reads local.vpc_id from its secondary-CIDR association when
// it has one, so its flow log and internet gateway reach the VPC only through the association.
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';

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

/** The VPC a resource is linked to, directly or through a CIDR block association; undefined when none is in the model. */
export function vpcOf(model: InfraModel, resource: Resource): Resource | undefined {
  for (const t of VPC_TYPES) {
    const vpc = model.related(resource, t)[0];
    if (vpc) return vpc;
  }
  for (const t of CIDR_ASSOCIATIONS) {
    for (const association of model.related(resource, t)) {
      for (const v of VPC_TYPES) {
        const vpc = model.related(association, v)[0];
        if (vpc) return vpc;
      }
    }
  }
  return undefined;
}
