import type { Resource } from '../../../model/resource.js';
import { asString } from '../../../model/read.js';
import { UNKNOWN_TEXT, isUnknown, knownText } from '../../../model/value.js';
import type { Sourced } from '../../../model/sourced.js';
import { causeOf, readsUnsetVariable } from '../../../model/unknown-cause.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { isApplyTime, reasonOf } from '../judge-setting.js';
import { pinsCaller } from '../iam/policy-statements.js';

const SOURCE_ATTRIBUTES = ['source_arn', 'source_account', 'principal_org_id'];

/** A value read from a variable without a value (through functions applied to it). */
function fromUnsetVariable(value: Sourced): boolean {
  if (!isUnknown(value.value)) return value.provenance === 'unresolved';
  return readsUnsetVariable(causeOf(value.value));
}

function judgePermission(permission: Resource) {
  const principal = permission.attributes.get('principal');
  if (!principal) return pass(permission, `${permission.address} names no principal.`);
  const sources = SOURCE_ATTRIBUTES.map((n) => permission.attributes.get(n)).filter((v) => v !== undefined);
  const restricted = (): Outcome => pass(sources[0]!, `${permission.address} restricts the caller with ${SOURCE_ATTRIBUTES.filter((n) => permission.attributes.has(n)).join(', ')}.`);
  if (isApplyTime(principal)) {
    // Known text around an unknown part ("elasticloadbalancing.${dns_suffix}") is never "*", but may be
    // a service, which a source restricts.
    const text = knownText(principal.value);
    if (text !== undefined && text !== UNKNOWN_TEXT && sources.length > 0) return restricted();
    return unknown(principal, `${permission.address}: the principal is known only at apply time (${reasonOf(principal)}).`);
  }
  const who = asString(principal.value) ?? '';
  const anyone = who === '*';
  // A service principal without a source lets that service invoke the function on behalf of any account (confused deputy).
  const service = who.endsWith('.amazonaws.com');
  if (!anyone && !service) return pass(principal, `${permission.address} grants invoke to a specific principal.`);
  if (sources.length > 0) {
    // A source with a wildcard that matches any account's resource (`arn:aws:s3:::*`) restricts nothing.
    const open = sources.find((v) => typeof v.value === 'string' && !pinsCaller(v.value));
    if (open === undefined) {
      // A source read from a variable without a value may be a wildcard (`arn:aws:s3:::*`), which
      // fails when written: with nothing else restricting the caller it passed as restricted.
      const unset = sources.filter(fromUnsetVariable);
      if (unset.length === sources.length) {
        const first = unset[0]!;
        return unknown(first, `${permission.address}: ${SOURCE_ATTRIBUTES.filter((n) => permission.attributes.get(n) === first)[0] ?? 'the source'} is known only at apply time (${reasonOf(first)}), and may match resources or accounts of anyone.`);
      }
      return restricted();
    }
    return fail(open, {
      message: `${permission.address} lets ${anyone ? 'principal "*"' : who} invoke the function restricted only by ${JSON.stringify(open.value)}, which matches resources or accounts of anyone.`,
    });
  }
  return fail(principal, {
    message: anyone
      ? `${permission.address} lets principal "*" invoke the function with no source_arn, source_account or principal_org_id, so anyone can call it.`
      : `${permission.address} lets ${who} invoke the function with no source_arn or source_account, so that service can call it on behalf of any AWS account.`,
  });
}

function judgeUrl(url: Resource) {
  const auth = url.attributes.get('authorization_type');
  if (!auth) return fail(url, { message: `${url.address} does not set authorization_type, so the function URL cannot be shown to require IAM auth.` });
  if (isApplyTime(auth)) return unknown(auth, `${url.address}: authorization_type is known only at apply time (${reasonOf(auth)}).`);
  if (asString(auth.value) === 'AWS_IAM') return pass(auth, `${url.address} requires IAM authentication.`);
  return fail(auth, {
    message: `${url.address} sets authorization_type to "${asString(auth.value)}", so anyone with the URL can invoke the function.`,
    fix: { description: 'Require IAM authentication for the function URL', safety: 'unsafe', terraform: (edit) => edit.setAttribute(url.span, 'authorization_type', '"AWS_IAM"') },
  });
}

export default defineRule<Resource>({
  id: 'aws-lambda-no-public-invoke',
  title: 'Lambda functions cannot be invoked by anyone',
  severity: 'critical',
  controls: ['164.312(a)(1)', '164.308(a)(3)(i)'],
  kind: 'attr',
  why: 'A function anyone can invoke runs with its role\'s access to ePHI stores on behalf of an unauthenticated caller.',
  howToFix:
    'In aws_lambda_permission name a specific principal, or add source_arn/source_account (principal_org_id for "*"); set authorization_type = "AWS_IAM" on aws_lambda_function_url.',
  links: ['https://docs.aws.amazon.com/lambda/latest/dg/access-control-resource-based.html'],
  references: {
    awsConfig: ['lambda-function-public-access-prohibited'],
    checkov: ['CKV_AWS_301', 'CKV_AWS_258', 'CKV_AWS_364'],
    trivy: ['AVD-AWS-0067', 'aws-lambda-restrict-source-arn'],
  },
  targets: (model) => [...model.ofType('aws_lambda_permission'), ...model.ofType('aws_lambda_function_url')],
  check: (target) => (target.type === 'aws_lambda_function_url' ? judgeUrl(target) : judgePermission(target)),
  examples: {
    terraform: {
      bad: [
        'resource "aws_lambda_permission" "public" {\n  statement_id  = "AllowAnyone"\n  action        = "lambda:InvokeFunction"\n  function_name = "phi-export"\n  principal     = "*"\n}\n',
      ],
      good: [
        'resource "aws_lambda_permission" "s3" {\n  statement_id   = "AllowS3"\n  action         = "lambda:InvokeFunction"\n  function_name  = "phi-export"\n  principal      = "s3.amazonaws.com"\n  source_arn     = "arn:aws:s3:::phi-records"\n  source_account = "123456789012"\n}\n',
      ],
    },
  },
});
