#!/usr/bin/env node
// The README's test command (`npm test`): installs what it needs (like `npm start`), makes sure
// Chromium is there, runs the gates (type-checks of the app, the packages and all test code; ESLint;
// madge's cycle check; the Prettier check), builds what the end-to-end tests serve, runs every vitest project, and prints
// a plain closing line "N passed, N failed" that CI can read (vitest's own summary is not such a line).
//   TEST_GATES=0 npm test   # skip the gates (e.g. while iterating on one test); CI never sets it
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installProblem } from './install-check.mjs';
import { ensureSupportedNode } from './node-check.mjs';

ensureSupportedNode(import.meta.url, 'npm test');

const root = fileURLToPath(new URL('..', import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...opts });
  return r.status ?? 1;
};
const fail = (why) => {
  console.error(why);
  console.log('0 passed, 1 failed');
  process.exit(1);
};

function ensureInstalled() {
  // The same check as scripts/start.mjs: a fresh clone has no node_modules, a pulled one may have an
  // older install than its package-lock.json (tsc, vitest, eslint, marked … would fail later).
  const why = installProblem(new URL('..', import.meta.url));
  if (!why) return;
  console.log(`› ${why}: running npm ci…`);
  if (run(npm, ['ci']) !== 0) fail('npm ci failed; fix the error above and run npm test again.');
}

function ensureChromium() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (process.env.CHROME_PATH) fail(`CHROME_PATH=${path} does not exist.`);
  if (process.getuid?.() !== 0) fail('Chromium is missing and this is not root: install Debian\'s "chromium" or set CHROME_PATH.');
  console.log('Installing Debian chromium (first run on this machine)…');
  if (run('apt-get', ['update', '-qq']) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium']) !== 0) fail('apt-get could not install chromium.');
}

/** The gates: each runs even when an earlier one failed, so one run shows every problem. */
function gates() {
  const list = [
    ['type-check: packages + app (npm run typecheck)', ['run', 'typecheck']],
    ['type-check: all test code (npm run typecheck:test)', ['run', 'typecheck:test']],
    ['lint: ESLint (npm run lint)', ['run', 'lint']],
    ['cycles: no import cycle, type-only included (npm run cycles)', ['run', 'cycles']],
    ['format: Prettier (npm run format:check; fix with npm run format)', ['run', 'format:check']],
  ];
  const failed = [];
  for (const [name, args] of list) {
    console.log(`\n› gate: ${name}`);
    if (run(npm, args) !== 0) failed.push(name);
  }
  console.log(`\n[gates] ${list.length - failed.length}/${list.length} passed${failed.length ? `; FAILED: ${failed.join('; ')}` : ''}`);
  if (failed.length) fail('A gate failed (above): the tests do not run until the gates pass.');
}

ensureInstalled();
ensureChromium();
if (process.env.TEST_GATES !== '0') gates();
if (run(npm, ['run', 'build']) !== 0) fail('The build failed (above).');
// The bundle-size gate (issue 21): the first screen's JavaScript within its budget, read from the build's output.
if (process.env.TEST_GATES !== '0') {
  console.log('\n› gate: size: initial JS ≤ 60 KB gzip, every first route ≤ 80 KB gzip (npm run size:check)');
  if (run(npm, ['run', 'size:check']) !== 0)
    fail('The bundle is over its size budget (above): move code out of the first screen (decision 0024) before raising a budget.');
}

const report = '.vitest-report.json';
rmSync(report, { force: true });
const extra = process.argv.slice(2);
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

let passed = 0;
let failed = 1;
let skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
