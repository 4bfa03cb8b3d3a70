#!/usr/bin/env node
// `npm run bench` (issue 8): one table of the terminal's figures. Builds the packages and the app
// (into a private directory: other work may rebuild dist/ meanwhile), then runs
// - scripts/bench-relay.mjs (relay vs direct vs node:http baseline vs nginx; owned by the relay),
// - the payment benchmark in Chromium (test/e2e/pay-bench.e2e.test.ts: scan-to-request and
//   answer-to-screen over BENCH_PAYMENTS keyboard payments, default 200),
// - scripts/bench-app.mjs (cold start to an interactive keypad with and without the service
//   worker cache; JS heap after 0, 1000, … BENCH_HEAP_PAYMENTS payments in one tab, default 5000),
// - scripts/bench-tablet.mjs (issue 21: the cheap-tablet profile at 1×/4×/6× CPU throttling and
//   a year of data in IndexedDB beside the empty database; BENCH_TABLET=0 skips it; about 15–25
//   minutes on a shared 2-core VM, most of it the throttled runs and seeding 150,000 orders),
// and reads the initial JS size from size.json. Prints figures and targets; asserts nothing.
// Writes bench-results/bench-<date>.json. BENCH_QUICK=1: shorter runs (smoke test of the script).
// BENCH_DIST=DIR: serve an app already built there (e.g. from a clean checkout) instead of building.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { tabletTables } from './bench-tablet-table.mjs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const payments = process.env.BENCH_PAYMENTS ?? (quick ? '30' : '200');
const heapPayments = process.env.BENCH_HEAP_PAYMENTS ?? (quick ? '200' : '5000');
const heapStep = quick ? '100' : '500'; // every 500 payments: the peak is the largest of these collected samples
const dist = process.env.BENCH_DIST ?? mkdtempSync(join(tmpdir(), 'bench-dist-'));

/** Runs a command, echoing stderr, returning stdout (rejects on a non-zero exit). */
function run(cmd, args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c) => {
      out += c;
      process.stdout.write(c);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}`))));
  });
}
const f = (n, d = 1) => (Number.isFinite(n) ? n.toFixed(d) : '-');
const mb = (b) => f(b / 1_048_576, 1);

try {
  await run('npm', ['run', 'build:packages']);
  if (!process.env.BENCH_DIST) await run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir']);
  const size = JSON.parse(readFileSync(join(dist, 'size.json'), 'utf8'));
  const relayOut = await run('node', ['scripts/bench-relay.mjs', ...(quick ? ['--rounds', '1', '--duration', '2', '--warmup', '1'] : [])]);
  const relayFile = /results: (.+\.json)/.exec(relayOut)?.[1];
  const relay = relayFile ? JSON.parse(readFileSync(relayFile.trim(), 'utf8')) : undefined;
  const payOut = await run('npx', ['vitest', 'run', '--project', 'e2e', 'test/e2e/pay-bench'], { BENCH_PAYMENTS: payments, PAY_E2E_DIST: dist });
  const pay = /scan-to-request: p50 ([\d.]+) ms, p95 ([\d.]+) ms \(n=(\d+)\); answer-to-screen: p50 ([\d.]+) ms, p95 ([\d.]+) ms/.exec(payOut);
  const appOut = await run('node', ['scripts/bench-app.mjs', '--dist', dist, '--payments', heapPayments, '--step', heapStep]);
  const app = JSON.parse(appOut.trim().split('\n').at(-1) ?? '{}');
  const tabletArgs = quick ? ['--rates', '1,4', '--payments', '3', '--reloads', '2', '--opens', '2', '--orders', '3000'] : [];
  const tablet =
    process.env.BENCH_TABLET === '0'
      ? undefined
      : JSON.parse((await run('node', ['scripts/bench-tablet.mjs', '--dist', dist, ...tabletArgs])).trim().split('\n').at(-1) ?? '{}');

  const r = relay?.results ?? {};
  const row = (name) => (r[name] ? `${f(r[name].fixed.p50, 2)} / ${f(r[name].fixed.p99, 2)} ms; max ${f(r[name].max.rps, 0)} req/s` : 'not run');
  // Issue 21: peak − baseline (the largest collected heap at any step minus the one before the first payment), not last − first.
  const growth = app.heapPeakMinusBaselineBytes ?? NaN;
  const lines = [
    '',
    `## npm run bench — ${new Date().toISOString()}`,
    '',
    '| measure | figure | target |',
    '|---|---|---|',
    `| direct to the simulator: ${relay?.rate ?? '?'} req/s p50 / p99; max | ${row('direct (simulator)')} | – |`,
    `| relay: ${relay?.rate ?? '?'} req/s p50 / p99; max | ${row('relay')} | added p99 < 1 ms; ≥ 90 % of nginx |`,
    `| node:http pass-through (baseline) | ${row('node:http baseline')} | – |`,
    `| nginx proxy_pass | ${row('nginx proxy_pass')} | – |`,
    `| relay added latency p50 / p99; throughput vs direct / nginx | +${f(relay?.ratios?.relayAddedP50Ms, 2)} / +${f(relay?.ratios?.relayAddedP99Ms, 2)} ms; ${f(100 * (relay?.ratios?.relayVsDirectThroughput ?? NaN), 0)} % / ${f(100 * (relay?.ratios?.relayVsNginxThroughput ?? NaN), 0)} % | |`,
    `| scan-to-request p50 / p95 (n=${pay?.[3] ?? '?'}; code shown ${process.env.BENCH_PRESENT_MS ?? 300} ms after the amount) | ${pay?.[1] ?? '-'} / ${pay?.[2] ?? '-'} ms | p95 < 15 ms |`,
    `| answer-to-screen p50 / p95 | ${pay?.[4] ?? '-'} / ${pay?.[5] ?? '-'} ms | p95 < 50 ms |`,
    `| first visit to the setup screen (no cache) | ${f(app.firstVisitSetupMs, 0)} ms | – |`,
    `| cold start to an interactive keypad, no service worker / HTTP cache (median) | ${f(app.coldStartNoCacheMs, 0)} ms | – |`,
    `| cold start to an interactive keypad from the service worker cache (median) | ${f(app.coldStartSwMs, 0)} ms${app.swControlled ? '' : ' (SW NOT controlling)'} | < 500 ms |`,
    `| initial JS, gzip (size.json; worst first screen) | ${f(size.initialGzipBytes / 1024, 1)} KiB (${f(size.firstScreenWorstGzipBytes / 1024, 1)} KiB) | – |`,
    `| JS heap after ${(app.heap ?? []).map((x) => x.payments).join(' / ')} payments | ${(app.heap ?? []).map((x) => mb(x.bytes)).join(' / ')} MB | – |`,
    `| heap peak − baseline over ${heapPayments} payments (${f(app.paymentsPerSecond, 1)} payments/s, ${app.paidAtServer ?? '?'} paid at the server) | ${mb(growth)} MB | < 10 MB |`,
  ];
  if (tablet) lines.push(...tabletTables(tablet));
  lines.push(
    '',
    `machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, load average ${os
      .loadavg()
      .map((x) => x.toFixed(1))
      .join(' ')} (shared machines: figures are noisy)`,
  );
  console.log(lines.join('\n'));
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  const file = join(root, 'bench-results', `bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify(
      {
        date: new Date().toISOString(),
        size,
        relay,
        pay: pay
          ? { scanToRequest: { p50: Number(pay[1]), p95: Number(pay[2]) }, answerToScreen: { p50: Number(pay[4]), p95: Number(pay[5]) }, n: Number(pay[3]) }
          : undefined,
        app,
        tablet,
      },
      null,
      2,
    ),
  );
  console.log(`\nresults: ${file}`);
} finally {
  if (!process.env.BENCH_DIST) rmSync(dist, { recursive: true, force: true });
}
