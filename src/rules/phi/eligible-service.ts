// Which HIPAA-eligible AWS service a Terraform resource type belongs to: exact types first, then
// the longest matching prefix across all services (so aws_cloudwatch_log_ wins over aws_cloudwatch_).
import { HIPAA_ELIGIBLE_SERVICES, NOT_LISTED_MANAGEMENT_SERVICES, type EligibleService } from './hipaa-eligible-services.js';
import { AWS_TYPE_SEGMENTS } from './aws-service-prefixes.js';

export type ServiceMatch =
  | { readonly status: 'eligible'; readonly service: EligibleService }
  | { readonly status: 'management'; readonly service: EligibleService }
  | { readonly status: 'organisation'; readonly entry: string }
  | { readonly status: 'not-listed' }
  /** A Cloud Control type whose CloudFormation namespace maps to no service this scan knows (see awsccMatch). */
  | { readonly status: 'unmapped'; readonly namespace: string };

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

/**
 * The Cloud Control provider (hashicorp/awscc) names a type awscc_<namespace>_<resource>, with
 * CloudFormation's service namespace (AWS::HealthLake::FHIRDatastore is awscc_healthlake_fhir_datastore).
 * Most namespaces are the hashicorp/aws prefix too (awscc_s3_bucket is judged as aws_s3_bucket);
 * these are the ones whose hashicorp/aws prefix differs, mapped to it. The rule matched aws_ types
 * only, so a PHI-tagged awscc resource of any service, eligible or not, was never judged.
 */
const AWSCC_NAMESPACE_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['apigateway', 'aws_api_gateway_'],
  ['logs', 'aws_cloudwatch_log_'],
  ['events', 'aws_cloudwatch_event_'],
  ['stepfunctions', 'aws_sfn_'],
  ['kinesisfirehose', 'aws_kinesis_firehose_'],
  ['kinesisvideo', 'aws_kinesis_video_'],
  ['opensearchservice', 'aws_opensearch_'],
  ['certificatemanager', 'aws_acm_'],
  ['elasticloadbalancingv2', 'aws_lb_'],
  ['elasticloadbalancing', 'aws_elb_'],
  ['directoryservice', 'aws_directory_service_'],
  ['inspectorv2', 'aws_inspector2_'],
  ['macie', 'aws_macie2_'],
  ['sso', 'aws_ssoadmin_'],
  ['elasticbeanstalk', 'aws_elastic_beanstalk_'],
  ['timestream', 'aws_timestreamwrite_'],
  ['cassandra', 'aws_keyspaces_'],
  ['amazonmq', 'aws_mq_'],
  ['s3express', 'aws_s3_'],
  ['s3objectlambda', 'aws_s3control_'],
  ['route53resolver', 'aws_route53_resolver_'],
  ['servicediscovery', 'aws_service_discovery_'],
  ['applicationautoscaling', 'aws_appautoscaling_'],
  ['mediaconvert', 'aws_media_convert_'],
  // AWS::KafkaConnect (Amazon MSK Connect, CloudFormation Template Reference) is aws_mskconnect_.
  ['kafkaconnect', 'aws_mskconnect_'],
]);

/**
 * Namespaces of eligible services that hashicorp/aws has no resource type for, matched by the
 * service's name (AWS::IoTSiteWise and AWS::Personalize, CloudFormation Template Reference).
 */
const AWSCC_NAMESPACE_SERVICES: ReadonlyMap<string, string> = new Map([
  ['healthimaging', 'AWS HealthImaging'],
  ['databrew', 'AWS Glue DataBrew'],
  ['iotsitewise', 'AWS IoT SiteWise'],
  ['personalize', 'Amazon Personalize'],
]);

/** The first segments of hashicorp/aws types (aws_<segment>_), the services it knows by the same name. */
const AWS_SEGMENTS: ReadonlySet<string> = new Set(AWS_TYPE_SEGMENTS);

/**
 * The hashicorp/aws spelling of an awscc type, to match by, or the eligible service its namespace
 * names. A namespace neither mapped above nor a hashicorp/aws service segment (aws_<namespace>_) is
 * one this scan cannot tie to a service: 'unmapped', not 'not-listed'. Its service may well be on the
 * list under another name (an IoT SiteWise asset failed as "no eligible service" before it was
 * mapped), so the rule judges it unknown rather than fail a service it could not name.
 */
function awsccMatch(type: string): ServiceMatch {
  const rest = type.slice('awscc_'.length);
  const namespace = rest.split('_', 1)[0]!;
  const byName = AWSCC_NAMESPACE_SERVICES.get(namespace);
  const service = byName === undefined ? undefined : HIPAA_ELIGIBLE_SERVICES.find((s) => s.name === byName);
  if (service) return { status: 'eligible', service };
  const prefix = AWSCC_NAMESPACE_PREFIXES.get(namespace);
  const match = matchService(prefix === undefined ? `aws_${rest}` : `${prefix}${rest.slice(namespace.length + 1)}`, NO_ADDITIONS);
  if (match.status === 'not-listed' && prefix === undefined && !AWS_SEGMENTS.has(namespace)) return { status: 'unmapped', namespace };
  return match;
}

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
  if (type.startsWith('awscc_')) {
    // The organisation's additions name awscc types (or prefixes) as written; then the service.
    let entry: string | undefined;
    for (const e of additions) if (e.endsWith('_') && type.startsWith(e) && (entry === undefined || e.length > entry.length)) entry = e;
    return entry !== undefined ? { status: 'organisation', entry } : awsccMatch(type);
  }
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
