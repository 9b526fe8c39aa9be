// "CMK for PHI": resources classified PHI must name a customer-managed key, so key policy, grants
// and CloudTrail key-usage events control and record who can decrypt ePHI.
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';
import type { Span } from '../../../source/span.js';
import { fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { phiClassOf } from '../phi-scope.js';
import { judgeKmsKey } from './kms-key-reference.js';

/**
 * For a PHI-classified resource, an outcome on whether `keyAttribute` names a customer-managed key;
 * undefined when the resource is not classified PHI (the plain encryption check is then enough).
 */
export function phiCustomerKeyOutcome(
  model: InfraModel,
  resource: Resource,
  key: Sourced | undefined,
  keyAttribute: string,
  where: Span,
): Outcome | undefined {
  if (phiClassOf(resource) !== 'phi') return undefined;
  const judged = judgeKmsKey(model, resource, key);
  switch (judged.kind) {
    case 'customer-managed':
      return pass(key ?? where, `${resource.address} is classified PHI and encrypts with a customer-managed KMS key.`);
    case 'unknown':
      return unknown(key ?? where, `${resource.address}: whether ${keyAttribute} names a customer-managed key depends on ${judged.reason}.`);
    case 'aws-managed':
      return fail(key ?? where, { message: `${resource.address} is classified PHI but ${keyAttribute} names the AWS-managed key ${judged.alias}, not a customer-managed key.` });
    case 'missing':
      return fail(where, { message: `${resource.address} is classified PHI but does not set ${keyAttribute}, so it is encrypted with an AWS-managed or AWS-owned key, not a customer-managed key.` });
  }
}
