// REST API stages as the stage rules judge them, and the method settings that apply to each.
import { computedAttribute } from '../../../model/computed-from.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { isUnknown } from '../../../model/value.js';
import { unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';

/**
 * REST API stages: every aws_api_gateway_stage, and the stage an aws_api_gateway_deployment creates
 * with stage_name (AWS provider v5 and earlier, deprecated). That stage is live but has none of a
 * stage's settings, so the stage rules must still judge it. A deployment naming a stage the
 * configuration declares only points that stage at itself (CreateDeployment to an existing stage).
 */
export function restStages(model: InfraModel): Resource[] {
  const stages = model.ofType('aws_api_gateway_stage');
  const created = model.ofType('aws_api_gateway_deployment').filter((d) => {
    const name = d.attributes.get('stage_name');
    if (name === undefined || name.value === null || name.value === '') return false; // creates no stage
    return !stages.some((s) => s.root === d.root && sameStage(s, d));
  });
  return [...stages, ...created];
}

export function isDeploymentStage(stage: Resource): boolean {
  return stage.type === 'aws_api_gateway_deployment';
}

/** How messages name a stage: its address, or the deployment that creates it. */
export function stageLabel(stage: Resource): string {
  if (!isDeploymentStage(stage)) return stage.address;
  const name = stage.attributes.get('stage_name')?.value;
  return typeof name === 'string' ? `the stage "${name}" created by ${stage.address}` : `the stage created by ${stage.address}`;
}

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
  const linked = isDeploymentStage(stage) ? [] : model.related(stage, 'aws_api_gateway_method_settings');
  const matching = model.ofType('aws_api_gateway_method_settings').filter((s) => s.root === stage.root && sameStage(s, stage));
  return [...new Set([...linked, ...matching])];
}

/** Whether two resources name the same stage: the same rest_api_id and stage_name values. */
function sameStage(a: Resource, b: Resource): boolean {
  const sameModule = a.modulePath === b.modulePath;
  return sameValue(a.attributes.get('stage_name'), b.attributes.get('stage_name'), sameModule) && sameValue(a.attributes.get('rest_api_id'), b.attributes.get('rest_api_id'), sameModule);
}

/**
 * For a deployment whose stage_name is known only at apply time: unknown, since "" or null would
 * create no stage. undefined for any other stage.
 */
export function unknownDeploymentStage(stage: Resource): Outcome | undefined {
  const name = stage.attributes.get('stage_name');
  if (!isDeploymentStage(stage) || !name || !isUnresolved(name)) return undefined;
  return unknown(name, `${stage.address}: stage_name is known only at apply time (${applyTimeReason(name)}), so whether it creates a stage is not known.`);
}
