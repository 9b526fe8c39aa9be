import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import { asNumber, asString, blockOf } from '../../../model/read.js';
import type { FixBuilder } from '../../../fixes/fix.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { sameRegion } from '../region.js';
import { ofTypeFor } from '../account.js';
import { launchTemplateOf, type LaunchTemplateOf } from './launch-template.js';
import { judgedOnAll } from '../linked.js';
import { EC2_LAUNCH_READS } from '../across-roots-types.js';

/** A place a metadata option can come from, in the order EC2 applies them. */
interface Layer {
  readonly owner: Resource;
  readonly body: ModelBody;
  /** False for an account default whose region may not be the resource's. */
  readonly sure: boolean;
}

/**
 * Where the metadata options of a launch come from: launch parameters (the resource's own
 * metadata_options, then for an instance those of its launch template, which fill what the instance
 * leaves unset), then the account default of the region (aws_ec2_instance_metadata_defaults). AWS:
 * "Order of precedence for instance metadata options" (configuring-IMDS-new-instances).
 */
function metadataLayers(model: InfraModel, target: Resource, launchTemplate: LaunchTemplateOf | undefined): Layer[] {
  const layers: Layer[] = [];
  const own = blockOf(target, 'metadata_options');
  if (own) layers.push({ owner: target, body: own, sure: true });
  const fromTemplate = launchTemplate?.kind === 'declared' ? blockOf(launchTemplate.template, 'metadata_options') : undefined;
  if (fromTemplate && launchTemplate?.kind === 'declared') layers.push({ owner: launchTemplate.template, body: fromTemplate, sure: true });
  // The account default of the instance's own AWS account (account.ts) and region.
  for (const defaults of ofTypeFor(model, target, 'aws_ec2_instance_metadata_defaults')) {
    const here = sameRegion(defaults, target);
    if (here !== false) layers.push({ owner: defaults, body: defaults, sure: here === true });
  }
  return layers;
}

/** The first layer that sets `name` ("no-preference" in the account default sets nothing). */
function firstSet(layers: readonly Layer[], name: string): { readonly layer: Layer; readonly value: Sourced } | undefined {
  for (const layer of layers) {
    const value = layer.body.attributes.get(name);
    if (value && !(layer.owner.type === 'aws_ec2_instance_metadata_defaults' && value.value === 'no-preference')) return { layer, value };
  }
  return undefined;
}

/** The verdict on `target`'s metadata options, from its own, its launch template's and the account default. */
function judgeMetadata(model: InfraModel, target: Resource, maxHopLimit: number, launchTemplate: LaunchTemplateOf | undefined): Outcome | Outcome[] {
  const options = blockOf(target, 'metadata_options');
  const fixInsert = {
    description: 'Require IMDSv2',
    safety: 'safe' as const,
    terraform: (edit: FixBuilder) =>
      options ? edit.setAttribute(options.span, 'http_tokens', '"required"') : edit.insertBlock(target.span, 'metadata_options {\n  http_tokens = "required"\n}'),
  };
  const layers = metadataLayers(model, target, launchTemplate);
  const endpoint = firstSet(layers, 'http_endpoint');
  if (endpoint?.layer.sure && !isApplyTime(endpoint.value) && asString(endpoint.value.value) === 'disabled') {
    return pass(endpoint.value, `${target.address} ${endpoint.layer.owner === target ? '' : `(through ${endpoint.layer.owner.address}) `}turns the metadata service off.`);
  }
  const found = firstSet(layers, 'http_tokens');
  // A template the scan does not declare comes before the account default and may set http_tokens.
  if (launchTemplate?.kind === 'elsewhere' && found?.layer.owner !== target) {
    return unknown(launchTemplate.block, `${target.address} does not set metadata_options.http_tokens and launches from a launch template not declared in the scanned code, which may set it.`);
  }
  if (!found) {
    if (!options) return fail(target, { message: `${target.address} has no metadata_options, so http_tokens defaults to "optional" and IMDSv1 stays available.`, fix: fixInsert });
    return fail(options, { message: `${target.address} does not set metadata_options.http_tokens (default "optional"), so IMDSv1 stays available.`, fix: fixInsert });
  }
  const { value: tokens, layer } = found;
  const inherited = layer.owner !== target;
  if (isApplyTime(tokens)) return unknown(tokens, `${target.address}: http_tokens${inherited ? ` (from ${layer.owner.address})` : ''} is known only at apply time (${reasonOf(tokens)}).`);
  if (asString(tokens.value) !== 'required') {
    if (!inherited) return fail(tokens, { message: `${target.address} sets http_tokens to "${asString(tokens.value)}", so IMDSv1 stays available.`, fix: fixInsert });
    return fail(target, {
      message: `${target.address} does not set http_tokens and takes "${asString(tokens.value)}" from ${layer.owner.address}, so IMDSv1 stays available.`,
      related: [{ span: tokens.span, message: `${layer.owner.address} sets http_tokens` }],
      fix: fixInsert,
    });
  }
  if (!layer.sure) return unknown(target, `${target.address} does not set http_tokens; ${layer.owner.address} requires IMDSv2 by default, but whether in this resource's region is not known.`);
  const outcomes: Outcome[] = [inherited ? pass(target, `${target.address} does not set http_tokens, but ${layer.owner.address} requires IMDSv2.`) : pass(tokens)];
  const hopsAt = firstSet(layers, 'http_put_response_hop_limit');
  const hops = hopsAt?.value;
  if (hops && !isApplyTime(hops)) {
    const n = asNumber(hops.value);
    if (n !== undefined && n > maxHopLimit) {
      outcomes.push(fail(hops, { message: `${target.address} sets http_put_response_hop_limit to ${n}, so metadata tokens reach beyond the instance (limit ${maxHopLimit}).` }));
    }
  }
  return outcomes;
}

export default defineRule<Resource, { maxHopLimit: number }>({
  id: 'aws-ec2-imdsv2-required',
  title: 'EC2 instances require IMDSv2',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(d)'],
  kind: 'attr',
  why: 'IMDSv1 answers any request, so an SSRF bug in an application can read the instance role credentials and reach every ePHI store the role can.',
  howToFix: 'Add metadata_options { http_tokens = "required" } (and http_put_response_hop_limit = 1, or 2 for containers) to instances, launch templates and launch configurations.',
  links: ['https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/configuring-IMDS-new-instances.html'],
  references: {
    awsConfig: ['ec2-imdsv2-check', 'ec2-launch-template-imdsv2-check'],
    checkov: ['CKV_AWS_79', 'CKV_AWS_341'],
    trivy: ['AVD-AWS-0028', 'aws-ec2-enforce-http-token-imds', 'AVD-AWS-0130', 'aws-ec2-enforce-launch-config-http-token-imds'],
  },
  params: { maxHopLimit: 2 },
  targets: (model) => ['aws_instance', 'aws_launch_template', 'aws_launch_configuration'].flatMap((t) => model.ofType(t)),
  check(target, { model, params }) {
    const launchTemplate = target.type === 'aws_instance' ? launchTemplateOf(model, target) : undefined;
    if (launchTemplate?.kind === 'oneOf') {
      // One of several templates, which one known only at apply time: judged alike only when all agree.
      const { block } = launchTemplate;
      const each = (template: Resource): Outcome[] => [judgeMetadata(model, target, params.maxHopLimit, { kind: 'declared', template, block })].flat();
      return judgedOnAll(launchTemplate.templates, each, block, `${target.address}: its launch template`);
    }
    return judgeMetadata(model, target, params.maxHopLimit, launchTemplate);
  },
  acrossRoots: {
    why: 'the account\'s instance metadata defaults, set in any stack of the account and region, cover every instance there',
    reads: [...EC2_LAUNCH_READS, 'aws_ec2_instance_metadata_defaults'],
  },
  examples: {
    terraform: {
      bad: ['resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n}\n'],
      good: [
        'resource "aws_instance" "app" {\n  ami           = "ami-0123456789abcdef0"\n  instance_type = "t3.micro"\n  metadata_options {\n    http_tokens = "required"\n  }\n}\n',
      ],
    },
  },
});
