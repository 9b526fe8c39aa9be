// `--shard i/n`: splits a monorepo's root modules (and plan/state files) across n CI jobs.
// Round-robin over the sorted list rather than a hash: every job sees the same tree, so each
// computes the same assignment, and the shards differ in size by at most one unit.
import { dirOf } from '../util/paths.js';

export interface Shard {
  /** 1-based, as written on the command line. */
  readonly index: number;
  readonly count: number;
}

const SHARD = /^(\d+)\/(\d+)$/;

/** Parses `i/n`; undefined when malformed or out of range (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard | undefined {
  const m = SHARD.exec(text.trim());
  if (!m) return undefined;
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) return undefined;
  return { index, count };
}

/** The units of this shard, taken from the whole list in sorted order. */
export function unitsOfShard(units: readonly string[], shard: Shard): string[] {
  const sorted = [...new Set(units)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.filter((_, i) => i % shard.count === shard.index - 1);
}

export function formatShard(shard: Shard): string {
  return `${shard.index}/${shard.count}`;
}

/**
 * The plan and state files of this shard: one in a root module's directory goes with that root
 * module (it stands for it, and replaces its source findings: judged in another shard, the root's
 * sources and its plan were reported twice); the others are split among themselves as units are.
 * `roots`: every root module of the scan, when known.
 */
export function plansOfShard(plans: readonly string[], roots: readonly string[] | undefined, shard: Shard): string[] {
  const rootSet = new Set(roots ?? []);
  const ownRoots = new Set(roots ? unitsOfShard(roots, shard) : []);
  const withRoot = plans.filter((p) => rootSet.has(dirOf(p)));
  const alone = plans.filter((p) => !rootSet.has(dirOf(p)));
  return [...withRoot.filter((p) => ownRoots.has(dirOf(p))), ...unitsOfShard(alone, shard)];
}
