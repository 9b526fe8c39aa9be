// Nested blocks the AWS provider also accepts as a list argument ("attributes as blocks" mode:
// `ingress = [{ from_port = 0, … }]`, a form real modules use to pass a variable's list through).
// Terraform reads both as the same blocks, so the model holds blocks either way: the source
// evaluator's resources and a plan's or state's (whose JSON says the argument was written) alike.
import type { NestedBlock } from './resource.js';
import type { Sourced } from './sourced.js';
import { isUnknown, type Plain } from './value.js';

const ATTRIBUTES_AS_BLOCKS: Readonly<Record<string, readonly string[]>> = {
  aws_security_group: ['ingress', 'egress'],
  aws_default_security_group: ['ingress', 'egress'],
  aws_network_acl: ['ingress', 'egress'],
  aws_default_network_acl: ['ingress', 'egress'],
  aws_route_table: ['route'],
  aws_default_route_table: ['route'],
};

const NO_NULLS: ReadonlyMap<string, Sourced> = new Map();

/** For a managed resource of `type`: each known list of objects under those names becomes one nested block per element, at the argument's place. */
export function attributesAsBlocks(type: string, attributes: Map<string, Sourced>, blocks: NestedBlock[]): void {
  const names = ATTRIBUTES_AS_BLOCKS[type];
  if (names === undefined) return;
  for (const name of names) {
    const arg = attributes.get(name);
    if (arg === undefined || !Array.isArray(arg.value) || !arg.value.every((x) => typeof x === 'object' && x !== null && !Array.isArray(x) && !isUnknown(x))) continue;
    attributes.delete(name);
    for (const element of arg.value as readonly Record<string, Plain>[]) {
      const fields = new Map<string, Sourced>();
      const nulls = new Map<string, Sourced>();
      for (const [k, v] of Object.entries(element)) (v === null ? nulls : fields).set(k, { value: v, span: arg.span, provenance: isUnknown(v) ? 'unresolved' : arg.provenance, via: arg.via, sensitive: arg.sensitive });
      blocks.push({ type: name, labels: [], span: arg.span, attributes: fields, nullArguments: nulls.size > 0 ? nulls : NO_NULLS, blocks: [] });
    }
  }
}
