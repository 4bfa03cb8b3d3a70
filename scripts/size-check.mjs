#!/usr/bin/env node
// The bundle-size gate (issue 21): reads dist/size.json, written by `npm run build` (vite.config.ts,
// scripts/bundle-size.ts), and fails when the initial JS or any first route is over its budget.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const file = fileURLToPath(new URL('../dist/size.json', import.meta.url));
if (!existsSync(file)) {
  console.error('dist/size.json is missing: run `npm run build` first.');
  process.exit(1);
}
const r = JSON.parse(readFileSync(file, 'utf8'));
const kb = (n) => (n / 1024).toFixed(1);
if (!Array.isArray(r.over) || !Array.isArray(r.routes)) {
  console.error('dist/size.json has no budget verdict (an older build?): run `npm run build` again.');
  process.exit(1);
}
console.log(
  `[size] initial JS ${kb(r.initialGzipBytes)} KB gzip; heaviest first route ${kb(r.firstScreenWorstGzipBytes)} KB gzip (${r.routes.length} routes checked)`,
);
if (r.over.length > 0) {
  for (const line of r.over) console.error(`[size] OVER: ${line}`);
  process.exit(1);
}
