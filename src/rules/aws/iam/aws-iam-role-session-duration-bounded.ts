import type { Resource } from '../../../model/resource.js';
import { asNumber, asString, attrOr, isUnresolved } from '../../../model/read.js';
import { defineRule, fail, pass, unknown, type Outcome } from '../../define-rule.js';
import { reasonOf } from '../judge-setting.js';
import { phiClassOf } from '../phi-scope.js';
import { readSourcedPolicy } from './policy-statements.js';

type Params = { maxSessionSeconds: number; phiMaxSessionSeconds: number };

/** ISO 8601 durations as permission sets use them: PT1H, PT8H, PT1H30M. */
function isoSeconds(text: string): number | undefined {
  const m = /^PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?$/i.exec(text.trim());
  if (!m || (!m[1] && !m[2] && !m[3])) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

const hours = (s: number): string => (s % 3600 === 0 ? `${s / 3600} h` : `${Math.round(s / 60)} min`);

/** Can people assume the role? AWS principals (users, accounts, roles) or SAML federation; services and OIDC workloads cannot. */
function humanAssumable(role: Resource): boolean | 'unknown' {
  const trust = role.attributes.get('assume_role_policy');
  if (!trust) return false;
  const doc = readSourcedPolicy(trust);
  if (doc === 'unknown') return 'unknown';
  if (!doc) return false;
  return doc.statements.some(
    (s) =>
      s.effect === 'Allow' &&
      (s.principalIsWildcard || s.principals.some((p) => p.type === 'AWS') || s.actions.some((a) => /^sts:AssumeRoleWithSAML$/i.test(a))),
  );
}

function limitFor(target: Resource, params: Params): number {
  return phiClassOf(target) === 'phi' ? Math.min(params.phiMaxSessionSeconds, params.maxSessionSeconds) : params.maxSessionSeconds;
}

function judgeRole(role: Resource, params: Params): Outcome {
  const duration = attrOr(role, 'max_session_duration', 3600);
  if (isUnresolved(duration)) return unknown(duration, `${role.address}: max_session_duration is known only at apply time (${reasonOf(duration)}).`);
  const seconds = asNumber(duration.value) ?? 3600;
  const limit = limitFor(role, params);
  if (seconds <= limit) return pass(duration, `${role.address} caps sessions at ${hours(seconds)}.`);
  const human = humanAssumable(role);
  if (human === false) return pass(duration, `${role.address} is assumed only by services or workloads.`);
  if (human === 'unknown') return unknown(duration, `${role.address}: its trust policy is known only at apply time, so whether people assume it cannot be judged.`);
  return fail(duration, {
    message: `${role.address} lets people keep a session for ${hours(seconds)}, longer than the ${hours(limit)} limit.`,
    fix: { description: `Cap sessions at ${hours(limit)}`, safety: 'safe', terraform: (edit) => edit.setAttribute(role.span, 'max_session_duration', String(limit)) },
  });
}

function judgePermissionSet(set: Resource, params: Params): Outcome {
  const duration = attrOr(set, 'session_duration', 'PT1H');
  if (isUnresolved(duration)) return unknown(duration, `${set.address}: session_duration is known only at apply time (${reasonOf(duration)}).`);
  const seconds = isoSeconds(asString(duration.value) ?? '');
  if (seconds === undefined) return unknown(duration, `${set.address}: session_duration "${asString(duration.value)}" is not an ISO 8601 duration Safeguard can read.`);
  const limit = limitFor(set, params);
  if (seconds <= limit) return pass(duration, `${set.address} caps sessions at ${hours(seconds)}.`);
  return fail(duration, {
    message: `${set.address} sets session_duration to ${asString(duration.value)}, longer than the ${hours(limit)} limit.`,
    fix: { description: `Cap sessions at ${hours(limit)}`, safety: 'safe', terraform: (edit) => edit.setAttribute(set.span, 'session_duration', `"PT${Math.floor(limit / 3600)}H"`) },
  });
}

export default defineRule<Resource, Params>({
  id: 'aws-iam-role-session-duration-bounded',
  title: 'Sessions people assume end after a bounded time',
  severity: 'low',
  controls: ['164.312(a)(2)(iii)'],
  kind: 'attr',
  why: 'Automatic logoff limits how long an unattended or stolen console/CLI session can keep reaching ePHI; a 12-hour role session outlives a working day.',
  howToFix:
    'Set max_session_duration on human-assumable roles and session_duration on IAM Identity Center permission sets to at most 8 hours (1 hour for roles tagged as PHI); tune maxSessionSeconds / phiMaxSessionSeconds.',
  links: ['https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_update-role-settings.html#id_roles_update-session-duration'],
  references: {},
  params: { maxSessionSeconds: 28800, phiMaxSessionSeconds: 3600 },
  targets: (model) => [...model.ofType('aws_iam_role'), ...model.ofType('aws_ssoadmin_permission_set')],
  check: (target, { params }) => (target.type === 'aws_ssoadmin_permission_set' ? judgePermissionSet(target, params) : judgeRole(target, params)),
  examples: {
    terraform: {
      bad: [
        'resource "aws_ssoadmin_permission_set" "admin" {\n  name             = "PhiAdmin"\n  instance_arn     = "arn:aws:sso:::instance/ssoins-0123456789abcdef"\n  session_duration = "PT12H"\n}\n',
      ],
      good: [
        'resource "aws_ssoadmin_permission_set" "admin" {\n  name             = "PhiAdmin"\n  instance_arn     = "arn:aws:sso:::instance/ssoins-0123456789abcdef"\n  session_duration = "PT4H"\n}\n',
      ],
    },
  },
});
