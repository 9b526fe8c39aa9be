// What the rules judged across root modules (RuleDefinition.acrossRoots.gather) took from each root
// module's own model, for their targets on the end model of a scan judged root module by root module.
import type { InfraModel } from '../model/infra-model.js';

const gathered = new WeakMap<InfraModel, ReadonlyMap<string, readonly unknown[]>>();

/** Gives the end model what each rule gathered, by rule id, one item per root module in unit order. */
export function setGathered(model: InfraModel, byRule: ReadonlyMap<string, readonly unknown[]>): void {
  gathered.set(model, byRule);
}

/**
 * What rule `ruleId` gathered from each root module, in unit order; undefined when the model is
 * judged whole (a plan, a state, a scan judged on the merged model), where the rule reads it all itself.
 */
export function gatheredFor<G>(model: InfraModel, ruleId: string): readonly G[] | undefined {
  return gathered.get(model)?.get(ruleId) as readonly G[] | undefined;
}
