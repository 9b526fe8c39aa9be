// Which AWS account a provider configuration names, one rule for the sources (graph/materialize.ts)
// and for a plan's provider_config (adapters/terraform-plan/adapt-plan.ts), each reading its own
// form of the arguments. Account-level rules judge each account apart (rules/aws/account.ts).

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):/;

/**
 * The account a provider configuration deploys to, when it names exactly one: an
 * `allowed_account_ids` of one id (one written with more, or not readable, names none), else the
 * account of the role it assumes (the last `assume_role` block's `role_arn`, as the provider chains
 * them in order; or `assume_role_with_web_identity`'s). `text` reads a node's known string; `at` is
 * the node the account was read from.
 */
export function namedAccount<N>(allowedIds: readonly N[] | undefined, lastRoleArn: N | undefined, text: (node: N) => string | undefined): { readonly at: N; readonly account: string } | undefined {
  if (allowedIds !== undefined) {
    const id = allowedIds.length === 1 ? text(allowedIds[0]!) : undefined;
    return id !== undefined ? { at: allowedIds[0]!, account: id } : undefined;
  }
  const arn = lastRoleArn !== undefined ? text(lastRoleArn) : undefined;
  const account = arn !== undefined ? ROLE_ARN.exec(arn)?.[1] : undefined;
  return account !== undefined ? { at: lastRoleArn!, account } : undefined;
}
