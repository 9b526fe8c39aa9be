// The launch template an aws_instance launches from. The provider sends only the arguments the
// instance sets; the rest come from the template ("Any other instance parameters that you specify
// will override the same parameters in the launch template": aws_instance launch_template, and
// EC2 RunInstances LaunchTemplate), so the rules judge an unset argument from the template.
import type { InfraModel } from '../../../model/infra-model.js';
import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asNumber, blockOf, blocksOf } from '../../../model/read.js';
import { namedByValue, ownFirst } from '../linked.js';

export type LaunchTemplateOf =
  | { readonly kind: 'none' } // the instance has no launch_template block
  | { readonly kind: 'declared'; readonly template: Resource; readonly block: NestedBlock }
  | { readonly kind: 'elsewhere'; readonly block: NestedBlock } // named by a value not declared in the scan
  // One of several declared (`id = element([aws_launch_template.a.id, aws_launch_template.b.id], 1)`),
  // which one known only at apply time: judge each (linked.ts judgedOnAll), not the first.
  | { readonly kind: 'oneOf'; readonly templates: readonly Resource[]; readonly block: NestedBlock };

export function launchTemplateOf(model: InfraModel, instance: Resource): LaunchTemplateOf {
  const block = blockOf(instance, 'launch_template');
  if (!block) return { kind: 'none' };
  // The template the block's known id or name gives; else every one it may take.
  let templates = ownFirst(instance, model.related(instance, 'aws_launch_template'));
  for (const name of ['id', 'name']) templates = namedByValue(templates, block.attributes.get(name));
  const [template] = templates;
  if (template === undefined) return { kind: 'elsewhere', block };
  return templates.length === 1 ? { kind: 'declared', template, block } : { kind: 'oneOf', templates, block };
}

/** The template's primary interface (device_index 0, or the only one written without an index). */
export function primaryTemplateInterface(template: Resource): NestedBlock | undefined {
  const nics = blocksOf(template, 'network_interfaces');
  return nics.find((n) => (asNumber(n.attributes.get('device_index')?.value) ?? 0) === 0);
}
