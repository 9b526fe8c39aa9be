// Lint keeps imports pointing down the pipeline (STYLE.md §1):
// files → parsers → graph → adapters → model → engine → findings → reporters.
import tseslint from 'typescript-eslint';

// Tests may read fixtures from disk; the restriction is on the code they test.
const layer = (files, patterns) => ({
  files,
  ignores: ['**/*.test.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'examples/**', '.cache/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      // Walking scope chains (`for (let s = this; s; s = s.parent)`) is clearer than the alternatives.
      '@typescript-eslint/no-this-alias': 'off',
    },
  },
  layer(['src/source/**/*.ts'], [
    { group: ['**/parsers/**', '**/graph/**', '**/adapters/**', '**/model/**', '**/rules/**', '**/engine/**', '**/reporters/**', '**/cli/**', '**/fixes/**'], message: 'source/ is the bottom layer.' },
  ]),
  layer(['src/parsers/**/*.ts'], [
    { group: ['**/graph/**', '**/adapters/**', '**/model/**', '**/rules/**', '**/engine/**', '**/reporters/**', '**/cli/**'], message: 'Parsers only produce trees; they know nothing above them.' },
  ]),
  layer(['src/model/**/*.ts'], [
    { group: ['**/parsers/**', '**/graph/**', '**/adapters/**', '**/rules/**', '**/engine/**', '**/reporters/**', '**/cli/**', 'node:*'], message: 'The model is data only.' },
  ]),
  // Rules may use the AWS views in adapters/aws (they absorb provider quirks over the model),
  // never the input adapters that read syntax.
  layer(['src/rules/**/*.ts'], [
    { group: ['**/parsers/**', '**/graph/**', '**/adapters/terraform*/**', '**/adapters/cloudformation/**', '**/adapters/kubernetes/**', '**/reporters/**', '**/cli/**', 'node:fs', 'node:fs/*', 'node:process', 'node:child_process'], message: 'Rules are pure functions of the typed model (STYLE.md §4).' },
  ]),
  layer(['src/reporters/**/*.ts'], [
    { group: ['**/parsers/**', '**/graph/**', '**/adapters/**', '**/rules/**', '**/cli/**', 'node:fs', 'node:fs/*'], message: 'Reporters see findings, never trees.' },
  ]),
  layer(['src/engine/**/*.ts', 'src/controls/**/*.ts'], [
    { group: ['**/parsers/**', '**/reporters/**', '**/cli/**'], message: 'The engine runs rules on the model.' },
  ]),
);
