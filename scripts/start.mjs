#!/usr/bin/env node
// `npm start`: from a fresh clone to a running terminal in one command.
//  1. installs dependencies when node_modules is missing or older than package-lock.json (npm ci),
//  2. builds the packages (required) and the app (tolerated while the app is not there yet),
//  3. starts the relay in sandbox mode (the simulator runs in-process as cpay) serving dist/ on
//     PORT (default 8080), and prints the URL and the demo device to bind.
// Every relay setting (HOST, TLS_CERT/TLS_KEY, LOG_LEVEL, …) is read from the environment as in
// `cpay-relay --help`; setting CPAY_UPSTREAM switches to live mode.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { installProblem } from './install-check.mjs';
import { ensureSupportedNode } from './node-check.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const at = (p) => fileURLToPath(new URL(`../${p}`, import.meta.url));
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const run = (args) => spawnSync(npm, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
const say = (line) => process.stdout.write(`${line}\n`);

ensureSupportedNode(import.meta.url, 'npm start');

const installWhy = installProblem(new URL('..', import.meta.url));
if (installWhy) {
  say(`› ${installWhy}: running npm ci…`);
  if (run(['ci']) !== 0) {
    console.error('npm ci failed; fix the error above and run npm start again.');
    process.exit(1);
  }
}

say('› building the packages (protocol, simulator, relay)…');
if (run(['run', 'build:packages']) !== 0) {
  console.error('Building the packages failed (see the TypeScript errors above).');
  process.exit(1);
}

const hasApp = existsSync(at('index.html')) && ['vite.config.ts', 'vite.config.mjs', 'vite.config.js'].some((f) => existsSync(at(f)));
if (!hasApp) {
  say('! the app sources are not there yet (no index.html / vite.config.ts): skipping the app build.');
} else {
  say('› building the app (vite)…');
  if (run(['run', 'build:app']) !== 0) say('! the app build failed (see above): the relay still starts and serves what dist/ holds.');
}
const distReady = existsSync(at('dist/index.html'));

const { createRelay, parseConfig, relayOptionsFromConfig, listeningLines } = await import('@cpay/relay');
const { DEMO_DEVICE } = await import('@cpay/simulator');
let config;
let relay;
try {
  config = parseConfig(process.argv.slice(2), { PORT: '8080', LOG_LEVEL: 'warn', ...process.env });
  // The same path as `cpay-relay` (packages/relay/src/boot.ts): TLS, UPSTREAM_CA and every other setting.
  relay = createRelay(relayOptionsFromConfig(config, { staticDir: at('dist') }));
} catch (err) {
  console.error(`npm start: ${err.message}`);
  process.exit(2);
}
let url;
try {
  url = await relay.listen();
} catch (err) {
  console.error(`The relay could not start: ${err.message}${err.code === 'EADDRINUSE' ? ` (port ${config.options.port} is taken: set PORT=…)` : ''}`);
  process.exit(1);
}
const live = (config.options.upstreams ?? []).length > 0;
const shown = url.hostname === '127.0.0.1' ? url.href.replace('127.0.0.1', 'localhost') : url.href;
say('');
say(`  cpay terminal: ${shown}`);
for (const line of listeningLines(relay, live)) say(`  ${line}`);
say(`  mode:          ${live ? `LIVE → ${config.options.upstreams.join(', ')}` : 'sandbox (simulated cpay in-process; control API at /sandbox)'}`);
if (!live) {
  say(`  demo device:   sn ${DEMO_DEVICE.sn}`);
  say(`                 initial key ${DEMO_DEVICE.initialKey}`);
  say(`  bind it:       open the app and scan/confirm the binding QR, or POST ${new URL('/sandbox/bind/confirm', url).href} {"qr_url": …}`);
}
if (!distReady) say(`  note:          no built app in dist/ yet; ${shown} explains this, and the API routes work.`);
say('  stop:          Ctrl+C (in-flight requests finish first)');
say('');

let stopping = false;
const stop = () => {
  if (stopping) process.exit(1);
  stopping = true;
  relay.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
