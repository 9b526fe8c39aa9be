// The rules judged root module by root module (issue 11: memory bounded by the largest root module,
// not the corpus). Each unit's model is judged as the unit is evaluated and then dropped; what the
// rules judged across root modules (RuleDefinition.acrossRoots) read is kept for one end model:
// every unit's variables, outputs, module calls, providers and settings, the resources of the types
// those rules name, a few first resources they place findings at, and what they gather per unit.
// The findings are those of one run over the merged model (the differential test holds them equal):
// units whose resources may link by a literal name to another unit's, which only a model of both
// shows, are evaluated again at the end and judged together (CrossUnitNames).
import { RuleSession, type RunOptions, type RunResult } from '../engine/run-rules.js';
import { setGathered } from '../engine/gathered.js';
import { SuppressionIndexes } from '../engine/inline-suppressions.js';
import { createInfraModel } from '../graph/infra-model.js';
import { CrossUnitNames } from '../graph/cross-unit-names.js';
import type { InfraModel, RepoFacts } from '../model/infra-model.js';
import { watchNameLookups } from '../model/name-lookups.js';
import type { Resource } from '../model/resource.js';
import type { AnyRule } from '../rules/define-rule.js';
import { dirOf } from '../util/paths.js';
import type { ModelParts } from './unit-scan.js';
import { shareWrittenValues, WrittenValues } from '../rules/terraform/literal-scan.js';

export class UnitJudging {
  private readonly session: RuleSession;
  private readonly suppressions = new SuppressionIndexes();
  private readonly names = new CrossUnitNames();
  /** The values written at every unit's variables so far, for the literal scans' hops (literal-scan.ts WrittenValues). */
  private readonly written = new WrittenValues();
  /** The rules judged on each unit's model, and those judged once at the end. */
  private readonly perUnit: readonly AnyRule[];
  private readonly atEnd: readonly AnyRule[];
  /** The resource types the end model keeps: what the rules judged at the end read. */
  readonly keeps: ReadonlySet<string>;
  private readonly gathered = new Map<string, unknown[]>();
  /** Each unit's root module and declarations as judged (the first instance of each), should it be judged again with others. */
  private readonly units: { readonly root: string | undefined; readonly variables: ModelParts['variables']; readonly outputs: ModelParts['outputs'] }[] = [];

  constructor(
    private readonly rules: readonly AnyRule[],
    private readonly options: RunOptions,
    private readonly repo: RepoFacts,
  ) {
    this.session = new RuleSession(options);
    this.perUnit = rules.filter((r) => r.acrossRoots === undefined);
    this.atEnd = rules.filter((r) => r.acrossRoots !== undefined);
    this.keeps = new Set(this.atEnd.flatMap((r) => r.acrossRoots!.reads));
  }

  /**
   * Judges one unit's model (its variables and outputs as the merged model keeps them: the first
   * instance of each declaration), in unit order; returns what the end model keeps of it.
   */
  unit(root: string | undefined, parts: ModelParts): ModelParts {
    const index = this.units.length;
    this.units.push({ root, variables: parts.variables, outputs: parts.outputs });
    const model = createInfraModel({ ...parts, repo: this.repoOf(root === undefined ? [] : [root]), diagnostics: [] });
    this.written.add(parts.variables);
    shareWrittenValues(model, this.written);
    const lookups = watchNameLookups(model);
    this.session.judge(model, this.perUnit, this.suppressions.add(model), index);
    for (const rule of this.atEnd) {
      const gather = rule.acrossRoots!.gather;
      if (gather === undefined || this.options.settings?.get(rule.id)?.enabled === false) continue;
      let list = this.gathered.get(rule.id);
      if (list === undefined) this.gathered.set(rule.id, (list = []));
      // A unit where it crashed gives nothing (its diagnostic says so).
      const got = this.session.gather(rule, model);
      if (got !== undefined) list.push(got.value);
    }
    this.names.add(index, parts.resources, lookups);
    return { ...parts, resources: this.kept(parts.resources) };
  }

  /**
   * Judges again together the units whose resources may link by a literal name to another unit's (a
   * bucket one stack makes, configured by another that names it: InfraModel.related), which their
   * own models did not show: `evaluate` evaluates units again (their models were let go). Then the
   * rules read across root modules on the end model (every unit's kept parts); the run ends.
   */
  finish(parts: ModelParts, evaluate: (unit: number) => ModelParts): RunResult & { readonly model: InfraModel } {
    for (const group of this.names.linkedGroups()) this.judgeTogether(group, evaluate);
    const model = guarded(createInfraModel({ ...parts, repo: this.repo, diagnostics: [] }), this.keeps);
    shareWrittenValues(model, this.written);
    setGathered(model, this.gathered);
    this.session.judge(model, this.atEnd, this.suppressions.add(model));
    return { ...this.session.finish(this.rules), model };
  }

  /** Units linked by name, judged on one model of theirs: their findings of their own models are left out. */
  private judgeTogether(group: readonly number[], evaluate: (unit: number) => ModelParts): void {
    this.session.drop(new Set(group));
    const parts: { [K in keyof ModelParts]: ModelParts[K][number][] } = { resources: [], moduleCalls: [], variables: [], outputs: [], terraform: [], providers: [], providerUses: [] };
    const unitOfRoot = new Map<string, number>();
    for (const u of group) {
      const again = evaluate(u);
      const { root, variables, outputs } = this.units[u]!;
      if (root !== undefined) unitOfRoot.set(root, u);
      // Its declarations as first judged (the merged model keeps each once, at its first instance).
      for (const k of Object.keys(parts) as (keyof ModelParts)[]) (parts[k] as unknown[]).push(...(k === 'variables' ? variables : k === 'outputs' ? outputs : again[k]));
    }
    const model = createInfraModel({ ...parts, repo: this.repoOf([...unitOfRoot.keys()]), diagnostics: [] });
    shareWrittenValues(model, this.written);
    // A finding is placed among the others by its root module's unit, as the merged model would order it.
    this.session.judge(model, this.perUnit, this.suppressions.add(model), (f) => unitOfRoot.get(f.resource.root ?? '') ?? group[0]!);
  }

  /**
   * The repository facts of a model of some units: their own root modules only (the root-module
   * rules judge each root on its unit's model), none for a unit that is no root module (a Terraform stack).
   */
  private repoOf(roots: readonly string[]): RepoFacts {
    const own = roots.filter((root) => this.repo.rootModules.includes(root));
    // The evaluator's list is only guessed from the blocks when it has nothing (a scan of a plain module directory).
    return { ...this.repo, rootModules: own, ...(this.repo.rootModules.length > 0 ? { rootModulesKnown: true as const } : {}) };
  }

  /**
   * The unit's resources the end model keeps: those of the types the rules judged at the end read,
   * and the first resources they place a finding at: the first written in each root module itself (a
   * root-module anchor, root-modules.ts), the first AWS resource (the account baseline's subject,
   * account-baseline.ts) and the first managed AWS resource of each account a provider names.
   */
  private kept(resources: readonly Resource[]): Resource[] {
    const out: Resource[] = [];
    const firstOfRoot = new Set<string>();
    const firstOfAccount = new Set<string | undefined>();
    let firstAws = false;
    for (const r of resources) {
      let keep = this.keeps.has(r.type);
      if (r.modulePath === '') {
        const dir = r.root ?? dirOf(r.span.file);
        if (!firstOfRoot.has(dir)) {
          firstOfRoot.add(dir);
          keep = true;
        }
      }
      if (r.type.startsWith('aws_')) {
        if (!firstAws) keep = firstAws = true;
        if (r.mode === 'managed') {
          const account = r.provider.account?.value;
          const key = typeof account === 'string' ? account : undefined;
          if (!firstOfAccount.has(key)) {
            firstOfAccount.add(key);
            keep = true;
          }
        }
      }
      if (keep) out.push(r);
    }
    return out;
  }
}

/**
 * The end model, refusing a question about a type it does not keep: a rule judged at the end that
 * reads one its acrossRoots.reads does not name would be answered from nothing, a quiet wrong
 * answer; this way it crashes (a rule/crashed diagnostic, caught by the tests).
 */
function guarded(model: InfraModel, keeps: ReadonlySet<string>): InfraModel {
  const check = (type: string): void => {
    if (!keeps.has(type)) throw new Error(`the model judged across root modules keeps no ${type} resources (name the type in the rule's acrossRoots.reads)`);
  };
  return {
    ...model,
    ofType: (type) => (check(type), model.ofType(type)),
    dataOfType: (type) => (check(type), model.dataOfType(type)),
    related: (target, type) => (check(type), model.related(target, type)),
  };
}
