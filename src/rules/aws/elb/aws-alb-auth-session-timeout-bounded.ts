// Automatic logoff (164.312(a)(2)(iii)) for applications an Application Load Balancer signs people
// in to: the load balancer's authentication session (its session cookie) lasts session_timeout
// seconds whatever the user does, 7 days when the argument is left out.
import type { NestedBlock, Resource } from '../../../model/resource.js';
import { asNumber, attrOr, blocksOf, isUnresolved, setToNull } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { reasonOf } from '../judge-setting.js';
import { LISTENER_RULE_TYPES, LISTENER_TYPES } from './listener-facts.js';

type Params = { maxSessionSeconds: number };

/**
 * The provider's and the API's default session_timeout: 604800 s, 7 days
 * (https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AuthenticateOidcActionConfig.html).
 */
const DEFAULT_SESSION_SECONDS = 604800;

/** The nested blocks that make an action sign people in, and the action each belongs to. */
const AUTH_BLOCKS = ['authenticate_oidc', 'authenticate_cognito'];

interface AuthConfig {
  readonly block: NestedBlock;
  /** `default_action` of a listener, `action` of a listener rule. */
  readonly action: string;
}

function authConfigsOf(target: Resource): AuthConfig[] {
  const action = LISTENER_TYPES.includes(target.type) ? 'default_action' : 'action';
  return blocksOf(target, action).flatMap((a) => AUTH_BLOCKS.flatMap((type) => blocksOf(a, type).map((block) => ({ block, action }))));
}

const duration = (s: number): string => (s % 86400 === 0 ? `${s / 86400} day${s === 86400 ? '' : 's'}` : s % 3600 === 0 ? `${s / 3600} h` : s % 60 === 0 ? `${s / 60} min` : `${s} s`);

function judge(target: Resource, config: AuthConfig, params: Params): Outcome {
  const timeout = attrOr(config.block, 'session_timeout', DEFAULT_SESSION_SECONDS);
  const where = `${target.address} (${config.block.type} in ${config.action})`;
  if (isUnresolved(timeout)) return unknown(timeout, `${where}: session_timeout is known only at apply time (${reasonOf(timeout)}).`);
  const seconds = asNumber(timeout.value);
  if (seconds === undefined) return unknown(timeout, `${where}: session_timeout is not a number Safeguard can read.`);
  const limit = params.maxSessionSeconds;
  if (seconds <= limit) return pass(timeout, `${where} ends the sign-in session after ${duration(seconds)}.`);
  const message =
    timeout.provenance === 'default'
      ? `${where} does not set session_timeout, so a signed-in session lasts ${duration(seconds)} (the default), longer than the ${duration(limit)} limit.`
      : `${where} keeps a signed-in session for ${duration(seconds)}, longer than the ${duration(limit)} limit.`;
  // Only a value written here is rewritten: one passed in (a module input, a variable, null from an
  // optional attribute) is also what other callers pass, and a constant would override theirs.
  if (timeout.via.length > 0 || setToNull(config.block, 'session_timeout')) return fail(timeout, { message });
  return fail(timeout, {
    message,
    fix: { description: `End sign-in sessions after ${duration(limit)}`, safety: 'safe', terraform: (edit) => edit.setAttribute(config.block.span, 'session_timeout', String(limit)) },
  });
}

export default defineRule<Resource, Params>({
  id: 'aws-alb-auth-session-timeout-bounded',
  title: 'Load balancer sign-in sessions end after a bounded time',
  severity: 'low',
  controls: ['164.312(a)(2)(iii)'],
  kind: 'attr',
  why:
    'An Application Load Balancer that authenticates users (authenticate-oidc or authenticate-cognito) keeps them signed in for session_timeout seconds, 7 days by default, however long they stay idle: an unattended browser or a copied session cookie reaches the ePHI behind it all that time. NIST SP 800-63B (4.2.3, AAL2) requires reauthentication at least once per 12 hours whatever the activity, hence the default limit of 43200 s. The load balancer has no idle timeout of its own; when its session ends it sends the user back to the identity provider, whose own session then decides whether they sign in again.',
  howToFix:
    'Set session_timeout in every authenticate_oidc and authenticate_cognito block of aws_lb_listener default actions and aws_lb_listener_rule actions to at most 43200 (12 h), shorter for administrative applications; keep the identity provider\'s own session as short. Tune the limit with the maxSessionSeconds parameter.',
  links: [
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/listener-authenticate-users.html',
    'https://docs.aws.amazon.com/elasticloadbalancing/latest/APIReference/API_AuthenticateOidcActionConfig.html',
    'https://pages.nist.gov/800-63-3/sp800-63b.html#aal2reauth',
  ],
  // No peer checks the load balancer's authentication session (the catalog row for automatic logoff lists none).
  references: {},
  params: { maxSessionSeconds: 43200 },
  targets: (model) => [...LISTENER_TYPES, ...LISTENER_RULE_TYPES].flatMap((t) => model.ofType(t)).filter((r) => authConfigsOf(r).length > 0),
  check: (target, { params }) => authConfigsOf(target).map((config) => judge(target, config, params)),
  examples: {
    terraform: {
      bad: [
        'resource "aws_lb_listener" "portal" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 443\n  protocol          = "HTTPS"\n  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-12ab-34cd-56ef-1234567890ab"\n\n  default_action {\n    type  = "authenticate-cognito"\n    order = 1\n\n    authenticate_cognito {\n      user_pool_arn       = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE"\n      user_pool_client_id = "1example23456789"\n      user_pool_domain    = "portal-example"\n    }\n  }\n\n  default_action {\n    type             = "forward"\n    order            = 2\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n',
      ],
      good: [
        'resource "aws_lb_listener" "portal" {\n  load_balancer_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/portal/abc"\n  port              = 443\n  protocol          = "HTTPS"\n  certificate_arn   = "arn:aws:acm:us-east-1:123456789012:certificate/0123abcd-12ab-34cd-56ef-1234567890ab"\n\n  default_action {\n    type  = "authenticate-cognito"\n    order = 1\n\n    authenticate_cognito {\n      user_pool_arn       = "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_EXAMPLE"\n      user_pool_client_id = "1example23456789"\n      user_pool_domain    = "portal-example"\n      session_timeout     = 28800\n    }\n  }\n\n  default_action {\n    type             = "forward"\n    order            = 2\n    target_group_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/portal/def"\n  }\n}\n',
      ],
    },
  },
});
