// Stryker (`npm run mutation`, not in `npm test`: a benchmark-like report). Mutates the pure core,
// one scope at a time, and runs the node tests that cover each mutant (vitest runner, per-test
// coverage). MUTATE=<scope> is a folder (domain | flows | protocol) or one of its sub-scopes
// (flows-pay, protocol-sign, …: a folder split into parts that each finish in a working slot on the
// shared 2-core machines); scripts/mutation.mjs runs them and sums the sub-scopes into one line per
// folder. MUTATE_FILES=a.ts,b.ts (repository paths) restricts a run to those files.
// Since the house layout (docs/decisions/0023-house-layout.md) the pure domain is the shared kernel plus
// each feature's model files, and the flows are the kernel's flow machinery plus each feature's flows.
export const subScopes = {
  domain: {
    domain: [
      'src/kernel/*.ts',
      'src/features/settings/domain-switch.ts',
      'src/features/settings/settings.ts',
      'src/features/bookkeeping/{bookkeeping,drawer}.ts',
      'src/features/deposit/{deposit,deposit-events,deposit-receipt,deposit-summary}.ts',
      'src/features/history/{history,history-csv,history-deposits,reprint,summary}.ts',
      'src/features/shift/{shift,shift-csv,shift-receipt}.ts',
      'src/features/pay/{amount-input,payment-report}.ts',
      'src/features/refund/{refund,refund-amount,refund-events,refund-pin}.ts',
      'src/features/report/report.ts',
      'src/features/settings/{terminal-settings,wifi-qr}.ts',
      'src/features/staff/staff.ts',
    ],
  },
  flows: {
    // Classification, polling and journaling of a payment: decides paid / not paid / unknown.
    'flows-kernel': ['src/kernel/flow/*.ts'],
    'flows-pay': ['src/features/pay/pay-{deps,flow,run,submit}.ts', 'src/features/scan-pay/scan-pay-{close,create,flow}.ts'],
    'flows-recovery': ['src/features/recovery/poll-recovery.ts'],
    'flows-refund': ['src/features/refund/refund-{decide,deps,flow,lookup,reconcile,record,run,services}.ts', 'src/features/bookkeeping/bookkeeping-refund.ts'],
    'flows-deposit': ['src/features/deposit/deposit-{classify,deps,qr,recorder,recovery,settle-calls,settle,summary-flow,take}.ts'],
    'flows-rest': [
      'src/features/binding/{bind-flow,bind-steps,boot-flow,legacy-bind}.ts',
      'src/features/bookkeeping/bookkeeping-flow.ts',
      'src/features/history/{history-export,history-flow,summary-flow}.ts',
      'src/features/shift/shift-{deps,flow}.ts',
      'src/features/report/report-flow.ts',
      'src/features/staff/staff-service.ts',
    ],
  },
  protocol: {
    // Signing, verification, status mapping: whether a response can be believed at all.
    'protocol-sign': ['packages/protocol/src/{envelope,crypto,aes,bytes,status,errors}.ts'],
    'protocol-client': ['packages/protocol/src/{client,server,bindqr,endpoints,order-no,index,types}.ts'],
    'protocol-codecs-pay': [
      'packages/protocol/src/codecs/{codec,read,common,head,index,load}.ts',
      'packages/protocol/src/codecs/{brief-pay,brief-list,refund,report,order-content,general-order,app-pay}.ts',
    ],
    'protocol-codecs-deposit': ['packages/protocol/src/codecs/{deposit-freeze,deposit-settle,deposit-status,deposit-types,freeze-content}.ts'],
    'protocol-codecs-rest': ['packages/protocol/src/codecs/{binding,legacy,merchant-list}.ts'],
  },
};

/** The folder a scope belongs to (a folder is its own folder). */
export const folderOf = (scope) => (subScopes[scope] ? scope : Object.keys(subScopes).find((folder) => Object.hasOwn(subScopes[folder], scope)));

const scope = process.env.MUTATE ?? 'domain';
const folder = folderOf(scope);
if (!folder) {
  const names = Object.entries(subScopes).flatMap(([f, subs]) => [f, ...Object.keys(subs)]);
  throw new Error(`MUTATE must be one of ${[...new Set(names)].join(', ')}`);
}
const files = scope === folder ? Object.values(subScopes[folder]).flat() : subScopes[folder][scope];

/** Per-sub-scope `timeoutMS` (see below). */
const TIMEOUT_MS = { 'flows-deposit': 5_000 };

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  // vitest.stryker.config.ts picks the tests from MUTATE (and STRYKER_TESTS).
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [...(process.env.MUTATE_FILES ? process.env.MUTATE_FILES.split(',').map((f) => f.trim()) : files), '!**/*.test.ts', '!**/*.d.ts'],
  // Each mutant runs only the tests that executed its code in the dry run.
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) rerun every test: nearly half the time for few mutants.
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  // A mutant is timed out after 1.5 × its covering tests' dry-run time + timeoutMS (then its runner is restarted).
  // 20 s keeps a slow but correct run under load from counting as detected; flows-deposit gets 5 s: its
  // tests run on virtual time (TestScheduler + `drive`, src/testing/pay-test-kit.ts), so a mutant that never
  // lets a flow finish spins `drive`'s 100 000 steps instead of waiting on a timer, and at 20 s each the
  // sub-scope took ≈ 3 h. STRYKER_TIMEOUT_MS overrides.
  timeoutMS: Number(process.env.STRYKER_TIMEOUT_MS ?? TIMEOUT_MS[scope] ?? 20_000),
  // The first full test run under load from other work can take more than Stryker's 5 minutes.
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'json'],
  // MUTATE_FILES runs report to <scope>-files.json, or <scope>-<MUTATE_PART>.json to keep several parts.
  jsonReporter: { fileName: `reports/mutation/${scope}${process.env.MUTATE_FILES ? `-${process.env.MUTATE_PART ?? 'files'}` : ''}.json` },
  // One sandbox per scope, so two scopes can run side by side.
  tempDirName: `.stryker-tmp-${scope}`,
  // …and none copies another's sandbox (or the reports) into its own.
  ignorePatterns: ['.stryker-tmp-*', 'reports'],
  cleanTempDir: 'always',
  thresholds: { high: 80, low: 60, break: null },
};
