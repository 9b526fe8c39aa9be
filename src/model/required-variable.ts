// A root module variable with no default that the scan was given no value for. Its value is not
// known at apply time either: Terraform refuses to plan without it ("No value for required
// variable"). Rules phrase unknowns as "known only at apply time (<reason>)"; for this reason the
// finding says what it is and how to give the value instead.

import { describeCause } from './unknown-cause.js';

/** The evaluator's reason for the value of root variable `name` given no value (Unknown.reason). */
export function requiredVariableReason(name: string): string {
  return describeCause({ kind: 'variable', module: '', name, why: 'required' });
}

const REQUIRED = /var\.([A-Za-z_][A-Za-z0-9_-]*) is a required variable not given to the scan/g;

/**
 * "known only at apply time (…)" whose reason names a required variable, at its level or inside one
 * reason it wraps ("(jsonencode of a value with apply-time parts (var.x is a required …))").
 */
const APPLY_TIME = /known only at apply time(?= \((?:[^()]|\([^()]*\))*(?:\([^()]*)?var\.[A-Za-z_][A-Za-z0-9_-]* is a required variable not given to the scan)/g;

/**
 * A rule's message about an unknown, said right when its reason is a required variable: "not known
 * to the scan" for "known only at apply time", then how to give the value. Other messages unchanged.
 */
export function withRequiredVariablesSaid(message: string): string {
  if (!message.includes(' is a required variable not given to the scan')) return message;
  const names = [...new Set([...message.matchAll(REQUIRED)].map((m) => m[1]!))];
  if (names.length === 0) return message;
  const said = message.replace(APPLY_TIME, 'not known to the scan');
  const env = names.map((n) => `TF_VAR_${n}`).join(', ');
  const which = names.length === 1 ? 'it' : 'them';
  const hint = `Terraform refuses to plan without ${which}: give ${which} with a .tfvars file in the root module, --var, --var-file or ${env}, or scan the plan (terraform show -json).`;
  return `${said.trimEnd().replace(/[.:;,]?$/, '.')} ${hint}`;
}
