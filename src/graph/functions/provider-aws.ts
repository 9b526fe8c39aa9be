// The AWS provider's own functions (Terraform >= 1.8, AWS provider >= 5.40), which need no API
// call: `provider::aws::arn_parse`, `arn_build` and `trim_iam_role_path`. Evaluated here, a policy
// or a role ARN built with them is known at plan time, as Terraform has it, instead of unknown.
// Semantics of the provider's internal/function package and the AWS SDK's arn.Parse: an ARN is
// "arn:" and five more colon-separated sections, the last holding the rest (it may hold colons).
import { EvalError, obj, type Val } from '../value.js';
import { str, type FunctionSpec } from './args.js';

interface Arn {
  readonly partition: string;
  readonly service: string;
  readonly region: string;
  readonly accountId: string;
  readonly resource: string;
}

function parseArn(text: string): Arn {
  if (!text.startsWith('arn:')) throw new EvalError('Invalid ARN: it does not start with "arn:".');
  const parts = text.split(':');
  if (parts.length < 6) throw new EvalError('Invalid ARN: it has fewer than six colon-separated sections.');
  return { partition: parts[1]!, service: parts[2]!, region: parts[3]!, accountId: parts[4]!, resource: parts.slice(5).join(':') };
}

const arnText = (a: Arn): string => `arn:${a.partition}:${a.service}:${a.region}:${a.accountId}:${a.resource}`;

export const awsProviderFunctions: Readonly<Record<string, FunctionSpec>> = {
  'provider::aws::arn_parse': {
    min: 1,
    max: 1,
    fn: ([arn]): Val => {
      const a = parseArn(str(arn, 'arn'));
      return obj([
        ['account_id', a.accountId],
        ['partition', a.partition],
        ['region', a.region],
        ['resource', a.resource],
        ['service', a.service],
      ]);
    },
  },
  'provider::aws::arn_build': {
    min: 5,
    max: 5,
    fn: ([partition, service, region, accountId, resource]): Val =>
      arnText({ partition: str(partition, 'partition'), service: str(service, 'service'), region: str(region, 'region'), accountId: str(accountId, 'account_id'), resource: str(resource, 'resource') }),
  },
  'provider::aws::trim_iam_role_path': {
    min: 1,
    max: 1,
    fn: ([arn]): Val => {
      const a = parseArn(str(arn, 'arn'));
      if (a.service !== 'iam') throw new EvalError('trim_iam_role_path: service must be "iam".');
      if (a.region !== '') throw new EvalError('trim_iam_role_path: region must be empty.');
      if (!a.resource.startsWith('role/')) throw new EvalError('trim_iam_role_path: resource must begin with "role/".');
      return arnText({ ...a, resource: `role/${a.resource.split('/').pop()!}` });
    },
  },
};
