#!/usr/bin/env node
// The README's test command (`npm test`): makes sure Chromium is there, builds what the
// end-to-end tests serve, runs every vitest project, and prints a plain closing line
// "N passed, N failed" that CI can read (vitest's own summary is not such a line).
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { ensureSupportedNode } from './node-check.mjs';

ensureSupportedNode(import.meta.url, 'npm test');

const run = (cmd, args, opts = {}) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', ...opts });
  return r.status ?? 1;
};

function ensureChromium() {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (existsSync(path)) return;
  if (process.env.CHROME_PATH) {
    console.error(`CHROME_PATH=${path} does not exist.`);
    process.exit(1);
  }
  if (process.getuid?.() !== 0) {
    console.error('Chromium is missing and this is not root: install Debian\'s "chromium" or set CHROME_PATH.');
    process.exit(1);
  }
  console.log('Installing Debian chromium (first run on this machine)…');
  if (run('apt-get', ['update', '-qq']) !== 0 || run('apt-get', ['install', '-y', '-qq', 'chromium']) !== 0) {
    console.error('apt-get could not install chromium.');
    process.exit(1);
  }
}

ensureChromium();
if (run('npm', ['run', 'build']) !== 0) {
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const report = '.vitest-report.json';
rmSync(report, { force: true });
const extra = process.argv.slice(2);
const status = run('npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...extra]);

let passed = 0, failed = 0, skipped = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0);
  skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
} else {
  failed = 1;
}
console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(status !== 0 || failed > 0 ? 1 : 0);
