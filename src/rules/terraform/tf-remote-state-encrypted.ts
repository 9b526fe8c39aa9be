import { awsManagedAlias } from '../aws/kms/kms-key-reference.js';
import { phiClassOf } from '../aws/phi-scope.js';
import { asBoolean, asString, attr, isUnresolved } from '../../model/read.js';
import type { Sourced } from '../../model/sourced.js';
import type { InfraModel } from '../../model/infra-model.js';
import type { Resource } from '../../model/resource.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../define-rule.js';
import { backendLabel, backendsOf, isPartialConfiguration, type BackendSubject } from './backend.js';
import { dirOf } from './root-modules.js';

type Params = { requireCustomerManagedKey: boolean; acknowledgeHcpTerraformBaa: boolean; localStateScope: string };

function isSet(value: Sourced | undefined): boolean {
  return value !== undefined && value.value !== null && value.value !== '';
}

export default defineRule<BackendSubject, Params>({
  id: 'tf-remote-state-encrypted',
  title: 'Terraform state is kept in an encrypted remote backend',
  severity: 'high',
  controls: ['164.312(a)(2)(iv)', '164.312(a)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'repo',
  why: 'Terraform state holds every resource attribute in plain text, including database passwords, keys and identifiers of ePHI stores; on a laptop or an unencrypted bucket it is an unprotected copy of them.',
  howToFix:
    'Use a remote backend with server-side encryption under a customer-managed key: backend "s3" with encrypt = true and kms_key_id, backend "gcs" with kms_encryption_key, backend "azurerm" on a CMK-encrypted storage account, or HCP Terraform under a BAA.',
  links: ['https://developer.hashicorp.com/terraform/language/backend/s3', 'https://developer.hashicorp.com/terraform/language/state/sensitive-data'],
  references: {},
  params: { requireCustomerManagedKey: true, acknowledgeHcpTerraformBaa: false, localStateScope: 'phi' },
  targets: (model) => backendsOf(model),
  check(b, { model, params }): Outcome {
    const label = backendLabel(b);
    const config = b.config;
    switch (b.backendType) {
      case 'local': {
        if (params.localStateScope !== 'all') {
          const stack = resourcesOfRoot(model, b.dir);
          const classes = stack.map(phiClassOf);
          if (!classes.includes('phi')) {
            if (classes.includes('unknown')) return unknown(b, `${label}; whether the stack holds PHI depends on classification tags known only at apply time.`);
            return pass(b, `${label}; no resource in the stack is classified PHI.`);
          }
        }
        return fail(b, { message: `${label}: local state is an unencrypted file on whoever ran Terraform, and this stack holds PHI-classified resources.` });
      }
      case 's3': {
        const encrypt = attr(config!, 'encrypt');
        const kms = attr(config!, 'kms_key_id');
        if (isUnresolved(encrypt) || isUnresolved(kms)) return unknown(encrypt ?? kms ?? b, `${label}: encryption settings are known only at init time.`);
        if (isPartialConfiguration(b) && (asBoolean(encrypt?.value) !== true || (params.requireCustomerManagedKey && !isSet(kms)))) {
          return unknown(encrypt ?? b, `${label} is a partial configuration (its block leaves out the bucket or the key): its other settings come from terraform init -backend-config, so whether state is encrypted is not in the code.`);
        }
        const gaps: string[] = [];
        if (asBoolean(encrypt?.value) !== true) gaps.push(encrypt ? 'sets encrypt = false' : 'does not set encrypt (default false), so state objects are not encrypted by Terraform');
        if (params.requireCustomerManagedKey && !isSet(kms)) gaps.push('does not set kms_key_id, so no customer-managed key protects the state');
        // alias/aws/s3 is the AWS-managed key: anyone allowed s3:GetObject on the state reads it, no key policy of yours in between.
        const awsManaged = typeof kms?.value === 'string' ? awsManagedAlias(kms.value) : undefined;
        if (params.requireCustomerManagedKey && awsManaged) gaps.push(`sets kms_key_id to the AWS-managed key ${awsManaged}, not a customer-managed key`);
        if (gaps.length === 0) return pass(encrypt ?? b, `${label} encrypts state with the KMS key ${asString(kms?.value) ?? ''}.`);
        return fail(asBoolean(encrypt?.value) === true && awsManaged && kms ? kms : encrypt ?? b, {
          message: `${label} ${gaps.join(' and ')}.`,
          ...(asBoolean(encrypt?.value) !== true
            ? { fix: { description: 'Set encrypt = true on the S3 backend (re-run terraform init)', safety: 'safe' as const, terraform: (edit) => edit.setAttribute(b.span, 'encrypt', 'true') } }
            : {}),
        });
      }
      case 'gcs': {
        const kms = attr(config!, 'kms_encryption_key');
        const csek = attr(config!, 'encryption_key');
        if (isUnresolved(kms) || isUnresolved(csek)) return unknown(kms ?? csek ?? b, `${label}: encryption settings are known only at init time.`);
        if (isPartialConfiguration(b) && !isSet(kms) && !isSet(csek) && params.requireCustomerManagedKey) {
          return unknown(b, `${label} is a partial configuration (no bucket in the block): its other settings come from terraform init -backend-config, so its encryption key is not in the code.`);
        }
        if (isSet(kms) || isSet(csek) || !params.requireCustomerManagedKey) return pass(kms ?? csek ?? b, `${label} encrypts state${isSet(kms) || isSet(csek) ? ' with a customer-managed key' : ''}.`);
        return fail(b, { message: `${label} does not set kms_encryption_key, so state is encrypted only with Google-managed keys.` });
      }
      case 'azurerm':
        return pass(b, `${label} stores state in Azure Storage, which encrypts at rest (a customer-managed key is set on the storage account).`);
      case 'cloud':
      case 'remote':
        if (params.acknowledgeHcpTerraformBaa) return pass(b, `${label}; HCP Terraform encrypts state and a BAA covering it is acknowledged.`);
        return unknown(b, `${label}: HCP Terraform encrypts state, but it is a business associate only if a BAA covers it; set acknowledgeHcpTerraformBaa once one does.`);
      default:
        return unknown(b, `${label}: encryption of this backend type cannot be judged from its configuration.`);
    }
  },
  examples: {
    terraform: {
      bad: ['terraform {\n  backend "s3" {\n    bucket = "example-tf-state"\n    key    = "phi/terraform.tfstate"\n    region = "us-east-1"\n  }\n}\n'],
      good: [
        'terraform {\n  backend "s3" {\n    bucket         = "example-tf-state"\n    key            = "phi/terraform.tfstate"\n    region         = "us-east-1"\n    encrypt        = true\n    kms_key_id     = "alias/terraform-state"\n    dynamodb_table = "terraform-locks"\n  }\n}\n',
      ],
    },
  },
});

const byRoot = new WeakMap<InfraModel, Map<string, Resource[]>>();

/** The resources a root module deploys (its own and its modules'), grouped once per model. */
function resourcesOfRoot(model: InfraModel, dir: string): readonly Resource[] {
  let groups = byRoot.get(model);
  if (!groups) {
    groups = new Map();
    for (const r of model.resources) {
      const root = r.root ?? dirOf(r.span.file);
      const list = groups.get(root);
      if (list) list.push(r);
      else groups.set(root, [r]);
    }
    byRoot.set(model, groups);
  }
  return groups.get(dir) ?? [];
}
