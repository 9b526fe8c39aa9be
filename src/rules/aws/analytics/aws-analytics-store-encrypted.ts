import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import { asBoolean, asString, attr, attrOr, blockOf, blocksOf, isUnresolved, nested } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { applyTimeReason } from '../apply-time.js';
import { phiCustomerKeyOutcome } from '../kms/phi-customer-key.js';
import { requireFlag } from '../require-setting.js';

const TYPES = [
  'aws_athena_workgroup',
  'aws_athena_database',
  'aws_glue_data_catalog_encryption_settings',
  'aws_glue_security_configuration',
  'aws_workspaces_workspace',
  'aws_codebuild_project',
];

/** A mode attribute inside a block: missing block or attribute, or a disabling value, fails. */
function requireMode(resource: Resource, block: ModelBody | undefined, path: string, name: string, accepted: readonly string[], consequence: string): Outcome {
  if (!block) return fail(resource, { message: `${resource.address} does not declare ${path}, so ${consequence}.` });
  const mode = attr(block, name);
  if (!mode) return fail(block, { message: `${resource.address} does not set ${path}.${name}, so ${consequence}.` });
  if (isUnresolved(mode)) return unknown(mode, `${resource.address}: ${path}.${name} depends on ${applyTimeReason(mode)}.`);
  const value = asString(mode.value) ?? '';
  if (accepted.includes(value)) return pass(mode, `${resource.address} sets ${path}.${name} = "${value}".`);
  return fail(mode, { message: `${resource.address} sets ${path}.${name} to "${value}", so ${consequence}.` });
}

function athenaWorkgroup(group: Resource): Outcome[] {
  const configuration = blockOf(group, 'configuration');
  const encryption = configuration ? (nested(configuration, 'result_configuration', 'encryption_configuration') as ModelBody | undefined) : undefined;
  if (!encryption || !('blocks' in encryption)) {
    return [fail(configuration ?? group, { message: `${group.address} does not declare result_configuration.encryption_configuration, so this workgroup enforces no encryption of query results: they get only the result bucket's default (SSE-S3 for new objects since January 2023), under no key the workgroup controls.` })];
  }
  const outcomes = [requireMode(group, encryption, 'encryption_configuration', 'encryption_option', ['SSE_S3', 'SSE_KMS', 'CSE_KMS'], 'query results are not encrypted')];
  outcomes.push(
    requireFlag(group, configuration!, 'enforce_workgroup_configuration', {
      providerDefault: true,
      label: `${group.address} configuration`,
      consequence: 'clients can override the result encryption settings',
      fix: { description: 'Enforce the workgroup configuration', safety: 'safe' },
    }).outcome,
  );
  return outcomes;
}

function check(model: InfraModel, resource: Resource): Outcome[] {
  switch (resource.type) {
    case 'aws_athena_workgroup':
      return athenaWorkgroup(resource);
    case 'aws_athena_database':
      return [requireMode(resource, blockOf(resource, 'encryption_configuration'), 'encryption_configuration', 'encryption_option', ['SSE_S3', 'SSE_KMS', 'CSE_KMS'], 'query results for this database are not encrypted')];
    case 'aws_glue_data_catalog_encryption_settings': {
      const settings = blockOf(resource, 'data_catalog_encryption_settings');
      const outcomes = [
        requireMode(resource, settings ? blockOf(settings, 'encryption_at_rest') : undefined, 'encryption_at_rest', 'catalog_encryption_mode', ['SSE-KMS', 'SSE-KMS-WITH-SERVICE-ROLE'], 'the Data Catalog metadata is not encrypted'),
      ];
      const passwords = settings ? blockOf(settings, 'connection_password_encryption') : undefined;
      outcomes.push(
        passwords
          ? requireFlag(resource, passwords, 'return_connection_password_encrypted', { providerDefault: false, label: `${resource.address} connection_password_encryption`, consequence: 'connection passwords are returned in clear' }).outcome
          : fail(settings ?? resource, { message: `${resource.address} does not declare connection_password_encryption, so connection passwords are not encrypted.` }),
      );
      return outcomes;
    }
    case 'aws_glue_security_configuration': {
      const config = blockOf(resource, 'encryption_configuration');
      const sub = (name: string): ModelBody | undefined => (config ? blockOf(config, name) : undefined);
      return [
        requireMode(resource, sub('s3_encryption'), 's3_encryption', 's3_encryption_mode', ['SSE-KMS', 'SSE-S3'], 'job output in S3 is not encrypted'),
        requireMode(resource, sub('cloudwatch_encryption'), 'cloudwatch_encryption', 'cloudwatch_encryption_mode', ['SSE-KMS'], 'job logs are not KMS-encrypted'),
        requireMode(resource, sub('job_bookmarks_encryption'), 'job_bookmarks_encryption', 'job_bookmarks_encryption_mode', ['CSE-KMS'], 'job bookmarks are not encrypted'),
      ];
    }
    case 'aws_workspaces_workspace': {
      const outcomes = ['root_volume_encryption_enabled', 'user_volume_encryption_enabled'].map(
        (name) => requireFlag(resource, resource, name, { providerDefault: false, consequence: `the ${name.startsWith('root') ? 'root' : 'user'} volume is unencrypted` }).outcome,
      );
      if (outcomes.some((o) => o.status === 'pass') && !attr(resource, 'volume_encryption_key')) {
        outcomes.push(fail(resource, { message: `${resource.address} encrypts volumes but does not set volume_encryption_key.` }));
      }
      return outcomes;
    }
    default: {
      // aws_codebuild_project: artifacts are encrypted (with the aws/s3 key when encryption_key is unset) unless disabled.
      const outcomes: Outcome[] = [];
      for (const artifacts of [...blocksOf(resource, 'artifacts'), ...blocksOf(resource, 'secondary_artifacts')]) {
        const disabled = attrOr(artifacts, 'encryption_disabled', false);
        if (isUnresolved(disabled)) outcomes.push(unknown(disabled, `${resource.address}: ${artifacts.type}.encryption_disabled depends on ${applyTimeReason(disabled)}.`));
        else if (asBoolean(disabled.value) === true) {
          outcomes.push(
            fail(disabled, {
              message: `${resource.address} sets ${artifacts.type}.encryption_disabled = true, so build artifacts are stored unencrypted.`,
              fix: { description: 'Encrypt build artifacts', safety: 'safe', terraform: (edit) => edit.setAttribute(artifacts.span, 'encryption_disabled', 'false') },
            }),
          );
        } else outcomes.push(pass(disabled, `${resource.address} encrypts its ${artifacts.type}.`));
      }
      const cmk = phiCustomerKeyOutcome(model, resource, attr(resource, 'encryption_key'), 'encryption_key', resource.span);
      if (cmk) outcomes.push(cmk);
      return outcomes;
    }
  }
}

export default defineRule<Resource>({
  id: 'aws-analytics-store-encrypted',
  title: 'Athena, Glue, WorkSpaces and CodeBuild stores are encrypted',
  severity: 'medium',
  controls: ['164.312(a)(2)(iv)'],
  kind: 'attr',
  why: 'Query results, catalog metadata, ETL output, virtual desktop volumes and build artifacts are side copies of ePHI that escape the encryption of the primary store unless each is configured.',
  howToFix:
    'Athena: result_configuration.encryption_configuration with enforce_workgroup_configuration = true; Glue: SSE-KMS catalog encryption, encrypted connection passwords and a security configuration with S3, CloudWatch and bookmark encryption; WorkSpaces: root and user volume encryption with a key; CodeBuild: never set encryption_disabled.',
  links: [
    'https://docs.aws.amazon.com/athena/latest/ug/encryption.html',
    'https://docs.aws.amazon.com/glue/latest/dg/encryption-security-configuration.html',
    'https://docs.aws.amazon.com/workspaces/latest/adminguide/encrypt-workspaces.html',
  ],
  references: {
    awsConfig: ['athena-workgroup-encrypted-at-rest'],
    checkov: ['CKV_AWS_159', 'CKV_AWS_82', 'CKV_AWS_77', 'CKV_AWS_94', 'CKV_AWS_99', 'CKV_AWS_155', 'CKV_AWS_156', 'CKV_AWS_78', 'CKV_AWS_147'],
    trivy: [
      'AVD-AWS-0006',
      'aws-athena-enable-at-rest-encryption',
      'AVD-AWS-0007',
      'aws-athena-no-encryption-override',
      'AVD-AWS-0109',
      'aws-workspaces-enable-disk-encryption',
      'AVD-AWS-0018',
      'aws-codebuild-enable-encryption',
    ],
  },
  targets: (model) => TYPES.flatMap((type) => model.ofType(type)),
  check: (resource, { model }) => check(model, resource),
  examples: {
    terraform: {
      bad: ['resource "aws_athena_database" "claims" {\n  name   = "claims"\n  bucket = "example-athena-results"\n}\n'],
      good: [
        'resource "aws_athena_workgroup" "analysts" {\n  name = "analysts"\n\n  configuration {\n    enforce_workgroup_configuration = true\n\n    result_configuration {\n      output_location = "s3://example-athena-results/"\n\n      encryption_configuration {\n        encryption_option = "SSE_KMS"\n        kms_key_arn       = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"\n      }\n    }\n  }\n}\n',
      ],
    },
  },
});
