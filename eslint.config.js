// One `npm run lint` checks style, types-aware rules and the architecture:
// pure domain code must not import NestJS or TypeORM, and modules talk to each
// other only through their public entry (index.ts).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const throughPublicEntry = {
  regex: '^\\.\\./(\\.\\./)*(sbom|advisories|policy|gate|audit|scans|remediation|reports|database|config|api)/(?!(index|nest)\\.js$)',
  message: 'Import another module through its public entry (../<module>/index.js, or ../<module>/nest.js for its NestJS and TypeORM side).',
};
const noFramework = {
  group: ['@nestjs/*', 'typeorm', '@nestjs/typeorm', '**/nest.js'],
  message: 'Pure domain code must not import NestJS, TypeORM or a module\'s nest.js (its framework side).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/.tools/**', 'bench/.out/**', 'examples/**', 'test/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='only'][callee.object.name=/^(it|test|describe)$/]", message: 'Focused tests hide the rest of the suite.' },
      ],
    },
  },
  {
    // TypeORM entities and NestJS providers need runtime class references for decorator metadata.
    files: ['src/**/*.entity.ts', 'src/**/*.module.ts', 'src/**/*.service.ts', 'src/**/*.controller.ts', 'src/**/*.repository.ts', 'src/**/*.filter.ts', 'src/api/**/*.ts', 'src/database/**/*.ts'],
    rules: { '@typescript-eslint/consistent-type-imports': 'off' },
  },
  {
    // Other modules are reached through their public entry only.
    files: ['src/**/*.ts'],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [throughPublicEntry] }] },
  },
  {
    // Pure domain code: no framework, so the CLI can use it without booting the server.
    files: [
      'src/sbom/**/*.ts',
      'src/advisories/domain/**/*.ts',
      'src/policy/domain/**/*.ts',
      'src/audit/domain/**/*.ts',
      'src/audit/{index,audit-signing,checkpoint-file,proof-view,audit.errors}.ts',
      'src/gate/**/*.ts',
      'src/reports/{index,report-pdf,report-options,reports.errors}.ts',
      'src/reports/{model,render,signing,verify,der}/**/*.ts',
      'src/config/load-config.ts',
      'src/config/config.schema.ts',
    ],
    ignores: ['src/**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [throughPublicEntry, noFramework] }] },
  },
  {
    files: ['**/*.js', '**/*.mjs', 'bin/*'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
