// Drift and change paths of blocks in a set, whose JSON order follows the elements, not the configuration.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { changedPaths, weakeningsOf } from './drift.js';

const rule = (port: number, cidr: string, description: string) => ({ cidr_blocks: [cidr], description, from_port: port, ipv6_cidr_blocks: [], prefix_list_ids: [], protocol: 'tcp', security_groups: [], self: false, to_port: port });

// terraform plan 1.11.4, hashicorp/aws 5.100.0, offline (-refresh=false over a written state): an
// aws_security_group's ingress before and after the description of its port-22 rule changes.
const BEFORE = [rule(443, '0.0.0.0/0', 'https'), rule(8443, '10.0.0.0/8', 'alt'), rule(22, '10.0.0.0/8', 'ssh')];
const AFTER = [rule(443, '0.0.0.0/0', 'https'), rule(22, '10.0.0.0/8', 'admin'), rule(8443, '10.0.0.0/8', 'alt')];

test('a set element that moves when another changes is no change; the changed one is named where it is now', () => {
  assert.deepEqual(changedPaths({ ingress: BEFORE }, { ingress: AFTER }).map((c) => c.path), ['ingress[1].description']);
});

test('a rule that only moved weakens nothing', () => {
  // The same move with the rule that moves open to the internet: paired by position, the closed rule
  // in its place before "was opened to the internet".
  const open = (r: ReturnType<typeof rule>) => (r.from_port === 8443 ? { ...r, cidr_blocks: ['0.0.0.0/0'] } : r);
  assert.deepEqual(weakeningsOf(changedPaths({ ingress: BEFORE.map(open) }, { ingress: AFTER.map(open) })), []);
});

test('the same blocks in another order (a list reordered) change the list as a whole; unchanged blocks change nothing', () => {
  assert.deepEqual(changedPaths({ rule: [{ id: 'a' }, { id: 'b' }] }, { rule: [{ id: 'b' }, { id: 'a' }] }).map((c) => c.path), ['rule']);
  assert.deepEqual(changedPaths({ rule: [{ id: 'a' }, { id: 'b' }] }, { rule: [{ id: 'a' }, { id: 'b' }] }), []);
  assert.deepEqual(changedPaths({ rule: [{ id: 'a', days: 1 }, { id: 'b' }] }, { rule: [{ id: 'a', days: 2 }, { id: 'b' }] }).map((c) => c.path), ['rule[0].days']);
});
