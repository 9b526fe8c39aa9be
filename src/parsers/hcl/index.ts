// Public entry of the HCL parser. Implemented in parse-native.ts / parse-json.ts.
export type * from './ast.js';
