// Which of the scan's unknowns Terraform itself cannot know at plan. The scan does not know many
// values Terraform knows when it plans (a root variable not given to the scan, what a data source
// reads); those stay unknown here without saying anything of Terraform. But a count, a for_each's
// keys or an import's id that depends on a value computed only when Terraform applies is one
// Terraform refuses at plan ("Invalid count argument", terraform plan 1.11.4), and the scan can tell
// that from the unknown's cause (model/unknown-cause.ts), never from its text.
import { allCauses, describeCause, type UnknownCause } from '../model/unknown-cause.js';
import type { Unk } from './value.js';

/**
 * Functions whose result Terraform knows only at apply (`length(uuid())` as a count: terraform plan
 * 1.11.4 "Invalid count argument"); plantimestamp() it knows at plan.
 */
const APPLY_TIME_FUNCTIONS: ReadonlySet<string> = new Set(['timestamp', 'uuid', 'bcrypt']);

/**
 * Attributes every provider computes when it creates the object, never at plan (terraform plan
 * 1.11.4 shows aws_s3_bucket's id and aws_kms_key's arn "(known after apply)" and refuses a count of
 * their length). Any other attribute the configuration does not write may be one the provider fills
 * at plan from its schema's default (aws_kms_key's is_enabled, aws_s3_bucket's force_destroy: a count
 * on those passes), which the scan, without provider schemas, cannot tell.
 */
const COMPUTED_AT_APPLY: ReadonlySet<string> = new Set(['id', 'arn']);

/**
 * terraform_data (built into Terraform) computes id and output at apply, and has no other attribute
 * the configuration does not write (input and triggers_replace are read as written).
 */
const ALL_COMPUTED_AT_APPLY: ReadonlySet<string> = new Set(['terraform_data']);

/** An apply-time part of an unknown: what to name, and whether Terraform certainly knows it only at apply. */
export interface ApplyTimePart {
  readonly cause: UnknownCause;
  /** false: unless the provider knows it at plan (a managed attribute not written in the configuration). */
  readonly certain: boolean;
}

/** Whether a cause is known only at apply: certainly (true), unless the provider knows it at plan (false), or not (undefined). */
function applyTime(cause: UnknownCause): boolean | undefined {
  switch (cause.kind) {
    case 'one-way':
      return applyTime(cause.of);
    case 'parts': {
      // Terraform's value is unknown when any part is: a template or an operator does not wait for
      // the rest (`var.off && terraform_data.a.output == ""` is unknown with var.off false, 1.11.4).
      let found: boolean | undefined;
      for (const part of cause.causes) {
        const each = applyTime(part);
        if (each === true) return true;
        if (each === false) found = false;
      }
      return found;
    }
    case 'function':
      return APPLY_TIME_FUNCTIONS.has(cause.fn) ? true : undefined;
    case 'attribute': {
      const computed = ALL_COMPUTED_AT_APPLY.has(cause.type) || COMPUTED_AT_APPLY.has(cause.attribute);
      // A data source Terraform reads at plan: it knows what the scan does not.
      if (cause.mode === 'data') return cause.deferred === undefined ? undefined : cause.deferred.certain && computed && cause.nulled !== true;
      // Set to null in the configuration: the provider decides, perhaps at plan.
      return computed && cause.nulled !== true;
    }
    default:
      // A variable, a reference to instances whose count is itself unknown (refused there), an
      // ephemeral value (opened at plan), a text: none says anything of Terraform's plan.
      return undefined;
  }
}

/**
 * The part of an unknown's cause Terraform knows only at apply: the first certainly so, else the
 * first that may be; undefined where no part is (the unknown is the scan's alone).
 */
export function applyTimePart(cause: UnknownCause): ApplyTimePart | undefined {
  let likely: ApplyTimePart | undefined;
  for (const part of allCauses(cause)) {
    const certain = applyTime(part);
    if (certain === true) return { cause: part, certain };
    if (certain === false) likely ??= { cause: part, certain };
  }
  return likely;
}

/**
 * The apply-time part of any of `unknowns` (a count's, a set's elements, a data source's arguments,
 * an import's id): the first certainly so, else the first that may be.
 */
export function applyTimeOf(unknowns: Iterable<Unk>): ApplyTimePart | undefined {
  let likely: ApplyTimePart | undefined;
  for (const u of unknowns) {
    const part = applyTimePart(u.cause);
    if (part?.certain === true) return part;
    likely ??= part;
  }
  return likely;
}

/** How a message names an apply-time part: the cause's text, and why a data source is read only at apply. */
export function describeApplyTime(cause: UnknownCause): string {
  if (cause.kind === 'attribute' && cause.mode === 'data' && cause.deferred !== undefined) {
    const address = cause.address.replace(/\[[^\]]*\]$/, '');
    return `${cause.address}.${cause.attribute}, which Terraform reads only at apply: ${address} ${cause.deferred.because}`;
  }
  if (cause.kind === 'one-way' && cause.told === 'as-argument') return describeApplyTime(cause.of);
  return describeCause(cause);
}
