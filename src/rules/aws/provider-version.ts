// Which AWS provider major version a root module runs, where the repository says so: fixes that add
// a resource type the provider gained in 4.0 (aws_s3_bucket_versioning and the other split S3
// settings) would break a configuration still on 3.x.
import { posix } from 'node:path';
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import { weakMemo } from '../../util/weak-memo.js';

/**
 * True when the AWS provider of `resource`'s root module is known to be before 4.0: the dependency
 * lock file records a 3.x (or older) version, or, without one, the root's required_providers
 * constraint allows nothing from 4.0 (`~> 3.76`, `< 4.0`, `= 3.75.0`).
 */
export function awsProviderBefore4(model: InfraModel, resource: Resource): boolean {
  const root = resource.root ?? '';
  const locked = model.repo.lockedProviders.get(root)?.find((p) => p.source.endsWith('hashicorp/aws'));
  if (locked !== undefined) return Number.parseInt(locked.version, 10) < 4;
  return rootsPinnedBelow4(model).has(root);
}

const pinnedBelow = new WeakMap<InfraModel, Map<string, ReadonlySet<string>>>();

function rootsPinnedBelow4(model: InfraModel): ReadonlySet<string> {
  return rootsPinnedBelow(model, [4, 0, 0]);
}

/**
 * The root modules whose own terraform blocks constrain the AWS provider below `bound`, read once per
 * model and bound: asked for each failing bucket, reading every root's terraform blocks each time cost
 * buckets × root modules (3 s of a 2000-root monorepo scan).
 */
function rootsPinnedBelow(model: InfraModel, bound: Version): ReadonlySet<string> {
  const byBound = weakMemo(pinnedBelow, model, () => new Map<string, ReadonlySet<string>>());
  const name = bound.join('.');
  let roots = byBound.get(name);
  if (roots === undefined) {
    const found = new Set<string>();
    for (const settings of model.terraform) {
      if (settings.module !== '') continue;
      const constraint = settings.requiredProviders.get('aws')?.version?.value;
      if (typeof constraint === 'string' && allowsNothingFrom(constraint, bound)) found.add(settings.root ?? dirOf(settings.span.file));
    }
    byBound.set(name, (roots = found));
  }
  return roots;
}

function dirOf(file: string): string {
  const dir = posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** [major, minor, patch] */
type Version = readonly [number, number, number];

function compare(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/**
 * A version constraint whose every version is below `bound` (each comma-separated part is ANDed, so
 * one part bounding it is enough), as Terraform reads constraints: `~> 3.76` allows 3.76 up to 4.0,
 * `~> 4.20.0` allows 4.20.x, a missing part is 0 (`< 4.36` is `< 4.36.0`). A bare `~> 3` is not
 * taken as bounded, nor is anything the pattern does not read (a pre-release, say): unbounded is the
 * answer that never makes a rule trust an old provider's behaviour.
 */
export function allowsNothingFrom(constraint: string, bound: Version): boolean {
  return constraint.split(',').some((part) => {
    const m = /^\s*(~>|<=|<|=|!=|>=|>)?\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?\s*$/.exec(part);
    if (!m) return false;
    const op = m[1] ?? '=';
    const version: Version = [Number(m[2]), Number(m[3] ?? 0), Number(m[4] ?? 0)];
    if (op === '~>') {
      if (m[3] === undefined) return false;
      // The rightmost part given may grow: `~> 4.20.0` stays below 4.21.0, `~> 3.76` below 4.0.0.
      const ceiling: Version = m[4] !== undefined ? [version[0], version[1] + 1, 0] : [version[0] + 1, 0, 0];
      return compare(ceiling, bound) <= 0;
    }
    if (op === '<') return compare(version, bound) <= 0;
    if (op === '<=' || op === '=') return compare(version, bound) < 0;
    return false;
  });
}

/**
 * True when the AWS provider of `resource`'s root module is known to be older than `major.minor`:
 * the dependency lock file records an older version, or, without one, the root's required_providers
 * constraint allows nothing from `major.minor` (`~> 4.20.0` or `< 4.30` is before 4.36).
 */
export function awsProviderBefore(model: InfraModel, resource: Resource, major: number, minor: number): boolean {
  const root = resource.root ?? '';
  const locked = model.repo.lockedProviders.get(root)?.find((p) => p.source.endsWith('hashicorp/aws'));
  if (locked !== undefined) {
    const m = /^v?(\d+)\.(\d+)/.exec(locked.version);
    if (!m) return false;
    const [lockedMajor, lockedMinor] = [Number(m[1]), Number(m[2])];
    return lockedMajor < major || (lockedMajor === major && lockedMinor < minor);
  }
  return rootsPinnedBelow(model, [major, minor, 0]).has(root);
}
