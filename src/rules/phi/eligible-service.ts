// Which HIPAA-eligible AWS service a Terraform resource type belongs to: exact types first, then
// the longest matching prefix across all services (so aws_cloudwatch_log_ wins over aws_cloudwatch_).
import { HIPAA_ELIGIBLE_SERVICES, NOT_LISTED_MANAGEMENT_SERVICES, type EligibleService } from './hipaa-eligible-services.js';

export type ServiceMatch =
  | { readonly status: 'eligible'; readonly service: EligibleService }
  | { readonly status: 'management'; readonly service: EligibleService }
  | { readonly status: 'organisation'; readonly entry: string }
  | { readonly status: 'not-listed' };

/**
 * Matches by additions list (the rule's parameter, one array per run), then by type: every resource
 * of a scan asks, and a type's answer is a walk over every prefix of every service.
 */
/**
 * Not on AWS's list and not in the shared reference's management list either, but services that
 * only configure other resources and never receive their data: Application Auto Scaling changes a
 * table's or an ECS service's capacity from CloudWatch metrics, Compute Optimizer and Cost
 * Optimization Hub read usage, the Account API holds contacts and Region opt-ins. Kept here, by
 * hand, because hipaa-eligible-services.ts is generated from the shared file. Without them the
 * DynamoDB autoscaling every PHI table module declares (aws_appautoscaling_target, linked to the
 * table by its resource_id) and every such resource under a provider whose default_tags classify
 * the account PHI failed the rule as a non-eligible service holding PHI, and blocked CI.
 */
export const CONTROL_PLANE_SERVICES: readonly EligibleService[] = [
  { name: 'Application Auto Scaling', terraformPrefixes: ['aws_appautoscaling_'] },
  { name: 'AWS Auto Scaling (scaling plans)', terraformPrefixes: ['aws_autoscalingplans_'] },
  { name: 'AWS Compute Optimizer', terraformPrefixes: ['aws_computeoptimizer_'] },
  { name: 'Cost Optimization Hub', terraformPrefixes: ['aws_costoptimizationhub_'] },
  { name: 'AWS Account Management', terraformPrefixes: ['aws_account_'] },
  // Matched before only by the metadata entry's bare aws_service prefix, under a wrong name.
  { name: 'Service Quotas', terraformPrefixes: ['aws_servicequotas_'] },
];

const matches = new WeakMap<readonly string[], Map<string, ServiceMatch>>();
const NO_ADDITIONS: readonly string[] = [];

export function serviceOf(type: string, additions: readonly string[] = NO_ADDITIONS): ServiceMatch {
  let byType = matches.get(additions);
  if (!byType) matches.set(additions, (byType = new Map()));
  let match = byType.get(type);
  if (!match) byType.set(type, (match = matchService(type, additions)));
  return match;
}

function matchService(type: string, additions: readonly string[]): ServiceMatch {
  for (const entry of additions) if (entry === type) return { status: 'organisation', entry };
  for (const service of HIPAA_ELIGIBLE_SERVICES) if (service.terraformTypes?.includes(type)) return { status: 'eligible', service };
  let best: { match: ServiceMatch; length: number } | undefined;
  const consider = (prefix: string, match: ServiceMatch): void => {
    if (type.startsWith(prefix) && (!best || prefix.length > best.length)) best = { match, length: prefix.length };
  };
  for (const service of HIPAA_ELIGIBLE_SERVICES) for (const p of service.terraformPrefixes) consider(p, { status: 'eligible', service });
  for (const service of [...NOT_LISTED_MANAGEMENT_SERVICES, ...CONTROL_PLANE_SERVICES]) for (const p of service.terraformPrefixes) consider(p, { status: 'management', service });
  for (const entry of additions) if (entry.endsWith('_')) consider(entry, { status: 'organisation', entry });
  return best?.match ?? { status: 'not-listed' };
}
