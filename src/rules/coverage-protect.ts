// Catalog rows of groups A.4 (encryption at rest, 164.312(a)(2)(iv)) and B (audit controls,
// 164.312(b)) without a rule, and why. Every AWS row of both groups has a rule; the parts of rows
// that IaC cannot judge are noted here so the gap is written down, not silent:
// - kms-key-not-pending-deletion: the rule judges is_enabled and deletion_window_in_days; plan
//   delete/replace actions on keys are not in the model yet (see phi-plan-destroys-datastore).
// - rds-snapshot-encrypted: only snapshots declared in code; runtime/automated snapshots are outside IaC.
// - rds-logging / redshift-audit-logging: log exports and audit logging are judged; pgaudit/audit
//   plugin parameters and enable_user_activity_logging in parameter groups are not.
// - apigw-execution-logging: the logging level is judged; data_trace_enabled on PHI APIs is not.
export const notImplemented: readonly { catalogId: string; reason: string }[] = [];
