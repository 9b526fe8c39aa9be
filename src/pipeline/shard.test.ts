// --shard: root modules round-robin over the sorted list; a plan or state file goes with the root
// module in its directory, which it stands for (judged in another shard, the root's sources and its
// plan were both reported, and merged twice).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseShard, plansOfShard, unitsOfShard } from './shard.js';

test('units round-robin over the sorted list; every unit in exactly one shard', () => {
  const roots = ['envs/prod', 'envs/dev', 'envs/stage', 'tools'];
  const shards = [1, 2, 3].map((index) => unitsOfShard(roots, { index, count: 3 }));
  assert.deepEqual(shards, [['envs/dev', 'tools'], ['envs/prod'], ['envs/stage']]);
  assert.equal(parseShard('2/3')?.index, 2);
  assert.equal(parseShard('4/3'), undefined);
});

test("a plan goes to its directory's root module's shard; plans of no root module are split among themselves", () => {
  const roots = ['envs/dev', 'envs/prod'];
  const plans = ['envs/prod/plan.json', 'envs/dev/plan.json', 'envs/dev/terraform.tfstate', 'exports/a.json', 'exports/b.json'];
  const first = plansOfShard(plans, roots, { index: 1, count: 2 });
  const second = plansOfShard(plans, roots, { index: 2, count: 2 });
  assert.deepEqual(unitsOfShard(roots, { index: 1, count: 2 }), ['envs/dev']);
  assert.deepEqual(first, ['envs/dev/plan.json', 'envs/dev/terraform.tfstate', 'exports/a.json']);
  assert.deepEqual(second, ['envs/prod/plan.json', 'exports/b.json']);
  // Without the root modules (no Terraform sources): every plan by its own path, as before.
  assert.deepEqual([...plansOfShard(plans, undefined, { index: 1, count: 2 }), ...plansOfShard(plans, undefined, { index: 2, count: 2 })].sort(), [...plans].sort());
});
