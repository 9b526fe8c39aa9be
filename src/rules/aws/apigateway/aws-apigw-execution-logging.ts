import type { Resource } from '../../../model/resource.js';
import { asString, attr, attrOr, blockOf, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { methodSettingsOf, restStages, stageLabel, unknownDeploymentStage } from './rest-stages.js';
import { linkedCandidates } from '../linked.js';

const LEVELS = new Set(['ERROR', 'INFO']);

export default defineRule<Resource>({
  id: 'aws-apigw-execution-logging',
  title: 'API Gateway stages have execution logging on',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)', '164.308(a)(6)(ii)'],
  kind: 'graph',
  why: 'Execution logs record authorizer decisions, integration errors and throttling for APIs that serve ePHI; without them failed or abusive access attempts leave no trace.',
  howToFix:
    'For REST APIs add aws_api_gateway_method_settings for the stage with method_path = "*/*" and settings.logging_level = "ERROR" or "INFO" (keep data_trace_enabled off for PHI); for WebSocket APIs set default_route_settings.logging_level.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  references: { awsConfig: ['api-gw-execution-logging-enabled'], checkov: ['CKV2_AWS_4', 'CKV_AWS_276'] },
  targets: (model) => [
    ...restStages(model),
    // HTTP APIs have no execution logs; only WebSocket stages are judged.
    ...model.ofType('aws_apigatewayv2_stage').filter((stage) => {
      // A stage of one of several APIs (api_id = element([...], 1)): judged when any of them is a WebSocket API, not as the first one says.
      return linkedCandidates(model, stage, 'aws_apigatewayv2_api', 'api_id').some((api) => asString(attr(api, 'protocol_type')?.value) === 'WEBSOCKET');
    }),
  ],
  check(stage, { model }) {
    if (stage.type === 'aws_apigatewayv2_stage') {
      const route = blockOf(stage, 'default_route_settings');
      const level = route ? attrOr(route, 'logging_level', 'OFF') : undefined;
      if (!route || !level) return fail(stage, { message: `${stage.address} does not declare default_route_settings.logging_level, so execution logging is OFF.` });
      if (isUnresolved(level)) return unknown(level, `${stage.address}: logging_level depends on ${applyTimeReason(level)}.`);
      const value = asString(level.value) ?? 'OFF';
      if (LEVELS.has(value)) return pass(level, `${stage.address} logs executions at ${value}.`);
      return fail(level, { message: `${stage.address} ${level.provenance === 'default' ? 'does not set logging_level' : `sets logging_level to "${value}"`}, so execution logging is OFF.` });
    }
    const pending = unknownDeploymentStage(stage);
    if (pending) return pending;
    const label = stageLabel(stage);
    const all = methodSettingsOf(model, stage).filter((s) => asString(attr(s, 'method_path')?.value) === '*/*');
    if (all.length === 0) return fail(stage, { message: `${label} has no "*/*" aws_api_gateway_method_settings with a logging_level, so execution logging is OFF.` });
    const settings = all[0]!;
    const block = blockOf(settings, 'settings');
    const level = block ? attrOr(block, 'logging_level', 'OFF') : undefined;
    if (!block || !level) return fail(settings, { message: `${settings.address} does not set settings.logging_level, so execution logging for ${label} is OFF.` });
    if (isUnresolved(level)) return unknown(level, `${settings.address}: logging_level depends on ${applyTimeReason(level)}.`);
    const value = asString(level.value) ?? 'OFF';
    if (LEVELS.has(value)) return pass(level, `${label} logs executions at ${value} (${settings.address}).`);
    return fail(level, {
      message: `${settings.address} ${level.provenance === 'default' ? 'does not set logging_level' : `sets logging_level to "${value}"`}, so execution logging for ${label} is OFF.`,
      fix: { description: 'Log errors', safety: 'safe', terraform: (edit) => edit.setAttribute(block.span, 'logging_level', '"ERROR"') },
    });
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_api_gateway_rest_api" "portal" {\n  name = "patient-portal"\n}\n\nresource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.portal.id\n  deployment_id = "abc123"\n  stage_name    = "prod"\n}\n',
      ],
      good: [
        'resource "aws_api_gateway_rest_api" "portal" {\n  name = "patient-portal"\n}\n\nresource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = aws_api_gateway_rest_api.portal.id\n  deployment_id = "abc123"\n  stage_name    = "prod"\n}\n\nresource "aws_api_gateway_method_settings" "all" {\n  rest_api_id = aws_api_gateway_rest_api.portal.id\n  stage_name  = aws_api_gateway_stage.prod.stage_name\n  method_path = "*/*"\n\n  settings {\n    logging_level = "ERROR"\n  }\n}\n',
      ],
    },
  },
});
