import type { Span } from '../source/span.js';
import type { Sourced } from './sourced.js';
import type { Plain } from './value.js';

export type Origin = 'terraform' | 'terraform-plan' | 'terraform-state' | 'cloudformation' | 'kubernetes';

/** A body of attributes and nested blocks, as evaluated (dynamic blocks already expanded). */
export interface ModelBody {
  /** The declaring block (for a resource: from the type keyword to the closing brace). */
  readonly span: Span;
  /** The arguments with a value: one set to null is not here, as Terraform treats it as left out. */
  readonly attributes: ReadonlyMap<string, Sourced>;
  /**
   * Arguments written but null (`encrypted = var.encrypted` with a null default): for the place and
   * the provenance of a finding about the default that then applies (read.ts attrOr).
   */
  readonly nullArguments?: ReadonlyMap<string, Sourced>;
  readonly blocks: readonly NestedBlock[];
}

export interface NestedBlock extends ModelBody {
  readonly type: string;
  readonly labels: readonly string[];
}

/** One resource or data-source instance after count/for_each expansion. */
export interface Resource extends ModelBody {
  /** Terraform's address: `module.app["prod"].aws_s3_bucket.logs[0]`, `data.aws_iam_policy_document.p`. */
  readonly address: string;
  /** The address without instance keys: `module.app.aws_s3_bucket.logs` (used to link references). */
  readonly configAddress: string;
  readonly mode: 'managed' | 'data';
  readonly type: string; // aws_s3_bucket
  readonly name: string; // logs
  /** '' for the root module, else `module.app["prod"]`. */
  readonly modulePath: string;
  readonly instanceKey?: string | number;
  readonly origin: Origin;
  /**
   * The deployment it belongs to: the root module directory for Terraform source, the file for a
   * plan or state. Two root modules may both declare `aws_s3_bucket.logs`; links never cross roots.
   */
  readonly root?: string;
  /**
   * The provider configuration it uses: `aws` or `aws.replica`, with its resolved region when known,
   * and the AWS account it names when it names one (`allowed_account_ids`, an assumed role's ARN).
   * `module`: the module whose own provider block it is (`module.b`), when not the root module's; set
   * from a plan's provider_config (its module_address), where there are no provider blocks to judge.
   */
  readonly provider: { readonly name: string; readonly alias?: string; readonly region?: Sourced; readonly account?: Sourced; readonly module?: string };
  /** Tags after merging the provider's default_tags (resource tags win), or undefined when the type has no tags. */
  readonly effectiveTags?: Sourced<Plain>;
  /** Addresses (configAddress form, e.g. `aws_kms_key.k`) of resources and data sources this one references. */
  readonly references: readonly string[];
  /**
   * For each configuration address in `references` that this resource names only by instance key
   * (`aws_s3_bucket.b[each.key]`), the instances it names; absent when there is none. Links to the
   * other instances of that configuration do not hold.
   */
  readonly instanceReferences?: readonly InstanceReference[];
  /** Comments attached to the declaring block, for inline suppressions (`# safeguard:ignore ...`). */
  readonly comments: readonly AttachedComment[];
  /**
   * The for_each argument that made a string instance key holding a digit (the shapes the PHI and
   * secret rules read without context): the key is in every address, and is judged there.
   */
  readonly keySpan?: Span;
  /**
   * CDK for Terraform's construct path of the block (`phi-stack/PhiStorage/Bucket`, from its `"//"`
   * metadata in a synthesized .tf.json): where the user changes it, as the address is only the
   * synthesized unique id. Not part of any identity (fingerprints and waivers key on the address).
   */
  readonly constructPath?: string;
  /**
   * The top-level arguments and nested block types given an ephemeral value (Terraform 1.10+),
   * which Terraform refuses as they are not write-only (the evaluator's eval/ephemeral-value error):
   * what they are given never reaches state. Absent when there are none.
   */
  readonly ephemeralArguments?: readonly string[];
}

/**
 * A comment that governs a block: above it, inside it, or a whole-file marker at the start of its file
 * (`fileHeader`: before any code, the only place KICS reads `# kics-scan ignore`).
 */
export interface AttachedComment {
  readonly text: string;
  readonly span: Span;
  readonly fileHeader?: true;
}

/** The instances of one counted or for_each resource that a resource names by key. */
export interface InstanceReference {
  /** As in Resource.references. */
  readonly configAddress: string;
  /** Resource.address of each instance named. */
  readonly addresses: readonly string[];
}

export interface ModuleCall {
  readonly address: string; // module.app or module.app["prod"]
  readonly source: string;
  readonly version?: string;
  readonly span: Span;
  readonly sourceSpan: Span;
  /** local (evaluated), registry/git/other remote: downloaded (evaluated from .terraform/modules) or not. */
  readonly kind: 'local' | 'registry' | 'git' | 'other';
  readonly evaluated: boolean;
  readonly inputs: ReadonlyMap<string, Sourced>;
  readonly comments: readonly AttachedComment[];
  /** As Resource.keySpan, for a module instance's key. */
  readonly keySpan?: Span;
  /** As Resource.root: the root module this instance of the call was evaluated for. */
  readonly root?: string;
}

export interface VariableDecl {
  readonly module: string; // '' for root
  /** As TerraformSettings.root. */
  readonly root?: string;
  readonly name: string;
  readonly span: Span;
  readonly sensitive: boolean;
  readonly hasDefault: boolean;
  readonly default?: Sourced;
  /** The value the evaluator settled on, with its provenance (tfvars, -var, TF_VAR_, default). */
  readonly value: Sourced;
  /**
   * A root variable's values written in files (terraform.tfvars, *.auto.tfvars, a --var-file) that a
   * later source replaced (`--var db_password=x`), or set in a variables file Terraform does not load
   * (prod.tfvars, not given), each at its line: Terraform does not use them, but they are committed,
   * so the literal scans judge them as written. Absent when none.
   */
  readonly overridden?: readonly Sourced[];
  readonly description?: string;
  /** The type constraint when it is a primitive keyword (`type = bool`): a flag or a count is no secret, whatever its name. */
  readonly primitiveType?: 'bool' | 'number' | 'string';
  /** A resource or module `for_each` in its module reads it: Terraform refuses it sensitive, and its keys are in every address. */
  readonly drivesForEach?: true;
  /**
   * Declared `ephemeral = true` (Terraform 1.10): Terraform writes it to neither plan nor state and
   * refuses to display it (a message that would show it is withheld). A plan leaves it out of its
   * `variables`, which is how a plan's model knows it.
   */
  readonly ephemeral?: true;
  /** Comments on the block, read for inline suppressions (Resource.comments); absent when it has none. */
  readonly comments?: readonly AttachedComment[];
}

export interface OutputDecl {
  readonly module: string;
  readonly name: string;
  readonly span: Span;
  /** As VariableDecl.comments. */
  readonly comments?: readonly AttachedComment[];
  /** Declared `sensitive = true` (value.sensitive says whether the value derives from a sensitive one). */
  readonly sensitive: boolean;
  readonly value: Sourced;
  /** Attribute references in the value expression, e.g. `aws_db_instance.db.password`. */
  readonly referencedAttributes: readonly string[];
  /** What the value unmasks with nonsensitive() (`var.db_password`): Terraform prints it in clear text. */
  readonly unmasked?: string;
  /**
   * The module's variables the value reads, directly or through locals (absent when none): marking
   * one sensitive makes Terraform refuse this output unless it is sensitive too ("Output refers to
   * sensitive values"), so the fix that marks the variable marks the output with it.
   */
  readonly readsVariables?: readonly string[];
}

/** A `terraform {}` block: backend, required_version, required_providers. */
export interface TerraformSettings {
  readonly module: string;
  /**
   * The root module evaluated (its directory), when it is not the directory of the block's file: a
   * Terragrunt unit runs a module kept elsewhere, with files it generates (graph/terragrunt.ts).
   */
  readonly root?: string;
  readonly span: Span;
  readonly requiredVersion?: Sourced;
  readonly backend?: { readonly type: string; readonly span: Span; readonly config: ModelBody };
  readonly cloud?: { readonly span: Span; readonly config: ModelBody };
  readonly requiredProviders: ReadonlyMap<string, { readonly source?: string; readonly version?: Sourced; readonly span: Span }>;
  /** The first `required_providers` block, where a fix adds or rewrites an entry. */
  readonly requiredProvidersBlock?: Span;
  /** As VariableDecl.comments. */
  readonly comments?: readonly AttachedComment[];
}

/**
 * A block that needs a provider but is no resource of the model: an `ephemeral` resource (Terraform
 * 1.10), which is never stored, or a data source scoped to a `check` block (1.5), which only its
 * check reads. Terraform installs and locks their providers all the same (`terraform providers`
 * lists them), so the provider-pinning and lock-file rules read them.
 */
export interface ProviderUseSite {
  readonly module: string;
  /** As TerraformSettings.root. */
  readonly root?: string;
  /** The local provider name: the `provider` argument's, else the type's prefix (`random`). */
  readonly name: string;
  readonly mode: 'ephemeral' | 'data';
  /** The block's type label (`random_password`). */
  readonly type: string;
  /** `ephemeral.random_password.db`, `module.app.check.health.data.http.status`. */
  readonly address: string;
  readonly span: Span;
  /** Its arguments as written, evaluated once for the block (not per instance), for the literal scans. */
  readonly body?: ModelBody;
}

export interface ProviderConfig {
  readonly module: string;
  /** As TerraformSettings.root. */
  readonly root?: string;
  readonly name: string;
  readonly alias?: string;
  readonly body: ModelBody;
  /** As VariableDecl.comments. */
  readonly comments?: readonly AttachedComment[];
}
