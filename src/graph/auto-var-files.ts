// A root module's own variables files, which Terraform reads from its working directory only: a
// leaf module, so the loader (load.ts) and the variable inputs (index.ts) share it without loading
// the evaluator.
import { posix } from 'node:path';

/** A root module's own variables files: terraform.tfvars(.json) and *.auto.tfvars(.json) in its directory. */
export function isAutoLoadedVarFile(path: string): boolean {
  const name = posix.basename(path);
  return name === 'terraform.tfvars' || name === 'terraform.tfvars.json' || name.endsWith('.auto.tfvars') || name.endsWith('.auto.tfvars.json');
}
