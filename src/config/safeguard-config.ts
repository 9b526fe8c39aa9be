// The validated contents of `.safeguard.yaml` (issue 2). Keys mirror the long CLI flags, so what a
// team writes in the file is what they would type (the Checkov/Trivy convention).
import type { Severity } from '../engine/severity.js';

export const FAIL_ON_VALUES = ['critical', 'high', 'medium', 'low', 'none'] as const;
export type FailOn = (typeof FAIL_ON_VALUES)[number];

export type ConfigParamValue = string | number | boolean | readonly string[] | readonly number[];

export interface RuleConfig {
  readonly enabled: boolean;
  /** 'warn': findings are reported but never fail the run. */
  readonly mode: 'error' | 'warn';
  readonly severity?: Severity;
  readonly params?: Readonly<Record<string, ConfigParamValue>>;
}

export interface SafeguardConfig {
  /** Absolute path of the file it came from; undefined when no file was found. */
  readonly path?: string;
  /** By canonical rule id (peer ids and aliases in the file are resolved). */
  readonly rules: ReadonlyMap<string, RuleConfig>;
  readonly failOn?: FailOn;
  readonly inlineSuppressions?: boolean;
  /** Absolute paths (relative entries are resolved against the config file's directory). */
  readonly varFiles: readonly string[];
  /** Globs relative to the scan root. */
  readonly exclude: readonly string[];
  /** `max_file_bytes`: larger Terraform files are skipped with a reason (and fail the run), never half-read. */
  readonly maxFileBytes?: number;
  /** `waivers:` — the waiver register's location and limits (issue 9). */
  readonly waivers?: WaiverConfig;
  /** `audit_log:` — absolute path of the audit log, or false to never write one. */
  readonly auditLog?: string | false;
  /** `policies:` — custom policy bundles (directories or YAML files), absolute (relative entries are resolved against the config file's directory). */
  readonly policies?: readonly string[];
}

export interface WaiverConfig {
  /** Absolute path of the register (default: .safeguard/waivers.yaml). */
  readonly file?: string;
  /** Longest allowed created → expires span in days (default 180). */
  readonly maxDurationDays?: number;
  /** Warn about waivers expiring within this many days (default 14). */
  readonly warnWithinDays?: number;
}

export const EMPTY_CONFIG: SafeguardConfig = { rules: new Map(), varFiles: [], exclude: [] };

export const CONFIG_FILE_NAMES = ['.safeguard.yaml', '.safeguard.yml'] as const;
