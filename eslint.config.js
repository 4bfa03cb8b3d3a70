// ESLint (flat config): typescript-eslint's type-checked rules (no-floating-promises among them),
// lit's and rxjs's rule sets, and the layer map of the architecture (shared design.md "Layers") as
// import boundaries. `npm run lint`; `npm test` runs it as a gate. No blanket disables: a local
// `eslint-disable-next-line <rule> -- <why>` must say why (eslint-comments are checked for a reason).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import rxjs from 'eslint-plugin-rxjs-x';

/** Modules that do I/O (IndexedDB, fetch, WebUSB/WebHID, camera): only the composition root wires them. */
const CONCRETE = [
  '**/storage/db.js',
  '**/storage/*-repo.js',
  '!**/storage/settings-repo.js',
  '**/storage/outbox-journal.js',
  '**/storage/vault.js',
  '**/storage/secret-store.js',
  '**/storage/print-job-store.js',
  '**/storage/order-number-reserve.js',
  '**/net/cpay-client.js',
  '**/net/http.js',
  '**/net/relay-status.js',
  '**/devices/printer/webusb.js',
  '**/devices/scanner/webhid.js',
  '**/devices/scanner/camera.js',
  '**/devices/scanner/camera-polyfill.js',
  '**/devices/fakes/*',
  '**/devices/fakes',
];
const concrete = {
  group: CONCRETE,
  allowTypeImports: true,
  message: 'A concrete implementation: only the composition root (src/main.ts) wires it; depend on its port or pass it in.',
};
/** settings-repo.js is I/O too, but its defaults are plain data every layer may read. */
const settingsRepo = {
  group: ['**/storage/settings-repo.js'],
  allowImportNames: ['DEFAULT_SETTINGS'],
  allowTypeImports: true,
  message: 'settings-repo: only DEFAULT_SETTINGS (data) and types outside the composition root.',
};
const ui = (what) => ({
  group: ['**/screens/*', '**/components/*', '**/controllers/*', '**/app/*', '**/main.js', 'lit', 'lit/*', '@lit/*'],
  message: `${what} does not know the UI.`,
});
const testCode = {
  group: ['msw', 'msw/*', '@cpay/simulator', '@cpay/simulator/*', 'vitest', 'fast-check', '**/test/**'],
  message: 'The app never imports test code, msw or the simulator (a dev-only dynamic import aside).',
};
const restrict = (...patterns) => ['error', { patterns }];

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '.tools/**',
      'bench-results/**',
      'reports/**',
      '.stryker-tmp*/**',
      'coverage/**',
      'public/**',
      'examples/**',
      '**/*.d.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { project: ['./tsconfig.test.json'], tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      // Off on purpose: async functions here often implement a Promise-returning port or route
      // handler without awaiting anything; the rule flags the signature, not a bug.
      '@typescript-eslint/require-await': 'off',
    },
  },
  { files: ['**/*.js', '**/*.mjs'], ...tseslint.configs.disableTypeChecked, languageOptions: { parserOptions: { project: false, program: null } } },
  {
    files: ['scripts/**', '**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        fetch: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        Buffer: 'readonly',
        AbortSignal: 'readonly',
        performance: 'readonly',
      },
    },
  },
  // Functions the benchmark hands to page.evaluate run in the browser.
  {
    files: ['scripts/bench-app.mjs', 'scripts/bench-tablet.mjs'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', requestAnimationFrame: 'readonly', KeyboardEvent: 'readonly' },
    },
  },
  // lit: templates and element rules for the UI.
  { files: ['src/**/*.ts'], ...lit.configs['flat/recommended'] },
  {
    // lit calls template event listeners with the element as `this` (`@submit=${this.submit}`), so an
    // unbound method there is bound; and a text field's FormData value is a string, never a File.
    files: ['src/components/**/*.ts', 'src/screens/**/*.ts', 'src/app/**/*.ts'],
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-base-to-string': ['error', { ignoredTypeNames: ['Error', 'RegExp', 'URL', 'URLSearchParams', 'File'] }],
    },
  },
  // rxjs: the plugin's recommended set for code that builds streams.
  { files: ['src/**/*.ts'], ...rxjs.configs.recommended },
  {
    // A deadline (takeUntil(timer(…))) followed by operators that cannot resubscribe to the source
    // (errors to values, mapping, side effects) is safe; flattening after takeUntil still is not.
    files: ['src/**/*.ts'],
    rules: {
      'rxjs-x/no-unsafe-takeuntil': [
        'error',
        {
          allow: [
            'catchError',
            'count',
            'defaultIfEmpty',
            'endWith',
            'every',
            'filter',
            'finalize',
            'ignoreElements',
            'isEmpty',
            'last',
            'map',
            'max',
            'min',
            'reduce',
            'share',
            'shareReplay',
            'skipLast',
            'takeLast',
            'tap',
            'throwIfEmpty',
            'toArray',
          ],
        },
      ],
    },
  },
  // ── Layers (design.md): protocol ← domain ← flows ← screens/components; only main.ts wires concrete parts.
  {
    files: ['packages/protocol/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict({
        group: ['@cpay/simulator', '@cpay/simulator/*', '@cpay/relay', '**/src/**', '../../*'],
        message: 'The protocol package depends on nothing.',
      }),
    },
  },
  {
    files: ['src/domain/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          group: ['**/flows/*', '**/storage/*', '**/net/*', '**/devices/*', '**/devices/**', '**/i18n/*', '**/platform/*', 'rxjs', 'rxjs/*', 'idb'],
          message: 'domain is pure: it depends on the protocol and itself only.',
        },
        ui('domain'),
        testCode,
      ),
    },
  },
  {
    files: ['src/flows/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*-test-kit.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        ui('A flow'),
        concrete,
        {
          group: ['**/storage/*', '**/net/*', '**/devices/**'],
          allowTypeImports: true,
          message: 'A flow sees devices, storage and net through their ports (types), handed in as deps.',
        },
        testCode,
      ),
    },
  },
  {
    files: ['src/components/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          group: ['**/flows/*', '**/storage/*', '**/net/*', '**/app/*', '**/screens/*', '**/main.js'],
          allowTypeImports: true,
          message: 'Components are presentational: properties in, events out, no services.',
        },
        concrete,
        testCode,
      ),
    },
  },
  {
    files: ['src/**/*.ts'],
    ignores: [
      'src/main.ts',
      '**/*.test.ts',
      '**/*.browser.test.ts',
      '**/*-test-kit.ts',
      'src/devices/fakes/**',
      'src/domain/**',
      'src/flows/**',
      'src/components/**',
    ],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(concrete, settingsRepo, testCode) },
  },
  {
    // Tests and scripts: the type-checked rules that only make noise in assertions stay off.
    files: ['**/*.test.ts', 'test/**/*.ts', '**/*-test-kit.ts', 'packages/*/test/**/*.ts'],
    rules: {
      // Assertions read parsed JSON and spy on methods: the unsafe-any and unbound-method rules
      // would flag every `expect(JSON.parse(…).field)` and `expect(obj.method)` without finding bugs.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
