// The primitive type constraints, shared: the evaluator, the conversions, the function tables and
// the unknowns they make all name them. A module of its own, importing only the TypeSpec type, so
// that value.ts can use them without a runtime cycle through types.ts (which imports value.ts).
import type { TypeSpec } from './types.js';

export const STRING: TypeSpec = Object.freeze({ kind: 'string' });
export const NUMBER: TypeSpec = Object.freeze({ kind: 'number' });
export const BOOL: TypeSpec = Object.freeze({ kind: 'bool' });
