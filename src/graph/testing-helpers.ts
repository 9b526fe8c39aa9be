// Helpers for the graph tests: evaluate an in-memory tree, read an expression's value.
import { evaluateTerraform, type TerraformScanInput } from './index.js';
import type { Plain } from '../model/value.js';

export function evaluateFiles(files: Record<string, string>, extra: Partial<TerraformScanInput> = {}): ReturnType<typeof evaluateTerraform> {
  const map = new Map(Object.entries(files));
  return evaluateTerraform({ files: map, readFile: (p) => map.get(p), ...extra });
}

/** The value of one expression, evaluated as a root-module output. */
export function valueOf(expr: string, preamble = ''): Plain | undefined {
  const { model } = evaluateFiles({ 'main.tf': `${preamble}\noutput "o" {\n  value = ${expr}\n}\n` });
  return model.outputs.find((o) => o.name === 'o' && o.module === '')?.value.value;
}
