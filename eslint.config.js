// @ts-check
import eslint from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The layers of src/ (docs/architecture.md), as `no-restricted-imports` zones. Each message names
 * the layer rule it enforces, so a failing lint says which rule a wrong-way import breaks.
 * In flat config a later block replaces an earlier block's options for the same rule, so each
 * zone below repeats the rules every file of src/ keeps (ROOT_ONLY).
 */
const ROOT_ONLY = [
  {
    regex: String.raw`^\.{1,2}/(\.\./)*config(\.js)?$`,
    message:
      '[layer: composition root] only src/compose/ and src/cli/ import config.ts; take the values as parameters.',
  },
  {
    regex: String.raw`^\.{1,2}/(\.\./)*compose/`,
    message:
      '[layer: composition root] nothing below src/compose/ imports it; the root builds objects and passes them down.',
  },
];
const CORE = {
  regex: String.raw`^(\.\./(?!papers/|briefs/|errors\.js$|package-root\.js$)|\.\./\.\./)`,
  message:
    '[layer: core] papers/, briefs/ and errors.ts import nothing above the core (papers, briefs, errors).',
};
const PIPELINE = {
  regex: String.raw`^\./(summarizers/(?!summarizer\.js$)|stores/(?!store\.js$)|queue/|cli/|http/|runner/|delivery/|watch/|metrics/)`,
  message:
    '[layer: pipeline] pipeline.ts depends only on interfaces (summarizers/summarizer.ts, stores/store.ts): no concrete summarizer, store, queue, CLI or HTTP code.',
};
const WATCH = {
  regex: String.raw`^\.\./queue/`,
  message:
    '[layer: watch] watch/ fetches and parses only; it takes an `enqueue` function instead of importing queue/.',
};
const restrict = (/** @type {object[]} */ patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});
const BELOW_ROOT = { ignores: ['src/compose/**', 'src/cli/**', 'src/config.ts'] };

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'data/**',
      'coverage/**',
      'bench/results*',
      'test/fixtures/lint/**',
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Only src/config.ts reads process.env.' },
      ],
    },
  },
  {
    files: ['src/config.ts', 'test/**', 'scripts/**', 'bench/**', 'vitest.config.ts', 'workers/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
  { files: ['src/**/*.ts'], ...BELOW_ROOT, rules: restrict(ROOT_ONLY) },
  { files: ['src/papers/**/*.ts', 'src/briefs/**/*.ts'], rules: restrict([...ROOT_ONLY, CORE]) },
  {
    files: ['src/errors.ts'],
    rules: restrict([
      { regex: String.raw`^\.`, message: '[layer: core] errors.ts imports nothing of src/.' },
    ]),
  },
  { files: ['src/pipeline.ts'], rules: restrict([...ROOT_ONLY, PIPELINE]) },
  { files: ['src/watch/**/*.ts'], rules: restrict([...ROOT_ONLY, WATCH]) },
);
