// Version constraint syntax as Terraform reads it (hashicorp/go-version for required_version, a
// module's version and a provider's; apparentlymart/go-versions again for a provider's at init):
// one reader for the loader's checks (graph/terraform-settings.ts), which say what Terraform
// refuses, and for the pinning rules (rules/terraform/version-constraint.ts), which must call valid
// what Terraform accepts and invalid what it refuses.

// Go's `\s` (RE2): space, tab, newline, form feed, carriage return; no vertical tab, no Unicode spaces.
const GO_SPACE = '[\\t\\n\\f\\r ]*';
const PRE_PART = '[0-9A-Za-z~-]';
/**
 * One constraint of hashicorp/go-version (the version Terraform 1.11.4 builds with): an operator, a
 * version of any number of numbered parts with an optional `v`, then a prerelease (after `-`, or
 * letters straight after the numbers: `1.2.3beta`) and build metadata (`+b.1`).
 */
const GO_CONSTRAINT = new RegExp(
  `^${GO_SPACE}(?:~>|>=|<=|!=|=|>|<)?${GO_SPACE}v?[0-9]+(?:\\.[0-9]+)*` +
    `(?:-[0-9]+${PRE_PART}*(?:\\.${PRE_PART}+)*|-?[A-Za-z~-]+${PRE_PART}*(?:\\.${PRE_PART}+)*)?` +
    `(?:\\+${PRE_PART}+(?:\\.${PRE_PART}+)*)?${GO_SPACE}$`,
);
const INT64_MAX = 9223372036854775807n;

/**
 * Whether Terraform's loader reads `text` as a version constraint (go-version's NewConstraint):
 * comma-separated constraints, none empty (`">= 1.5,"` is refused), each with one of its operators
 * (`=> 1.2`, `^1.2`, `~ 1.2` are not), each numbered part fitting a 64-bit integer.
 */
export function isGoVersionConstraint(text: string): boolean {
  return text.split(',').every((part) => {
    if (!GO_CONSTRAINT.test(part)) return false;
    // The first digits are the numbered parts: neither an operator nor `v` holds one.
    const numbers = /[0-9]+(?:\.[0-9]+)*/.exec(part)![0];
    return numbers.split('.').every((n) => BigInt(n) <= INT64_MAX);
  });
}

/** One constraint as go-version reads its start: the operator (`=` where none is written), the numbered parts, and the text after them. */
export interface ConstraintHead {
  readonly op: '~>' | '>=' | '<=' | '!=' | '=' | '>' | '<';
  readonly numbers: readonly string[];
  readonly rest: string;
}

const HEAD = /^[\t\n\f\r ]*(~>|>=|<=|!=|=|>|<)?[\t\n\f\r ]*v?([0-9]+(?:\.[0-9]+)*)([^]*)$/;

/** The start of one constraint (a part of the text between commas); undefined where it has no version. */
export function constraintHead(part: string): ConstraintHead | undefined {
  const m = HEAD.exec(part);
  if (m === null) return undefined;
  return { op: (m[1] ?? '=') as ConstraintHead['op'], numbers: m[2]!.split('.'), rest: m[3]! };
}

/** The constraints of `text` (valid ones) that name a prerelease: `1.2.3-beta`, `1.2-`, `1.2.3beta`; build metadata is none. */
export function prereleaseConstraints(text: string): string[] {
  return text.split(',').map((p) => p.trim()).filter((p) => {
    const rest = constraintHead(p)?.rest ?? p;
    return rest !== '' && !rest.startsWith('+');
  });
}

/**
 * What `terraform init` says of a provider's version constraint that go-version accepted: init reads
 * it again with the provider installer's stricter parser (apparentlymart/go-versions, Ruby style),
 * which refuses a `v` prefix, more than three numbered parts, more than one space after the
 * operator, and a prerelease or build that is not `-` or `+` then letters, digits, dots and dashes.
 */
export function providerConstraintProblem(text: string): string | undefined {
  for (const raw of text.split(',')) {
    const part = raw.trim();
    const m = /^(~>|>=|<=|!=|=|>|<)?([\t\n\f\r ]*)(v?)([0-9]+(?:\.[0-9]+)*)([^]*)$/.exec(part);
    if (m === null) continue;
    const [, op, space, v, numbers, rest] = m;
    if (v === 'v') return `invalid specification "${part}": a "v" prefix should not be used when specifying versions`;
    if (op !== undefined && space !== '' && space !== ' ') return `invalid specification "${part}": only one space is expected after the operator "${op}"`;
    if (numbers!.split('.').length > 3) return `invalid specification "${part}": too many numbered portions; only three are allowed (major, minor, patch)`;
    if (!/^(?:-[0-9A-Za-z.-]*)?(?:\+[0-9A-Za-z.-]+)?$/.test(rest!)) return `the text after "${part.slice(0, part.length - rest!.length)}" is no prerelease or build it reads (only letters, digits, dots and dashes after "-" or "+")`;
  }
  return undefined;
}
