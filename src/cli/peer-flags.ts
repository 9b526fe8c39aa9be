// What a team coming from Checkov, tfsec/Trivy, KICS or Terrascan types on day one and Safeguard does
// not take (research/ecosystem.md §1.3). Where the meaning is the same Safeguard takes the flag itself
// (`--soft-fail`); where it differs, the flag is refused as before, but the hint names what does the
// job here and how it differs, instead of only "see --help".

/** A peer's option → the hint printed under "unknown option". */
const PEER_OPTIONS: ReadonlyMap<string, string> = new Map([
  // Failure policy.
  ['--exit-code', "Trivy's --exit-code N has no equivalent: the exit code here is fixed (1 when a finding at or above --fail-on fails or a file cannot be parsed, 2 when the scan cannot run). For Trivy's default (--exit-code 0) use --soft-fail; for --exit-code 1 on any finding use --fail-on low."],
  ['--hard-fail-on', "Checkov's --hard-fail-on SEVERITY is --fail-on SEVERITY here; to make one rule fail the run whatever --fail-on says, raise its severity in .safeguard.yaml (rules: { ID: critical })."],
  ['--soft-fail-on', "Checkov's --soft-fail-on: findings below --fail-on SEVERITY never fail the run; for one rule, set it to warn in .safeguard.yaml (rules: { CKV_AWS_20: warn }), reported but never failing."],
  ['--minimum-severity', "tfsec's --minimum-severity hides lower results; here --fail-on SEVERITY is the lowest that fails the run, and lower findings are still reported (-q leaves them out of the text report)."],
  ['--severity', "Trivy's --severity filters what is shown; here --fail-on SEVERITY is the lowest that fails the run, and lower findings are still reported (-q leaves them out of the text report)."],
  ['-s', "Checkov's and tfsec's -s/--soft-fail is --soft-fail here (no short form: Trivy's -s is --severity, which is --fail-on SEVERITY)."],
  ['--ignore-on-exit', "KICS's --ignore-on-exit results is --soft-fail here; errors are never ignored (an unparsable file exits 1, a scan that cannot run 2)."],
  ['--no-fail-on-crash', 'Safeguard has no platform integration to crash: a scan that cannot run exits 2, an unparsable file 1.'],
  // Output.
  ['--output-file-path', '-f FORMAT:FILE writes a report to a file (repeatable: -f sarif:results.sarif -f text); -o FILE writes the one report there.'],
  ['--output-file', '-o FILE (or -f FORMAT:FILE) writes the report to a file.'],
  ['--out', '-o FILE (or -f FORMAT:FILE) writes the report to a file.'],
  ['--output-path', '-o FILE (or -f FORMAT:FILE) writes the report to a file.'],
  ['--report-formats', '-f FORMAT (repeatable, FORMAT:FILE to write each to a file).'],
  ['--no-guide', 'The text report has no guide links to turn off; -q prints only blocking failures and the summary.'],
  ['--summary-position', 'The summary is always last.'],
  ['--include-non-failures', '-f json and -f csv list the passing checks too (status pass).'],
  ['--no-progress', 'Progress is shown only when stderr is a terminal, never in CI logs.'],
  ['--ci', 'Progress is shown only when stderr is a terminal, never in CI logs; --no-color for plain text.'],
  ['--no-colour', '--no-color (also NO_COLOR, or any output that is not a terminal).'],
  // What to scan.
  ['--directory', 'Name the directories (or files) as arguments: safeguard scan infra/prod infra/dev'],
  ['-d', 'Name the directories (or files) as arguments: safeguard scan infra/prod infra/dev'],
  ['--file', 'Name the files as arguments: safeguard scan main.tf plan.json (-f is the report format here).'],
  ['--path', 'Name the directories (or files) as arguments: safeguard scan infra/prod'],
  ['-p', 'Name the directories (or files) as arguments: safeguard scan infra/prod'],
  ['--skip-path', "--exclude GLOB leaves out files and directories (a glob such as 'legacy/**', not Checkov's regular expression; repeatable)."],
  ['--skip-dirs', "--exclude GLOB leaves out files and directories ('legacy/**'; repeatable)."],
  ['--skip-files', "--exclude GLOB leaves out files and directories ('**/*.generated.tf'; repeatable)."],
  ['--exclude-paths', "--exclude GLOB leaves out files and directories ('legacy/**'; repeatable)."],
  ['--framework', 'Safeguard reads Terraform sources, plans and state (recognised by content); there is no framework to choose.'],
  ['--skip-framework', 'Safeguard reads Terraform sources, plans and state (recognised by content); there is no framework to skip.'],
  ['--iac-type', 'Safeguard reads Terraform sources, plans and state (recognised by content); there is no type to choose.'],
  ['--non-recursive', 'Directories are scanned with everything under them; name the files as arguments, or leave directories out with --exclude GLOB.'],
  ['--exclude-downloaded-modules', 'No equivalent: the modules terraform init downloaded are read, as their resources are part of the configuration; --exclude GLOB leaves out files of your own.'],
  ['--tf-exclude-downloaded-modules', 'No equivalent: the modules terraform init downloaded are read, as their resources are part of the configuration; --exclude GLOB leaves out files of your own.'],
  ['--skip-download', 'Nothing is downloaded: the scan makes no network calls.'],
  ['--tf-vars', '--var-file FILE (repeatable, applied in order, as terraform -var-file).'],
  ['--tfvars-file', '--var-file FILE (repeatable, applied in order, as terraform -var-file).'],
  ['--workspace', 'Safeguard evaluates the default workspace (terraform.workspace is "default").'],
  ['--download-external-modules', 'Safeguard never downloads: run terraform init first, and the modules it downloaded (.terraform/modules) are read.'],
  ['--evaluate-variables', 'Variables are always evaluated (defaults, terraform.tfvars, *.auto.tfvars, --var-file, --var, TF_VAR_*).'],
  // Rules.
  ['--check', '--rule ID runs only that rule (repeatable); Checkov and Trivy ids work (--rule CKV_AWS_20). For a severity, use --fail-on.'],
  ['--skip-check', '--skip-rule ID (repeatable); Checkov and Trivy ids work (--skip-rule CKV_AWS_20). For a severity, use --fail-on.'],
  ['--skip-rules', '--skip-rule ID (repeatable).'],
  ['-e', "tfsec's -e/--exclude RULE is --skip-rule RULE here (tfsec ids work); --exclude takes a file glob."],
  ['--include-queries', '--rule ID runs only that rule (repeatable).'],
  ['--exclude-queries', '--skip-rule ID (repeatable).'],
  ['--external-checks-dir', "--policies DIR reads custom policies in Checkov's YAML format (Python checks are not read); --plugin MODULE for JS/TS rules."],
  ['--custom-check-dir', "--policies DIR reads custom policies in Checkov's YAML format; --plugin MODULE for JS/TS rules."],
  ['--config-check', '--policies DIR reads custom policies in Checkov\'s YAML format; --plugin MODULE for JS/TS rules (Rego is not read).'],
  ['-l', 'safeguard rules lists every rule with its peer ids.'],
  ['--list', 'safeguard rules lists every rule with its peer ids.'],
  // Baselines, ignore files, config.
  ['--create-baseline', 'safeguard baseline create [PATH] -o FILE records the current failures; then scan --baseline FILE.'],
  ['--ignorefile', 'Accepted risks go in .safeguard/waivers.yaml (safeguard waivers add …), or use --skip-rule ID.'],
  ['--config-file', '-c FILE: a .safeguard.yaml (docs/cli.md); Checkov and tfsec config files are not read.'],
  ['--config-path', '-c FILE: a .safeguard.yaml (docs/cli.md); Terrascan config files are not read.'],
]);

/** The hint for a peer's option (`--exit-code`, `--exit-code=1`), or undefined for one no peer has. */
export function peerOptionHint(option: string): string | undefined {
  return PEER_OPTIONS.get(option.replace(/=.*$/, ''));
}

/** `-f main.tf`: Checkov's -f is a file to scan, Safeguard's the report format. */
export function looksLikeInputFile(value: string): boolean {
  return /\.(tf|tf\.json|tfvars|json|tfplan|tfstate|ya?ml|hcl)$/.test(value) || value.includes('/');
}

/** Checkov's and Terrascan's `-o/--output` format names, and Safeguard's `-f` name for each (undefined: none). */
const PEER_FORMATS: ReadonlyMap<string, string | undefined> = new Map([
  ['cli', 'text'],
  ['junitxml', 'junit'],
  ['gitlab_sast', 'gitlab-sast'],
  ['github_failed_only', 'github'],
  ['cyclonedx', undefined],
  ['cyclonedx_json', undefined],
  ['spdx', undefined],
  ['human', 'text'],
  ['junit-xml', 'junit'],
  ['github-sarif', 'sarif'],
  ['yaml', undefined],
  ['xml', undefined],
  // Trivy's -f table is the text report.
  ['table', 'text'],
]);

/** Safeguard's report for a peer's format name (`cli` → `text`), when there is one. */
export function peerFormat(name: string): { readonly known: boolean; readonly ours?: string } {
  if (!PEER_FORMATS.has(name)) return { known: false };
  const ours = PEER_FORMATS.get(name);
  return ours === undefined ? { known: true } : { known: true, ours };
}

/**
 * `-o sarif`: Checkov's -o is the format, Safeguard's the file, so this wrote the text report to a file
 * named `sarif` and exited as if all went well. A bare format name is refused as a file name; `./sarif`
 * still writes one.
 */
export function formatNameAsOutput(output: string, reporterNames: readonly string[]): { message: string; hint: string } | undefined {
  const peer = peerFormat(output);
  if (!reporterNames.includes(output) && !peer.known) return undefined;
  const format = reporterNames.includes(output) ? output : peer.ours;
  return {
    message: `--output ${output} would write the report to a file named ${output}: -o is the file here, -f the format (Checkov's and Terrascan's -o is the format).`,
    hint: format !== undefined ? `Use -f ${format} (or -f ${format}:FILE to write it to a file); for a file of that name, -o ./${output}.` : `Safeguard has no ${output} report (-f takes ${reporterNames.join(', ')}); for a file of that name, -o ./${output}.`,
  };
}
