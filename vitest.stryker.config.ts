// Vitest for Stryker (stryker.config.mjs): the node tests of the pure core only (no browser, no e2e).
// Which tests: MUTATE's folder decides (a sub-scope such as flows-pay takes its folder's tests):
// - domain, flows: the kernel's and the features' node tests; per-test coverage then runs, for each
//   mutant, only the tests that executed it.
// - protocol: the package's own tests. The app's feature tests also reach the codecs (through the
//   simulator), but they would hide a weak spot in the package's tests and run dozens of slow tests
//   per mutant. STRYKER_TESTS=all takes every node test for any scope.
// - STRYKER_TESTS=own with a flows sub-scope: only the kernel's tests and that sub-scope's feature
//   folders (a faster dry run; a mutant only other features' tests reach then shows as no coverage).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const APP = ['src/kernel/**/*.test.ts', 'src/features/**/*.test.ts'];
const PROTOCOL = ['packages/protocol/src/**/*.test.ts', 'packages/protocol/test/**/*.test.ts'];
const OWN_FEATURES: Readonly<Record<string, string[]>> = {
  // The kernel's flow machinery has tests of its own for backoff, policy, poll-order and pay-journal only;
  // pay-classify is pinned by the pay tests (pay-status.test.ts), check-outcome and flow-support by the
  // binding flows' tests. Kernel tests alone would leave those as no coverage.
  'flows-kernel': ['pay', 'binding'],
  'flows-pay': ['pay', 'scan-pay'],
  'flows-recovery': ['recovery', 'pay'],
  'flows-refund': ['refund', 'bookkeeping'],
  'flows-deposit': ['deposit'],
  'flows-rest': ['binding', 'bookkeeping', 'history', 'shift', 'report', 'staff'],
};

function include(): string[] {
  const scope = process.env.MUTATE ?? '';
  const tests = process.env.STRYKER_TESTS;
  if (tests === 'all') return [...APP, ...PROTOCOL];
  if (scope.startsWith('protocol')) return PROTOCOL;
  const own = OWN_FEATURES[scope];
  if (tests === 'own' && own) return ['src/kernel/**/*.test.ts', ...own.map((f) => `src/features/${f}/**/*.test.ts`)];
  return APP;
}

export default defineConfig({
  resolve: {
    alias: {
      '@cpay/protocol': here('./packages/protocol/src/index.ts'),
      '@cpay/simulator/node': here('./packages/simulator/src/node/index.ts'),
      '@cpay/simulator/msw': here('./packages/simulator/src/msw/index.ts'),
      '@cpay/simulator': here('./packages/simulator/src/index.ts'),
      '@cpay/relay': here('./packages/relay/src/index.ts'),
    },
  },
  test: {
    environment: 'node',
    include: include(),
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    testTimeout: 20_000,
    // One worker reused across test files (STRYKER_ISOLATE=1: a fresh one per file). Stryker reruns the
    // covering test files for every mutant; a fresh worker per file was most of each mutant's time
    // (dry run of the app's node tests: 31 s of tests, 189 s of overhead). The node tests here
    // neither mock modules nor stub globals, so sharing the module cache between files is safe.
    isolate: process.env.STRYKER_ISOLATE === '1',
  },
});
