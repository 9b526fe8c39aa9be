// The public rule API (STYLE.md §4). A rule is metadata plus two pure functions: `targets` picks
// the model objects it judges, `check` judges one of them and returns outcomes.
import type { ControlId } from '../controls/hipaa-sections.js';
import { NO_RELATED } from '../engine/finding.js';
import type { Severity } from '../engine/severity.js';
import type { FixRequest } from '../fixes/fix.js';
import type { InfraModel } from '../model/infra-model.js';
import type { Resource } from '../model/resource.js';
import type { Sourced } from '../model/sourced.js';
import type { Span } from '../source/span.js';
import { maskSensitiveParts } from '../detectors/mask.js';
import { withRequiredVariablesSaid } from '../model/required-variable.js';

export type { ControlId } from '../controls/hipaa-sections.js';
export type { Severity } from '../engine/severity.js';

/** Anything a rule judges: a resource, a module call, a variable, the repository. */
export interface Subject {
  readonly address: string;
  /** The resource type or object kind: 'aws_s3_bucket', 'variable', 'backend', 'repository'. */
  readonly type: string;
  readonly span: Span;
  /** Comments on the declaring block, read for inline suppressions. */
  readonly comments?: readonly { readonly text: string; readonly span: Span }[];
  /** The root module it was evaluated for (Resource.root); the engine puts it on the findings (Finding.resource.root). */
  readonly root?: string;
}

/**
 * The Subject fields of a resource that a rule judges through a subject of its own (a view holding
 * the resource and what it found about it): address, type, span, comments and root module.
 */
export function subjectOf(r: Resource): Subject {
  return r.root !== undefined ? { address: r.address, type: r.type, span: r.span, comments: r.comments, root: r.root } : { address: r.address, type: r.type, span: r.span, comments: r.comments };
}

/** The peers' ids for the same concept, so users can migrate suppressions and cross-walk reports. */
export interface PeerReferences {
  readonly awsConfig?: readonly string[];
  readonly checkov?: readonly string[];
  /**
   * trivy/tfsec: both AVD ids (`AVD-AWS-0088`) and long ids (`aws-s3-enable-bucket-encryption`), and tfsec's own
   * long id where Trivy renamed it (`aws-rds-no-public-db-access`): tfsec users' markers still name the old one.
   */
  readonly trivy?: readonly string[];
  readonly kics?: readonly string[];
  /**
   * Terrascan rule ids (`AC_AWS_0207`) or reference ids (`AWS.S3Bucket.DS.High.1043`), read by `#ts:skip=`
   * markers, `--rule` and waivers. The HIPAA catalog gives no Terrascan ids, so the built-in rules carry
   * none yet; custom policies and plugins may.
   */
  readonly terrascan?: readonly string[];
}

export type RuleKind = 'attr' | 'graph' | 'presence' | 'repo' | 'plan';

export type ParamValue = string | number | boolean | readonly string[] | readonly number[];
export type RuleParams = Readonly<Record<string, ParamValue>>;

/** What a rule says of a parameter value a config file sets (its type already checked): an error stops the scan, a warning is reported. */
export interface ParamProblem {
  readonly severity: 'error' | 'warning';
  readonly message: string;
  readonly hint?: string;
}

export interface RuleContext<P extends RuleParams> {
  readonly model: InfraModel;
  readonly params: P;
  /**
   * The scan's day (YYYY-MM-DD, UTC), for rules judged against a published calendar (runtime and
   * version end-of-support dates): passed in, so checks stay pure and never read the clock.
   */
  readonly today: string;
}

type Where = Span | { readonly span: Span };

export type Outcome =
  | { readonly status: 'pass'; readonly span: Span; readonly message?: string }
  | {
      readonly status: 'fail';
      readonly span: Span;
      readonly message: string;
      readonly related: readonly { readonly span: Span; readonly message: string }[];
      readonly fix?: FixRequest;
      /**
       * The sections this failure weakens, when fewer than the rule cites (a rule whose failures each
       * weaken one safeguard of several): reports and the evidence pack count the failure for these only.
       */
      readonly controls?: readonly [ControlId, ...ControlId[]];
    }
  | { readonly status: 'unknown'; readonly span: Span; readonly message: string };

function spanOf(where: Where): Span {
  return 'span' in where ? where.span : where;
}

/**
 * A message about a sensitive value shows none of it (never a secret in any output): rules quote
 * the values they judge, and a tag, a TLS policy or a retention set from a `sensitive = true`
 * variable is as secret as a password.
 */
function shown(where: Where, message: string): string {
  const s = where as Partial<Sourced>;
  return s.sensitive === true ? maskSensitiveParts(message, s.value) : message;
}

/** Related locations of a Sourced value: where it travelled from (tfvars line, variable default). */
function viaRelated(where: Where): { span: Span; message: string }[] {
  const via = (where as Partial<Sourced>).via;
  if (!Array.isArray(via)) return [];
  return via.map((span: Span) => ({ span, message: 'value comes from here' }));
}

export function pass(where: Where, message?: string): Outcome {
  return message === undefined ? { status: 'pass', span: spanOf(where) } : { status: 'pass', span: spanOf(where), message: shown(where, message) };
}

export function fail(
  where: Where,
  details: { message: string; fix?: FixRequest; related?: readonly { span: Span; message: string }[]; controls?: readonly [ControlId, ...ControlId[]] },
): Outcome {
  const own = [...viaRelated(where), ...(details.related ?? []).map((r) => ({ span: r.span, message: shown(where, r.message) }))];
  // Most failures relate to nothing: the findings share one empty list then (engine/finding.ts).
  const related = own.length === 0 ? NO_RELATED : own;
  const message = shown(where, details.message);
  const base = details.fix ? { status: 'fail' as const, span: spanOf(where), message, related, fix: details.fix } : { status: 'fail' as const, span: spanOf(where), message, related };
  return details.controls ? { ...base, controls: details.controls } : base;
}

export function unknown(where: Where, message: string): Outcome {
  return { status: 'unknown', span: spanOf(where), message: shown(where, withRequiredVariablesSaid(message)) };
}

export interface RuleExamples {
  readonly terraform?: { readonly bad: readonly string[]; readonly good: readonly string[] };
}

export interface RuleDefinition<T extends Subject, P extends RuleParams> {
  /** Permanent. Reads `<provider>-<concept>`, equal to the file name. */
  readonly id: string;
  /** Former ids, still matched by suppressions and waivers. */
  readonly aliases?: readonly string[];
  readonly title: string;
  readonly severity: Severity;
  readonly controls: readonly [ControlId, ...ControlId[]];
  readonly kind: RuleKind;
  readonly why: string;
  readonly howToFix: string;
  readonly links?: readonly string[];
  readonly references: PeerReferences;
  /** Defaults for the parameters a config file may override. */
  readonly params?: P;
  /**
   * Checks a value a config file gives one parameter, beyond its type: a value the rule would
   * misread in silence (a region name with a typo, a tag key no other rule reads) is refused there.
   */
  readonly checkParam?: (name: string, value: ParamValue) => ParamProblem | undefined;
  readonly targets: (model: InfraModel, params: P) => readonly T[];
  readonly check: (target: T, context: RuleContext<P>) => Outcome | readonly Outcome[];
  readonly examples: RuleExamples;
  /**
   * Set when the rule judges what several root modules hold together (an account's trail in one
   * stack covers the others; a literal in a child module's variable default is one finding for all
   * its callers). A source scan judges every other rule on each root module's own model as it is
   * evaluated and then drops that model (issue 11: memory bounded by the largest root module, not the
   * corpus); these run once at the end, on a model holding every root module's variables, outputs,
   * module calls, providers and settings but only the resources they name here, and the first
   * resources such rules place findings at (pipeline/unit-judging.ts).
   */
  readonly acrossRoots?: AcrossRoots<P>;
}

export interface AcrossRoots<P extends RuleParams> {
  /** Why the rule cannot be judged root module by root module. */
  readonly why: string;
  /**
   * The resource types (managed and data) its targets and checks read, through any question to the
   * model (ofType, related, resolve, referrers): the end model holds these and refuses the others.
   */
  readonly reads: readonly string[];
  /**
   * What it takes from each root module's own model, in unit order, when it reads more resources than
   * it could keep (the literal scans read every resource's literals): its targets on the end model
   * read the list back with gatheredFor (engine/gathered.ts). Absent from a model judged whole.
   */
  readonly gather?: (model: InfraModel, params: P) => unknown;
}

export interface Rule<T extends Subject = Subject, P extends RuleParams = RuleParams> extends RuleDefinition<T, P> {
  readonly params: P;
}

export function defineRule<T extends Subject, P extends RuleParams = Record<string, never>>(
  definition: RuleDefinition<T, P>,
): Rule<T, P> {
  return { ...definition, params: definition.params ?? ({} as P) };
}

/** Erases the rule's target type for collections of rules (the engine calls check with what targets returned). */
export type AnyRule = Rule<Subject, RuleParams>;
