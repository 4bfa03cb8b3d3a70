#!/usr/bin/env node
// `npm run mutation`: Stryker over the domain, the flows and packages/protocol/src (not part of `npm test`).
// A folder runs as its sub-scopes (stryker.config.mjs: flows-pay, protocol-sign, …), one after the
// other, each with its own JSON report (reports/mutation/<scope>.json) and a note of its time and load
// (<scope>.meta.json). Then a table: one line per sub-scope and one per folder, the sum of its
// sub-scopes' reports (killed / timed out / survived / no coverage / score; static mutants are ignored,
// see stryker.config.mjs), naming any not yet run.
//   npm run mutation                        # every sub-scope of domain, flows, protocol
//   npm run mutation -- flows-pay protocol  # one sub-scope, one whole folder (as its sub-scopes)
//   npm run mutation -- --table             # no run: the table from the reports there are
//   npm run mutation -- --files flows-pay   # no run: per-file scores and survivors of a report
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setInterval, clearInterval } from 'node:timers';
import { subScopes, folderOf } from '../stryker.config.mjs';

const DIR = 'reports/mutation';
const args = process.argv.slice(2);
const folders = Object.keys(subScopes);
const expand = (name) => {
  const folder = folderOf(name);
  if (!folder) throw new Error(`unknown scope ${name}: one of ${folders.map((f) => `${f} (${Object.keys(subScopes[f]).join(', ')})`).join('; ')}`);
  return name === folder ? Object.keys(subScopes[folder]) : [name];
};

/** Counts of one Stryker JSON report: overall and per file. */
function read(scope) {
  const file = `${DIR}/${scope}.json`;
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const perFile = {};
  for (const [path, f] of Object.entries(report.files)) {
    perFile[path] = { counts: {}, survivors: [] };
    for (const m of f.mutants) {
      perFile[path].counts[m.status] = (perFile[path].counts[m.status] ?? 0) + 1;
      if (m.status === 'Survived' || m.status === 'NoCoverage')
        perFile[path].survivors.push(
          `${m.status === 'NoCoverage' ? 'no coverage' : 'survived'} L${m.location.start.line}:${m.location.start.column} ${m.mutatorName}: ${(m.replacement ?? '').replace(/\s+/g, ' ').slice(0, 100)}`,
        );
    }
  }
  const meta = existsSync(`${DIR}/${scope}.meta.json`) ? JSON.parse(readFileSync(`${DIR}/${scope}.meta.json`, 'utf8')) : null;
  return { perFile, counts: sum(Object.values(perFile).map((f) => f.counts)), meta };
}
const sum = (list) =>
  list.reduce((acc, c) => {
    for (const [k, v] of Object.entries(c)) acc[k] = (acc[k] ?? 0) + v;
    return acc;
  }, {});
function cells(counts) {
  const n = (k) => counts[k] ?? 0;
  const detected = n('Killed') + n('Timeout');
  const valid = detected + n('Survived') + n('NoCoverage');
  return [valid ? `${((100 * detected) / valid).toFixed(1)} %` : '–', n('Killed'), n('Timeout'), n('Survived'), n('NoCoverage'), valid, n('Ignored')];
}
const when = (meta) => (meta ? [`${meta.minutes} min`, meta.started.slice(0, 16).replace('T', ' '), `${meta.loadStart}→${meta.loadMax} max`] : ['', '', '']);

function table(names) {
  const rows = [
    '| scope | score | killed | timed out | survived | no coverage | mutants | static (ignored) | time | started (UTC) | load 1 min (start → max) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|',
  ];
  const byFolder = new Map();
  for (const name of names)
    for (const sub of expand(name)) {
      const folder = folderOf(sub);
      if (!byFolder.has(folder)) byFolder.set(folder, []);
      if (!byFolder.get(folder).includes(sub)) byFolder.get(folder).push(sub);
    }
  for (const [folder, subs] of byFolder) {
    const reports = subs.map((s) => [s, read(s)]);
    for (const [s, r] of reports)
      if (subs.length > 1 || s !== folder)
        rows.push(r ? `| ${s} | ${[...cells(r.counts), ...when(r.meta)].join(' | ')} |` : `| ${s} | not run | | | | | | | | | |`);
    const done = reports.filter(([, r]) => r);
    const missing = reports.filter(([, r]) => !r).map(([s]) => s);
    const minutes = done.reduce((t, [, r]) => t + (r.meta?.minutes ?? 0), 0);
    const label = `**${folder}**${missing.length && done.length ? ` (without ${missing.join(', ')})` : ''}`;
    rows.push(
      done.length
        ? `| ${label} | **${cells(sum(done.map(([, r]) => r.counts)))[0]}** | ${cells(sum(done.map(([, r]) => r.counts)))
            .slice(1)
            .join(' | ')} | ${minutes} min | | |`
        : `| ${label} | not run | | | | | | | | | |`,
    );
  }
  console.log(rows.join('\n'));
}

function files(scope) {
  const r = read(scope);
  if (!r) return console.log(`no report ${DIR}/${scope}.json`);
  console.log('| file | score | killed | timed out | survived | no coverage | mutants | static (ignored) |\n|---|---:|---:|---:|---:|---:|---:|---:|');
  for (const [path, f] of Object.entries(r.perFile).sort(([a], [b]) => a.localeCompare(b))) console.log(`| ${path} | ${cells(f.counts).join(' | ')} |`);
  for (const [path, f] of Object.entries(r.perFile)) if (f.survivors.length) console.log(`\n${path}\n  ${f.survivors.join('\n  ')}`);
}

async function run(scope) {
  mkdirSync(DIR, { recursive: true });
  const started = new Date();
  const loadStart = loadavg()[0].toFixed(1);
  let loadMax = Number(loadStart);
  const sampler = setInterval(() => (loadMax = Math.max(loadMax, loadavg()[0])), 30_000);
  const status = await new Promise((resolve) =>
    spawn('npx', ['stryker', 'run', 'stryker.config.mjs'], { stdio: 'inherit', env: { ...process.env, MUTATE: scope } }).on('exit', (code) =>
      resolve(code ?? 1),
    ),
  );
  clearInterval(sampler);
  const minutes = Math.round((Date.now() - started.getTime()) / 60_000);
  if (status === 0)
    writeFileSync(
      `${DIR}/${scope}.meta.json`,
      JSON.stringify(
        {
          scope,
          started: started.toISOString(),
          minutes,
          loadStart,
          loadMax: loadMax.toFixed(1),
          concurrency: Number(process.env.STRYKER_CONCURRENCY ?? 1),
          tests: process.env.STRYKER_TESTS ?? 'default',
        },
        null,
        2,
      ),
    );
  else console.error(`${scope}: stryker exited ${status}`);
}

if (args[0] === '--files') for (const s of args.slice(1)) files(s);
else if (args[0] === '--table') table(args.length > 1 ? args.slice(1) : folders);
else {
  const names = args.length ? args : folders;
  for (const name of names) for (const sub of expand(name)) await run(sub);
  table(names);
}
