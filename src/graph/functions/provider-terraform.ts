// Terraform's built-in provider's functions (Terraform >= 1.8): `provider::terraform::encode_tfvars`,
// `decode_tfvars` and `encode_expr`. Terraform offers them only to a module that requires the
// provider (`terraform = { source = "terraform.io/builtin/terraform" }` in required_providers; without
// it console 1.11.4 says "There is no function named ..."); like provider::aws::*, they are
// evaluated here by their name as written, whatever the module requires.
// Observed with terraform console 1.11.4; error messages keep the words Terraform says after "Call to function ... failed:".
import { EvalError, ObjV, unk, type Val } from '../value.js';
import { encodeExpression, encodeTfvars } from './hcl-encode.js';
import { isValidIdentifier } from '../../parsers/hcl/identifier.js';
import { str, type FunctionSpec } from './args.js';

/** Terraform's function schema refuses a null argument before the function runs. */
function notNull(v: Val | undefined, param: string): Val {
  if (v === null || v === undefined) throw new EvalError(`Invalid value for "${param}" parameter: argument must not be null.`, undefined, 'eval/arguments');
  return v;
}

export const terraformProviderFunctions: Readonly<Record<string, FunctionSpec>> = {
  'provider::terraform::encode_expr': {
    min: 1,
    max: 1,
    // Terraform gives an unknown string for a value with an unknown anywhere in it.
    deepUnknown: true,
    fn: ([value]): Val => encodeExpression(notNull(value, 'value')),
  },
  'provider::terraform::encode_tfvars': {
    min: 1,
    max: 1,
    deepUnknown: true,
    fn: ([value]): Val => {
      const v = notNull(value, 'value');
      if (!(v instanceof ObjV)) throw new EvalError('provider::terraform::encode_tfvars: invalid value to encode: must be an object whose attribute names will become the encoded variable names.');
      for (const key of v.attrs.keys()) {
        // Quoted here where Terraform quotes it: a name is configuration, not a value.
        if (!isValidIdentifier(key)) throw new EvalError(`provider::terraform::encode_tfvars: invalid variable name "${key}": must be a valid identifier, per Terraform's rules for input variable declarations.`);
      }
      return encodeTfvars(v.attrs);
    },
  },
  'provider::terraform::decode_tfvars': {
    min: 1,
    max: 1,
    fn: ([src], ctx): Val => {
      const text = str(notNull(src, 'src'), 'src');
      // Parsing and evaluating the constants needs the evaluator, which the scan's module evaluation lends.
      return ctx.decodeTfvars?.(text) ?? unk('provider::terraform::decode_tfvars() is not evaluated here');
    },
  },
};
