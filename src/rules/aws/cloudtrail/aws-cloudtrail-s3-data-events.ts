import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { computedFromValue } from '../../../model/computed-from.js';
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asBoolean, asList, asString, attr, attrOr, blocksOf, isUnresolved } from '../../../model/read.js';
import type { Sourced } from '../../../model/sourced.js';
import { UNKNOWN_TEXT, isUnknown, knownText, type Plain } from '../../../model/value.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { weakMemo } from '../../../util/weak-memo.js';
import { pushTo } from '../../../util/multi-map.js';
import { inPhiScope } from '../phi-scope.js';
import { sameRegion } from '../region.js';
import { mayShareAccount } from '../account.js';
import { S3_BUCKET_READS } from '../across-roots-types.js';

/** A selector value and how it selects: a prefix of object ARNs (data_resource values, starts_with) or one object ARN (equals). */
interface ArnMatch {
  readonly value: Plain; // a string, or an unknown (e.g. "${aws_s3_bucket.x.arn}/")
  readonly how: 'prefix' | 'exact';
}

/** One S3 data-event selection: which buckets (all, or ARNs/prefixes), and whether reads and writes are recorded. */
interface Selection {
  readonly trail: Resource;
  readonly all: boolean;
  readonly arns: readonly ArnMatch[];
  /** not_starts_with / not_equals values: objects the selection leaves out. */
  readonly excluded: readonly ArnMatch[];
  /** A field that keeps only some events (eventName, userIdentity.arn, …): the selection records part of the activity. */
  readonly narrowedBy?: string;
  readonly read: boolean;
  readonly write: boolean;
}

const ALL_BUCKETS = /^arn:aws[a-z-]*:s3(:::)?$/;

/**
 * A selector value as ARN text: a string, or the known text of a template with apply-time parts
 * ("arn:${data.aws_partition.p.partition}:s3" gives "arn:${unknown}:s3"). An unknown partition
 * stands for the trail's own, which holds the trail's buckets, so it reads as "aws"; any other
 * unknown part leaves the value undecided (undefined).
 */
function arnText(value: Plain): string | undefined {
  if (typeof value === 'string') return value;
  const known = isUnknown(value) ? knownText(value) : undefined;
  if (known === undefined) return undefined;
  const partition = `arn:${UNKNOWN_TEXT}:`;
  const text = known.startsWith(partition) ? `arn:aws:${known.slice(partition.length)}` : known;
  return text.includes(UNKNOWN_TEXT) ? undefined : text;
}

interface LoggingTrails {
  /** Trails with logging on, or on unless an apply-time value turns it off, in model order. */
  readonly all: readonly Resource[];
  /** Of those, the ones whose enable_logging is known only at apply time, with that value. */
  readonly pending: ReadonlyMap<Resource, Sourced>;
  readonly byRoot: ReadonlyMap<string | undefined, readonly Resource[]>;
}

const loggingMemo = new WeakMap<InfraModel, LoggingTrails>();

/**
 * The logging trails, gathered once per model: each PHI bucket filtered and sorted every trail of
 * the scan, quadratic in a monorepo whose root modules each hold a trail and a bucket.
 */
function loggingTrails(model: InfraModel): LoggingTrails {
  return weakMemo(loggingMemo, model, () => {
    const all = model.ofType('aws_cloudtrail').filter((t) => asBoolean(attrOr(t, 'enable_logging', true).value) !== false);
    const pending = new Map<Resource, Sourced>();
    for (const t of all) {
      const logging = attrOr(t, 'enable_logging', true);
      if (isUnresolved(logging)) pending.set(t, logging);
    }
    const byRoot = new Map<string | undefined, Resource[]>();
    for (const t of all) pushTo(byRoot, t.root, t);
    return { all, pending, byRoot };
  });
}

/** The bucket's own root module's trails, then the others, each in model order (a stable sort by "same root"). */
function* sameRootFirst(own: readonly Resource[], all: readonly Resource[], root: string | undefined): Generator<Resource> {
  yield* own;
  for (const t of all) if (t.root !== root) yield t;
}

const selectionMemo = new WeakMap<Resource, Selection[] | 'unknown'>();

/** A trail's S3 data-event selections, read once per trail (every PHI bucket asks). */
function selectionsOf(trail: Resource): Selection[] | 'unknown' {
  return weakMemo(selectionMemo, trail, readSelections);
}

/** Advanced selector fields that only say which events are S3 data events, and which of them (reads, writes, objects). */
const SELECTING_FIELDS = new Set(['eventCategory', 'resources.type', 'readOnly', 'resources.ARN']);

function readSelections(trail: Resource): Selection[] | 'unknown' {
  const out: Selection[] = [];
  for (const selector of blocksOf(trail, 'event_selector')) {
    const rw = attrOr(selector, 'read_write_type', 'All');
    if (isUnresolved(rw)) return 'unknown';
    const type = asString(rw.value);
    for (const resource of blocksOf(selector, 'data_resource')) {
      if (asString(attr(resource, 'type')?.value) !== 'AWS::S3::Object') continue;
      const values = attr(resource, 'values');
      if (!values || isUnknown(values.value)) return 'unknown';
      const list = asList(values.value);
      out.push({ trail, all: list.some((v) => ALL_BUCKETS.test(arnText(v) ?? '')), arns: list.map((value) => ({ value, how: 'prefix' })), excluded: [], read: type !== 'WriteOnly', write: type !== 'ReadOnly' });
    }
  }
  const OPERATORS = ['equals', 'not_equals', 'starts_with', 'not_starts_with', 'ends_with', 'not_ends_with'] as const;
  for (const selector of blocksOf(trail, 'advanced_event_selector')) {
    const fields = new Map<string, Record<(typeof OPERATORS)[number], readonly Plain[]>>();
    for (const f of blocksOf(selector, 'field_selector')) {
      const name = asString(attr(f, 'field')?.value);
      if (!name) return 'unknown';
      fields.set(name, Object.fromEntries(OPERATORS.map((op) => [op, asList(attr(f, op)?.value)])) as Record<(typeof OPERATORS)[number], readonly Plain[]>);
    }
    const category = fields.get('eventCategory')?.equals ?? [];
    const type = fields.get('resources.type')?.equals ?? [];
    if (!category.includes('Data') || !type.includes('AWS::S3::Object')) continue;
    const readOnly = fields.get('readOnly');
    const onlyReads = readOnly?.equals.includes('true') || readOnly?.not_equals.includes('false');
    const onlyWrites = readOnly?.equals.includes('false') || readOnly?.not_equals.includes('true');
    const arn = fields.get('resources.ARN');
    const arns: ArnMatch[] = arn ? [...arn.equals.map((value) => ({ value, how: 'exact' as const })), ...arn.starts_with.map((value) => ({ value, how: 'prefix' as const }))] : [];
    const excluded: ArnMatch[] = arn ? [...arn.not_equals.map((value) => ({ value, how: 'exact' as const })), ...arn.not_starts_with.map((value) => ({ value, how: 'prefix' as const }))] : [];
    const suffixed = arn && (arn.ends_with.length > 0 || arn.not_ends_with.length > 0) ? 'resources.ARN ends_with' : undefined;
    const other = [...fields.keys()].find((f) => !SELECTING_FIELDS.has(f));
    const narrowedBy = suffixed ?? (other !== undefined ? other : undefined);
    out.push({
      trail,
      // No ARN test, or only exclusions: every bucket but those left out.
      all: !arn || (arns.length === 0 && excluded.length > 0) || arns.some((m) => m.how === 'prefix' && ALL_BUCKETS.test(arnText(m.value) ?? '')),
      arns,
      excluded,
      ...(narrowedBy !== undefined ? { narrowedBy } : {}),
      read: !(onlyWrites && !onlyReads),
      write: !(onlyReads && !onlyWrites),
    });
  }
  return out;
}

/** Does a selector value name this bucket? 'unknown' when it cannot be told here. `whole`: does it cover every object (a bucket-wide prefix)? */
function names(view: S3BucketView, match: ArnMatch, trail: Resource): { readonly bucket: boolean | 'unknown'; readonly whole: boolean } {
  const value = match.value;
  // What follows the bucket: '' or '/' is every object (as a prefix); 'exports/' or one object's key is part of them.
  const wholeAfter = (rest: string): boolean => match.how === 'prefix' && (rest === '' || rest === '/');
  const text = arnText(value);
  if (text !== undefined) {
    const name = view.name ? asString(view.name.value) : undefined;
    const m = /^arn:aws[a-z-]*:s3:::([^/]+)(.*)$/s.exec(text);
    if (!m) return { bucket: false, whole: false };
    const whole = wholeAfter(m[2]!);
    if (name === undefined) return { bucket: 'unknown', whole };
    return { bucket: m[1] === name, whole };
  }
  if (isUnknown(value)) {
    const address = computedFromValue(value);
    const known = knownText(value);
    // The ARN ends where its apply-time part does ("arn:${unknown}/" of `"${aws_s3_bucket.x.arn}/"`).
    const at = known?.lastIndexOf(UNKNOWN_TEXT) ?? -1;
    const whole = wholeAfter(known === undefined || at < 0 ? '' : known.slice(at + UNKNOWN_TEXT.length));
    if (address === undefined) return { bucket: 'unknown', whole };
    // A reference names a resource of the trail's own root module (another root may reuse the address).
    if (address === view.address) return { bucket: trail.root === view.bucket.root, whole };
    // Another bucket's ARN is a different bucket; anything else (e.g. "arn:${data.aws_partition.p.partition}:s3")
    // could be any ARN, including the all-buckets one.
    return { bucket: /(^|\.)aws_s3_bucket\.[^.]+$/.test(address.replace(/\[[^\]]*\]$/, '')) ? false : 'unknown', whole };
  }
  return { bucket: false, whole: false };
}

/** Whether a selection records every object of this bucket; a reason when it names the bucket but keeps only part. */
function covers(view: S3BucketView, s: Selection): { readonly verdict: boolean | 'unknown'; readonly partly?: string } {
  let verdict: boolean | 'unknown' = s.all;
  let partly: string | undefined;
  if (!s.all) {
    verdict = false;
    for (const m of s.arns) {
      const n = names(view, m, s.trail);
      if (n.bucket === false) continue;
      if (!n.whole) {
        if (n.bucket === true) partly ??= `only ${m.how === 'exact' ? 'the object' : 'the objects under'} ${arnText(m.value) ?? knownText(m.value) ?? 'an ARN known at apply time'}`;
        continue;
      }
      if (n.bucket === true) verdict = true;
      else if (verdict === false) verdict = 'unknown';
    }
  }
  if (verdict === false) return partly !== undefined ? { verdict, partly } : { verdict };
  for (const m of s.excluded) {
    const n = names(view, m, s.trail);
    if (n.bucket === true) return { verdict: false, partly: `all but ${arnText(m.value) ?? knownText(m.value) ?? 'an ARN known at apply time'}` };
    if (n.bucket === 'unknown' && verdict === true) verdict = 'unknown';
  }
  if (s.narrowedBy !== undefined) return { verdict: false, partly: `only the events its ${s.narrowedBy} field selects` };
  return { verdict };
}

/** Whether a trail records events where the bucket is: every region, or the bucket's own. */
function inRegionOf(trail: Resource, view: S3BucketView): boolean | 'unknown' {
  const multi = attrOr(trail, 'is_multi_region_trail', false);
  if (isUnresolved(multi)) return 'unknown';
  if (asBoolean(multi.value) === true) return true;
  return sameRegion(trail, view.bucket);
}

export default defineRule<S3BucketView, { scope: string }>({
  id: 'aws-cloudtrail-s3-data-events',
  title: 'CloudTrail records S3 object-level reads and writes of PHI buckets',
  severity: 'high',
  controls: ['164.312(b)', '164.312(a)(2)(i)', '164.308(a)(1)(ii)(D)', '164.308(a)(3)(ii)(A)'],
  kind: 'graph',
  why: 'Management events do not show who read or changed an object; only S3 data events record each GetObject and PutObject on ePHI, which access reviews and breach assessments need.',
  howToFix:
    'Add an event_selector (read_write_type = "All") with data_resource { type = "AWS::S3::Object", values = ["arn:aws:s3"] } (or each PHI bucket\'s ARN followed by "/"), or an equivalent advanced_event_selector, to a trail.',
  links: ['https://docs.aws.amazon.com/awscloudtrail/latest/userguide/logging-data-events-with-cloudtrail.html'],
  references: {
    awsConfig: ['cloudtrail-s3-dataevents-enabled', 'cloudtrail-all-read-s3-data-event-check', 'cloudtrail-all-write-s3-data-event-check'],
    trivy: ['AVD-AWS-0171', 'aws-s3-enable-object-write-logging', 'AVD-AWS-0172', 'aws-s3-enable-object-read-logging'],
  },
  // 'phi': buckets classified PHI must be covered; 'all': every bucket.
  params: { scope: 'phi' },
  targets: (model, params) => s3Buckets(model).filter((view) => inPhiScope(view.bucket, params.scope)),
  check(view, { model }) {
    // An account-wide trail of any root module counts, but the bucket's own root module's trails are cited first.
    const logging = loggingTrails(model);
    if (logging.all.length === 0) return unknown(view, `${view.address}: no logging CloudTrail trail is in the scanned scope, so S3 data events for it are not evidenced.`);
    const own = logging.byRoot.get(view.bucket.root) ?? [];
    let read: Resource | undefined;
    let write: Resource | undefined;
    let undetermined: Resource | undefined;
    let why = 'values known only at apply time';
    let partly: { readonly trail: Resource; readonly part: string } | undefined;
    let outside: Resource | undefined;
    let otherAccount: Resource | undefined;
    let inAccount = false;
    for (const trail of sameRootFirst(own, logging.all, view.bucket.root)) {
      if (read && write) break; // the outcome is decided: later trails can change only what is not reported
      // Another AWS account's trail (account.ts) records nothing of this bucket, unless it is the organization's.
      if (!mayShareAccount(trail, view.bucket)) {
        otherAccount ??= trail;
        continue;
      }
      inAccount = true;
      const selections = selectionsOf(trail);
      if (selections === 'unknown') {
        undetermined ??= trail;
        continue;
      }
      const region = inRegionOf(trail, view);
      if (region === false) {
        if (selections.some((s) => covers(view, s).verdict !== false)) outside ??= trail;
        continue;
      }
      for (const s of selections) {
        const { verdict, partly: part } = covers(view, s);
        const match = verdict === true && region === 'unknown' ? 'unknown' : verdict;
        if (part !== undefined) partly ??= { trail, part };
        if (match === 'unknown' && !undetermined) {
          undetermined = trail;
          const pending = s.arns.find((m) => isUnknown(m.value))?.value;
          if (pending && isUnknown(pending)) why = applyTimeReason(pending);
          else if (region === 'unknown') why = "the trail's region or is_multi_region_trail, known only at apply time";
        }
        if (match !== true) continue;
        // A trail that selects the bucket but may be stopped (enable_logging known only at apply
        // time) is no evidence: it was counted as recording, a pass on a value the scan never saw.
        const stopped = logging.pending.get(trail);
        if (stopped !== undefined) {
          if (!undetermined) {
            undetermined = trail;
            why = `its enable_logging, which depends on ${applyTimeReason(stopped)}`;
          }
          continue;
        }
        if (s.read) read ??= trail;
        if (s.write) write ??= trail;
      }
    }
    if (read && write) {
      const where: Sourced | Resource = read;
      return pass(where, `${view.address}: object-level reads are recorded by ${read.address} and writes by ${write.address}.`);
    }
    if (!inAccount) return unknown(view, `${view.address}: no logging CloudTrail trail of its AWS account is in the scanned scope (${otherAccount!.address} logs another account), so S3 data events for it are not evidenced.`);
    if (undetermined) return unknown(view, `${view.address}: whether ${undetermined.address} records its data events depends on ${why}.`);
    const missing = !read && !write ? 'read or write' : !read ? 'read' : 'write';
    const besides = [
      partly !== undefined ? `${partly.trail.address} selects ${partly.part}` : undefined,
      outside !== undefined ? `${outside.address} is a single-region trail in another region than the bucket's, so it does not see its events` : undefined,
    ].filter((x) => x !== undefined);
    return fail(view, { message: `${view.address}: no trail records S3 object-level ${missing} data events for all of this bucket's objects${besides.length > 0 ? ` (${besides.join('; ')})` : ''}.` });
  },
  acrossRoots: {
    why: "a trail's data events name buckets by their global name, which any stack may declare",
    reads: ['aws_cloudtrail', ...S3_BUCKET_READS],
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n\nresource "aws_cloudtrail" "main" {\n  name                  = "account-trail"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n}\n',
      ],
      good: [
        'resource "aws_s3_bucket" "phi" {\n  bucket = "example-phi-records"\n  tags   = { DataClassification = "phi" }\n}\n\nresource "aws_cloudtrail" "main" {\n  name                  = "account-trail"\n  s3_bucket_name        = "example-audit-logs"\n  is_multi_region_trail = true\n\n  event_selector {\n    read_write_type           = "All"\n    include_management_events = true\n\n    data_resource {\n      type   = "AWS::S3::Object"\n      values = ["arn:aws:s3"]\n    }\n  }\n}\n',
      ],
    },
  },
});
