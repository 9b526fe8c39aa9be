import { isPlaceholder, isSecretName, secretsIn } from '../../detectors/index.js';
import { shownValue } from '../../detectors/redact.js';
import { withArticle } from '../../detectors/names.js';
import type { InfraModel } from '../../model/infra-model.js';
import { asString, attrOr } from '../../model/read.js';
import type { ModelBody, Resource } from '../../model/resource.js';
import type { Sourced } from '../../model/sourced.js';
import { isUnknown, type Plain } from '../../model/value.js';
import type { Span } from '../../source/span.js';
import { defineRule, fail, pass, subjectOf, unknown, type Outcome, type Subject } from '../define-rule.js';
import { foundText, hopHolds, originOf } from './literal-scan.js';

interface ComputeSubject extends Subject {
  readonly resource: Resource;
  /** For originOf: whether a hop of a value holds a text (hopHolds). */
  readonly holds: (text: string | undefined) => ((span: Span) => boolean | undefined) | undefined;
}

/** Attribute paths that hold run-time configuration readable by anyone who can describe the resource. */
const CONFIG_PATHS: Readonly<Record<string, readonly string[]>> = {
  aws_lambda_function: ['environment.variables'],
  aws_instance: ['user_data', 'user_data_base64'],
  aws_launch_template: ['user_data'],
  aws_launch_configuration: ['user_data', 'user_data_base64'],
  aws_ecs_task_definition: ['container_definitions'],
  aws_batch_job_definition: ['container_properties'],
  // PLAINTEXT variables are shown to anyone who can view the project (Security Hub CodeBuild.2).
  aws_codebuild_project: ['environment.environment_variable'],
  // value_wo (AWS provider 5.9x/6, Terraform >= 1.11) keeps the value out of state, not out of the parameter.
  aws_ssm_parameter: ['value', 'insecure_value', 'value_wo'],
  aws_elastic_beanstalk_environment: ['setting'],
  aws_apprunner_service: ['source_configuration.image_repository.image_configuration.runtime_environment_variables'],
  azurerm_linux_virtual_machine: ['custom_data', 'user_data'],
  azurerm_windows_virtual_machine: ['custom_data', 'user_data'],
  azurerm_virtual_machine: ['os_profile.custom_data'],
  azurerm_linux_virtual_machine_scale_set: ['custom_data', 'user_data'],
  azurerm_container_group: ['container.environment_variables'],
  azurerm_linux_web_app: ['app_settings'],
  azurerm_linux_function_app: ['app_settings'],
  azurerm_windows_web_app: ['app_settings'],
  azurerm_windows_function_app: ['app_settings'],
  google_compute_instance: ['metadata', 'metadata_startup_script'],
  google_cloudfunctions_function: ['environment_variables'],
  google_cloudfunctions2_function: ['service_config.environment_variables'],
  google_cloud_run_v2_service: ['template.containers.env'],
  kubernetes_config_map: ['data'],
  kubernetes_config_map_v1: ['data'],
};
const KUBERNETES_WORKLOAD = /^kubernetes_(deployment|stateful_set|daemon_set|daemonset|job|cron_job|pod|replication_controller)(_v1)?$/;

/** True for the run-time configuration this rule judges, so tf-no-secrets-in-code does not report the same literal twice. */
export function isComputeConfigPath(type: string, path: string): boolean {
  // A SecureString parameter is fine at run time but its literal is still a secret in code: that stays tf-no-secrets-in-code's.
  if (type === 'aws_ssm_parameter') return false;
  if (KUBERNETES_WORKLOAD.test(type)) return true;
  return (CONFIG_PATHS[type] ?? []).some((p) => path === p || path.startsWith(`${p}.`));
}

/** Values under a dotted path of attributes and nested blocks; blocks contribute objects. */
function valuesAt(body: ModelBody, path: readonly string[], prefix = ''): { path: string; value: Sourced }[] {
  const [head, ...rest] = path;
  if (head === undefined) return [];
  const here = prefix === '' ? head : `${prefix}.${head}`;
  const out: { path: string; value: Sourced }[] = [];
  const attribute = body.attributes.get(head);
  if (attribute && rest.length === 0) out.push({ path: here, value: attribute });
  for (const block of body.blocks.filter((b) => b.type === head)) {
    if (rest.length > 0) out.push(...valuesAt(block, rest, here));
    else {
      // A block of name/value pairs (Beanstalk setting, Kubernetes env): judge `value` keyed by `name`.
      const name = asString(block.attributes.get('name')?.value);
      const value = block.attributes.get('value');
      // A CodeBuild variable of type PARAMETER_STORE or SECRETS_MANAGER holds the secret's name, not the secret.
      const kind = block.attributes.get('type');
      if (kind !== undefined && asString(kind.value) !== 'PLAINTEXT') continue;
      if (name !== undefined && value) out.push({ path: `${here}.${name}`, value });
    }
  }
  return out;
}

/** Kubernetes workloads: every container env { name, value } anywhere below the spec. */
function kubernetesEnv(body: ModelBody, prefix: string): { path: string; value: Sourced }[] {
  const out: { path: string; value: Sourced }[] = [];
  for (const block of body.blocks) {
    const here = `${prefix}.${block.type}`;
    if (block.type === 'env') {
      const name = asString(block.attributes.get('name')?.value);
      const value = block.attributes.get('value');
      if (name !== undefined && value) out.push({ path: `${here}.${name}`, value });
    } else out.push(...kubernetesEnv(block, here));
  }
  return out;
}

function configValues(r: Resource): { path: string; value: Sourced }[] {
  if (KUBERNETES_WORKLOAD.test(r.type)) return kubernetesEnv(r, '');
  return (CONFIG_PATHS[r.type] ?? []).flatMap((p) => valuesAt(r, p.split('.')));
}

/** Secret-named keys whose value is unknown until apply (`DB_PASSWORD = random_password.db.result`). */
function unknownSecretKeys(value: Plain, path: string): string[] {
  if (isUnknown(value)) return isSecretName(path.split('.').pop() ?? path) ? [path] : [];
  if (value === null || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.flatMap((v, i) => unknownSecretKeys(v, `${path}[${i}]`));
  return Object.entries(value).flatMap(([k, v]) => unknownSecretKeys(v, `${path}.${k}`));
}

function targets(model: InfraModel): ComputeSubject[] {
  return model.resources
    .filter((r) => r.mode === 'managed' && (r.type in CONFIG_PATHS || KUBERNETES_WORKLOAD.test(r.type)))
    .map((r) => ({ ...subjectOf(r), resource: r, holds: (text: string | undefined) => hopHolds(model, text) }));
}

function checkSsmParameter(subject: ComputeSubject): Outcome | undefined {
  const r = subject.resource;
  const type = attrOr(r, 'type', 'String');
  if (isUnknown(type.value) || type.value === 'SecureString') return undefined;
  const name = asString(r.attributes.get('name')?.value) ?? r.name;
  const leaf = name.split('/').filter((s) => s !== '').pop() ?? name;
  const value = r.attributes.get('value') ?? r.attributes.get('insecure_value') ?? r.attributes.get('value_wo');
  if (!isSecretName(leaf) || !value) return undefined;
  if (typeof value.value === 'string' && isPlaceholder(value.value)) return undefined;
  return fail(type, {
    message: `${subject.address} stores the secret-named parameter "${name}" as type ${String(type.value)}${type.provenance === 'default' ? ' (the default)' : ''}, which is not encrypted; use SecureString.`,
    fix: { description: 'Store the parameter as a SecureString (the parameter is replaced)', safety: 'unsafe', terraform: (edit) => edit.setAttribute(r.span, 'type', '"SecureString"') },
  });
}

export default defineRule<ComputeSubject>({
  id: 'tf-no-secrets-in-compute-config',
  title: 'Secrets are not placed in environment variables, user data or plain parameters',
  severity: 'high',
  controls: ['164.312(a)(1)', '164.312(a)(2)(iv)', '164.308(a)(5)(ii)(D)'],
  kind: 'attr',
  why: 'Environment variables, user data and String parameters are shown in plain text to anyone who can describe the function, instance or task, and are copied into logs and AMIs; secrets there expose the ePHI they protect.',
  howToFix:
    'Reference a secret store at run time instead: ECS `secrets` with valueFrom, Lambda reading Secrets Manager/SSM SecureString, SSM type = "SecureString", Azure secure_environment_variables or Key Vault references, Kubernetes Secrets.',
  links: ['https://docs.aws.amazon.com/AmazonECS/latest/developerguide/specifying-sensitive-data.html', 'https://docs.aws.amazon.com/systems-manager/latest/userguide/sysman-paramstore-securestring.html'],
  references: {
    awsConfig: ['ecs-no-environment-secrets'],
    checkov: ['CKV_AWS_45', 'CKV_AWS_46', 'CKV2_AWS_34', 'CKV_AWS_337', 'CKV_AZURE_45', 'CKV_AZURE_235', 'CKV_K8S_35'],
    trivy: [
      'AVD-AWS-0036', 'aws-ecs-no-plaintext-secrets', 'AVD-AWS-0029', 'aws-ec2-no-secrets-in-user-data', 'AVD-AWS-0129', 'aws-ec2-no-secrets-in-launch-template-user-data',
      'AVD-AZU-0037', 'azure-compute-no-secrets-in-custom-data', 'AVD-KSV-0109', 'kubernetes-configMap-with-secrets', 'AVD-KSV-01010', 'kubernetes-configMap-with-sensitive',
    ],
  },
  targets: (model) => targets(model),
  check(subject): Outcome | Outcome[] {
    if (subject.type === 'aws_ssm_parameter') {
      const ssm = checkSsmParameter(subject);
      if (ssm) return ssm;
    }
    const outcomes: Outcome[] = [];
    const pending: string[] = [];
    for (const { path, value } of configValues(subject.resource)) {
      if (subject.type === 'aws_ssm_parameter' && attrOr(subject.resource, 'type', 'String').value === 'SecureString') continue;
      for (const { finding, leaf } of secretsIn(value.value, path)) {
        const origin = originOf(value, leaf.path, path, undefined, subject.holds(foundText(leaf, finding)));
        outcomes.push(
          fail(origin, {
            message: `${subject.address} puts ${withArticle(finding.label)} (${shownValue(finding)}) in ${leaf.path}${leaf.encoding === 'base64' ? ' (base64-encoded)' : ''}.`,
            related: origin === value.span ? [] : [{ span: value.span, message: 'placed in the configuration here' }],
          }),
        );
      }
      pending.push(...unknownSecretKeys(value.value, path));
    }
    if (outcomes.length > 0) return outcomes;
    if (pending.length > 0) return unknown(subject, `${subject.address} sets ${pending.join(', ')} from a value known only at apply time; a secret there would be readable in the resource configuration.`);
    return pass(subject, `${subject.address} carries no secrets in its run-time configuration.`);
  },
  examples: {
    terraform: {
      bad: [
        'resource "aws_lambda_function" "api" {\n  function_name = "phi-api"\n  role          = "arn:aws:iam::123456789012:role/phi-api"\n  runtime       = "python3.12"\n  handler       = "app.handler"\n  filename      = "app.zip"\n\n  environment {\n    variables = {\n      DB_PASSWORD = "Zk29-qpL!x7"\n    }\n  }\n}\n',
      ],
      good: [
        'resource "aws_lambda_function" "api" {\n  function_name = "phi-api"\n  role          = "arn:aws:iam::123456789012:role/phi-api"\n  runtime       = "python3.12"\n  handler       = "app.handler"\n  filename      = "app.zip"\n\n  environment {\n    variables = {\n      DB_SECRET_ARN = "arn:aws:secretsmanager:us-east-1:123456789012:secret:phi-db"\n    }\n  }\n}\n',
      ],
    },
  },
});
