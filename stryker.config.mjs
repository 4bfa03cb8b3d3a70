// Stryker (`npm run mutation`, not in `npm test`: a benchmark-like report). Mutates the pure core,
// one layer at a time (MUTATE=domain|flows|protocol, scripts/mutation.mjs runs all three) and
// runs the node tests that cover each mutant (vitest runner, per-test coverage). Concurrency stays
// low: the machines have 2 shared cores. MUTATE_FILES=a.ts,b.ts (repository paths) restricts a
// run to those files when a whole folder cannot finish in the time there is.
const scope = process.env.MUTATE ?? 'domain';
// Since the house layout (docs/decisions/0023-house-layout.md) the pure domain is the shared kernel plus
// each feature's model files, and the flows are the kernel's flow machinery plus each feature's flows.
const scopes = {
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
  flows: [
    'src/kernel/flow/*.ts',
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
  ],
  protocol: ['packages/protocol/src/**/*.ts'],
};
const files = scopes[scope];
if (!files) throw new Error(`MUTATE must be one of ${Object.keys(scopes).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [...(process.env.MUTATE_FILES ? process.env.MUTATE_FILES.split(',').map((f) => f.trim()) : files), '!**/*.test.ts', '!**/*.d.ts'],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) rerun every test: nearly half the time for few mutants.
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  // The first full test run under load from other work can take more than Stryker's 5 minutes.
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${scope}${process.env.MUTATE_FILES ? '-files' : ''}.json` },
  // One sandbox per scope, so two scopes can run side by side.
  tempDirName: `.stryker-tmp-${scope}`,
  cleanTempDir: 'always',
  thresholds: { high: 80, low: 60, break: null },
};
