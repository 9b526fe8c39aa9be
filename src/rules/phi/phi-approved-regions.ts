import type { InfraModel } from '../../model/infra-model.js';
import { asString, blockOf, blocksOf, isUnresolved } from '../../model/read.js';
import type { ModelBody } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { defineRule, fail, pass, unknown, type Outcome, type ParamProblem, type ParamValue, type Subject } from '../define-rule.js';
import { backendsOf } from '../terraform/backend.js';
import { providerAddress } from '../terraform/provider-address.js';

type Cloud = 'aws' | 'azure' | 'gcp';

interface Location extends Subject {
  readonly cloud: Cloud;
  /** What is located: 'provider "aws" region', 'location'. */
  readonly what: string;
  readonly value?: Sourced;
  /** The provider sets region = "", which it reads as unset (see check). */
  readonly empty?: true;
}

type Params = { approvedAwsRegions: readonly string[]; approvedAzureLocations: readonly string[]; approvedGcpLocations: readonly string[] };

const US_AWS = ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2', 'us-gov-east-1', 'us-gov-west-1'];
const US_AZURE = ['eastus', 'eastus2', 'centralus', 'northcentralus', 'southcentralus', 'westcentralus', 'westus', 'westus2', 'westus3', 'usgovvirginia', 'usgovarizona', 'usgovtexas'];
const US_GCP = ['us', 'nam4', 'us-central1', 'us-east1', 'us-east4', 'us-east5', 'us-south1', 'us-west1', 'us-west2', 'us-west3', 'us-west4'];

function normalize(cloud: Cloud, value: string): string {
  const v = value.trim().toLowerCase();
  if (cloud === 'azure') return v.replace(/\s+/g, '');
  if (cloud === 'gcp') return v.replace(/^(us-[a-z]+\d)-[a-z]$/, '$1'); // zone → region
  return v;
}

/**
 * An AWS region name: an area code, words, a number, joined by hyphens (us-east-1, us-gov-west-1,
 * ap-southeast-2, us-isob-east-1, eusc-de-east-1). Not an Availability Zone (us-east-1a).
 */
const AWS_REGION_NAME = /^[a-z]{2,4}(-[a-z]+)+-\d+$/;

/**
 * An approved list entry that is no AWS region name (us-east1, a GCP spelling; useast-1) matched
 * nothing, and every resource in the region meant failed with the entry quoted back as approved.
 */
function checkParam(name: string, value: ParamValue): ParamProblem | undefined {
  if (name !== 'approvedAwsRegions' || !Array.isArray(value)) return undefined;
  const bad = value.filter((v): v is string => typeof v === 'string' && !AWS_REGION_NAME.test(v.trim().toLowerCase()));
  if (bad.length === 0) return undefined;
  return {
    severity: 'error',
    message: `${bad.map((b) => `"${b}"`).join(', ')} ${bad.length === 1 ? 'is not an AWS region name' : 'are not AWS region names'}`,
    hint: 'AWS region names read like us-east-1, us-gov-west-1 or eu-central-1.',
  };
}

const ARN_REGION = /^arn:aws[a-z-]*:[a-z0-9-]+:([a-z0-9-]+):/;

/** Resources whose copy lands in their destination_region (the provider's region when left out). */
const SNAPSHOT_COPY_TYPES = new Set(['aws_db_snapshot_copy', 'aws_rds_cluster_snapshot_copy', 'aws_redshift_snapshot_copy']);

function targets(model: InfraModel): Location[] {
  const out: Location[] = [];
  type Owner = Pick<Location, 'address' | 'type' | 'root'>;
  // An argument set to null is one left out (a resource's `region = var.region` with a null default
  // takes its provider's region, judged on the provider).
  const add = (owner: Owner, cloud: Cloud, what: string, given: Sourced | undefined, span = given?.value === null ? undefined : given?.span, empty = false): void => {
    const value = given?.value === null ? undefined : given;
    if (span) out.push({ ...owner, span, cloud, what, ...(value ? { value } : {}), ...(empty ? { empty: true as const } : {}) });
  };
  for (const p of model.providers) {
    const owner = { address: providerAddress(p), type: 'provider' };
    // The Cloud Control provider (awscc) places its resources in its own region the same way.
    if (p.name === 'aws' || p.name === 'awscc') {
      const region = p.body.attributes.get('region');
      const empty = region !== undefined && region.value === '';
      // The empty string's own line when it is written, else the provider block.
      add(owner, 'aws', `provider "${p.name}"${p.alias ? ` (alias ${p.alias})` : ''} region`, empty ? undefined : region, empty ? region.span : p.body.span, empty);
    }
    if (p.name === 'google' || p.name === 'google-beta') {
      const region = p.body.attributes.get('region') ?? p.body.attributes.get('zone');
      if (region) add(owner, 'gcp', `provider "${p.name}" region`, region);
    }
  }
  // A plan has no provider blocks in the model, only each resource's provider with the region its
  // configuration (provider_config) gives: judged once per plan, alias and region, as the provider
  // block is in the sources. Without it a plan alone for a stack in an unapproved region passed (no
  // finding at all). Beside the sources, the plan's provider findings give way to theirs (pipeline/plan-state-scan.ts).
  const planProviders = new Set<string>();
  for (const r of model.resources) {
    const region = r.provider.region;
    if (r.origin !== 'terraform-plan' || r.mode !== 'managed' || r.provider.name !== 'aws' || region === undefined) continue;
    // A module's own provider block is named with its module path, as in the sources (provider-address.ts).
    const address = providerAddress({ module: r.provider.module ?? '', name: 'aws', ...(r.provider.alias !== undefined ? { alias: r.provider.alias } : {}) });
    const key = JSON.stringify([r.root ?? '', address, region.value]);
    if (planProviders.has(key)) continue;
    planProviders.add(key);
    add(r.root !== undefined ? { address, type: 'provider', root: r.root } : { address, type: 'provider' }, 'aws', `provider "aws"${r.provider.alias ? ` (alias ${r.provider.alias})` : ''} region`, region);
  }
  for (const b of backendsOf(model)) {
    if (b.backendType === 's3' || b.backendType === 'gcs') {
      const region = b.config?.attributes.get('region');
      if (region) add({ address: b.address, type: 'backend' }, b.backendType === 's3' ? 'aws' : 'gcp', `the state backend region`, region);
    }
  }
  for (const r of model.resources) {
    if (r.mode !== 'managed') continue;
    const owner: Owner = r.root !== undefined ? { address: r.address, type: r.type, root: r.root } : { address: r.address, type: r.type };
    if (r.type.startsWith('aws_')) {
      add(owner, 'aws', 'region', r.attributes.get('region')); // per-resource region (AWS provider v6)
      // DynamoDB global tables name it region_name; Secrets Manager replicas, region.
      for (const replica of blocksOf(r, 'replica')) add(owner, 'aws', 'replica region', replica.attributes.get('region_name') ?? replica.attributes.get('region'));
      // EFS replication: the destination file system's region.
      if (r.type === 'aws_efs_replication_configuration') for (const d of blocksOf(r, 'destination')) add(owner, 'aws', 'replication destination region', d.attributes.get('region'));
      // Snapshot copies are placed in destination_region, not the provider's region (CopyDBSnapshot
      // called with a source ARN in another region; Redshift's cross-region snapshot copy).
      if (SNAPSHOT_COPY_TYPES.has(r.type)) add(owner, 'aws', 'snapshot copy destination region', r.attributes.get('destination_region'));
      for (const copy of blocksOf(r, 'snapshot_copy')) add(owner, 'aws', 'snapshot copy destination region', copy.attributes.get('destination_region'));
      // ECR replicates every pushed image to each rule's destination region.
      if (r.type === 'aws_ecr_replication_configuration') {
        for (const config of blocksOf(r, 'replication_configuration')) {
          for (const rule of blocksOf(config, 'rule')) for (const d of blocksOf(rule, 'destination')) add(owner, 'aws', 'replication destination region', d.attributes.get('region'));
        }
      }
      // DLM copies EBS snapshots and AMIs to `target`: a region, or an Outpost ARN (whose region counts).
      if (r.type === 'aws_dlm_lifecycle_policy') {
        for (const details of blocksOf(r, 'policy_details')) {
          const copies = [
            ...blocksOf(details, 'schedule').flatMap((s) => blocksOf(s, 'cross_region_copy_rule')),
            ...blocksOf(details, 'action').flatMap((a) => blocksOf(a, 'cross_region_copy')),
          ];
          for (const copy of copies) {
            const target = copy.attributes.get('target');
            const region = asString(target?.value)?.match(ARN_REGION)?.[1];
            add(owner, 'aws', 'snapshot copy destination region', target && region ? { ...target, value: region } : target);
          }
        }
      }
      for (const rule of blocksOf(r, 'rule')) {
        for (const copy of blocksOf(rule, 'copy_action')) {
          const arn = copy.attributes.get('destination_vault_arn');
          const region = asString(arn?.value)?.match(ARN_REGION)?.[1];
          if (arn && region) add(owner, 'aws', 'backup copy destination region', { ...arn, value: region });
        }
      }
    } else if (r.type.startsWith('azurerm_')) {
      add(owner, 'azure', 'location', r.attributes.get('location'));
      const geo = blocksOf(r, 'geo_location');
      for (const g of geo) add(owner, 'azure', 'geo-replication location', g.attributes.get('location'));
    } else if (r.type.startsWith('google_')) {
      add(owner, 'gcp', 'location', r.attributes.get('location') ?? r.attributes.get('region') ?? zoneOf(r));
    }
  }
  return out;
}

function zoneOf(body: ModelBody): Sourced | undefined {
  return body.attributes.get('zone') ?? blockOf(body, 'placement')?.attributes.get('zone');
}

export default defineRule<Location, Params>({
  id: 'phi-approved-regions',
  title: 'Providers, resources and copies are in approved regions',
  severity: 'medium',
  controls: ['164.308(a)(1)(ii)(B)', '164.308(b)(1)', '164.314(a)(1)'],
  kind: 'attr',
  why: 'HIPAA has no residency rule, but the risk analysis and BAA scope assume ePHI stays where the organisation decided; a provider, replica or backup copy elsewhere moves ePHI outside that decision.',
  howToFix: 'Use a region from the approved list (rule parameters approvedAwsRegions, approvedAzureLocations, approvedGcpLocations) for providers, resources, replicas and backup copies.',
  links: ['https://docs.aws.amazon.com/organizations/latest/userguide/orgs_manage_policies_scps_examples_general.html#example-scp-deny-region'],
  references: {},
  params: { approvedAwsRegions: US_AWS, approvedAzureLocations: US_AZURE, approvedGcpLocations: US_GCP },
  checkParam,
  targets: (model) => targets(model),
  check(l, { params }): Outcome {
    if (!l.value) {
      // region = "" is no region to the AWS provider: it reads an empty string as unset and takes
      // AWS_REGION or the profile's region at run time (terraform plan with hashicorp/aws 5.100:
      // "" with AWS_REGION=eu-west-1 plans in eu-west-1, without it fails "invalid AWS Region: ").
      // It failed as the unapproved region "", blocking CI, where region = null was unknown.
      const how = l.empty ? 'sets region to "", which the provider reads as unset' : 'does not set region';
      return unknown(l, `${l.address} ${how}, so it is taken from the environment (AWS_REGION or the profile) at run time.`);
    }
    if (isUnresolved(l.value)) return unknown(l.value, `${l.address}: the ${l.what} is known only at apply time.`);
    const text = asString(l.value.value);
    if (text === undefined) return unknown(l.value, `${l.address}: the ${l.what} is not a string.`);
    const list = l.cloud === 'aws' ? params.approvedAwsRegions : l.cloud === 'azure' ? params.approvedAzureLocations : params.approvedGcpLocations;
    const approved = list.map((v) => normalize(l.cloud, v));
    if (approved.includes(normalize(l.cloud, text))) return pass(l.value, `${l.address}: the ${l.what} ${text} is approved.`);
    return fail(l.value, { message: `${l.address}: the ${l.what} "${text}" is not in the approved list (${list.join(', ')}).` });
  },
  examples: {
    terraform: {
      bad: ['provider "aws" {\n  region = "eu-west-1"\n}\n'],
      good: ['provider "aws" {\n  region = "us-east-1"\n}\n'],
    },
  },
});
