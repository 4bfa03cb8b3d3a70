#!/usr/bin/env node
// Re-records packages/simulator/test/fixtures/transcripts/*.json: request/response pairs captured
// from the node server for every endpoint. Vitest runs the TypeScript recorder (test/transcripts/
// record.ts), so no build step is needed. Usage (from the repository root):
//   node packages/simulator/scripts/record-transcripts.mjs
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const r = spawnSync('npx', ['vitest', 'run', '--project', 'node', 'packages/simulator/test/transcripts.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, RECORD_TRANSCRIPTS: '1' },
});
process.exit(r.status ?? 1);
