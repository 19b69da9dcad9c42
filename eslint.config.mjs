// ESLint for the whole tree: typescript-eslint's recommended rules without type information (so a
// full run stays a few seconds; rules that need types, like no-floating-promises, are left to a
// later, type-aware pass), plus a few core rules that catch real bugs. Formatting is Prettier's job
// (.prettierrc.json), so no stylistic rules here. `npm run lint` runs it after the import checks.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import tseslint from 'typescript-eslint';

// The Node globals our plain-JavaScript scripts use (the `globals` package is not a dependency).
const nodeGlobalNames = ['process', 'console', 'Buffer', 'URL', 'setTimeout', 'clearTimeout', 'setInterval', 'fetch'];
const nodeGlobals = Object.fromEntries(nodeGlobalNames.map((name) => [name, 'readonly']));
const commonJsGlobals = { ...nodeGlobals, require: 'readonly', __dirname: 'readonly' };

export default defineConfig([
  globalIgnores(['dist/', 'release/', 'node_modules/', 'test/golden/', '.silt-test/', 'test-results/', '.scratch/']),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // `==` hides coercions; `== null` is the one idiom kept, for "null or undefined".
      eqeqeq: ['error', 'always', { null: 'ignore' }],
      'no-fallthrough': 'error',
      'prefer-const': ['error', { destructuring: 'all' }],
      'no-self-compare': 'error',
      'no-template-curly-in-string': 'error',
      'no-unreachable-loop': 'error',
      'no-constructor-return': 'error',
      'no-new-native-nonconstructor': 'error',
      'default-case-last': 'error',
      'no-return-assign': ['error', 'except-parens'],
      'no-throw-literal': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
      // The four control-character classes (Excel cells, Delta paths, table names, share names)
      // exist to find and strip control characters; the rule would only ever flag those.
      'no-control-regex': 'off',
    },
  },
  {
    // The kernel is bundled to CommonJS and loads heavy or native packages (Plot, jsdom, resvg,
    // danfo, apache-arrow, automl) with a lazy require(), each commented with why it waits.
    files: ['kernel/**/*.ts'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Tests read JSON answers of servers under test as `any`, and hold code cells' source as strings
    // that contain `${...}` on purpose.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-template-curly-in-string': 'off' },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: nodeGlobals },
  },
  {
    files: ['bin/*.js'],
    languageOptions: { sourceType: 'commonjs', globals: commonJsGlobals },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
]);
