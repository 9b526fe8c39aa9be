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

const pinnedBelow4 = new WeakMap<InfraModel, ReadonlySet<string>>();

/**
 * The root modules whose own terraform blocks constrain the AWS provider below 4.0, read once per
 * model: asked for each failing bucket, reading every root's terraform blocks each time cost buckets ×
 * root modules (3 s of a 2000-root monorepo scan).
 */
function rootsPinnedBelow4(model: InfraModel): ReadonlySet<string> {
  return weakMemo(pinnedBelow4, model, () => {
    const roots = new Set<string>();
    for (const settings of model.terraform) {
      if (settings.module !== '') continue;
      const constraint = settings.requiredProviders.get('aws')?.version?.value;
      if (typeof constraint === 'string' && allowsNothingFrom4(constraint)) roots.add(settings.root ?? dirOf(settings.span.file));
    }
    return roots;
  });
}

function dirOf(file: string): string {
  const dir = posix.dirname(file);
  return dir === '.' ? '' : dir;
}

/** A version constraint whose every version is below 4.0 (each comma-separated part is ANDed). */
function allowsNothingFrom4(constraint: string): boolean {
  return constraint.split(',').some((part) => {
    const m = /^\s*(~>|<=|<|=|!=|>=|>)?\s*v?(\d+)(?:\.(\d+))?/.exec(part);
    if (!m) return false;
    const op = m[1] ?? '=';
    const major = Number(m[2]);
    // `~> 3.76` stays below 4.0; a bare `~> 3` is not taken as bounded.
    if (op === '~>') return m[3] !== undefined && major < 4;
    if (op === '<') return major <= 4 && (major < 4 || Number(m[3] ?? 0) === 0);
    if (op === '<=' || op === '=') return major < 4;
    return false;
  });
}

/**
 * True when the AWS provider of `resource`'s root module is known to be older than `major.minor`:
 * the dependency lock file records an older version, or, without one, the root's required_providers
 * constraint allows nothing from 4.0 (and `major.minor` is 4.0 or later).
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
  return major >= 4 && rootsPinnedBelow4(model).has(root);
}
