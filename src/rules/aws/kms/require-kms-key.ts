// "A KMS key is configured": the attribute names a key (any key, or a customer-managed one when the
// row asks for it). An AWS-managed alias (alias/aws/<service>) counts as a key but not as a CMK.
import type { InfraModel } from '../../../model/infra-model.js';
import type { ModelBody, Resource } from '../../../model/resource.js';
import { attr } from '../../../model/read.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { phiClassOf } from '../phi-scope.js';
import { judgeKmsKey } from './kms-key-reference.js';

export interface KeyRequirement {
  /** 'any' accepts AWS-managed keys; 'customer' requires a CMK; 'customer-for-phi' requires a CMK on PHI-classified resources. */
  readonly strength: 'any' | 'customer' | 'customer-for-phi';
  /** What happens without the key, e.g. "messages are stored unencrypted". */
  readonly missing: string;
  readonly label?: string;
}

export function requireKmsKey(model: InfraModel, resource: Resource, body: ModelBody, name: string, requirement: KeyRequirement): Outcome {
  const key = attr(body, name);
  const label = requirement.label ?? resource.address;
  const judged = judgeKmsKey(model, resource, key);
  const needCustomer = requirement.strength === 'customer' || (requirement.strength === 'customer-for-phi' && phiClassOf(resource) === 'phi');
  switch (judged.kind) {
    case 'missing':
      return fail(body, { message: `${label} does not set ${name}, so ${requirement.missing}.` });
    case 'unknown':
      // A template with literal text names some key even before its apply-time parts are known.
      if (judged.keyNamed === true && !needCustomer) return pass(key ?? body, `${label} names a KMS key in ${name} (which one depends on ${judged.reason}).`);
      return unknown(key ?? body, `${label}: the key named by ${name} depends on ${judged.reason}.`);
    case 'aws-managed':
      return needCustomer
        ? fail(key ?? body, {
            message: `${label} sets ${name} to the AWS-managed key ${judged.alias}, not a customer-managed key${requirement.strength === 'customer-for-phi' ? ' (required for resources classified PHI)' : ''}.`,
          })
        : pass(key ?? body, `${label} encrypts with the AWS-managed key ${judged.alias}.`);
    case 'customer-managed':
      return pass(key ?? body, `${label} encrypts with a customer-managed KMS key.`);
  }
}
