// Stryker (`npm run mutation`, not in `npm test`: a benchmark-like report). Mutates the pure core,
// one folder at a time (MUTATE=domain|flows|protocol, scripts/mutation.mjs runs all three) and
// runs the node tests that cover each mutant (vitest runner, per-test coverage). Concurrency stays
// low: the machines have 2 shared cores. MUTATE_FILES=a.ts,b.ts (paths inside the folder) restricts a
// run to those files when a whole folder cannot finish in the time there is.
const scope = process.env.MUTATE ?? 'domain';
const folders = { domain: 'src/domain', flows: 'src/flows', protocol: 'packages/protocol/src' };
const folder = folders[scope];
if (!folder) throw new Error(`MUTATE must be one of ${Object.keys(folders).join(', ')}`);

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.stryker.config.ts', related: false },
  plugins: ['@stryker-mutator/vitest-runner'],
  mutate: [
    ...(process.env.MUTATE_FILES ? process.env.MUTATE_FILES.split(',').map((f) => `${folder}/${f.trim()}`) : [`${folder}/**/*.ts`]),
    '!**/*.test.ts',
    '!**/*-test-kit.ts',
    '!**/*.d.ts',
  ],
  coverageAnalysis: 'perTest',
  // Static mutants (module-level constants) rerun every test: nearly half the time for few mutants.
  ignoreStatic: true,
  concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
  timeoutMS: 20_000,
  // The first full test run under load from other work can take more than Stryker's 5 minutes.
  dryRunTimeoutMinutes: 20,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/${scope}${process.env.MUTATE_FILES ? '-files' : ''}.json` },
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  thresholds: { high: 80, low: 60, break: null },
};
