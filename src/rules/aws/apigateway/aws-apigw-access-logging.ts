import type { Resource } from '../../../model/resource.js';
import { attr, blockOf } from '../../../model/read.js';
import { defineRule, fail, pass } from '../../define-rule.js';
import { isDeploymentStage, restStages, stageLabel, unknownDeploymentStage } from './rest-stages.js';

export default defineRule<Resource>({
  id: 'aws-apigw-access-logging',
  title: 'API Gateway stages have access logging',
  severity: 'medium',
  controls: ['164.312(b)', '164.308(a)(1)(ii)(D)'],
  kind: 'attr',
  why: 'Access logs record who called which API route and when, the per-request audit trail for APIs that expose ePHI.',
  howToFix:
    'Add access_log_settings { destination_arn = aws_cloudwatch_log_group.<name>.arn, format = ... } to aws_api_gateway_stage / aws_apigatewayv2_stage. A stage created by aws_api_gateway_deployment.stage_name cannot set them: declare it as an aws_api_gateway_stage instead.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/set-up-logging.html'],
  references: { awsConfig: ['api-gwv2-access-logs-enabled'], checkov: ['CKV_AWS_76', 'CKV_AWS_95'], trivy: ['AVD-AWS-0001', 'aws-apigateway-enable-access-logging'] },
  targets: (model) => [...restStages(model), ...model.ofType('aws_apigatewayv2_stage')],
  check(stage) {
    if (isDeploymentStage(stage)) {
      return unknownDeploymentStage(stage) ?? fail(stage, { message: `${stageLabel(stage)} has no access_log_settings (a deployment's stage_name cannot set them), so API requests are not logged.` });
    }
    const settings = blockOf(stage, 'access_log_settings');
    if (!settings) return fail(stage, { message: `${stage.address} does not declare access_log_settings, so API requests are not logged.` });
    const destination = attr(settings, 'destination_arn');
    if (!destination) return fail(settings, { message: `${stage.address} access_log_settings names no destination_arn.` });
    return pass(destination, `${stage.address} writes access logs.`);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_apigatewayv2_stage" "prod" {\n  api_id = "a1b2c3d4e5"\n  name   = "prod"\n}\n'],
      good: [
        'resource "aws_cloudwatch_log_group" "api" {\n  name = "/apigateway/patient-portal"\n}\n\nresource "aws_apigatewayv2_stage" "prod" {\n  api_id = "a1b2c3d4e5"\n  name   = "prod"\n\n  access_log_settings {\n    destination_arn = aws_cloudwatch_log_group.api.arn\n    format          = jsonencode({ requestId = "$context.requestId", ip = "$context.identity.sourceIp", status = "$context.status" })\n  }\n}\n',
      ],
    },
  },
});
