#!/usr/bin/env node
// `npm run test:smoke`: the short set CI runs on the oldest supported Node line (22.x, see .ci/run):
// builds, then every unit test (vitest's node project) and a few end-to-end files (harness, binding,
// a sale through the relay, the relay installed from its packed tarball). Prints
// "N passed, N failed" like `npm test`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureSupportedNode } from './node-check.mjs';

ensureSupportedNode(import.meta.url, 'npm run test:smoke');

export const SMOKE_E2E = [
  'test/e2e/relay-smoke.e2e.test.ts',
  'test/e2e/app-binding.e2e.test.ts',
  'test/e2e/pay-micropay.e2e.test.ts',
  'test/e2e/relay-package.e2e.test.ts',
];

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;
console.log(`[smoke] Node ${process.versions.node}`);
if (run('npm', ['run', 'build']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}
let passed = 0,
  failed = 0,
  status = 0;
for (const [i, args] of [
  ['--project', 'node'],
  ['--project', 'e2e', ...SMOKE_E2E.filter((f) => existsSync(f))],
].entries()) {
  const report = `.vitest-smoke-${i}.json`;
  rmSync(report, { force: true });
  status |= run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...args]);
  if (!existsSync(report)) {
    failed += 1;
    continue;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  rmSync(report, { force: true });
}
console.log(`\n[smoke on Node ${process.versions.node}] ${passed} passed, ${failed} failed`);
if (status !== 0 && failed === 0) console.log('[smoke] vitest exited with an error and no failed test: an unhandled error (see above).');
process.exit(status !== 0 || failed > 0 ? 1 : 0);
