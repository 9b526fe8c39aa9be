// The rules judged root module by root module (issue 11: memory bounded by the largest root module,
// not the corpus). Units are judged as they are evaluated, a few small ones together (a batch of about
// BATCH_RESOURCES resources), and their model is then dropped; what the
// rules judged across root modules (RuleDefinition.acrossRoots) read is kept for one end model:
// every unit's variables, outputs, module calls, providers and settings, the resources of the types
// those rules name, a few first resources they place findings at, and what they gather per unit.
// The findings are those of one run over the merged model (the differential test holds them equal):
// batches whose resources may link by a literal name to another batch's, which only a model of both
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
import { appendParts, emptyParts, type ModelParts } from './unit-scan.js';
import { shareWrittenValues, WrittenValues } from '../rules/terraform/literal-scan.js';

/** About how many resources the units judged together hold (UnitJudging.unit): a bound on what a batch's model holds beside its last unit. */
export const BATCH_RESOURCES = 200;

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
  /** The scan's root modules, asked once per unit (a monorepo has thousands). */
  private readonly rootModules: ReadonlySet<string>;
  /** Each unit's root module, declarations as judged (the first instance of each) and batch, should it be judged again with others. */
  private readonly units: { readonly root: string | undefined; readonly variables: ModelParts['variables']; readonly outputs: ModelParts['outputs']; readonly batch: number }[] = [];
  /** The units taken and not yet judged (one batch), their root modules, and the batches judged so far. */
  private pending = emptyParts();
  private pendingRoots: string[] = [];
  private batches = 0;

  constructor(
    private readonly rules: readonly AnyRule[],
    private readonly options: RunOptions,
    private readonly repo: RepoFacts,
  ) {
    this.session = new RuleSession(options);
    this.perUnit = rules.filter((r) => r.acrossRoots === undefined);
    this.atEnd = rules.filter((r) => r.acrossRoots !== undefined);
    this.keeps = new Set(this.atEnd.flatMap((r) => r.acrossRoots!.reads));
    this.rootModules = new Set(repo.rootModules);
  }

  /**
   * Takes one unit's parts (its variables and outputs as the merged model keeps them: the first
   * instance of each declaration), in unit order; returns what the end model keeps of it. Units are
   * judged in batches of consecutive units holding about BATCH_RESOURCES resources together: a
   * monorepo of thousands of one-resource root modules judged one by one paid each rule's fixed cost
   * per model thousands of times (3 470 roots: 1.6 times the CPU of the merged model), and judging
   * root modules together is what the merged model does anyway.
   */
  unit(root: string | undefined, parts: ModelParts): ModelParts {
    this.units.push({ root, variables: parts.variables, outputs: parts.outputs, batch: this.batches });
    this.written.add(parts.variables);
    appendParts(this.pending, parts);
    if (root !== undefined) this.pendingRoots.push(root);
    if (this.pending.resources.length >= BATCH_RESOURCES) this.judgePending();
    return { ...parts, resources: this.kept(parts.resources) };
  }

  /** Judges the units taken since the last batch on one model of theirs, and lets it go. */
  private judgePending(): void {
    const parts = this.pending;
    const index = this.batches++;
    this.pending = emptyParts();
    const roots = this.pendingRoots;
    this.pendingRoots = [];
    const model = createInfraModel({ ...parts, repo: this.repoOf(roots), diagnostics: [] });
    shareWrittenValues(model, this.written);
    const lookups = watchNameLookups(model);
    this.session.judge(model, this.perUnit, this.suppressions.add(model), index);
    for (const rule of this.atEnd) {
      const gather = rule.acrossRoots!.gather;
      if (gather === undefined || this.options.settings?.get(rule.id)?.enabled === false) continue;
      let list = this.gathered.get(rule.id);
      if (list === undefined) this.gathered.set(rule.id, (list = []));
      // A batch where it crashed gives nothing (its diagnostic says so).
      const got = this.session.gather(rule, model);
      if (got !== undefined) list.push(got.value);
    }
    this.names.add(index, parts.resources, lookups);
  }

  /**
   * Judges again together the batches whose resources may link by a literal name to another batch's
   * (a bucket one stack makes, configured by another that names it: InfraModel.related), which their
   * own models did not show: `evaluate` evaluates units again (their models were let go). Then the
   * rules read across root modules on the end model (every unit's kept parts); the run ends.
   */
  finish(parts: ModelParts, evaluate: (unit: number) => ModelParts): RunResult & { readonly model: InfraModel } {
    if (this.units.length > 0 && this.units.at(-1)!.batch === this.batches) this.judgePending();
    for (const group of this.names.linkedGroups()) this.judgeTogether(group, evaluate);
    const model = guarded(createInfraModel({ ...parts, repo: this.repo, diagnostics: [] }), this.keeps);
    shareWrittenValues(model, this.written);
    setGathered(model, this.gathered);
    this.session.judge(model, this.atEnd, this.suppressions.add(model));
    return { ...this.session.finish(this.rules), model };
  }

  /** Batches linked by name, judged on one model of their units: their findings of their own models are left out. */
  private judgeTogether(group: readonly number[], evaluate: (unit: number) => ModelParts): void {
    const batches = new Set(group);
    this.session.drop(batches);
    const parts = emptyParts();
    const batchOfRoot = new Map<string, number>();
    this.units.forEach(({ root, variables, outputs, batch }, u) => {
      if (!batches.has(batch)) return;
      const again = evaluate(u);
      if (root !== undefined) batchOfRoot.set(root, batch);
      // Its declarations as first judged (the merged model keeps each once, at its first instance).
      appendParts(parts, { ...again, variables, outputs });
    });
    const model = createInfraModel({ ...parts, repo: this.repoOf([...batchOfRoot.keys()]), diagnostics: [] });
    shareWrittenValues(model, this.written);
    // A finding is placed among the others by its root module's batch, as the merged model would order it.
    this.session.judge(model, this.perUnit, this.suppressions.add(model), (f) => batchOfRoot.get(f.resource.root ?? '') ?? group[0]!);
  }

  /**
   * The repository facts of a model of some units: their own root modules only (the root-module
   * rules judge each root on its unit's model), none for a unit that is no root module (a Terraform stack).
   */
  private repoOf(roots: readonly string[]): RepoFacts {
    const own = roots.filter((root) => this.rootModules.has(root));
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
