// A real plan (terraform 1.11.4, hashicorp/aws 5.100.0, offline; trimmed: no credentials) of
// resources that write no tags, or `tags = {}`, under a provider with and without default_tags. The
// plan holds tags_all as unknown for the SDK resources without default tags (a bucket, a log group),
// as {} for a framework resource (aws_vpc_security_group_ingress_rule), and as the default tags when
// the provider has some; it plans `tags = {}` as null. Plan alone, plan beside sources and sources
// must agree on each resource's tags and on the tag rule's verdicts.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runRules } from '../../engine/run-rules.js';
import type { AnyRule } from '../../rules/define-rule.js';
import classificationTags from '../../rules/phi/phi-data-classification-tags.js';
import type { InfraModel } from '../../model/infra-model.js';
import { planFixture } from '../../testing/plan-fixture.js';

const { planText: PLAN, plan, sources } = planFixture('tags-all');

/** Each resource's written tags and merged tags (provenance: value), by address. */
function tagsOf(model: InfraModel): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const r of [...model.resources].sort((a, b) => a.address.localeCompare(b.address))) {
    const tags = r.attributes.get('tags');
    out[r.address] = { tags: tags && `${tags.provenance}: ${JSON.stringify(tags.value)}`, effective: r.effectiveTags && `${r.effectiveTags.provenance}: ${JSON.stringify(r.effectiveTags.value)}` };
  }
  return out;
}

function verdicts(model: InfraModel): string[] {
  return runRules(model, [classificationTags] as unknown as AnyRule[], { today: '2026-01-01' }).findings.map((f) => `${f.resource.address} ${f.status}: ${f.message}`).sort();
}

test('the fixture: tags_all unknown without default tags (SDK types), {} for a framework type, the default tags with them; tags = {} planned as null', () => {
  const doc = JSON.parse(PLAN) as { resource_changes: { address: string; change: { after: Record<string, unknown>; after_unknown: Record<string, unknown> } }[] };
  const change = (address: string) => doc.resource_changes.find((rc) => rc.address === address)!.change;
  assert.equal(change('aws_s3_bucket.untagged').after_unknown['tags_all'], true);
  assert.equal(change('aws_cloudwatch_log_group.empty_tags').after_unknown['tags_all'], true);
  assert.equal(change('aws_cloudwatch_log_group.empty_tags').after['tags'], null);
  assert.deepEqual(change('aws_vpc_security_group_ingress_rule.untagged').after['tags_all'], {});
  assert.deepEqual(change('aws_s3_bucket.defaults').after['tags_all'], { data_classification: 'internal' });
  assert.deepEqual(change('aws_cloudwatch_log_group.defaults_empty_tags').after['tags_all'], { data_classification: 'internal' });
});

test('a plan alone and a plan beside its sources hold the tags the sources do', () => {
  const expected = tagsOf(sources());
  assert.deepEqual(expected['aws_cloudwatch_log_group.empty_tags'], { tags: 'explicit: {}', effective: 'explicit: {}' });
  assert.deepEqual(expected['aws_s3_bucket.untagged'], { tags: undefined, effective: undefined });
  assert.deepEqual(tagsOf(plan()), expected);
  assert.deepEqual(tagsOf(plan(sources())), expected);
});

test('the tag rule judges a plan alone, and beside its sources, as it judges the sources', () => {
  const expected = verdicts(sources());
  assert.deepEqual(verdicts(plan()), expected);
  assert.deepEqual(verdicts(plan(sources())), expected);
});
