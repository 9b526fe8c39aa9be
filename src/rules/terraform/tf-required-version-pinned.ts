import type { InfraModel } from '../../model/infra-model.js';
import { isUnresolved } from '../../model/read.js';
import type { Sourced } from '../../model/sourced.js';
import { defineRule, fail, pass, unknown, type Outcome, type Subject } from '../define-rule.js';
import { hasContent, rootAddress, rootAnchor, rootDirs, rootSettings } from './root-modules.js';
import { constraintShape } from './version-constraint.js';

interface RequiredVersion extends Subject {
  readonly dir: string;
  readonly constraint?: Sourced;
  readonly anchorWhat: string;
}

function targets(model: InfraModel): RequiredVersion[] {
  return rootDirs(model)
    .filter((dir) => hasContent(model, dir))
    .map((dir) => {
      const constraint = rootSettings(model, dir).find((s) => s.requiredVersion)?.requiredVersion;
      const anchor = rootAnchor(model, dir);
      return { root: dir, address: rootAddress(dir, 'terraform.required_version'), type: 'terraform', span: constraint?.span ?? anchor.span, dir, anchorWhat: anchor.what, ...(constraint ? { constraint } : {}) };
    });
}

export default defineRule<RequiredVersion>({
  id: 'tf-required-version-pinned',
  title: 'Root modules pin a bounded Terraform version',
  severity: 'low',
  controls: ['164.308(a)(1)(ii)(B)'],
  kind: 'repo',
  why: 'An open-ended Terraform version lets an untested major release plan changes to ePHI infrastructure; a bounded constraint makes upgrades a reviewed change.',
  howToFix: 'In the root module set terraform { required_version = "~> 1.9" } (or ">= 1.9, < 2.0").',
  links: ['https://developer.hashicorp.com/terraform/language/terraform#required_version'],
  references: {},
  targets: (model) => targets(model),
  check(t): Outcome {
    const where = t.dir === '' ? 'The root module' : `Root module ${t.dir}`;
    if (!t.constraint) {
      return fail(t, {
        message: `${where} does not set required_version (finding on ${t.anchorWhat}), so any Terraform version may apply it.`,
        ...(t.anchorWhat === 'the terraform block'
          ? { fix: { description: 'Pin Terraform to the 1.x line', safety: 'safe' as const, terraform: (edit) => edit.setAttribute(t.span, 'required_version', '"~> 1.9"') } }
          : {}),
      });
    }
    if (isUnresolved(t.constraint)) return unknown(t.constraint, `${where}: required_version is not a literal.`);
    const text = typeof t.constraint.value === 'string' ? t.constraint.value : '';
    const shape = constraintShape(text);
    if (!shape.valid) return fail(t.constraint, { message: `${where} sets required_version to "${text}", which is not a valid version constraint.` });
    if (!shape.bounded) return fail(t.constraint, { message: `${where} sets required_version to "${text}", which has no upper bound.` });
    return pass(t.constraint, `${where} pins Terraform to "${text}".`);
  },
  examples: {
    terraform: {
      bad: ['terraform {\n  required_version = ">= 1.5"\n}\n'],
      good: ['terraform {\n  required_version = "~> 1.9"\n}\n'],
    },
  },
});
