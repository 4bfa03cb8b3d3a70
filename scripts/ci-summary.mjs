#!/usr/bin/env node
// `node scripts/ci-summary.mjs`: run last by .ci/run. Repeats which tests failed in `npm test`'s full
// run, with the first lines of each failure, so the end of CI's log (often the only part a reader
// sees) names the failure instead of ending on the passing smoke set. A file that failed in the full
// run and passed when run again alone (scripts/test.mjs, decision 0039) is listed as flaky, with the
// failure it had: a bug to fix, not noise.
import { existsSync, readFileSync } from 'node:fs';

const read = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined);
const final = read('.vitest-report.json');
const first = read('.vitest-report-first.json');
if (!final) {
  console.log('\n[ci-summary] no .vitest-report.json: npm test stopped before the tests ran (a gate or the build failed; see above).');
  process.exit(0);
}
const failedNow = final.numFailedTests ?? 0;
console.log(`\n[ci-summary] npm test: ${final.numPassedTests ?? 0} passed, ${failedNow} failed`);
if (failedNow > 0) console.log(failures(final).join('\n'));
if (first && Array.isArray(final.flaky) && final.flaky.length) {
  console.log(`[ci-summary] flaky: failed in the full run, passed when run again alone (${final.flaky.join(', ')}):`);
  console.log(failures(first, final.flaky).join('\n'));
}

function failures(report, only) {
  const lines = [];
  for (const file of (report.testResults ?? []).filter((f) => f.status === 'failed')) {
    const name = String(file.name ?? '').replace(`${process.cwd()}/`, '');
    if (only && !only.includes(name)) continue;
    const failed = (file.assertionResults ?? []).filter((a) => a.status === 'failed');
    if (failed.length === 0) lines.push(`✗ ${name}: ${firstLines(file.message, 4)}`);
    for (const a of failed) {
      lines.push(`✗ ${name} > ${[...(a.ancestorTitles ?? []), a.title].join(' > ')}`);
      lines.push(`    ${firstLines((a.failureMessages ?? []).join('\n'), 6).replaceAll('\n', '\n    ')}`);
    }
  }
  return lines;
}

function firstLines(text, n) {
  return String(text ?? '')
    .replace(new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g'), '') // colour codes
    .split('\n')
    .map((l) => l.trimEnd())
    .filter(Boolean)
    .slice(0, n)
    .join('\n');
}
