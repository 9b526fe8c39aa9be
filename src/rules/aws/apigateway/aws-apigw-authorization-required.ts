import { parse as parseYaml } from 'yaml';
import type { Resource } from '../../../model/resource.js';
import { isPlainObject, isUnknown, type Plain } from '../../../model/value.js';
import { asString } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { linkedCandidates } from '../linked.js';

/** WebSocket APIs accept an authorizer on $connect only (https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-route-authorization.html). */
function judgedRoute(route: Resource, api: Resource | undefined): boolean {
  const key = asString(route.attributes.get('route_key')?.value) ?? '';
  if (key.toUpperCase().startsWith('OPTIONS ')) return false; // CORS preflight carries no credentials
  const protocol = asString(api?.attributes.get('protocol_type')?.value)?.toUpperCase();
  if (protocol === 'WEBSOCKET') return key === '$connect';
  return true;
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'x-amazon-apigateway-any-method']);

/** A route the API declares itself: quick create (`route_key` + `target`) or its OpenAPI `body`. */
function judgeApi(api: Resource): Outcome {
  const routeKey = api.attributes.get('route_key');
  if (routeKey) {
    if (isApplyTime(routeKey)) return unknown(routeKey, `${api.address}: route_key is known only at apply time (${reasonOf(routeKey)}).`);
    // Quick create makes the route with authorization NONE; an authorizer needs an aws_apigatewayv2_route.
    return fail(routeKey, { message: `${api.address} creates the route "${asString(routeKey.value) ?? ''}" by quick create, which has no authorizer, so anyone can call it without authenticating.` });
  }
  const body = api.attributes.get('body')!;
  // A jsonencode with apply-time leaves (a Lambda ARN in an integration uri) keeps its structure known.
  const partial = isUnknown(body.value) ? body.value.partial : undefined;
  if (isApplyTime(body) && !isPlainObject(partial ?? null)) return unknown(body, `${api.address}: the OpenAPI body is known only at apply time (${reasonOf(body)}).`);
  let doc: unknown;
  try {
    doc = partial !== undefined ? partial : typeof body.value === 'string' ? parseYaml(body.value) : body.value;
  } catch {
    return unknown(body, `${api.address}: the OpenAPI body could not be read as JSON or YAML.`);
  }
  if (!isPlainObject(doc as Plain)) return unknown(body, `${api.address}: the OpenAPI body is not an OpenAPI document.`);
  const d = doc as Record<string, Plain>;
  const globalSecurity = d['security'];
  // OpenAPI 3 components.securitySchemes, Swagger 2 securityDefinitions.
  const components = d['components'];
  const declared = isPlainObject(components ?? null) ? (components as Record<string, Plain>)['securitySchemes'] : d['securityDefinitions'];
  const schemes = isPlainObject(declared ?? null) ? (declared as Record<string, Plain>) : {};
  const open: string[] = [];
  const paths = isPlainObject(d['paths'] ?? null) ? (d['paths'] as Record<string, Plain>) : {};
  for (const [path, item] of Object.entries(paths)) {
    if (!isPlainObject(item)) continue;
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method.toLowerCase()) || !isPlainObject(operation)) continue;
      if (!operationAuthorized(operation, globalSecurity, schemes)) open.push(`${method === 'x-amazon-apigateway-any-method' ? 'ANY' : method.toUpperCase()} ${path}`);
    }
  }
  if (open.length === 0) return pass(body, `${api.address} requires an authorizer on every operation of its OpenAPI body.`);
  return fail(body, { message: `${api.address} declares ${open.length === 1 ? 'the operation' : 'operations'} ${open.join(', ')} in its OpenAPI body without an authorizer (no security requirement, or an API key only), so anyone can call ${open.length === 1 ? 'it' : 'them'} without authenticating.` });
}

/**
 * A security scheme API Gateway imports as an API key only: type apiKey without an authorizer
 * (x-amazon-apigateway-authorizer) or auth type (x-amazon-apigateway-authtype, e.g. awsSigv4). The
 * method keeps authorization NONE with apiKeyRequired ("Configure a method to use API keys with an
 * OpenAPI definition"), and a key identifies a client application, not a person.
 */
function isApiKeyOnly(scheme: Plain | undefined): boolean {
  if (!isPlainObject(scheme ?? null)) return false;
  const s = scheme as Record<string, Plain>;
  return s['type'] === 'apiKey' && s['x-amazon-apigateway-authorizer'] === undefined && s['x-amazon-apigateway-authtype'] === undefined;
}

/**
 * An OpenAPI operation with a security requirement (its own or the document's) naming a scheme that
 * authenticates the caller, or API Gateway's x-amazon-apigateway-auth.
 */
function operationAuthorized(operation: { readonly [k: string]: Plain }, globalSecurity: Plain | undefined, schemes: Readonly<Record<string, Plain>>): boolean {
  const auth = operation['x-amazon-apigateway-auth'];
  if (isPlainObject(auth) && typeof auth['type'] === 'string' && auth['type'].toUpperCase() !== 'NONE') return true;
  const security = operation['security'] ?? globalSecurity;
  return Array.isArray(security) && security.some((req) => isPlainObject(req) && Object.keys(req).some((name) => !isApiKeyOnly(schemes[name])));
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
    // A route of one of several APIs (api_id = element([...], 1)) is judged when any of them would judge it, not as the first one says.
    ...model.ofType('aws_apigatewayv2_route').filter((r) => {
      const apis = linkedCandidates(model, r, 'aws_apigatewayv2_api', 'api_id');
      return apis.length === 0 ? judgedRoute(r, undefined) : apis.some((api) => judgedRoute(r, api));
    }),
    // Routes an API declares itself: an OpenAPI body (REST or HTTP), or an HTTP API's quick create.
    ...model.ofType('aws_apigatewayv2_api').filter((a) => a.attributes.has('body') || a.attributes.has('route_key')),
    ...model.ofType('aws_api_gateway_rest_api').filter((a) => a.attributes.has('body')),
  ],
  check(target) {
    if (target.type === 'aws_apigatewayv2_api' || target.type === 'aws_api_gateway_rest_api') return judgeApi(target);
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
