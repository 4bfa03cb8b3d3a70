/**
 * The fault rig: one simulator, one relay that can be stopped, restarted or swapped for a
 * fail-over relay (live mode: a dead port first, the simulator second), one Chromium page bound
 * once and shared by every run. The relay's upstream timeout is short (1.5 s) so a hung upstream
 * costs little wall time; the simulator's clock is moved with `/sandbox/time` instead of waiting.
 */
import { createServer } from 'node:net';
import { createSimulatorServer, type SimulatorServer } from '@cpay/simulator/node';
import { createRelay, type LogRecord, type Relay } from '@cpay/relay';
import { chromium, type Browser, type Page } from 'playwright-core';
import { assertFreshBuild, CHROME_ARGS, CHROME_PATH, DIST_DIR } from '../e2e/harness.js';
import { buildFakesInitScript, plugFakeDevices } from '../e2e/devices-fakes.js';
import { provisionManager, setSubTerminalType } from '../e2e/app-steps.js';

/** Which relay is listening. */
export type RelayMode = 'sandbox' | 'failover';

/** A running rig. */
export interface Rig {
  readonly page: Page;
  readonly browser: Browser;
  readonly simulator: SimulatorServer;
  readonly logs: LogRecord[];
  /** Browser console lines (for the key-leak checks). */
  readonly console: string[];
  url(path: string): string;
  sandbox<T = unknown>(path: string, body?: unknown): Promise<T>;
  stopRelay(): Promise<void>;
  startRelay(mode?: RelayMode): Promise<void>;
  readonly relayMode: RelayMode | undefined;
  /** `/cpay/` requests the page has sent so far (the fault recorder compares before and after). */
  readonly cpayRequests: number;
  /** The simulator's origin (the fail-over relay's second upstream). */
  readonly simulatorOrigin: string;
  /** Reloads the page, keeping the fake printer's paper (a reload plugs a fresh printer). */
  reload(): Promise<void>;
  /** All paper printed so far, over every page. */
  paper(): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** A loopback port nothing listens on (bound, read, released). */
async function deadPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => {
    srv.listen(0, '127.0.0.1', r);
  });
  const addr = srv.address();
  await new Promise<void>((r) => {
    srv.close(() => r());
  });
  return typeof addr === 'object' && addr ? addr.port : 1;
}

/** Starts the rig and binds the demo terminal through the app (as the e2e tests do). */
export async function startRig(staticDir = process.env.FAULTS_DIST ?? DIST_DIR): Promise<Rig> {
  assertFreshBuild(staticDir);
  const simulator = createSimulatorServer({ maxHangMs: 15_000 });
  const simUrl = await simulator.listen(0, '127.0.0.1');
  const dead = await deadPort();
  const logs: LogRecord[] = [];
  const keep = (r: LogRecord): void => {
    logs.push(r);
  };
  const logger = { info: keep, warn: keep, error: keep };
  const common = { host: '127.0.0.1', staticDir, logger, rateLimit: false as const, timeoutMs: 1_500, connectTimeoutMs: 500, shutdownGraceMs: 300 };
  const make = (port: number, mode: RelayMode): Relay =>
    mode === 'sandbox'
      ? createRelay({ ...common, port, sandbox: { url: simUrl } })
      : createRelay({ ...common, port, upstreams: [`http://127.0.0.1:${dead}`, simUrl.origin], healthIntervalMs: 600_000 });
  let relay: Relay | undefined = make(0, 'sandbox');
  let mode: RelayMode | undefined = 'sandbox';
  const baseUrl = await relay.listen();
  const port = Number(baseUrl.port);
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
  const page = await (await browser.newContext()).newPage();
  // FAULT_CPU_SLOWDOWN=4: the page's CPU runs 4× slower (Chromium's throttling), to replay a run that
  // failed on a loaded machine (races between a result, a reload and the rig's looks).
  const slowdown = Number(process.env.FAULT_CPU_SLOWDOWN ?? 1);
  if (slowdown > 1) await (await page.context().newCDPSession(page)).send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  // A granted fake USB printer (and HID scanner) in every page: receipts print in the real app.
  await plugFakeDevices(page, await buildFakesInitScript());
  // The paper is the printer's, not the page's: every write is kept at once (synchronously, in the
  // origin's localStorage, one key per write) so bytes printed between the rig's last look and a
  // reload are not lost from view (issue 15 run #92: reading the paper first, then reloading, lost
  // the bytes a print sent in between). A reload plugs a fresh fake printer; the paper goes on.
  // A real printer is not in the page either: a transfer handed to Chromium's device service
  // (transferOut called) goes on out of process when the page goes away, so the rig puts a chunk
  // on the paper when it is handed over, not when the in-page fake's timer fires (a fault scripted
  // for the transfer keeps the fake's own account of what reached the paper).
  await page.addInitScript(() => {
    type FakePrinter = { paper: number[]; faults: unknown[]; transferOut(endpoint: number, data: Uint8Array): Promise<unknown> };
    const printer = (window as unknown as { __cpayPrinter?: FakePrinter }).__cpayPrinter;
    if (!printer) return;
    const keep = (bytes: ArrayLike<number>): void => {
      const n = Number(localStorage.getItem('__faultPaper#') ?? '0');
      localStorage.setItem(`__faultPaper:${n}`, String.fromCharCode(...Array.from(bytes)));
      localStorage.setItem('__faultPaper#', String(n + 1));
    };
    let handedOver = 0;
    const transferOut = printer.transferOut.bind(printer);
    printer.transferOut = (endpoint, data) => {
      const result = transferOut(endpoint, data);
      // Refused at once (not open, not claimed) rejects without a timer: nothing reached the wire.
      let refused = false;
      void result.catch(() => {
        refused = true;
      });
      if (printer.faults.length === 0 && endpoint === 1)
        void Promise.resolve().then(() => {
          if (refused) return;
          keep(data);
          handedOver += 1;
        });
      return result;
    };
    const push = printer.paper.push.bind(printer.paper);
    printer.paper.push = (...bytes: number[]): number => {
      if (handedOver > 0)
        handedOver -= 1; // already on the paper since it was handed over
      else keep(bytes);
      return push(...bytes);
    };
  });
  const allPaper = async (): Promise<number[]> => {
    for (let i = 0; ; i += 1) {
      const text = await page
        .evaluate(() => {
          const n = Number(localStorage.getItem('__faultPaper#') ?? '0');
          return Array.from({ length: n }, (_, k) => localStorage.getItem(`__faultPaper:${k}`) ?? '').join('');
        })
        .catch((e: unknown) => {
          if (i < 20) return undefined; // mid-reload: ask again
          throw e;
        });
      if (text !== undefined) return Array.from(text, (c) => c.charCodeAt(0));
      await new Promise((r) => {
        setTimeout(r, 100);
      });
    }
  };
  const consoleLines: string[] = [];
  page.on('console', (m) => {
    consoleLines.push(m.text());
  });
  let cpayRequests = 0;
  page.on('request', (r) => {
    if (new URL(r.url()).pathname.startsWith('/cpay/')) cpayRequests += 1;
  });
  const sandbox = async <T>(path: string, body?: unknown): Promise<T> => {
    const res = await fetch(
      new URL(path, simUrl),
      body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) },
    );
    if (!res.ok) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as T;
  };
  // Stops and starts run one at a time (a timer may restart the relay while a run undoes a fault).
  let chain: Promise<unknown> = Promise.resolve();
  const serial = (work: () => Promise<void>): Promise<void> => {
    const next = chain.then(work, work);
    chain = next.catch(() => undefined);
    return next;
  };
  const stop = async (): Promise<void> => {
    const r = relay;
    relay = undefined;
    mode = undefined;
    await r?.close();
  };
  const rig: Rig = {
    page,
    browser,
    simulator,
    logs,
    console: consoleLines,
    sandbox,
    url: (path) => new URL(path, baseUrl).href,
    get relayMode() {
      return mode;
    },
    get cpayRequests() {
      return cpayRequests;
    },
    simulatorOrigin: simUrl.origin,
    async reload() {
      await page.reload();
    },
    paper: async () => Uint8Array.from(await allPaper()),
    stopRelay: () => serial(stop),
    startRelay: (next = 'sandbox') =>
      serial(async () => {
        if (relay && mode === next) return;
        await stop();
        const r = make(port, next);
        await r.listen();
        relay = r;
        mode = next;
      }),
    async close() {
      await browser.close();
      await relay?.close();
      await simulator.close();
    },
  };
  await bindDemo(rig);
  return rig;
}

/** The demo binding through the app's setup screen (test/e2e/pay-*.e2e.test.ts do the same). */
async function bindDemo(rig: Rig): Promise<void> {
  const { page } = rig;
  // Bringing the rig up is not what a run tests: on a loaded machine the first load of the app (every
  // chunk through the relay) took longer than Playwright's 30 s and the mutants' slices ended with no
  // verdict (m6, m8: "page.goto: Timeout 30000ms exceeded"). So the bring-up gets 90 s per step and
  // a second try of the first load; the runs keep their own timeouts.
  page.setDefaultTimeout(90_000);
  page.setDefaultNavigationTimeout(90_000);
  await page.goto(rig.url('/')).catch(async (e: unknown) => {
    console.log(`[faults] the rig's first page load failed (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); once more`);
    await page.goto(rig.url('/'));
  });
  await provisionManager(page); // a PIN is required from first start: the first manager, signed in
  await page.locator('[data-testid=demo]').click();
  const qr = page.locator('qr-code [data-payload*="?ac="]');
  await qr.waitFor({ timeout: 30_000 });
  await rig.sandbox('/sandbox/bind/confirm', { qr_url: await qr.getAttribute('data-payload') });
  await page.locator('[data-testid=bind-done]').click({ timeout: 20_000 });
  await page.locator('checkout-screen').waitFor();
  // The fail-over relay runs in live mode, where a terminal refuses to take money with the
  // documents' example sub_terminal_type (issue 14 point 2): configure one, as an integrator would.
  await setSubTerminalType(page, 7001);
  page.setDefaultTimeout(30_000);
  page.setDefaultNavigationTimeout(30_000);
}
