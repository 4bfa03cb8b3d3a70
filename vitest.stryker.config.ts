// Vitest for Stryker (stryker.config.mjs): the node tests of the pure core only (no browser, no e2e).
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

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
    include: ['src/kernel/**/*.test.ts', 'src/features/**/*.test.ts', 'packages/protocol/src/**/*.test.ts', 'packages/protocol/test/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/*.browser.test.ts'],
    testTimeout: 20_000,
  },
});
