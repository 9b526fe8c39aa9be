// The state backend of each root module, as a rule subject (catalog rows tf-remote-state-*).
import type { InfraModel } from '../../model/infra-model.js';
import type { ModelBody } from '../../model/resource.js';
import type { Span } from '../../source/span.js';
import type { Subject } from '../define-rule.js';
import { hasContent, rootAddress, rootAnchor, rootDirs, rootSettings } from './root-modules.js';

export interface BackendSubject extends Subject {
  readonly type: 'backend';
  readonly dir: string;
  /** 'local' when no backend and no cloud block is declared (Terraform's default). */
  readonly backendType: string;
  /** True when the backend is Terraform's default (no backend block at all). */
  readonly implicit: boolean;
  readonly config?: ModelBody;
  /** Describes span for messages when implicit. */
  readonly anchorWhat: string;
}

export function backendsOf(model: InfraModel): BackendSubject[] {
  const out: BackendSubject[] = [];
  for (const dir of rootDirs(model)) {
    if (!hasContent(model, dir)) continue;
    const settings = rootSettings(model, dir);
    const cloud = settings.find((s) => s.cloud)?.cloud;
    const backend = settings.find((s) => s.backend)?.backend;
    if (cloud) {
      out.push({ root: dir, address: rootAddress(dir, 'terraform.cloud'), type: 'backend', span: cloud.span, dir, backendType: 'cloud', implicit: false, config: cloud.config, anchorWhat: 'the cloud block' });
    } else if (backend) {
      out.push({
        root: dir, address: rootAddress(dir, `terraform.backend.${backend.type}`),
        type: 'backend',
        span: backend.span,
        dir,
        backendType: backend.type,
        implicit: false,
        config: backend.config,
        anchorWhat: `the backend "${backend.type}" block`,
      });
    } else {
      const anchor = rootAnchor(model, dir);
      out.push({ root: dir, address: rootAddress(dir, 'terraform.backend'), type: 'backend', span: anchor.span, dir, backendType: 'local', implicit: true, anchorWhat: anchor.what });
    }
  }
  return out;
}

export function backendLabel(b: BackendSubject): string {
  const where = b.dir === '' ? 'the root module' : `root module ${b.dir}`;
  if (b.implicit) return `${where} declares no backend, so it uses local state`;
  return b.backendType === 'cloud' ? `${where} uses HCP Terraform (cloud block)` : `${where}'s backend "${b.backendType}"`;
}

/** Arguments a backend cannot work without: absent from the block, they come from `terraform init -backend-config`. */
const REQUIRED: Readonly<Record<string, readonly string[]>> = { s3: ['bucket', 'key'], gcs: ['bucket'], azurerm: ['container_name', 'key'] };

/**
 * Whether the backend block is a partial configuration (Terraform's documented pattern: `backend
 * "s3" {}` with the settings in a `*.s3.tfbackend` file passed to `terraform init
 * -backend-config=…`): then what the block leaves out is not known from the code, and the file's
 * name is the pipeline's to say.
 */
export function isPartialConfiguration(b: BackendSubject): boolean {
  const required = REQUIRED[b.backendType];
  if (b.implicit || b.config === undefined || required === undefined) return false;
  return required.some((name) => !b.config!.attributes.has(name));
}

export type { Span };
