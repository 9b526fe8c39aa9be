// Plan and state files in the scan (issue 7): each is adapted onto the model and judged by the same
// rules as the sources. Plan findings replace the source findings on the same resources (the plan
// is what will be built, with every variable and module input evaluated); state findings stand
// beside them (what is deployed). Drift and destructive changes are plan-kind rules over the model's
// `changes` and `drift` (rules/registry-plan.ts), so --rule, config, waivers and the catalog cover them.
import { adaptPlan } from '../adapters/terraform-plan/adapt-plan.js';
import { adaptState } from '../adapters/terraform-plan/adapt-state.js';
import { redactPlanOrStateText } from '../adapters/terraform-plan/redact-json.js';
import type { Finding } from '../engine/finding.js';
import type { RunResult } from '../engine/run-rules.js';
import type { InfraModel } from '../model/infra-model.js';
import type { Diagnostic } from '../source/diagnostic.js';
import { parseJsonTree } from '../parsers/tf-plan/json-tree.js';
import { checkPlanDocument } from '../parsers/tf-plan/parse-plan.js';
import { checkStateDocument } from '../parsers/tf-state/parse-state.js';
import { dirOf } from '../util/paths.js';
import { createInfraModel } from '../graph/infra-model.js';

export interface PlanOrStateFile {
  readonly path: string;
  readonly format: 'terraform-plan' | 'terraform-state';
  readonly text: string;
}

export interface PlanStateScan {
  readonly findings: readonly Finding[];
  readonly diagnostics: readonly Diagnostic[];
  /**
   * What the plans cover, as plannedKey(root module directory, address): the source findings of those
   * resources are replaced. A plan stands for the root module in its own directory (where
   * `terraform show -json` is run): another root module's resource at the same address is not
   * what it plans, and taking its place hid that resource's findings.
   */
  readonly plannedAddresses: ReadonlySet<string>;
  /**
   * The planned data sources (plannedKey), and the rules the plans gave a verdict on each
   * (verdictKey): see replacedByPlans.
   */
  readonly plannedData: ReadonlySet<string>;
  readonly dataVerdicts: ReadonlySet<string>;
  /** Each file's text with secrets masked, for code frames. */
  readonly redactedTexts: ReadonlyMap<string, string>;
}

export function scanPlansAndStates(files: readonly PlanOrStateFile[], source: InfraModel | undefined, runRules: (model: InfraModel) => RunResult): PlanStateScan {
  const findings: Finding[] = [];
  const diagnostics: Diagnostic[] = [];
  const plannedAddresses = new Set<string>();
  const plannedData = new Set<string>();
  const redactedTexts = new Map<string, string>();
  const hasSources = (source?.resources.length ?? 0) > 0 || (source?.repo.files.some((f) => f.endsWith('.tf') || f.endsWith('.tf.json')) ?? false);
  /** Each adapted file, by path: what of the judged findings is its own. */
  const adaptedFiles = new Map<string, { readonly addresses: ReadonlySet<string>; readonly facts: ReadonlySet<string> }>();
  const plans: InfraModel[] = [];
  const states: InfraModel[] = [];
  for (const file of files) {
    const parsed = parseJsonTree(file.path, file.text, file.format === 'terraform-plan' ? 'parse/terraform-plan' : 'parse/terraform-state');
    if (!parsed.ok) {
      diagnostics.push(...parsed.errors);
      redactedTexts.set(file.path, file.text.replace(/[^\r\n]/g, '*'));
      continue;
    }
    diagnostics.push(...parsed.warnings);
    const root = parsed.value;
    redactedTexts.set(file.path, redactPlanOrStateText(file.text, root));
    const check = file.format === 'terraform-plan' ? checkPlanDocument(file.path, file.text, root) : checkStateDocument(file.path, file.text, root);
    diagnostics.push(...check.diagnostics);
    if (!check.ok) continue;
    // A plan or state describes the root module in its own directory: located against that one's sources.
    const sourced = source ? { source, sourceRoot: dirOf(file.path) } : {};
    const plan = file.format === 'terraform-plan' ? adaptPlan({ file: file.path, text: file.text, root, ...sourced }) : undefined;
    const adapted = plan ?? adaptState({ file: file.path, text: file.text, root, ...sourced });
    diagnostics.push(...adapted.diagnostics);
    (plan ? plans : states).push(adapted.model);
    // Deleted resources, drift and findings about the file itself (secrets held in a state) are the file's own facts.
    adaptedFiles.set(file.path, { addresses: adapted.addresses, facts: new Set([file.path, ...(plan?.changes ?? []).map((c) => c.address), ...(plan?.drift ?? []).map((d) => d.address)]) });
    if (plan) for (const a of plan.addresses) plannedAddresses.add(plannedKey(dirOf(file.path), a));
    if (plan) for (const r of plan.model.resources) if (r.mode === 'data') plannedData.add(plannedKey(dirOf(file.path), r.address));
  }
  // The plans are judged together, as the root modules of the sources are (each file is its own root
  // module, Resource.root): a trail planned in one stack logs the buckets another stack plans, and an
  // account's baseline is one subject with one outcome, not one per plan (judged apart, each of eight
  // Terragrunt units' plans gave its own verdict on the same account's GuardDuty, one failing and
  // seven not evidenced). States are judged together apart from the plans: a plan and the state it
  // was made from describe one deployment twice.
  for (const group of [plans, states]) {
    if (group.length === 0) continue;
    const run = runRules(group.length === 1 ? group[0]! : mergedModel(group));
    diagnostics.push(...run.diagnostics);
    for (const f of run.findings) {
      // Findings about things outside the files' resources (repository, account-wide presence) come
      // from the sources when they are in the scan; a file's own resources and facts are always kept.
      const own = adaptedFiles.get(f.resource.root !== undefined && adaptedFiles.has(f.resource.root) ? f.resource.root : f.span.file);
      if (!hasSources || (own !== undefined && (own.addresses.has(f.resource.address) || own.facts.has(f.resource.address)))) findings.push(f);
    }
  }
  const dataVerdicts = new Set<string>();
  for (const f of findings) {
    if (f.resource.root === undefined || !adaptedFiles.has(f.resource.root)) continue;
    const key = plannedKey(dirOf(f.resource.root), f.resource.address);
    if (plannedData.has(key)) dataVerdicts.add(verdictKey(f.ruleId, key));
  }
  return { findings, diagnostics, plannedAddresses, plannedData, dataVerdicts, redactedTexts };
}

/**
 * Whether a source finding gives way to the plans': its resource is planned in its root module's
 * directory, and it is a managed resource, or a data source the plans gave that rule a verdict on.
 * A data source in a plan holds what the provider read, not the arguments written: the secret and
 * PHI scans judge an `aws_iam_policy_document`'s statements (a literal in a condition) in the
 * sources only, and the plan gives them no verdict there. Dropped with the planned addresses, those
 * verdicts, failures too, were in the sources' scan and not in the plan's beside it.
 */
export function replacedByPlans(scan: Pick<PlanStateScan, 'plannedAddresses' | 'plannedData' | 'dataVerdicts'>, f: Finding): boolean {
  const key = plannedKey(f.resource.root ?? '', f.resource.address);
  if (!scan.plannedAddresses.has(key)) return false;
  return !scan.plannedData.has(key) || scan.dataVerdicts.has(verdictKey(f.ruleId, key));
}

function verdictKey(ruleId: string, key: string): string {
  return `${ruleId}\u0000${key}`;
}

/** Adapted plans (or states) as one model: each file's resources keep their own root module (the file). */
function mergedModel(models: readonly InfraModel[]): InfraModel {
  return createInfraModel({
    resources: models.flatMap((m) => m.resources),
    variables: models.flatMap((m) => m.variables),
    outputs: models.flatMap((m) => m.outputs),
    changes: models.flatMap((m) => m.changes ?? []),
    drift: models.flatMap((m) => m.drift ?? []),
    diagnostics: [],
  });
}

/** A planned resource's key: the root module directory ('' for the scan root) and the address. */
export function plannedKey(rootDir: string, address: string): string {
  return `${rootDir}\u0000${address}`;
}
