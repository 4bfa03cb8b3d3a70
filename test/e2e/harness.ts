/**
 * Reusable end-to-end harness: the real relay in sandbox mode on a free loopback port serving the
 * built app (`dist/`), headless Debian Chromium driven by playwright-core, and the simulator's
 * truth read through its `/sandbox/` control API.
 *
 * The simulator runs once per harness, outside the relay, so `stopRelay()`/`startRelay()` can cut
 * the network between browser and cpay (the relay goes away and comes back on the same port)
 * while payments, bindings and orders survive: exactly what a terminal sees when its link drops.
 *
 * Usage:
 *   const h = await startHarness();
 *   const page = await h.newPage();
 *   await page.goto(h.url('/'));
 *   const orders = await h.sandbox<Order[]>('/sandbox/orders');
 *   await h.close();
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createSimulatorServer, type SimulatorServer, type SimulatorServerOptions } from '@cpay/simulator/node';
import { createRelay, type LogRecord, type Relay, type RelayOptions } from '@cpay/relay';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's Chromium unless CHROME_PATH says otherwise. */
export const CHROME_PATH = process.env.CHROME_PATH ?? '/usr/bin/chromium';
/** Launch flags that work in this container (see the toolchain notes). */
export const CHROME_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** The repository's built app. */
export const DIST_DIR = fileURLToPath(new URL('../../dist/', import.meta.url));

/** The repository root (sources of the app build are read from here). */
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** What the app build is made of (tests excluded: editing a test does not need a rebuild). */
const BUILD_INPUTS = ['src', 'packages/protocol/src', 'public', 'index.html', 'vite.config.ts'];

/** The newest build input and its modification time. */
function newestInput(root: string): { file: string; ms: number } {
  let best = { file: '', ms: 0 };
  const visit = (path: string): void => {
    const st = statSync(path);
    if (st.isDirectory()) {
      for (const name of readdirSync(path)) visit(join(path, name));
      return;
    }
    if (/\.test\.ts$/.test(path)) return;
    if (st.mtimeMs > best.ms) best = { file: path.slice(root.length), ms: st.mtimeMs };
  };
  for (const p of BUILD_INPUTS) if (existsSync(join(root, p))) visit(join(root, p));
  return best;
}

/**
 * Refuses to serve a build older than its sources: an e2e run against a stale dist/ would test
 * yesterday's app and pass or fail for the wrong reasons. E2E_ALLOW_STALE_DIST=1 skips it (a build
 * handed in on purpose, e.g. from another checkout).
 */
export function assertFreshBuild(staticDir: string, root: string = ROOT): void {
  if (process.env.E2E_ALLOW_STALE_DIST === '1') return;
  const index = join(staticDir, 'index.html');
  if (!existsSync(index)) throw new Error(`${staticDir} has no index.html: run \`npm run build\` first.`);
  const built = statSync(index).mtimeMs;
  const newest = newestInput(root);
  if (newest.ms > built) {
    throw new Error(
      `${staticDir} is older than its sources (${newest.file} changed ${Math.round((newest.ms - built) / 1000)} s after the build): run \`npm run build\` first.`,
    );
  }
}

/** Options of {@link startHarness}. */
export interface HarnessOptions {
  /** Directory to serve (default the repository's dist/). */
  readonly staticDir?: string;
  /** Extra relay options (port, host, sandbox and logger are the harness's). */
  readonly relay?: Omit<RelayOptions, 'port' | 'host' | 'sandbox' | 'logger' | 'upstreams'>;
  /** Options of the simulator (seed, clock, scenarios…); default the simulator's defaults. */
  readonly simulator?: SimulatorServerOptions;
  /** Launch Chromium (default true); false for relay-only tests. */
  readonly browser?: boolean;
  /** Extra Chromium flags for this harness's browser. */
  readonly browserArgs?: readonly string[];
}

/** A running harness. */
export interface Harness {
  /** Base URL of the relay, e.g. `http://127.0.0.1:41234/`. */
  readonly baseUrl: URL;
  /** Absolute URL of a path on the relay. */
  url(path: string): string;
  /** The simulator (running in this process; its server listens on its own loopback port). */
  readonly simulator: SimulatorServer;
  /** The browser (undefined with `browser: false`). */
  readonly browser: Browser | undefined;
  /** Every relay log record so far (bodies are never logged). */
  readonly logs: LogRecord[];
  /** A fresh browser context + page (own storage, service workers, IndexedDB). */
  newPage(contextOptions?: Parameters<Browser['newContext']>[0]): Promise<Page>;
  /** Reads or drives `/sandbox/*` straight on the simulator (works while the relay is stopped). */
  sandbox<T = unknown>(path: string, body?: unknown): Promise<T>;
  /** Stops the relay (in-flight requests finish); the port refuses connections until `startRelay`. */
  stopRelay(): Promise<void>;
  /** Starts the relay again on the same port. */
  startRelay(): Promise<void>;
  /** True while the relay is running. */
  readonly relayRunning: boolean;
  /** Closes browser contexts, the browser, the relay and the simulator. */
  close(): Promise<void>;
}

/** Starts the simulator, the relay (sandbox mode) and, unless disabled, Chromium. */
export async function startHarness(opts: HarnessOptions = {}): Promise<Harness> {
  // PAY_E2E_DIST: serve another build (e.g. an older checkout's, to see a suite fail on it; with E2E_ALLOW_STALE_DIST=1).
  const staticDir = opts.staticDir ?? process.env.PAY_E2E_DIST ?? DIST_DIR;
  assertFreshBuild(staticDir);
  const simulator = createSimulatorServer(opts.simulator);
  const simUrl = await simulator.listen(0, '127.0.0.1');
  const logs: LogRecord[] = [];
  const keep = (r: LogRecord): void => {
    logs.push(r);
  };
  const logger = { info: keep, warn: keep, error: keep };
  const make = (port: number): Relay =>
    createRelay({
      rateLimit: false,
      ...opts.relay,
      port,
      host: '127.0.0.1',
      sandbox: { url: simUrl },
      staticDir,
      logger,
    });
  let relay: Relay | undefined = make(0);
  const baseUrl = await relay.listen();
  const port = Number(baseUrl.port);
  const browser =
    opts.browser === false ? undefined : await chromium.launch({ executablePath: CHROME_PATH, args: [...CHROME_ARGS, ...(opts.browserArgs ?? [])] });
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    url: (path) => new URL(path, baseUrl).href,
    simulator,
    browser,
    logs,
    get relayRunning() {
      return relay !== undefined;
    },
    async newPage(contextOptions) {
      if (!browser) throw new Error('harness started with browser: false');
      const ctx = await browser.newContext(contextOptions);
      contexts.push(ctx);
      return ctx.newPage();
    },
    async sandbox<T>(path: string, body?: unknown): Promise<T> {
      const res = await fetch(
        new URL(path, simUrl),
        body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
      );
      if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as T;
    },
    async stopRelay() {
      const r = relay;
      relay = undefined;
      await r?.close();
    },
    async startRelay() {
      if (relay) return;
      const r = make(port);
      await r.listen();
      relay = r;
    },
    async close() {
      await Promise.allSettled(contexts.map((c) => c.close()));
      await browser?.close();
      await relay?.close();
      relay = undefined;
      await simulator.close();
    },
  };
}
