import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import { phiClassOf } from '../aws/phi-scope.js';
import { asString, isUnresolved } from '../../model/read.js';
import { defineRule, fail, pass, subjectOf, unknown, type Outcome, type Subject } from '../define-rule.js';
import { serviceOf } from './eligible-service.js';
import { HIPAA_ELIGIBLE_LIST_DATE } from './hipaa-eligible-services.js';

interface PhiResource extends Subject {
  readonly resource: Resource;
  /** 'phi' when classified PHI itself, 'unknown' when its classification is apply-time, 'feeds' when linked to a PHI resource. */
  readonly scope: 'phi' | 'unknown' | 'feeds';
  /** The PHI resource it is linked to, for 'feeds'. */
  readonly phiResource?: Resource;
}

/**
 * AWS lists AWS Directory Service "excludes Simple AD", and aws_directory_service_directory is a
 * Simple AD when its type says so or is left out (the provider's default). The rule passed such a
 * directory while quoting the exclusion. 'simple' when it is one, 'unknown' when its type is known
 * only at apply time.
 */
function simpleAd(r: Resource): 'simple' | 'other' | 'unknown' {
  if (r.type !== 'aws_directory_service_directory') return 'other';
  const type = r.attributes.get('type');
  if (isUnresolved(type)) return 'unknown';
  const value = type?.value === null || type === undefined ? 'SimpleAD' : asString(type.value);
  return value?.toLowerCase() === 'simplead' ? 'simple' : 'other';
}

/** Managed resources of hashicorp/aws and of the Cloud Control provider (awscc_, eligible-service.ts). */
const isAwsManaged = (r: Resource): boolean => r.mode === 'managed' && (r.type.startsWith('aws_') || r.type.startsWith('awscc_'));

function targets(model: InfraModel): PhiResource[] {
  // Keyed by resource, not address: two root modules may both declare aws_s3_bucket.phi.
  const out = new Map<Resource, PhiResource>();
  const subject = (r: Resource, scope: PhiResource['scope'], phiResource?: Resource): PhiResource => ({
    ...subjectOf(r), resource: r, scope, ...(phiResource ? { phiResource } : {}),
  });
  const phi = model.resources.filter(isAwsManaged).filter((r) => phiClassOf(r) !== 'not-phi');
  for (const r of phi) out.set(r, subject(r, phiClassOf(r) === 'phi' ? 'phi' : 'unknown'));
  // Resources that feed or are fed by a PHI-classified resource (its logs, queues, caches, backups);
  // then those linked to a resource whose classification is known only at apply time, which may be
  // PHI: a Lightsail bucket copying a bucket tagged from a variable without a value had no result at
  // all, as if that bucket were known not to hold PHI. A PHI link wins over a maybe-PHI one.
  for (const wanted of ['phi', 'unknown'] as const) {
    for (const r of phi) {
      if (phiClassOf(r) !== wanted) continue;
      const linked = [...model.referrers(r), ...r.references.flatMap((ref) => model.resolve(r, ref))];
      for (const other of linked) if (isAwsManaged(other) && !out.has(other)) out.set(other, subject(other, 'feeds', r));
    }
  }
  return [...out.values()];
}

export default defineRule<PhiResource, { additionalEligibleTypes: readonly string[] }>({
  id: 'phi-baa-eligible-services-only',
  title: 'PHI-classified resources use only HIPAA-eligible services',
  severity: 'high',
  controls: ['164.308(b)(1)', '164.308(b)(3)', '164.314(a)(1)', '164.314(a)(2)(i)'],
  kind: 'graph',
  why: "AWS's BAA covers only the services on its HIPAA Eligible Services Reference; ePHI stored in or passed through any other service is outside the BAA.",
  howToFix:
    'Move the PHI workload to a HIPAA-eligible service, or reclassify the resource if it holds no PHI; if your organisation has a separate agreement covering the service, add its type prefix to additionalEligibleTypes.',
  links: ['https://aws.amazon.com/compliance/hipaa-eligible-services-reference/'],
  references: {},
  params: { additionalEligibleTypes: [] },
  targets: (model) => targets(model),
  check(s, { params }): Outcome {
    const match = serviceOf(s.type, params.additionalEligibleTypes);
    const maybe = s.scope === 'unknown' || (s.scope === 'feeds' && phiClassOf(s.phiResource!) === 'unknown');
    const role =
      s.scope === 'feeds'
        ? maybe
          ? `is linked to ${s.phiResource!.address}, which may be classified PHI (its tags are known only at apply time), and`
          : `is linked to the PHI-classified ${s.phiResource!.address} and`
        : s.scope === 'phi'
          ? 'is classified PHI and'
          : 'may be classified PHI (its tags are known only at apply time) and';
    switch (match.status) {
      case 'eligible': {
        // Only a directory classified PHI itself: one linked to a PHI resource (the directory of PHI
        // WorkSpaces) authenticates its users and is not fed its data.
        const directory = s.scope === 'feeds' ? 'other' : simpleAd(s.resource);
        const excluded = `${s.address} ${role} is a Simple AD directory (its type ${s.resource.attributes.get('type') ? 'is SimpleAD' : 'is left out: SimpleAD is the default'}), which AWS excludes from ${match.service.name} on the HIPAA-eligible list of ${HIPAA_ELIGIBLE_LIST_DATE}.`;
        if (directory === 'simple') return maybe ? unknown(s, excluded) : fail(s.resource.attributes.get('type') ?? s, { message: excluded });
        if (directory === 'unknown') return unknown(s.resource.attributes.get('type') ?? s, `${s.address} ${role} belongs to ${match.service.name}, which excludes Simple AD; its type is known only at apply time.`);
        return pass(s, `${s.address} ${role} belongs to ${match.service.name}, on the HIPAA-eligible list of ${HIPAA_ELIGIBLE_LIST_DATE}${match.service.caveat ? ` (${match.service.caveat})` : ''}.`);
      }
      case 'management':
        return pass(s, `${s.address} belongs to ${match.service.name}, a management service that does not store PHI.`);
      case 'organisation':
        return pass(s, `${s.address} matches ${match.entry}, which the organisation lists as covered.`);
      case 'not-listed': {
        const message = `${s.address} ${role} its type ${s.type} belongs to no service on AWS's HIPAA-eligible list of ${HIPAA_ELIGIBLE_LIST_DATE}.`;
        return maybe ? unknown(s, message) : fail(s, { message });
      }
      // A Cloud Control type whose namespace names no service known here: its service may be on the list.
      case 'unmapped':
        return unknown(
          s,
          `${s.address} ${role} its type ${s.type} is of the Cloud Control namespace "${match.namespace}", which Safeguard does not map to an AWS service, so whether that service is on AWS's HIPAA-eligible list of ${HIPAA_ELIGIBLE_LIST_DATE} is not judged. Check the service against the list, and add the type (or awscc_${match.namespace}_) to additionalEligibleTypes if it is covered.`,
        );
    }
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_lightsail_instance" "intake" {\n  name              = "patient-intake"\n  availability_zone = "us-east-1a"\n  blueprint_id      = "amazon_linux_2"\n  bundle_id         = "nano_3_0"\n\n  tags = {\n    data_classification = "phi"\n  }\n}\n',
      ],
      good: ['resource "aws_s3_bucket" "intake" {\n  bucket = "example-patient-intake"\n\n  tags = {\n    data_classification = "phi"\n  }\n}\n'],
    },
  },
});
