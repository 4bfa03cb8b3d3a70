#!/usr/bin/env node
// `npm run test:faults`: the full fault matrix (issue 8, docs/decisions/0010). Builds the app into a
// private directory (other work may rebuild dist/ meanwhile), then runs test/faults/ with vitest's
// e2e project: FAULT_RUNS browser runs (default 200) + FAULT_PRINT_RUNS printer runs (default 50).
// FAULT_SEED picks the plan (default: a fresh one, printed so a failure can be replayed);
// FAULT_ONLY=3,17 replays single runs; FAULT_STRICT=1 also fails on the known limitations.
// Then the nginx topology test's long form (TOPOLOGY_SALES per tablet, default 20).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureSupportedNode } from './node-check.mjs';

ensureSupportedNode(import.meta.url, 'npm run test:faults');

const seed = process.env.FAULT_SEED ?? String(Date.now() % 1_000_000_007);
const runs = process.env.FAULT_RUNS ?? '200';
const printRuns = process.env.FAULT_PRINT_RUNS ?? '50';
const dist = process.env.FAULTS_DIST ?? mkdtempSync(join(tmpdir(), 'faults-dist-'));
const env = { ...process.env, FAULT_SEED: seed, FAULT_RUNS: runs, FAULT_PRINT_RUNS: printRuns, FAULTS_DIST: dist };
console.log(`[faults] FAULT_SEED=${seed} (replay: FAULT_SEED=${seed} FAULT_RUNS=${runs} npm run test:faults)`);

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', env }).status ?? 1;
const started = Date.now();
let status = process.env.FAULTS_DIST ? 0 : run('npx', ['tsc', '-b', 'packages/protocol', 'packages/simulator', 'packages/relay']);
if (status === 0 && !process.env.FAULTS_DIST) status = run('npx', ['vite', 'build', '--logLevel', 'warn', '--outDir', dist, '--emptyOutDir']);
if (status === 0) status = run('npx', ['vitest', 'run', '--project', 'e2e', 'test/faults']);
// The long form of the scale-out topology (nginx + three relay replicas, a SIGKILL and a drain).
const topologySales = process.env.TOPOLOGY_SALES ?? '20';
if (status === 0)
  status =
    spawnSync('npx', ['vitest', 'run', '--project', 'e2e', 'test/e2e/topology-nginx.e2e.test.ts'], {
      stdio: 'inherit',
      env: { ...env, TOPOLOGY_SALES: topologySales },
    }).status ?? 1;
if (!process.env.FAULTS_DIST) rmSync(dist, { recursive: true, force: true });
console.log(`[faults] ${status === 0 ? 'passed' : 'FAILED'} in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed})`);
process.exit(status);
