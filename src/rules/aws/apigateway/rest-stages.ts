// The method settings that apply to a REST API stage.
import { computedAttribute } from '../../../model/computed-from.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { isUnknown } from '../../../model/value.js';

/**
 * Whether two arguments hold the same value: equal strings, the same computed attribute
 * (`aws_api_gateway_rest_api.api.id`), or, within one module, the same value known only at apply
 * time (`var.stage` without a value on both).
 */
function sameValue(a: Sourced | undefined, b: Sourced | undefined, sameModule: boolean): boolean {
  if (!a || !b) return false;
  if (typeof a.value === 'string') return a.value === b.value;
  if (!isUnknown(a.value) || !isUnknown(b.value) || a.value.reason !== b.value.reason) return false;
  return computedAttribute(a) !== undefined || sameModule;
}

/**
 * The aws_api_gateway_method_settings that apply to a stage: those linked to the stage resource, and
 * those for the same rest_api_id and stage_name, which is how API Gateway matches them whether the
 * names come from a reference, a shared variable or equal literals.
 */
export function methodSettingsOf(model: InfraModel, stage: Resource): Resource[] {
  const linked = model.related(stage, 'aws_api_gateway_method_settings');
  const name = stage.attributes.get('stage_name');
  const api = stage.attributes.get('rest_api_id');
  const matching = model.ofType('aws_api_gateway_method_settings').filter((s) => {
    if (s.root !== stage.root) return false;
    const sameModule = s.modulePath === stage.modulePath;
    return sameValue(s.attributes.get('stage_name'), name, sameModule) && sameValue(s.attributes.get('rest_api_id'), api, sameModule);
  });
  return [...new Set([...linked, ...matching])];
}
