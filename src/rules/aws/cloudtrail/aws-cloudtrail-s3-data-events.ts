import { s3Buckets, type S3BucketView } from '../../../adapters/aws/s3.js';
import { computedAddress } from '../../../model/computed-from.js';
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

/** One S3 data-event selection: which buckets (all, or ARNs/prefixes), and whether reads and writes are recorded. */
interface Selection {
  readonly trail: Resource;
  readonly all: boolean;
  readonly arns: readonly Plain[]; // strings, or unknowns (e.g. "${aws_s3_bucket.x.arn}/")
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
  /** Trails with logging on, in model order. */
  readonly all: readonly Resource[];
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
    const byRoot = new Map<string | undefined, Resource[]>();
    for (const t of all) pushTo(byRoot, t.root, t);
    return { all, byRoot };
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
      out.push({ trail, all: list.some((v) => ALL_BUCKETS.test(arnText(v) ?? '')), arns: list, read: type !== 'WriteOnly', write: type !== 'ReadOnly' });
    }
  }
  for (const selector of blocksOf(trail, 'advanced_event_selector')) {
    const fields = new Map<string, { equals: readonly Plain[]; startsWith: readonly Plain[] }>();
    for (const f of blocksOf(selector, 'field_selector')) {
      const name = asString(attr(f, 'field')?.value);
      if (!name) return 'unknown';
      fields.set(name, { equals: asList(attr(f, 'equals')?.value), startsWith: asList(attr(f, 'starts_with')?.value) });
    }
    const category = fields.get('eventCategory')?.equals ?? [];
    const type = fields.get('resources.type')?.equals ?? [];
    if (!category.includes('Data') || !type.includes('AWS::S3::Object')) continue;
    const readOnly = fields.get('readOnly')?.equals ?? [];
    const arn = fields.get('resources.ARN');
    const arns = arn ? [...arn.equals, ...arn.startsWith] : [];
    out.push({
      trail,
      all: !arn || arns.some((v) => ALL_BUCKETS.test(arnText(v) ?? '')),
      arns,
      read: readOnly.length === 0 || readOnly.includes('true'),
      write: readOnly.length === 0 || readOnly.includes('false'),
    });
  }
  return out;
}

/** Does a selector value name this bucket? 'unknown' when it cannot be told here. */
function names(view: S3BucketView, value: Plain, trail: Resource): boolean | 'unknown' {
  const text = arnText(value);
  if (text !== undefined) {
    const name = view.name ? asString(view.name.value) : undefined;
    const m = /^arn:aws[a-z-]*:s3:::([^/]+)/.exec(text);
    if (!m) return false;
    if (name === undefined) return 'unknown';
    return m[1] === name;
  }
  if (isUnknown(value)) {
    const address = computedAddress(value.reason);
    if (address === undefined) return 'unknown';
    // A reference names a resource of the trail's own root module (another root may reuse the address).
    if (address === view.address) return trail.root === view.bucket.root;
    // Another bucket's ARN is a different bucket; anything else (e.g. "arn:${data.aws_partition.p.partition}:s3")
    // could be any ARN, including the all-buckets one.
    return /(^|\.)aws_s3_bucket\.[^.]+$/.test(address.replace(/\[[^\]]*\]$/, '')) ? false : 'unknown';
  }
  return false;
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
    for (const trail of sameRootFirst(own, logging.all, view.bucket.root)) {
      if (read && write) break; // the outcome is decided: later trails can change only what is not reported
      const selections = selectionsOf(trail);
      if (selections === 'unknown') {
        undetermined ??= trail;
        continue;
      }
      for (const s of selections) {
        const match = s.all ? true : s.arns.map((v) => names(view, v, s.trail)).reduce<boolean | 'unknown'>((acc, m) => (acc === true || m === true ? true : acc === 'unknown' || m === 'unknown' ? 'unknown' : false), false);
        if (match === 'unknown' && !undetermined) {
          undetermined = trail;
          const pending = s.arns.find((v) => isUnknown(v));
          if (pending && isUnknown(pending)) why = applyTimeReason(pending);
        }
        if (match !== true) continue;
        if (s.read) read ??= trail;
        if (s.write) write ??= trail;
      }
    }
    if (read && write) {
      const where: Sourced | Resource = read;
      return pass(where, `${view.address}: object-level reads are recorded by ${read.address} and writes by ${write.address}.`);
    }
    if (undetermined) return unknown(view, `${view.address}: whether ${undetermined.address} records its data events depends on ${why}.`);
    const missing = !read && !write ? 'read or write' : !read ? 'read' : 'write';
    return fail(view, { message: `${view.address}: no trail records S3 object-level ${missing} data events for this bucket.` });
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
