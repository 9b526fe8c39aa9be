import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import { asBoolean, asList, asString, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf, referencesType } from '../judge-setting.js';
import { isDeploymentStage, restStages, stageLabel, unknownDeploymentStage } from '../apigateway/rest-stages.js';
import { linkedCandidates } from '../linked.js';

const ASSOCIATION_TYPES = ['aws_wafv2_web_acl_association', 'aws_wafregional_web_acl_association'];

function isPublicAlb(lb: Resource): boolean {
  const type = asString(lb.attributes.get('load_balancer_type')?.value) ?? 'application';
  if (type !== 'application') return false;
  return asBoolean(lb.attributes.get('internal')?.value) !== true;
}

/** REST API stages of a PRIVATE API are not internet-facing. */
function isPublicStage(model: InfraModel, stage: Resource): boolean {
  const isPrivate = (api: Resource): boolean => {
    const endpoint = blockOf(api, 'endpoint_configuration');
    return asList(endpoint?.attributes.get('types')?.value).some((t) => asString(t) === 'PRIVATE');
  };
  // A stage of one of several APIs (rest_api_id = element([...], 1)) is private only when every one
  // it may belong to is: the first was judged, and a private first API left a public stage unjudged.
  const apis = linkedCandidates(model, stage, 'aws_api_gateway_rest_api', 'rest_api_id');
  return apis.length === 0 || !apis.every(isPrivate);
}

export default defineRule<Resource>({
  id: 'aws-waf-on-public-endpoints',
  title: 'Internet-facing ALBs, API stages and distributions have a WAF web ACL',
  severity: 'medium',
  controls: ['164.312(e)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'graph',
  why: 'A web ACL filters injection, credential stuffing and bot traffic before it reaches applications that serve ePHI.',
  howToFix:
    'Associate an aws_wafv2_web_acl (with managed rule groups) through aws_wafv2_web_acl_association for ALBs, REST API stages and AppSync APIs, and set web_acl_id on aws_cloudfront_distribution.',
  links: ['https://docs.aws.amazon.com/waf/latest/developerguide/web-acl-associating-aws-resource.html'],
  references: {
    awsConfig: ['alb-waf-enabled', 'api-gw-associated-with-waf', 'cloudfront-associated-with-waf'],
    checkov: ['CKV2_AWS_28', 'CKV2_AWS_29', 'CKV_AWS_68', 'CKV2_AWS_33', 'CKV_AWS_175'],
    trivy: ['AVD-AWS-0011', 'aws-cloudfront-enable-waf'],
  },
  targets: (model) => [
    ...['aws_lb', 'aws_alb'].flatMap((t) => model.ofType(t)).filter(isPublicAlb),
    ...restStages(model).filter((s) => isPublicStage(model, s)),
    ...model.ofType('aws_appsync_graphql_api'),
    ...model.ofType('aws_cloudfront_distribution'),
  ],
  check(target, { model }) {
    if (target.type === 'aws_cloudfront_distribution') {
      const acl = target.attributes.get('web_acl_id');
      if (acl && acl.value !== null && acl.value !== '') {
        if (isApplyTime(acl) && !referencesType(target, /^aws_(wafv2_web_acl|waf_web_acl)$/)) return unknown(acl, `${target.address}: web_acl_id is known only at apply time (${reasonOf(acl)}).`);
        return pass(acl);
      }
      return fail(acl ?? target, { message: `${target.address} does not set web_acl_id, so requests reach the origin without WAF filtering.` });
    }
    const pending = unknownDeploymentStage(target);
    if (pending) return pending;
    const associations = ASSOCIATION_TYPES.flatMap((t) => model.related(target, t));
    if (associations.length > 0) return pass(associations[0]!);
    if (target.type === 'aws_appsync_graphql_api' || target.type === 'aws_api_gateway_stage') {
      const direct = target.attributes.get('web_acl_arn') ?? target.attributes.get('waf_web_acl_arn');
      if (direct && isApplyTime(direct) && !referencesType(target, /^aws_(wafv2_web_acl|wafregional_web_acl)$/)) return unknown(direct, `${target.address}: the web ACL is known only at apply time.`);
      if (direct && direct.value !== null && direct.value !== '') return pass(direct);
    }
    return fail(target, { message: `${isDeploymentStage(target) ? stageLabel(target) : target.address} is internet-facing but no WAF web ACL is associated with it.` });
  },
  examples: {
    terraform: {
      bad: ['resource "aws_lb" "portal" {\n  name    = "portal"\n  subnets = ["subnet-1", "subnet-2"]\n}\n'],
      good: [
        'resource "aws_lb" "portal" {\n  name    = "portal"\n  subnets = ["subnet-1", "subnet-2"]\n}\n\nresource "aws_wafv2_web_acl_association" "portal" {\n  resource_arn = aws_lb.portal.arn\n  web_acl_arn  = "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/portal/abc"\n}\n',
      ],
    },
  },
});
