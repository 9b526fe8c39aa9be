import type { Resource } from '../../../model/resource.js';
import { defineRule, fail, pass, unknown } from '../../define-rule.js';
import { isApplyTime, referencesType } from '../judge-setting.js';
import { isDeploymentStage, restStages, stageLabel, unknownDeploymentStage } from './rest-stages.js';

export default defineRule<Resource>({
  id: 'aws-apigw-backend-client-cert',
  title: 'API Gateway stages present a client certificate to back ends',
  severity: 'low',
  controls: ['164.312(e)(1)', '164.312(d)'],
  kind: 'attr',
  why: 'A client certificate lets the back end verify that a request carrying ePHI really came through API Gateway, not from someone calling the integration directly.',
  howToFix:
    'Create an aws_api_gateway_client_certificate and set client_certificate_id on the aws_api_gateway_stage; have the back end verify it. A stage created by aws_api_gateway_deployment.stage_name cannot set one: declare it as an aws_api_gateway_stage instead.',
  links: ['https://docs.aws.amazon.com/apigateway/latest/developerguide/getting-started-client-side-ssl-authentication.html'],
  references: { awsConfig: ['api-gw-ssl-enabled'], checkov: ['CKV2_AWS_51'] },
  targets: (model) => restStages(model),
  check(stage) {
    if (isDeploymentStage(stage)) {
      return unknownDeploymentStage(stage) ?? fail(stage, { message: `${stageLabel(stage)} has no client certificate (a deployment's stage_name cannot set one), so back ends cannot tell API Gateway's requests from anyone else's.` });
    }
    const id = stage.attributes.get('client_certificate_id');
    if (!id || id.value === null || id.value === '') {
      return fail(id ?? stage, { message: `${stage.address} does not set client_certificate_id, so back ends cannot tell API Gateway's requests from anyone else's.` });
    }
    // A reference to an aws_api_gateway_client_certificate is computed at apply time but is still a certificate.
    if (isApplyTime(id) && !referencesType(stage, /^aws_api_gateway_client_certificate$/)) return unknown(id, `${stage.address}: client_certificate_id comes from a value known only at apply time.`);
    return pass(id);
  },
  examples: {
    terraform: {
      bad: ['resource "aws_api_gateway_stage" "prod" {\n  rest_api_id   = "a1b2c3"\n  deployment_id = "d1"\n  stage_name    = "prod"\n}\n'],
      good: [
        'resource "aws_api_gateway_client_certificate" "backend" {\n  description = "presented to the patient-records back end"\n}\n\nresource "aws_api_gateway_stage" "prod" {\n  rest_api_id           = "a1b2c3"\n  deployment_id         = "d1"\n  stage_name            = "prod"\n  client_certificate_id = aws_api_gateway_client_certificate.backend.id\n}\n',
      ],
    },
  },
});
