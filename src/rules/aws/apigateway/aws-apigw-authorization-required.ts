import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';

/** WebSocket APIs accept an authorizer on $connect only (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-authorization.html). */
function judgedRoute(route: Resource, api: Resource | undefined): boolean {
  const key = asString(route.attributes.get('route_key')?.value) ?? '';
  if (key.toUpperCase().startsWith('OPTIONS ')) return false; // CORS preflight carries no credentials
  const protocol = asString(api?.attributes.get('protocol_type')?.value)?.toUpperCase();
  if (protocol === 'WEBSOCKET') return key === '$connect';
  return true;
}

export default defineRule<Resource>({
  id: 'aws-apigw-authorization-required',
  title: 'API Gateway methods and routes require an authorizer',
  severity: 'high',
  controls: ['164.312(d)', '164.312(a)(1)'],
  kind: 'attr',
  why: 'A method or route with authorization NONE answers anyone on the internet, so an API that serves ePHI never learns who is asking.',
  howToFix:
    'Set authorization to AWS_IAM, COGNITO_USER_POOLS or CUSTOM (with authorizer_id) on aws_api_gateway_method, and authorization_type to AWS_IAM, JWT or CUSTOM on aws_apigatewayv2_route. An API key identifies a client application, not a person.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-control-access-to-api.html'],
  references: {
    awsConfig: ['api-gwv2-authorization-type-configured'],
    checkov: ['CKV2_AWS_70', 'CKV_AWS_59', 'CKV_AWS_309'],
    trivy: ['AVD-AWS-0004', 'aws-apigateway-no-public-access'],
  },
  targets: (model) => [
    ...model.ofType('aws_api_gateway_method').filter((m) => asString(m.attributes.get('http_method')?.value)?.toUpperCase() !== 'OPTIONS'),
    ...model.ofType('aws_apigatewayv2_route').filter((r) => judgedRoute(r, model.related(r, 'aws_apigatewayv2_api')[0])),
  ],
  check(target) {
    const name = target.type === 'aws_api_gateway_method' ? 'authorization' : 'authorization_type';
    const value = target.attributes.get(name);
    if (value && isApplyTime(value)) return unknown(value, `${target.address}: ${name} is known only at apply time (${reasonOf(value)}).`);
    const kind = asString(value?.value) ?? 'NONE';
    if (kind.toUpperCase() !== 'NONE') return pass(value ?? target);
    return fail(value ?? target, {
      message: value
        ? `${target.address} sets ${name} to "NONE", so anyone can call it without authenticating.`
        : `${target.address} does not set ${name} (default "NONE"), so anyone can call it without authenticating.`,
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_api_gateway_method" "get_patient" {\n  rest_api_id   = "a1b2c3"\n  resource_id   = "r1"\n  http_method   = "GET"\n  authorization = "NONE"\n}\n',
      ],
      good: [
        'resource "aws_api_gateway_method" "get_patient" {\n  rest_api_id   = "a1b2c3"\n  resource_id   = "r1"\n  http_method   = "GET"\n  authorization = "AWS_IAM"\n}\n',
      ],
    },
  },
});
