// The waiver register section of the evidence pack: every register entry (.safeguard/waivers.yaml,
// src/waivers) with its state and the findings it waived in this scan, and every inline suppression
// (`# safeguard:ignore`, peer skip comments) that waived a finding. An auditor sees each accepted
// risk, who accepted it and until when.
import type { Finding } from '../engine/finding.js';
import { pushTo } from '../util/multi-map.js';
import { DEFAULT_WAIVER_POLICY, waiverState, type Waiver, type WaiverPolicy, type WaiverRegister, type WaiverState } from '../waivers/waiver.js';

export interface RegisterEntry {
  readonly waiver: Waiver;
  readonly state: WaiverState;
  /** Findings this waiver waived in this scan, as `rule-id resource-address`. */
  readonly waived: readonly string[];
}

export interface InlineSuppression {
  readonly ruleId: string;
  readonly resource: string;
  readonly marker: string;
  readonly reason: string;
  readonly expires?: string;
  readonly file: string;
  readonly line: number;
}

export interface WaiverSection {
  /** The register file, root-relative, when the scan root has one. */
  readonly registerFile?: string;
  readonly entries: readonly RegisterEntry[];
  /** Entries the register rejected, with the first reason. */
  readonly invalid: readonly { readonly id: string; readonly reason: string }[];
  /** Register-level errors and warnings (messages only). */
  readonly problems: readonly string[];
  readonly inline: readonly InlineSuppression[];
  /** Waived findings whose register waiver is not among the entries (e.g. the register was not readable here). */
  readonly unmatched: readonly Finding[];
}

/**
 * `states` are the states the scan settled on (ScanResult.waivers) when it applied the register;
 * without them a state is worked out from `today` and whether the waiver waived a finding here.
 */
export function buildWaiverSection(
  findings: readonly Finding[],
  register: WaiverRegister | undefined,
  today: string,
  policy: WaiverPolicy = DEFAULT_WAIVER_POLICY,
  states?: ReadonlyMap<string, WaiverState>,
): WaiverSection {
  const waived = findings.filter((f) => f.status === 'waived' && f.waiver);
  const byWaiver = new Map<string, string[]>();
  for (const f of waived) if (f.waiver!.source === 'register') pushTo(byWaiver, f.waiver!.id, `${f.ruleId} ${f.resource.address}`);
  const entries = (register?.waivers ?? []).map((waiver) => {
    const list = byWaiver.get(waiver.id) ?? [];
    return { waiver, state: states?.get(waiver.id) ?? waiverState(waiver, today, policy, list.length > 0), waived: list };
  });
  const known = new Set(entries.map((e) => e.waiver.id));
  return {
    ...(register ? { registerFile: register.file } : {}),
    entries,
    invalid: (register?.invalid ?? []).map((i) => ({ id: i.id ?? '(no id)', reason: i.errors[0]?.message ?? 'rejected by validation' })),
    problems: [...(register?.errors ?? []), ...(register?.warnings ?? [])].map((d) => d.message),
    inline: waived
      .filter((f) => f.waiver!.source === 'inline')
      .map((f) => ({
        ruleId: f.ruleId,
        resource: f.resource.address,
        marker: f.waiver!.marker ?? f.waiver!.id,
        reason: f.waiver!.reason,
        ...(f.waiver!.expires !== undefined ? { expires: f.waiver!.expires } : {}),
        file: f.waiver!.span?.file ?? f.span.file,
        line: f.waiver!.span?.start.line ?? f.span.start.line,
      })),
    unmatched: waived.filter((f) => f.waiver!.source === 'register' && !known.has(f.waiver!.id)),
  };
}

/** waivers.json: the section as data (file paths as the user sees them). */
export function renderWaiversJson(section: WaiverSection, display: (file: string) => string): string {
  return `${JSON.stringify(
    {
      schemaVersion: '1.0',
      registerFile: section.registerFile !== undefined ? display(section.registerFile) : null,
      register: section.entries.map((e) => {
        // Spans (span, expiresSpan) become one `file:line`; the rest is the entry as written.
        const waiver = Object.fromEntries(Object.entries(e.waiver).filter(([key]) => !/span$/i.test(key)));
        return { ...waiver, location: `${display(e.waiver.span.file)}:${e.waiver.span.start.line}`, state: e.state, waived: e.waived };
      }),
      invalid: section.invalid,
      problems: section.problems,
      inline: section.inline.map((s) => ({ ...s, file: display(s.file) })),
      waivedWithoutRegisterEntry: section.unmatched.map((f) => ({ ruleId: f.ruleId, resource: f.resource.address, waiver: f.waiver!.id, reason: f.waiver!.reason, expires: f.waiver!.expires ?? null })),
    },
    null,
    2,
  )}\n`;
}
