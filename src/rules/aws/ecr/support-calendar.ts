// When AWS stops patching a Lambda runtime or an EKS Kubernetes version, as published by AWS. The
// rule compares these with the scan's day (RuleContext.today), so a configuration that was fine
// when written fails once its date passes, without a code change. Only dates stated by AWS itself
// are listed; a runtime or version whose date could not be confirmed is left out (see below), and
// is judged only by the rule's deprecatedLambdaRuntimes / minimumEksVersion parameters.

/**
 * Lambda runtime → deprecation date (YYYY-MM-DD): from that day "Lambda will no longer apply
 * security patches and other updates to the runtime" (Lambda runtime deprecation policy,
 * https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html#runtime-support-policy).
 * Dates are AWS's end-of-support notices to affected accounts:
 *   nodejs20.x  "We are ending support for Node.js 20.x in Lambda on April 30, 2026"
 *   nodejs18.x  "Support for Node.js 18 in Lambda will end on September 1, 2025"
 *   dotnet6     "We are ending support for .NET 6 in Lambda on December 20, 2024"
 * Not listed, because no AWS statement of the date was at hand when this table was written:
 * dotnet8, python3.10, python3.11, java8.al2, java11, java17, ruby3.3, provided.al2 and newer
 * runtimes. Runtimes deprecated before these (nodejs16.x, python3.9 and older) are in the rule's
 * deprecatedLambdaRuntimes default, deprecated whatever the day.
 */
export const LAMBDA_DEPRECATION_DATES: Readonly<Record<string, string>> = {
  'dotnet6': '2024-12-20',
  'nodejs18.x': '2025-09-01',
  'nodejs20.x': '2026-04-30',
};

/**
 * EKS Kubernetes version → end of standard support (YYYY-MM-DD, UTC+0), from the Amazon EKS
 * Kubernetes release calendar (https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar;
 * 1.23 from the same page's FAQ: "standard support for version 1.23 in Amazon EKS ended on October
 * 11, 2023"). After it a version is in paid extended support, and past that upgraded by AWS.
 * 1.35 and later are not listed: the calendar consulted ended at 1.34.
 */
export const EKS_END_OF_STANDARD_SUPPORT: Readonly<Record<string, string>> = {
  '1.23': '2023-10-11',
  '1.24': '2024-01-31',
  '1.25': '2024-05-01',
  '1.26': '2024-06-11',
  '1.27': '2024-07-24',
  '1.28': '2024-11-26',
  '1.29': '2025-03-23',
  '1.30': '2025-07-23',
  '1.31': '2025-11-26',
  '1.32': '2026-03-23',
  '1.33': '2026-07-29',
  '1.34': '2026-12-02',
};

function minorParts(version: string): readonly [number, number] | undefined {
  const m = /^(\d+)\.(\d+)/.exec(version.trim());
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/** a < b for "major.minor" versions; false when either does not read as one. */
export function olderThan(a: string, b: string): boolean {
  const x = minorParts(a);
  const y = minorParts(b);
  if (!x || !y) return false;
  return x[0] < y[0] || (x[0] === y[0] && x[1] < y[1]);
}

/**
 * When `version` left standard support: its calendar date; for a version older than every
 * calendar entry, "before" the oldest (standard support lasts 14 months, so it ended long ago).
 * Undefined for a version newer than the calendar or one that does not read as major.minor.
 */
export function eksStandardSupportEnd(version: string): { readonly date: string; readonly before?: true } | undefined {
  const parts = minorParts(version);
  if (!parts) return undefined;
  const key = `${parts[0]}.${parts[1]}`;
  const date = EKS_END_OF_STANDARD_SUPPORT[key];
  if (date) return { date };
  const known = Object.keys(EKS_END_OF_STANDARD_SUPPORT);
  const oldest = known.reduce((a, b) => (olderThan(b, a) ? b : a));
  return olderThan(key, oldest) ? { date: EKS_END_OF_STANDARD_SUPPORT[oldest]!, before: true } : undefined;
}
