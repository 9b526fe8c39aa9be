// The public API for policy packs (`import { defineRule } from 'safeguard/api'`): the rule helpers
// and the typed model the built-in rules use. Plugins loaded with --plugin export rules made here.
export { defineRule, fail, pass, unknown } from '../rules/define-rule.js';
export type {
  AnyRule,
  ControlId,
  Outcome,
  ParamValue,
  PeerReferences,
  Rule,
  RuleContext,
  RuleDefinition,
  RuleExamples,
  RuleKind,
  RuleParams,
  Severity,
  Subject,
} from '../rules/define-rule.js';
export type { FixBuilder, FixOperation, FixRequest } from '../fixes/fix.js';
export type { Position, Span } from '../source/span.js';
export * from '../model/index.js';
