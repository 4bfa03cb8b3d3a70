#!/usr/bin/env node
// `npm run mutation`: Stryker over the domain, the flows and packages/protocol/src, one layer at a
// time (MUTATE=…), then one line per folder: killed / survived / timed out / no coverage and the
// mutation score (reports/mutation/<folder>.json). Not part of `npm test`.
//   npm run mutation -- domain protocol   # only these folders
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';

const scopes = process.argv.slice(2).length ? process.argv.slice(2) : ['domain', 'flows', 'protocol'];
const rows = [];
for (const scope of scopes) {
  const t0 = Date.now();
  const status = spawnSync('npx', ['stryker', 'run', 'stryker.config.mjs'], { stdio: 'inherit', env: { ...process.env, MUTATE: scope } }).status ?? 1;
  const file = `reports/mutation/${scope}.json`;
  if (status !== 0 || !existsSync(file)) {
    rows.push(`| ${scope} | failed (exit ${status}) | | | | |`);
    continue;
  }
  const counts = {};
  for (const f of Object.values(JSON.parse(readFileSync(file, 'utf8')).files)) for (const m of f.mutants) counts[m.status] = (counts[m.status] ?? 0) + 1;
  const n = (k) => counts[k] ?? 0;
  const detected = n('Killed') + n('Timeout');
  const valid = detected + n('Survived') + n('NoCoverage');
  const score = valid ? ((100 * detected) / valid).toFixed(1) : '–';
  rows.push(
    `| ${scope} | ${score} % | ${n('Killed')} | ${n('Timeout')} | ${n('Survived')} | ${n('NoCoverage')} | ${Math.round((Date.now() - t0) / 60_000)} min |`,
  );
}
console.log(['\n| folder | mutation score | killed | timed out | survived | no coverage | time |', '|---|---:|---:|---:|---:|---:|---:|', ...rows].join('\n'));
