// What the fuzzers feed and what must hold for every input (issue 12): no exception escapes, no
// evaluator or rule bug surfaces as eval/internal or rule/crashed, and every diagnostic says where
// (a span inside the text it came from, or at least a file). Time limits are the runner's business.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config/find-config.js';
import { classifyJsonDocument, classifyYamlDocument } from '../discovery/input-format.js';
import { runRules } from '../engine/run-rules.js';
import { evaluateTerraform } from '../graph/index.js';
import { parseHcl, parseHclJson } from '../parsers/hcl/index.js';
import { ruleCatalog, rulePack } from '../cli/rule-pack.js';
import { memoryFileSystem } from '../pipeline/memory-file-system.js';
import { scanPlansAndStates } from '../pipeline/plan-state-scan.js';
import type { Diagnostic } from '../source/diagnostic.js';

export class FuzzViolation extends Error {}

export interface FuzzTarget {
  readonly name: string;
  /** Which corpus files seed the mutations. */
  readonly accepts: (relPath: string) => boolean;
  /** Runs one input; throws (FuzzViolation or anything else) when an invariant breaks. */
  run(text: string): void;
}

const BUGS = new Set(['eval/internal', 'rule/crashed']);

/** Every diagnostic is located, inside the text it points at; none reports a bug in Safeguard. */
export function checkDiagnostics(diagnostics: readonly Diagnostic[], texts: ReadonlyMap<string, string>): void {
  for (const d of diagnostics) {
    if (BUGS.has(d.code)) throw new FuzzViolation(`${d.code}: ${d.message}`);
    if (typeof d.message !== 'string' || d.message === '') throw new FuzzViolation(`${d.code}: empty message`);
    if (d.span) {
      const text = texts.get(d.span.file);
      const { start, end } = d.span;
      if (text !== undefined && !(start.offset >= 0 && start.offset <= end.offset && end.offset <= text.length)) {
        throw new FuzzViolation(`${d.code}: span ${start.offset}..${end.offset} outside ${d.span.file} (${text.length} characters)`);
      }
      if (start.line < 1 || start.column < 1) throw new FuzzViolation(`${d.code}: position ${start.line}:${start.column} is not 1-based`);
    } else if (d.file === undefined && d.severity === 'error') {
      throw new FuzzViolation(`${d.code}: an error without a location: ${d.message}`);
    }
  }
}

const TODAY = '2026-01-01';
let rules: ReturnType<typeof rulePack> | undefined;
const allRules = (): ReturnType<typeof rulePack> => (rules ??= rulePack());

const isTf = (p: string): boolean => p.endsWith('.tf') || p.endsWith('.tfvars');

export const FUZZ_TARGETS: readonly FuzzTarget[] = [
  {
    name: 'hcl-parser',
    accepts: isTf,
    run(text) {
      const { diagnostics } = parseHcl(text, 'fuzz.tf');
      checkDiagnostics(diagnostics, new Map([['fuzz.tf', text]]));
    },
  },
  {
    name: 'hcl-json-parser',
    accepts: (p) => p.endsWith('.tf.json') || p.endsWith('.tfvars.json'),
    run(text) {
      const { diagnostics } = parseHclJson(text, 'fuzz.tf.json');
      checkDiagnostics(diagnostics, new Map([['fuzz.tf.json', text]]));
    },
  },
  {
    // The evaluator and the rules on the model it builds: a module call, variables and a template
    // file around the fuzzed text, so references across files are exercised too.
    name: 'evaluator',
    accepts: (p) => p.endsWith('.tf'),
    run(text) {
      const files = new Map([
        ['main.tf', text],
        ['mod/main.tf', `variable "x" {\n  default = null\n}\n${text}`],
        ['wrap.tf', 'module "fuzz" {\n  source = "./mod"\n  x      = local.fuzz_input\n}\nlocals {\n  fuzz_input = templatefile("t.tpl", { a = 1 })\n}\n'],
        ['t.tpl', text.slice(0, 200)],
      ]);
      const evaluated = evaluateTerraform({ files, readFile: (p) => files.get(p) });
      checkDiagnostics(evaluated.diagnostics, files);
      const run = runRules(evaluated.model, allRules(), { today: TODAY });
      checkDiagnostics(run.diagnostics, files);
    },
  },
  {
    name: 'plan-adapter',
    accepts: (p) => /plan.*\.json$/.test(p),
    run(text) {
      const result = scanPlansAndStates([{ path: 'plan.json', format: 'terraform-plan', text }], undefined, (model) => runRules(model, allRules(), { today: TODAY }));
      checkDiagnostics(result.diagnostics, new Map([['plan.json', text]]));
    },
  },
  {
    name: 'state-adapter',
    accepts: (p) => p.endsWith('.tfstate'),
    run(text) {
      const result = scanPlansAndStates([{ path: 'terraform.tfstate', format: 'terraform-state', text }], undefined, (model) => runRules(model, allRules(), { today: TODAY }));
      checkDiagnostics(result.diagnostics, new Map([['terraform.tfstate', text]]));
    },
  },
  {
    // The YAML and JSON readers: the config file (YAML), and the content sniffing of .json/.yaml.
    name: 'yaml-json-readers',
    accepts: (p) => /\.(ya?ml|json)$/.test(p) && !/schema/.test(p),
    run(text) {
      classifyJsonDocument(text);
      classifyYamlDocument(text);
      const fs = memoryFileSystem({ files: { '/repo/.safeguard.yaml': text } });
      const config = loadConfig(fs, { cwd: '/repo', searchFrom: '/repo', catalog: ruleCatalog });
      if (!config.ok) checkDiagnostics(config.errors, new Map([['.safeguard.yaml', text]]));
    },
  },
];

/** Real files to mutate: the shared Terraform corpus, the examples and the test fixtures. */
export function loadCorpus(projectRoot: string, options: { maxFiles?: number; maxChars?: number } = {}): { path: string; text: string }[] {
  const maxChars = options.maxChars ?? 20_000;
  const dirs = [path.join(projectRoot, 'examples'), path.join(projectRoot, 'test', 'fixtures'), path.resolve(projectRoot, '..', 'shared', 'corpora', 'terraform')];
  const out: { path: string; text: string }[] = [];
  const walk = (dir: string): void => {
    let names: string[];
    try {
      names = readdirSync(dir).sort();
    } catch {
      return;
    }
    for (const name of names) {
      const full = path.join(dir, name);
      const stat = statSync(full, { throwIfNoEntry: false });
      if (stat?.isDirectory()) {
        if (name !== 'node_modules' && name !== '.git') walk(full);
      } else if (stat?.isFile() && stat.size <= maxChars && /\.(tf|tfvars|json|tfstate|ya?ml|tpl)$/.test(name)) {
        out.push({ path: full.split(path.sep).join('/'), text: readFileSync(full, 'utf8') });
      }
    }
  };
  for (const dir of dirs) walk(dir);
  return options.maxFiles !== undefined ? out.slice(0, options.maxFiles) : out;
}
