// PHI detection over strings (issue 6). Precision matters as much as recall: a nine-digit number is
// an SSN only when its name says so, an NPI must pass its Luhn check, a DEA number its checksum, and
// names, emails and phones count only under a patient/member/mrn/dob/diagnosis key. Identifier
// shapes that are specific on their own (a dashed SSN with a valid area/group/serial, a dashed MBI)
// fire without context.
import { isPatientContext, phiContextOf, type PhiContext } from './names.js';
import { redactPhi, stableHash, type PhiRedactionKind } from './redact.js';

export type PhiKind = 'ssn' | 'npi' | 'mbi' | 'dea' | 'mrn' | 'dob' | 'member-id' | 'patient-name' | 'patient-email' | 'patient-phone' | 'patient-address' | 'diagnosis';

export interface PhiFinding {
  readonly kind: PhiKind;
  readonly label: string;
  readonly start: number;
  readonly end: number;
  readonly redacted: string;
  readonly hash: string;
}

const LABELS: Record<PhiKind, string> = {
  ssn: 'US Social Security number',
  npi: 'National Provider Identifier',
  mbi: 'Medicare Beneficiary Identifier',
  dea: 'DEA registration number',
  mrn: 'medical record number',
  dob: 'date of birth',
  'member-id': 'member id',
  'patient-name': 'patient name',
  'patient-email': 'patient email address',
  'patient-phone': 'patient phone number',
  'patient-address': 'patient street address',
  diagnosis: 'diagnosis code beside a patient identifier',
};

const REDACTION: Record<PhiKind, PhiRedactionKind> = {
  ssn: 'ssn', npi: 'identifier', mbi: 'identifier', dea: 'identifier', mrn: 'identifier', dob: 'dob', 'member-id': 'identifier',
  'patient-name': 'name', 'patient-email': 'email', 'patient-phone': 'phone', 'patient-address': 'address', diagnosis: 'diagnosis',
};

function finding(kind: PhiKind, value: string, start: number): PhiFinding {
  return { kind, label: LABELS[kind], start, end: start + value.length, redacted: redactPhi(REDACTION[kind], value), hash: stableHash(value) };
}

/** Widely published SSNs that were never issued to a person (Woolworth's wallet card, the 1940s ad). */
const PUBLISHED_SSNS = new Set(['078051120', '219099999']);

/** Area 001–899 except 666, group 01–99, serial 0001–9999 (SSA's rules since 2011 randomisation). */
export function isValidSsn(value: string): boolean {
  const m = /^(\d{3})[- ]?(\d{2})[- ]?(\d{4})$/.exec(value.trim());
  if (!m) return false;
  const area = Number(m[1]);
  if (area === 0 || area === 666 || area >= 900) return false;
  if (m[2] === '00' || m[3] === '0000') return false;
  return !PUBLISHED_SSNS.has(`${m[1]}${m[2]}${m[3]}`);
}

/** Luhn check over the digits (rightmost is the check digit). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 10 digits starting 1 or 2, Luhn-valid with the 80840 card-issuer prefix (CMS NPI standard). */
export function isValidNpi(value: string): boolean {
  const v = value.trim();
  return /^[12]\d{9}$/.test(v) && luhnValid(`80840${v}`);
}

const MBI_LETTER = '[AC-HJKMNP-RT-Y]';
const MBI_ALNUM = '[AC-HJKMNP-RT-Y0-9]';
const MBI_BODY = `[1-9]${MBI_LETTER}${MBI_ALNUM}[0-9]-?${MBI_LETTER}${MBI_ALNUM}[0-9]-?${MBI_LETTER}{2}[0-9]{2}`;
const MBI_EXACT = new RegExp(`^${MBI_BODY}$`);

/** CMS MBI format: C A AN N - A AN N - A A N N, letters without S L O I B Z. */
export function isValidMbi(value: string): boolean {
  return MBI_EXACT.test(value.trim());
}

/** Two letters (registrant type, then surname initial or 9) and 7 digits whose checksum holds. */
export function isValidDea(value: string): boolean {
  const m = /^([ABCDEFGHJKLMPRSTUX])([A-Z9])(\d{7})$/.exec(value.trim());
  if (!m) return false;
  const d = [...m[3]!].map(Number);
  const check = (d[0]! + d[2]! + d[4]! + 2 * (d[1]! + d[3]! + d[5]!)) % 10;
  return check === d[6];
}

/** A calendar date in a common format with a plausible birth year (1900–2099). */
export function isPlausibleDate(value: string): boolean {
  const v = value.trim();
  let y: number, mo: number, d: number;
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(v);
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(v))) [mo, d, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(v))) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else return false;
  if (y < 1900 || y > 2099) return false;
  if (mo > 12 && d <= 12) [mo, d] = [d, mo]; // DD/MM/YYYY
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

const EMAIL = /^[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/;
const US_PHONE = /^(?:\+?1[ .-]?)?\(?([2-9]\d{2})\)?[ .-]?([2-9]\d{2})[ .-]?(\d{4})$/;
const STREET = /^\d{1,6}\s+(?:[A-Za-z0-9.'-]+\s+){1,5}(?:st|street|ave|avenue|rd|road|blvd|boulevard|ln|lane|dr|drive|ct|court|way|pl|place|ter|terrace|hwy|highway|pkwy|parkway|cir|circle)\b\.?/i;
const PERSON_NAME = /^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?(?:\s+[A-Z]\.?)?(?:\s+[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?){1,2}$/;
/** Capitalised words that are not names: `Patient Records`, `Member Portal`. */
const NOT_NAME_WORDS = new Set([
  'patient', 'patients', 'member', 'members', 'records', 'record', 'data', 'portal', 'service', 'services', 'api', 'team', 'prod', 'production', 'staging',
  'dev', 'test', 'bucket', 'database', 'table', 'system', 'platform', 'health', 'care', 'clinic', 'hospital', 'group', 'department', 'unknown', 'none',
  'default', 'example', 'sample', 'demo', 'admin', 'user', 'users', 'account', 'owner', 'engineering', 'operations', 'support',
]);
const ICD10 = /\b([A-TV-Z][0-9][0-9AB](?:\.[0-9A-TV-Z]{1,4})?)\b/g;

function looksLikeName(value: string): boolean {
  if (!PERSON_NAME.test(value)) return false;
  return !value.split(/\s+/).some((w) => NOT_NAME_WORDS.has(w.toLowerCase().replace(/\.$/, '')));
}

// Compiled once: this runs over every string leaf of every resource and every swept file.
const DASHED_SSN = /(?<![\d-])(\d{3})-(\d{2})-(\d{4})(?![\d-])/g;
const DASHED_MBI = new RegExp(`(?<![A-Z0-9-])${MBI_BODY.replace(/-\?/g, '-')}(?![A-Z0-9-])`, 'g');

/** Identifiers that need no context beyond their own specific shape. */
function contextFreeFindings(value: string): PhiFinding[] {
  const out: PhiFinding[] = [];
  // Both shapes are dashed and hold digits; most values (names, ARNs, CIDRs without dashes) have neither.
  if (!value.includes('-') || !/\d/.test(value)) return out;
  for (const m of value.matchAll(DASHED_SSN)) {
    if (isValidSsn(m[0])) out.push(finding('ssn', m[0], m.index));
  }
  for (const m of value.matchAll(DASHED_MBI)) out.push(finding('mbi', m[0], m.index));
  return out;
}

/**
 * Every shape judged in context below holds a digit (SSN, NPI, MBI, DEA, MRN, dates, member ids,
 * phones, street numbers, ICD-10 codes), an @ (email) or starts with a capital letter (a name).
 */
const CONTEXT_SHAPE = /[0-9@]|^\s*[A-Z]/;

/** PHI in one value assigned to a key path (`tags.PatientEmail`, `variable.patient_ssn`). */
export function detectPhiInValue(value: string, path = ''): PhiFinding[] {
  const out = contextFreeFindings(value);
  if (!CONTEXT_SHAPE.test(value)) return out; // most values: no need to read the key path
  const context: ReadonlySet<PhiContext> = phiContextOf(path);
  if (context.size === 0) return out;
  const v = value.trim();
  const start = value.indexOf(v);
  const add = (kind: PhiKind): void => {
    if (!out.some((f) => f.start === start)) out.push(finding(kind, v, start));
  };
  if (context.has('ssn') && /^\d{9}$|^\d{3}[- ]\d{2}[- ]\d{4}$/.test(v) && isValidSsn(v)) add('ssn');
  if (context.has('npi') && isValidNpi(v)) add('npi');
  if ((context.has('mbi') || context.has('patient')) && isValidMbi(v)) add('mbi');
  if (context.has('dea') && isValidDea(v)) add('dea');
  if (context.has('mrn') && /^[A-Z]{0,3}-?\d{5,12}$/i.test(v)) add('mrn');
  if (context.has('dob') && isPlausibleDate(v)) add('dob');
  if (context.has('member') && /^(?=(?:.*\d){4})[A-Z0-9-]{6,20}$/i.test(v) && !/^\d{12}$/.test(v)) add('member-id');
  if (isPatientContext(context)) {
    if (context.has('email') && EMAIL.test(v)) add('patient-email');
    if (context.has('phone') && US_PHONE.test(v)) add('patient-phone');
    if (context.has('address') && STREET.test(v)) add('patient-address');
    if (context.has('name') && looksLikeName(v)) add('patient-name');
    if (context.has('diagnosis')) {
      for (const m of value.matchAll(ICD10)) if (context.has('patient')) out.push(finding('diagnosis', m[1]!, m.index + m[0].indexOf(m[1]!)));
    }
  }
  return out;
}

/** ICD-10 codes under diagnosis keys count when a patient identifier sits in the same object or text. */
export function diagnosisBesideIdentifier(value: string, path: string, siblings: readonly PhiFinding[]): PhiFinding[] {
  const context = phiContextOf(path);
  if (!context.has('diagnosis') || context.has('patient')) return [];
  if (!siblings.some((f) => f.kind !== 'diagnosis')) return [];
  return [...value.matchAll(ICD10)].map((m) => finding('diagnosis', m[1]!, m.index + m[0].indexOf(m[1]!)));
}

const ASSIGNMENT = /(?:^|[\s{,;(])(?:export\s+)?(["']?)([A-Za-z_][A-Za-z0-9_.-]*)\1[ \t]*(?:=|:(?!\/\/))[ \t]*(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\n"',;#}]+?))[ \t]*(?=$|[\n,;#}])/gm;

/** PHI anywhere in a text (user data, a tfvars or YAML file): specific shapes plus keyed assignments. */
export function findPhiInText(text: string): PhiFinding[] {
  const found = contextFreeFindings(text);
  const diagnoses: { value: string; path: string; at: number }[] = [];
  ASSIGNMENT.lastIndex = 0;
  for (let m = ASSIGNMENT.exec(text); m; m = ASSIGNMENT.exec(text)) {
    const name = m[2]!;
    const raw = m[3] ?? m[4] ?? m[5];
    if (raw === undefined) continue;
    const at = m.index + m[0].lastIndexOf(raw);
    if (phiContextOf(name).has('diagnosis')) diagnoses.push({ value: raw, path: name, at });
    for (const f of detectPhiInValue(raw, name)) {
      const start = at + f.start;
      if (found.some((g) => start < g.end && g.start < start + (f.end - f.start))) continue;
      found.push({ ...f, start, end: start + (f.end - f.start) });
    }
  }
  for (const d of diagnoses) {
    for (const f of diagnosisBesideIdentifier(d.value, d.path, found)) found.push({ ...f, start: d.at + f.start, end: d.at + f.end });
  }
  return found.sort((a, b) => a.start - b.start);
}
