import type { Resource } from '../../../model/resource.js';
import { asBoolean, asString, attr, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { methodSettingsOf } from './rest-stages.js';

function methodSettingsOutcome(settings: Resource): Outcome {
  const block = blockOf(settings, 'settings');
  if (!block) return pass(settings, `${settings.address} does not turn on response caching.`);
  const caching = attrOr(block, 'caching_enabled', false);
  if (isUnresolved(caching)) return unknown(caching, `${settings.address}: caching_enabled depends on ${applyTimeReason(caching)}.`);
  if (asBoolean(caching.value) !== true) return pass(caching, `${settings.address} does not cache responses.`);
  const encrypted = attrOr(block, 'cache_data_encrypted', false);
  if (isUnresolved(encrypted)) return unknown(encrypted, `${settings.address}: cache_data_encrypted depends on ${applyTimeReason(encrypted)}.`);
  if (asBoolean(encrypted.value) === true) return pass(encrypted, `${settings.address} encrypts its response cache.`);
  return fail(encrypted, {
    message:
      encrypted.provenance === 'default'
        ? `${settings.address} enables caching but does not set cache_data_encrypted, so cached responses are stored unencrypted.`
        : `${settings.address} enables caching with cache_data_encrypted = false, so cached responses are stored unencrypted.`,
    fix: { description: 'Encrypt the response cache', safety: 'safe', terraform: (edit) => edit.setAttribute(block.span, 'cache_data_encrypted', 'true') },
  });
}

export default defineRule<Resource>({
  id: 'aws-apigw-cache-encrypted',
  title: 'API Gateway response caches are encrypted',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'A REST API cache stores whole responses (patient records, results) on the cache cluster; cache data is unencrypted unless cache_data_encrypted is set.',
  howToFix: 'Where caching_enabled = true (or the stage has cache_cluster_enabled = true), set settings.cache_data_encrypted = true in aws_api_gateway_method_settings for "*/*".',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-caching.html'],
  references: { awsConfig: ['api-gw-cache-enabled-and-encrypted'], checkov: ['CKV_AWS_308'], trivy: ['AVD-AWS-0002', 'aws-apigateway-enable-cache-encryption'] },
  targets: (model) => [
    ...model.ofType('aws_api_gateway_method_settings'),
    // A stage with a cache cluster caches GET methods by default, unencrypted, unless method settings say otherwise.
    ...model.ofType('aws_api_gateway_stage').filter((s) => attr(s, 'cache_cluster_enabled') !== undefined),
  ],
  check(resource, { model }) {
    if (resource.type === 'aws_api_gateway_method_settings') return methodSettingsOutcome(resource);
    const cache = attrOr(resource, 'cache_cluster_enabled', false);
    if (isUnresolved(cache)) return unknown(cache, `${resource.address}: cache_cluster_enabled depends on ${applyTimeReason(cache)}.`);
    if (asBoolean(cache.value) !== true) return pass(cache, `${resource.address} has no cache cluster.`);
    const wildcard = methodSettingsOf(model, resource).find((s) => asString(attr(s, 'method_path')?.value) === '*/*');
    const block = wildcard ? blockOf(wildcard, 'settings') : undefined;
    const encrypted = block ? attr(block, 'cache_data_encrypted') : undefined;
    if (encrypted && isUnresolved(encrypted)) return unknown(encrypted, `${resource.address}: cache_data_encrypted depends on ${applyTimeReason(encrypted)}.`);
    if (encrypted && asBoolean(encrypted.value) === true) return pass(cache, `${resource.address} has a cache cluster and ${wildcard!.address} encrypts cached data.`);
    const caching = block ? attr(block, 'caching_enabled') : undefined;
    if (caching && !isUnresolved(caching) && asBoolean(caching.value) === false) return pass(cache, `${resource.address} has a cache cluster but ${wildcard!.address} turns caching off.`);
    return fail(cache, {
      message: `${resource.address} enables a cache cluster but no "*/*" method settings set cache_data_encrypted = true, so cached GET responses are stored unencrypted.`,
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = "a1b2c3d4e5"\n  stage_name  = "prod"\n  method_path = "*/*"\n\n  settings {\n    caching_enabled = true\n  }\n}\n',
      ],
      good: [
        'resource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = "a1b2c3d4e5"\n  stage_name  = "prod"\n  method_path = "*/*"\n\n  settings {\n    caching_enabled      = true\n    cache_data_encrypted = true\n  }\n}\n',
      ],
    },
  },
});
