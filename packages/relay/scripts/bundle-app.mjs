#!/usr/bin/env node
// `prepack` / `postpack` of @cpay/relay: copies the built app (the repository's dist/) into app/ so the
// packed relay serves it by itself (src/app-dir.ts), and removes that copy after packing so a
// checkout keeps serving dist/. `node scripts/bundle-app.mjs clean` removes it.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const app = fileURLToPath(new URL('../app/', import.meta.url));
const dist = fileURLToPath(new URL('../../../dist/', import.meta.url));
rmSync(app, { recursive: true, force: true });
if (process.argv[2] === 'clean') process.exit(0);
if (!existsSync(`${dist}index.html`)) {
  console.error('@cpay/relay: no built app in the repository dist/ (run `npm run build` at the repository root first).');
  process.exit(1);
}
cpSync(dist, app, { recursive: true });
