import type { InfraModel } from '../../../model/infra-model.js';
import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asBoolean, asList, asString, attr, attrOr, blocksOf, isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { isUnknown } from '../../../model/value.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { weakMemo } from '../../../util/weak-memo.js';
import { accountOf, ofTypeFor } from '../account.js';

/**
 * The trails that could stand for the account, looked for once per model: each narrower trail asked
 * every trail again, quadratic in the trails of a monorepo. A trail asking is not one that covers, so
 * it is never its own baseline.
 */
interface Coverage {
  /** The first trail that covers the account alone and is logging. */
  readonly trail?: Resource;
  /** Else the first that would cover, but whose enable_logging is known only at apply time. */
  readonly maybe?: { readonly trail: Resource; readonly logging: Sourced };
}

const coverages = new WeakMap<InfraModel, Map<string | undefined, Coverage>>();

/** The coverage of the asking trail's AWS account (account.ts: its own, unnamed ones, organization trails). */
function coverage(model: InfraModel, asking: Resource): Coverage {
  const byAccount = weakMemo(coverages, model, () => new Map<string | undefined, Coverage>());
  const account = accountOf(asking);
  let found = byAccount.get(account);
  if (found === undefined) byAccount.set(account, (found = coverageAmong(ofTypeFor(model, asking, 'aws_cloudtrail'))));
  return found;
}

function coverageAmong(trails: readonly Resource[]): Coverage {
  let maybe: Coverage['maybe'];
  for (const t of trails) {
    if (!judgeTrail(t).covers) continue;
    // A stopped trail (enable_logging = false, StopLogging) records nothing, whatever its scope.
    const logging = attrOr(t, 'enable_logging', true);
    if (isUnresolved(logging)) maybe ??= { trail: t, logging };
    else if (asBoolean(logging.value) === true) return { trail: t };
  }
  return maybe ? { maybe } : {};
}

type Verdict = { ok: true; where: Sourced } | { ok: false; outcome: Outcome };

function flag(trail: Resource, name: string, providerDefault: boolean, consequence: string): Verdict {
  const value = attrOr(trail, name, providerDefault);
  if (isUnresolved(value)) return { ok: false, outcome: unknown(value, `${trail.address}: ${name} depends on ${applyTimeReason(value)}.`) };
  if (asBoolean(value.value) === true) return { ok: true, where: value };
  return {
    ok: false,
    outcome: fail(value, {
      message: value.provenance === 'default' ? `${trail.address} does not set ${name}, so ${consequence}.` : `${trail.address} sets ${name} to false, so ${consequence}.`,
      fix: { description: `Set ${name} = true`, safety: 'safe', terraform: (edit) => edit.setAttribute(trail.span, name, 'true') },
    }),
  };
}

/**
 * Which management events an advanced selector's readOnly field keeps (field selectors are ANDed;
 * no readOnly field keeps both): equals ["false"] or not_equals ["true"] is write-only, as
 * read_write_type = "WriteOnly" is for a basic selector.
 */
function readOnlySelected(fields: readonly NestedBlock[]): { read: boolean; write: boolean } | 'unknown' {
  let read = true;
  let write = true;
  for (const f of fields.filter((x) => asString(attr(x, 'field')?.value) === 'readOnly')) {
    for (const [op, keeps] of [['equals', true], ['not_equals', false]] as const) {
      const values = attr(f, op);
      if (!values) continue;
      if (isUnresolved(values) || asList(values.value).some(isUnknown)) return 'unknown';
      const listed = asList(values.value).map((v) => asString(v)?.toLowerCase());
      read &&= listed.includes('true') === keeps;
      write &&= listed.includes('false') === keeps;
    }
  }
  return { read, write };
}

/** What is lost when a management event source is left out (the only two a trail may exclude). */
const SOURCE_LOSS: Readonly<Record<string, string>> = {
  'kms.amazonaws.com': 'KMS Decrypt and GenerateDataKey calls on the keys protecting ePHI',
  'rdsdata.amazonaws.com': 'RDS Data API queries',
};

function lossOf(sources: readonly string[]): string {
  return sources.map((s) => SOURCE_LOSS[s] ?? `${s} events`).join(' and ');
}

/**
 * Management event sources every including basic selector leaves out (exclude_management_event_sources:
 * kms.amazonaws.com, rdsdata.amazonaws.com); a source one selector keeps is recorded. 'unknown' when a
 * list is known only at apply time.
 */
function basicExclusions(selectors: readonly NestedBlock[]): { sources: string[]; where: Sourced } | 'unknown' | undefined {
  let common: Set<string> | undefined;
  let where: Sourced | undefined;
  for (const selector of selectors) {
    const value = attr(selector, 'exclude_management_event_sources');
    if (value && (isUnresolved(value) || asList(value.value).some(isUnknown))) return 'unknown';
    const own = new Set(asList(value?.value).map((v) => asString(v) ?? ''));
    common = common === undefined ? own : new Set([...common].filter((x) => own.has(x)));
    if (value && own.size > 0) where ??= value;
  }
  common?.delete('');
  return common && common.size > 0 && where ? { sources: [...common].sort(), where } : undefined;
}

/**
 * How an advanced Management selector's eventSource field narrows it ("not_equals kms.amazonaws.com"),
 * undefined when it keeps every source; 'unknown' when its values are known only at apply time.
 */
function sourceNarrowing(fields: readonly NestedBlock[]): { how: string; loss: string } | 'unknown' | undefined {
  const field = fields.find((f) => asString(attr(f, 'field')?.value) === 'eventSource');
  if (!field) return undefined;
  const parts: string[] = [];
  let excludedOnly: string[] | undefined = [];
  for (const op of ['equals', 'not_equals', 'starts_with', 'not_starts_with', 'ends_with', 'not_ends_with']) {
    const values = attr(field, op);
    if (!values) continue;
    if (isUnresolved(values) || asList(values.value).some(isUnknown)) return 'unknown';
    const listed = asList(values.value).map((v) => asString(v) ?? '');
    if (listed.length === 0) continue;
    parts.push(`${op} ${listed.join(', ')}`);
    // Only a not_equals list says exactly which sources are lost; any other test keeps some sources only.
    if (op === 'not_equals') excludedOnly?.push(...listed);
    else excludedOnly = undefined;
  }
  if (parts.length === 0) return undefined;
  return { how: `eventSource ${parts.join('; ')}`, loss: excludedOnly ? lossOf(excludedOnly) : "the other sources' management events" };
}

/** Management events, read and write: basic selectors default to All; advanced selectors must select the Management category. */
function managementEvents(trail: Resource): Outcome | undefined {
  const basic = blocksOf(trail, 'event_selector');
  const advanced = blocksOf(trail, 'advanced_event_selector');
  if (basic.length > 0) {
    let read = false;
    let write = false;
    for (const selector of basic) {
      const include = attrOr(selector, 'include_management_events', true);
      const rw = attrOr(selector, 'read_write_type', 'All');
      if (isUnresolved(include) || isUnresolved(rw)) return unknown(selector, `${trail.address}: its event selectors depend on values known only at apply time.`);
      if (asBoolean(include.value) !== true) continue;
      const type = asString(rw.value);
      if (type === 'All' || type === 'ReadOnly') read = true;
      if (type === 'All' || type === 'WriteOnly') write = true;
    }
    if (!read || !write) return fail(basic[0]!, { message: `${trail.address} event selectors do not record both read and write management events.` });
    // Excluding an event source drops its management events from the trail, read and write.
    const including = basic.filter((selector) => asBoolean(attrOr(selector, 'include_management_events', true).value) === true);
    const excluded = basicExclusions(including);
    if (excluded === 'unknown') return unknown(basic[0]!, `${trail.address}: exclude_management_event_sources depends on values known only at apply time.`);
    if (excluded) return fail(excluded.where, { message: `${trail.address} excludes management events from ${excluded.sources.join(' and ')}, so ${lossOf(excluded.sources)} are not recorded.` });
  } else if (advanced.length > 0) {
    let read = false;
    let write = false;
    let management = false;
    // Every Management selector's eventSource narrowing, or undefined once one keeps every source.
    let narrowed: { selector: NestedBlock; how: string; loss: string } | undefined;
    let everySource = false;
    for (const selector of advanced) {
      const fields = blocksOf(selector, 'field_selector');
      const isManagement = fields.some((f) => asString(attr(f, 'field')?.value) === 'eventCategory' && asList(attr(f, 'equals')?.value).some((v) => asString(v) === 'Management'));
      if (!isManagement) continue;
      management = true;
      const selected = readOnlySelected(fields);
      if (selected === 'unknown') return unknown(selector, `${trail.address}: its advanced event selectors depend on values known only at apply time.`);
      read ||= selected.read;
      write ||= selected.write;
      const narrowing = sourceNarrowing(fields);
      if (narrowing === 'unknown') return unknown(selector, `${trail.address}: its advanced event selectors depend on values known only at apply time.`);
      if (narrowing === undefined) everySource = true;
      else narrowed ??= { selector, ...narrowing };
    }
    if (management && read && write && !everySource && narrowed) {
      return fail(narrowed.selector, { message: `${trail.address} advanced event selectors keep only some management event sources (${narrowed.how}), so ${narrowed.loss} are not recorded.` });
    }
    if (!management) return fail(advanced[0]!, { message: `${trail.address} advanced event selectors do not select the Management event category.` });
    if (!read || !write) return fail(advanced[0]!, { message: `${trail.address} advanced event selectors record ${read ? 'only read' : write ? 'only write' : 'neither read nor write'} management events (readOnly), not both.` });
  }
  return undefined;
}

/** The trail's own verdict: multi-region, global service events, management events. */
function judgeTrail(trail: Resource): { outcomes: Outcome[]; covers: boolean } {
  const multi = flag(trail, 'is_multi_region_trail', false, 'activity in other regions is not recorded');
  const global = flag(trail, 'include_global_service_events', true, 'IAM, STS and other global service events are not recorded');
  const management = managementEvents(trail);
  const problems = [multi, global].filter((v): v is { ok: false; outcome: Outcome } => !v.ok).map((v) => v.outcome);
  if (management) problems.push(management);
  if (problems.length > 0) return { outcomes: problems, covers: false };
  return { outcomes: [pass((multi as { where: Sourced }).where, `${trail.address} is multi-region and records global service and management events.`)], covers: true };
}

export default defineRule<Resource>({
  id: 'aws-cloudtrail-multi-region',
  title: 'CloudTrail records every region, global services and management events',
  severity: 'high',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)', '164.308(a)(6)(ii)'],
  kind: 'attr',
  why: 'A single-region trail misses activity in every other region, where someone could copy ePHI or stand up infrastructure unnoticed; global service events carry IAM changes.',
  howToFix: 'Set is_multi_region_trail = true and keep include_global_service_events = true and read/write management events of every source (no exclude_management_event_sources, no eventSource filter) on the baseline trail.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/receive-cloudtrail-log-files-from-multiple-regions.html'],
  references: { awsConfig: ['multi-region-cloudtrail-enabled'], checkov: ['CKV_AWS_67'], trivy: ['AVD-AWS-0014', 'aws-cloudtrail-enable-all-regions'] },
  targets: (model) => model.ofType('aws_cloudtrail'),
  check(trail, { model }) {
    const own = judgeTrail(trail);
    if (own.covers) return own.outcomes;
    // A narrower trail (e.g. data events for one bucket) is fine when another, logging, trail already covers the account.
    const { trail: baseline, maybe } = coverage(model, trail);
    if (baseline) return pass(trail, `${trail.address} is narrower, but ${baseline.address} already records every region, global service and management events.`);
    if (maybe) return unknown(trail, `${trail.address} is narrower; ${maybe.trail.address} would cover the account, but whether it is logging (enable_logging) depends on ${applyTimeReason(maybe.logging)}.`);
    return own.outcomes;
  },
  acrossRoots: {
    why: 'root modules naming no AWS account are judged as one account, and an account\'s baseline may live in any of its stacks (account.ts)',
    reads: ['aws_cloudtrail'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_cloudtrail" "main" {\n  name           = "account-trail"\n  s3_bucket_name = "example-audit-logs"\n}\n'],
      good: ['resource "aws_cloudtrail" "main" {\n  name                  = "account-trail"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n}\n'],
    },
  },
});
