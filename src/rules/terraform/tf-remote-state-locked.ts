import { asBoolean, attr, isUnresolved } from '../../model/read.js';
import type { FixRequest } from '../../fixes/fix.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../define-rule.js';
import { rootSettings } from './root-modules.js';
import { satisfies } from './version-constraint.js';
import { backendLabel, backendsOf, isPartialConfiguration, type BackendSubject } from './backend.js';

/** Backends that lock state natively (https://developer.hashicorp.com/terraform/language/backend). */
const NATIVE_LOCKING = new Set(['gcs', 'azurerm', 'remote', 'cloud', 'consul', 'pg', 'kubernetes', 'cos']);

export default defineRule<BackendSubject>({
  id: 'tf-remote-state-locked',
  title: 'The state backend locks state',
  severity: 'medium',
  controls: ['164.312(c)(1)', '164.308(a)(1)(ii)(B)'],
  kind: 'repo',
  why: 'Without locking, two concurrent applies can interleave and corrupt the state that tracks ePHI stores, leading to lost or duplicated infrastructure and misapplied protections.',
  howToFix: 'For backend "s3" set use_lockfile = true (Terraform >= 1.10) or dynamodb_table = "<lock table>"; for backend "http" set lock_address.',
  links: ['https://developer.hashicorp.com/terraform/language/backend/s3#state-locking', 'https://developer.hashicorp.com/terraform/language/state/locking'],
  references: {},
  targets: (model) => backendsOf(model).filter((b) => !b.implicit && b.backendType !== 'local'),
  check(b, { model }): Outcome {
    const label = backendLabel(b);
    if (NATIVE_LOCKING.has(b.backendType)) return pass(b, `${label} locks state natively.`);
    const config = b.config!;
    if (b.backendType === 's3') {
      const table = attr(config, 'dynamodb_table');
      const lockfile = attr(config, 'use_lockfile');
      if (isUnresolved(table) || isUnresolved(lockfile)) return unknown(table ?? lockfile ?? b, `${label}: locking settings are known only at init time.`);
      if (asBoolean(lockfile?.value) === true) return pass(lockfile!, `${label} locks state with an S3 lock file.`);
      if (typeof table?.value === 'string' && table.value !== '') return pass(table, `${label} locks state in the DynamoDB table ${table.value}.`);
      if (isPartialConfiguration(b)) return unknown(b, `${label} is a partial configuration (its block leaves out the bucket or the key): its other settings come from terraform init -backend-config, so whether state is locked is not in the code.`);
      // use_lockfile needs Terraform 1.10: not offered where required_version keeps the module before it.
      const required = rootSettings(model, b.dir).find((st) => st.requiredVersion)?.requiredVersion?.value;
      const before110 = typeof required === 'string' && satisfies('1.10.0', required) === false && satisfies('1.11.0', required) === false;
      const fix: FixRequest | undefined = before110 ? undefined : { description: 'Enable S3 native state locking (needs Terraform >= 1.10)', safety: 'unsafe', terraform: (edit) => edit.setAttribute(b.span, 'use_lockfile', 'true') };
      return fail(lockfile ?? b, {
        message: `${label} sets neither use_lockfile = true nor dynamodb_table, so concurrent runs are not locked out${before110 ? ` (use_lockfile needs Terraform 1.10, which required_version "${required}" excludes: use a DynamoDB table)` : ''}.`,
        ...(fix ? { fix } : {}),
      });
    }
    if (b.backendType === 'http') {
      const lock = attr(b.config!, 'lock_address');
      if (isUnresolved(lock)) return unknown(lock!, `${label}: lock_address is known only at init time.`);
      if (typeof lock?.value === 'string' && lock.value !== '') return pass(lock, `${label} locks state through ${lock.value}.`);
      return fail(b, { message: `${label} does not set lock_address, so state is not locked.` });
    }
    if (b.backendType === 'oss') {
      const table = attr(b.config!, 'tablestore_table');
      if (typeof table?.value === 'string' && table.value !== '') return pass(table, `${label} locks state in a Tablestore table.`);
      return fail(b, { message: `${label} does not set tablestore_table, so state is not locked.` });
    }
    return unknown(b, `${label}: whether this backend type locks state cannot be judged from its configuration.`);
  },
  examples: {
    terraform: {
      bad: ['terraform {\n  backend "s3" {\n    bucket     = "example-tf-state"\n    key        = "phi/terraform.tfstate"\n    region     = "us-east-1"\n    encrypt    = true\n    kms_key_id = "alias/terraform-state"\n  }\n}\n'],
      good: ['terraform {\n  backend "s3" {\n    bucket       = "example-tf-state"\n    key          = "phi/terraform.tfstate"\n    region       = "us-east-1"\n    encrypt      = true\n    kms_key_id   = "alias/terraform-state"\n    use_lockfile = true\n  }\n}\n'],
    },
  },
});
