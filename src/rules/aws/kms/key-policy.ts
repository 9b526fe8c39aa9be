// The key policy in force for a KMS key. Terraform sets it either with aws_kms_key.policy or with
// a separate aws_kms_key_policy, which replaces the key's whole policy ("this resource will
// overwrite the key policy"); without either the key keeps the default key policy, which grants
// the account's IAM principals and no service.
import type { InfraModel } from '../../../model/infra-model.js';
import type { Resource } from '../../../model/resource.js';
import type { Sourced } from '../../../model/sourced.js';

export interface KeyPolicy {
  /** The policy document as written (JSON text, jsonencode or a policy document's json). */
  readonly policy: Sourced;
  /** The resource that sets it: the key itself, or the aws_kms_key_policy attached to it. */
  readonly setBy: Resource;
}

/**
 * The policy of `key`: an aws_kms_key_policy linked to it (key_id = aws_kms_key.k.id) wins, as it
 * overwrites the key's policy; else the key's own `policy`; undefined for the default key policy.
 */
export function keyPolicyOf(model: InfraModel, key: Resource): KeyPolicy | undefined {
  for (const separate of model.related(key, 'aws_kms_key_policy')) {
    const policy = separate.attributes.get('policy');
    if (policy) return { policy, setBy: separate };
  }
  const own = key.attributes.get('policy');
  return own ? { policy: own, setBy: key } : undefined;
}
