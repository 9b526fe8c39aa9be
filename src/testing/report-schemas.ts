// Test support: validates reporter output against the published schemas shipped in
// test/fixtures/report-schemas/ (SARIF 2.1.0 is draft-04, so it needs ajv-draft-04; GitLab's is
// draft-07). The validators are dev dependencies loaded on demand, so the build never depends on them.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export type SchemaName = 'sarif-schema-2.1.0.json' | 'gitlab-sast-report-format-15.2.1.json' | 'junit-10.xsd';

/** The schema's path: the fixture in this repo, else ../shared/schemas beside the project root. */
export function schemaPath(name: SchemaName): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    for (const candidate of [path.join(dir, 'test/fixtures/report-schemas', name), path.join(dir, 'shared/schemas', name)]) {
      if (existsSync(candidate)) return candidate;
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`schema ${name} not found above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyModule = any;

async function load(specifier: string): Promise<AnyModule> {
  try {
    return await import(specifier);
  } catch {
    throw new Error(`${specifier} is not installed: npm install --save-dev ajv@8 ajv-draft-04 ajv-formats@3 xmllint-wasm`);
  }
}

/** Errors of `document` against a JSON schema, as readable lines; [] when valid. */
export async function jsonSchemaErrors(name: Exclude<SchemaName, 'junit-10.xsd'>, document: unknown): Promise<string[]> {
  const schema = JSON.parse(readFileSync(schemaPath(name), 'utf8')) as Record<string, unknown>;
  const draft04 = typeof schema.$schema === 'string' && schema.$schema.includes('draft-04');
  const AjvClass = draft04 ? (await load('ajv-draft-04')).default : (await load('ajv')).default;
  const ajv = new AjvClass({ allErrors: true, strict: false });
  const formats = (await load('ajv-formats')).default;
  (formats.default ?? formats)(ajv);
  const validate = ajv.compile(schema);
  if (validate(document)) return [];
  return (validate.errors as { instancePath: string; message: string; params: unknown }[]).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Errors of an XML document against the JUnit XSD; [] when valid. */
export async function junitSchemaErrors(xml: string): Promise<string[]> {
  const { validateXML } = await load('xmllint-wasm');
  const result = (await validateXML({
    xml: [{ fileName: 'report.xml', contents: xml }],
    schema: [{ fileName: 'junit-10.xsd', contents: readFileSync(schemaPath('junit-10.xsd'), 'utf8') }],
  })) as { valid: boolean; errors: readonly { message?: string; rawMessage?: string }[] };
  return result.valid ? [] : result.errors.map((e) => e.rawMessage ?? e.message ?? String(e));
}
