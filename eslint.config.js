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
];
const concrete = {
  group: CONCRETE,
  allowTypeImports: true,
  message: 'A concrete implementation: only the composition root (src/main.ts, src/app/compose/) wires it; depend on its port or pass it in.',
};
/**
 * Storage depends on the domain's types (BindingRecord in src/kernel/binding.ts, Settings in
 * src/features/settings/settings.ts), never the other way: the domain, the flows and the UI import
 * nothing from platform/storage, not even a type. (No allowTypeImports here, and the blocks that use
 * this one pair it with `concreteNotStorage`: with typescript-eslint one pattern allowing a type import
 * allows it whatever the others say.)
 */
const noStorage = {
  group: ['**/platform/storage/*', '**/storage/*.js'],
  message: 'The domain, the flows and the UI import nothing from platform/storage (not even types): storage depends on the domain.',
};
const concreteNotStorage = { ...concrete, group: CONCRETE.filter((g) => !g.includes('/storage/')) };
/**
 * A feature file that still names a storage type: only the devices runtime port (it hands the terminal
 * database to the lazy devices chunk in app/compose). The binding, identity and preferences services
 * take narrow ports of their own (BindingStore, KeyStore, IdentityStore, SettingsStore): house3.
 */
const FEATURE_STORAGE_SERVICES = ['src/features/devices/device-runtime.ts'];
const ui = (what) => ({
  group: ['**/ui/*', '**/app/**', '**/main.js', 'lit', 'lit/*', '@lit/*', ...FEATURE_UI],
  message: `${what} does not know the UI.`,
});
const testCode = {
  group: ['msw', 'msw/*', '@cpay/simulator', '@cpay/simulator/*', 'vitest', 'fast-check', '**/test/**', '**/testing/**'],
  message: 'The app never imports test code, test kits, device fakes, msw or the simulator (a dev-only dynamic import aside).',
};
/**
 * The house (docs/decisions/0023-house-layout.md): src/kernel (shared pure domain) and src/kernel/flow
 * (shared flow machinery); src/features/<feature>/ holding a feature's model, flows and UI together;
 * src/platform/{net,storage,devices,browser} adapters; src/ui (shared UI kit); src/app/{context,shell,compose}.
 * Inside a feature folder the layer of a file is named here: its pure model files and its flows
 * (everything else in a feature folder is UI or a service the composition root wires).
 */
const FEATURE_DOMAIN = [
  'src/features/settings/settings.ts',
  'src/features/bookkeeping/{bookkeeping,drawer}.ts',
  'src/features/deposit/{deposit,deposit-events,deposit-receipt,deposit-summary}.ts',
  'src/features/history/{history,history-csv,history-deposits,reprint,summary}.ts',
  'src/features/shift/{shift,shift-csv,shift-receipt}.ts',
  'src/features/pay/{amount-input,payment-report}.ts',
  'src/features/refund/{refund,refund-amount,refund-events,refund-pin}.ts',
  'src/features/report/report.ts',
  'src/features/settings/{terminal-settings,wifi-qr}.ts',
  'src/features/settings/domain-switch.ts',
  'src/features/staff/staff.ts',
];
const FEATURE_FLOWS = [
  'src/features/binding/{bind-flow,bind-steps,boot-flow,legacy-bind}.ts',
  'src/features/bookkeeping/bookkeeping-{flow,refund}.ts',
  'src/features/deposit/deposit-{classify,deps,qr,recorder,recovery,settle-calls,settle,summary-flow,take}.ts',
  'src/features/history/{history-export,history-flow,summary-flow}.ts',
  'src/features/shift/shift-{deps,flow}.ts',
  'src/features/pay/pay-{deps,flow,run,submit}.ts',
  'src/features/recovery/poll-recovery.ts',
  'src/features/refund/refund-{decide,deps,flow,lookup,reconcile,record,run,services}.ts',
  'src/features/report/report-flow.ts',
  'src/features/scan-pay/scan-pay-{close,create,flow}.ts',
  'src/features/staff/staff-service.ts',
];
/** Expands one level of `{a,b}` in a glob (enough for the lists above). */
const expand = (glob) => {
  const m = /\{([^}]+)\}/.exec(glob);
  return m ? m[1].split(',').map((alt) => glob.replace(m[0], alt)) : [glob];
};
/** The feature model files as import specifiers (e.g. features/refund/refund.js): the domain other layers may use. */
const FEATURE_DOMAIN_SPECIFIERS = FEATURE_DOMAIN.flatMap(expand).map((f) => f.replace(/^src\//, '**/').replace(/\.ts$/, '.js'));
const pure = {
  group: ['**/kernel/flow/*', '**/platform/**', '**/i18n/*', 'rxjs', 'rxjs/*', 'idb', '**/*-flow.js', '**/*-deps.js'],
  message: 'The domain (kernel and feature models) is pure: it depends on the protocol and the domain only.',
};
const platformPorts = {
  group: ['**/platform/net/**', '**/platform/devices/**', '**/platform/browser/**'],
  allowTypeImports: true,
  message: 'A flow sees devices, storage and net through their ports (types), handed in as deps.',
};
const noFeature = { group: ['**/features/**'], message: 'The shared kernel knows no feature: features depend on the kernel.' };
const intoShell = {
  group: ['**/app/shell/*', '**/app/compose/*', '**/main.js'],
  allowTypeImports: true,
  message: 'A feature receives what it needs (app/context); it never reaches into the shell or the composition root.',
};
/** Import specifiers of feature UI (screens, controllers, elements) as the layer rules see them. */
const FEATURE_UI = ['**/*-screen.js', '**/*-controller.js', '**/*-view.js', '**/*-panel.js', '**/*-panels.js', '**/*-form.js', '**/keypad*.js'];
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
    files: ['scripts/bench-app.mjs', 'scripts/bench-tablet.mjs', 'scripts/bench-rig.mjs'],
    languageOptions: {
      globals: { window: 'readonly', document: 'readonly', navigator: 'readonly', requestAnimationFrame: 'readonly', KeyboardEvent: 'readonly' },
    },
  },
  // lit: templates and element rules for the UI.
  { files: ['src/**/*.ts'], ...lit.configs['flat/recommended'] },
  {
    // lit calls template event listeners with the element as `this` (`@submit=${this.submit}`), so an
    // unbound method there is bound; and a text field's FormData value is a string, never a File.
    files: ['src/features/**/*.ts', 'src/ui/**/*.ts', 'src/app/**/*.ts'],
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
  // ── Layers (design.md, docs/decisions/0023-house-layout.md):
  //    protocol ← kernel ← feature models ← kernel/flow + feature flows ← feature UI, ui/ ← app/; platform adapters
  //    implement the ports and depend on the domain's types; only main.ts and app/compose/ wire concrete parts.
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
  // Flat config: for one rule, the last matching block wins, so the blocks go from the widest file set to
  // the narrowest and each repeats the restrictions it keeps.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/main.ts', 'src/app/compose/**', '**/*.test.ts', 'src/testing/**'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(concrete, testCode) },
  },
  {
    files: ['src/app/context/*.ts', 'src/app/shell/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(noStorage, concreteNotStorage, testCode) },
  },
  {
    files: ['src/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(intoShell, noStorage, concreteNotStorage, testCode) },
  },
  {
    files: FEATURE_STORAGE_SERVICES,
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(intoShell, concrete, testCode) },
  },
  {
    files: ['src/ui/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          group: ['**/features/**', '**/platform/net/**', '**/platform/devices/**', '**/platform/browser/**', '**/app/**', '**/main.js'],
          allowTypeImports: true,
          message: 'The shared UI kit is presentational: properties in, events out, no services.',
        },
        noStorage,
        concreteNotStorage,
        testCode,
      ),
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': restrict(
        {
          group: ['**/features/*/*.js', ...FEATURE_DOMAIN_SPECIFIERS.map((g) => `!${g}`)],
          allowTypeImports: true,
          message: 'A platform adapter depends on the domain, never on the flows or UI of a feature (their types aside).',
        },
        { group: ['**/app/context/*'], allowTypeImports: true, message: 'A platform adapter sees the app context as types only.' },
        {
          group: ['**/app/shell/*', '**/app/compose/*', '**/ui/*', '**/main.js', 'lit', 'lit/*'],
          message: 'A platform adapter does not know the app or its UI.',
        },
        testCode,
      ),
    },
  },
  {
    files: ['src/kernel/flow/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(noFeature, ui('A flow'), noStorage, concreteNotStorage, platformPorts, testCode) },
  },
  {
    files: FEATURE_FLOWS,
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(ui('A flow'), noStorage, concreteNotStorage, platformPorts, testCode) },
  },
  {
    files: ['src/kernel/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(noFeature, pure, ui('The domain'), testCode) },
  },
  {
    files: FEATURE_DOMAIN,
    ignores: ['**/*.test.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': restrict(pure, ui('The domain'), testCode) },
  },
  {
    // Tests and scripts: the type-checked rules that only make noise in assertions stay off.
    files: ['**/*.test.ts', 'test/**/*.ts', 'src/testing/**/*.ts', 'packages/*/test/**/*.ts'],
    rules: {
      // Assertions read parsed JSON and spy on methods: the unsafe-any and unbound-method rules
      // would flag every `expect(JSON.parse(…).field)` and `expect(obj.method)` without finding bugs.
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/unbound-method': 'off',
    },
  },
);
