// Vitest for Stryker (stryker.config.mjs): the node tests of the pure core only (no browser, no e2e).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

const ALL = ['src/kernel/**/*.test.ts', 'src/features/**/*.test.ts', 'packages/protocol/src/**/*.test.ts', 'packages/protocol/test/**/*.test.ts'];
const OWN: Readonly<Record<string, string[]>> = {
  domain: ['src/kernel/**/*.test.ts', 'src/features/**/*.test.ts'],
  flows: ['src/kernel/**/*.test.ts', 'src/features/**/*.test.ts'],
  protocol: ['packages/protocol/src/**/*.test.ts', 'packages/protocol/test/**/*.test.ts'],
};

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
    // STRYKER_TESTS=own: only the mutated folder's own tests (a faster dry run on a loaded machine).
    include: process.env.STRYKER_TESTS === 'own' && process.env.MUTATE ? (OWN[process.env.MUTATE] ?? ALL) : ALL,
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    testTimeout: 20_000,
  },
});
