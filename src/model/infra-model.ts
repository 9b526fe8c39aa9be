import type { Diagnostic } from '../source/diagnostic.js';
import type { DriftEntry, PlannedChange } from './plan.js';
import type { ModuleCall, OutputDecl, ProviderConfig, ProviderUseSite, Resource, TerraformSettings, VariableDecl } from './resource.js';

/** Repository-level facts that repo rules judge (lock files, stray state files). */
export interface RepoFacts {
  /**
   * The Terraform files under the scan root and the state, plan and crash-log files Terraform writes
   * there, read or skipped (relative, forward slashes): what the repository rules read.
   */
  readonly files: readonly string[];
  /** Root module directories ('' for the scan root itself). */
  readonly rootModules: readonly string[];
  /**
   * rootModules is the evaluator's list even when empty, not to be guessed from the blocks: a root
   * module judged on its own model lists itself, a Terraform stack's unit none (pipeline/unit-judging.ts).
   */
  readonly rootModulesKnown?: true;
  /** Provider addresses locked in each root module's .terraform.lock.hcl, keyed by module dir. */
  readonly lockedProviders: ReadonlyMap<string, readonly { readonly source: string; readonly version: string }[]>;
  /** Other text files in the scanned tree (.env, JSON, YAML, scripts, templates): scanned for secrets and PHI only. */
  readonly documents?: readonly TextDocument[];
}

/** A text file that is not infrastructure-as-code the scan models, kept for the secret and PHI sweeps. */
export interface TextDocument {
  /** Relative to the scan root, forward slashes. */
  readonly path: string;
  /** Read when first asked for, for a document the scan cache's file index knew (pipeline/document-sweep.ts). */
  readonly text: string;
  /** SHA-256 of the text, hex, when known without reading it. */
  readonly digest?: string;
  /**
   * A Terraform stack file's provider blocks (start and end offsets): the stack's provider
   * configuration is evaluated, and its credentials judged there (tf-no-provider-credentials), as a
   * `.tf` provider block's are. Set when the sweep's rules judge the document (pipeline/document-sweep.ts).
   */
  readonly providerBlocks?: readonly (readonly [number, number])[];
}

/**
 * Everything the scan learned about the infrastructure, from any origin (Terraform source, plan,
 * state, CloudFormation). Rules read this, never syntax trees.
 */
export interface InfraModel {
  readonly resources: readonly Resource[];
  readonly moduleCalls: readonly ModuleCall[];
  /**
   * Variable declarations: one per module instance from the evaluator. A scan that evaluates root
   * modules one by one (pipeline/source-scan.ts) keeps each declaration once, the first instance,
   * plus every value set at run time, when only the built-in rules judge the model.
   */
  readonly variables: readonly VariableDecl[];
  readonly outputs: readonly OutputDecl[];
  readonly terraform: readonly TerraformSettings[];
  readonly providers: readonly ProviderConfig[];
  /** Ephemeral resources and check-scoped data sources, for the providers they need (none from a plan, which holds neither). */
  readonly providerUses: readonly ProviderUseSite[];
  readonly repo: RepoFacts;
  /** A plan's resource_changes (plan input only): what an apply would create, update, replace or delete. */
  readonly changes?: readonly PlannedChange[];
  /** A plan's resource_drift (plan input only): objects changed outside Terraform. */
  readonly drift?: readonly DriftEntry[];

  /** Managed resources (not data sources) of one type, in scan order. */
  ofType(type: string): readonly Resource[];
  /** Data sources of one type. */
  dataOfType(type: string): readonly Resource[];
  /**
   * Resources of `type` linked to `target`: those whose expressions reference it (e.g. an
   * aws_s3_bucket_versioning whose `bucket = aws_s3_bucket.b.id`), those it references, and those
   * that name it by a literal identifier (e.g. `bucket = "phi-data"` for the bucket called
   * "phi-data"). Same module instance first. Between instances of counted or for_each resources a
   * reference by key (`aws_s3_bucket.b[each.key]`, `for_each = aws_s3_bucket.b` or a map built entry
   * by entry from it) links only the instance named (Resource.instanceReferences); one taking them
   * whole links them all.
   */
  related(target: Resource, type: string): readonly Resource[];
  /** Resources that reference `target` (any type; by instance key as in `related`). */
  referrers(target: Resource): readonly Resource[];
  /** Resolve a configAddress reference from `from`'s module to the resources it names. */
  resolve(from: Resource, configAddress: string): readonly Resource[];
  /** Diagnostics raised while building the model (evaluation errors, undownloaded modules). */
  readonly diagnostics: readonly Diagnostic[];
}
