/**
 * Injects one fault of the matrix and returns how to undo it. Network faults act on the browser's
 * requests (playwright routes: refused before sending, answer lost after the server processed
 * it, bytes corrupted) or on the relay (stopped, restarted, swapped for a fail-over relay whose
 * first upstream is a dead port); server faults are the simulator's one-shot `/sandbox/faults`.
 */
import type { Route } from 'playwright-core';
import type { Fault, Rng } from './plan.js';
import type { Rig } from './rig.js';

/** Faults that act before the request leaves (or on its answer). */
export const BEFORE: ReadonlySet<Fault> = new Set([
  'cut_before',
  'cut_after',
  'late_delivery',
  'relay_down_before',
  'failover',
  'hang',
  'garble',
  'corrupt',
  'bad_signature',
  'status3',
  'http502',
  'reentry407',
  'skew',
]);
const SIM_KIND: Partial<Record<Fault, string>> = {
  hang: 'hang',
  garble: 'garble',
  bad_signature: 'bad_signature',
  status3: 'status3',
  http502: 'http502',
  reentry407: 'reentry407',
};

/**
 * The faults of one run that really acted, as the part that applied them saw it: a playwright
 * route whose handler ran, a simulator fault no longer queued (a request consumed it), a request
 * the page sent while the relay was down, a request the fail-over relay forwarded past its dead
 * first upstream, a request sent while the server clock was skewed; local faults (keys, reloads,
 * relay restarts) when the rig applied them to a sale in progress.
 */
export type Fired = Set<string>;

/** Undoes an injected fault (idempotent). */
export type Undo = () => Promise<void>;

/** Flips one character in the middle of a body: JSON stays text, the signature no longer matches. */
export function corruptText(body: string, rng: Rng): string {
  if (body.length === 0) return '{';
  const i = Math.floor(body.length / 4 + rng() * (body.length / 2));
  const c = body[i] === 'A' ? 'B' : 'A';
  return body.slice(0, i) + c + body.slice(i + 1);
}

/** Injects `fault` for `endpoint` before the request is sent. */
export async function injectBefore(rig: Rig, fault: Fault, endpoint: string, rng: Rng, fired: Fired): Promise<Undo> {
  const { page } = rig;
  const pattern = `**/cpay/${endpoint}`;
  const sim = SIM_KIND[fault];
  if (sim) {
    await rig.sandbox('/sandbox/faults', { kind: sim, endpoint });
    return async () => {
      const left = await rig.sandbox<{ kind: string; endpoint?: string }[]>('/sandbox/faults');
      if (!left.some((f) => f.kind === sim && f.endpoint === endpoint)) fired.add(fault);
      await drainSimFaults(rig, endpoint);
    };
  }
  const cpayCalls = () => rig.cpayRequests;
  switch (fault) {
    case 'cut_before': {
      const h = (route: Route) => {
        fired.add(fault);
        return route.abort('connectionrefused').catch(() => undefined);
      };
      await page.route(pattern, h, { times: 1 });
      return () => page.unroute(pattern, h);
    }
    case 'cut_after': {
      const h = async (route: Route) => {
        const res = await route.fetch().catch(() => undefined);
        if (res) fired.add(fault); // the server processed it; only the answer is lost
        await route.abort('connectionreset').catch(() => undefined);
      };
      await page.route(pattern, h, { times: 1 });
      return () => page.unroute(pattern, h);
    }
    case 'late_delivery': {
      // The request is held on the way (a stalled proxy) and reaches cpay 8 s later, whatever the
      // page did meanwhile (gave up, queried, reloaded); its answer goes back if anyone still waits.
      // 8 s: a reloaded page's recovery must have queried (and heard "no such order") before it lands.
      let delivered: Promise<void> = Promise.resolve();
      const h = (route: Route): Promise<void> => {
        delivered = (async () => {
          await new Promise((r) => {
            setTimeout(r, 8_000);
          });
          const res = await route.fetch().catch(() => undefined);
          if (res) {
            fired.add(fault);
            await route.fulfill({ response: res }).catch(() => undefined);
          } else await route.abort('connectionreset').catch(() => undefined);
        })();
        return delivered;
      };
      await page.route(pattern, h, { times: 1 });
      return async () => {
        await delivered;
        await page.unroute(pattern, h);
      };
    }
    case 'corrupt': {
      const h = async (route: Route) => {
        try {
          fired.add(fault);
          const res = await route.fetch();
          await route.fulfill({ response: res, body: corruptText(await res.text(), rng) });
        } catch {
          await route.abort('connectionreset').catch(() => undefined); // the relay went away meanwhile
        }
      };
      await page.route(pattern, h, { times: 1 });
      return () => page.unroute(pattern, h);
    }
    case 'relay_down_before': {
      await rig.stopRelay();
      const sentWhileDown = cpayCalls();
      const back = setTimeout(() => {
        void rig.startRelay('sandbox').then(() => {
          if (rig.cpayRequests > sentWhileDown) fired.add(fault);
        });
      }, 1_200);
      return async () => {
        clearTimeout(back);
        if (rig.relayMode === undefined && rig.cpayRequests > sentWhileDown) fired.add(fault);
        await rig.startRelay('sandbox');
      };
    }
    case 'failover': {
      await rig.startRelay('failover');
      const from = rig.logs.length;
      return async () => {
        // The fail-over relay's access log names the upstream that answered: past the dead first one.
        if (
          rig.logs
            .slice(from)
            .some(
              (r) => r.msg === 'request' && String(r.path).startsWith('/cpay/') && typeof r.upstream === 'string' && r.upstream.startsWith(rig.simulatorOrigin),
            )
        )
          fired.add(fault);
        await rig.startRelay('sandbox');
      };
    }
    case 'skew': {
      // Server clock ±1 h from the terminal's. Undone without moving the server clock backwards
      // (orders waiting on a scheduled step would stall for the hour): after +1 h, advance 1 h.
      const ahead = rng() < 0.5;
      await rig.sandbox('/sandbox/time', { skew_ms: ahead ? 3_600_000 : -3_600_000 });
      const sent = cpayCalls();
      return async () => {
        if (rig.cpayRequests > sent) fired.add(fault);
        await rig.sandbox('/sandbox/time', ahead ? { skew_ms: 0, advance_ms: 3_600_000 } : { skew_ms: 0 });
      };
    }
    default:
      return async () => undefined;
  }
}

/** A fault in the middle: queries refused for a while, or the relay restarted. Resolves when over. */
export async function injectDuring(rig: Rig, fault: Fault, queryEndpoint: string, fired: Fired, open: () => Promise<boolean>): Promise<void> {
  const { page } = rig;
  if (fault === 'poll_cut') {
    const pattern = `**/cpay/${queryEndpoint}`;
    const h = (route: Route) => {
      fired.add(fault);
      return route.abort('internetdisconnected').catch(() => undefined);
    };
    await page.route(pattern, h);
    await page.waitForTimeout(2_500);
    await page.unroute(pattern, h);
  } else if (fault === 'relay_restart') {
    const inProgress = await open();
    const sent = rig.cpayRequests;
    await rig.stopRelay();
    await page.waitForTimeout(800);
    // Fired: the relay went away under a sale still open, or the page tried it while it was gone.
    if (inProgress || rig.cpayRequests > sent) fired.add(fault);
    await rig.startRelay('sandbox');
  }
}

/** Uses up simulator faults the run never triggered, so none leaks into the next run. */
export async function drainSimFaults(rig: Rig, endpoint: string): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    const left = await rig.sandbox<unknown[]>('/sandbox/faults');
    if (left.length === 0) return;
    const url = new URL(`/cpay/${endpoint}`, `http://127.0.0.1:${portOf(rig)}`);
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}', signal: AbortSignal.timeout(300) }).catch(() => undefined);
  }
}

function portOf(rig: Rig): number {
  const a = rig.simulator.server.address();
  return typeof a === 'object' && a ? a.port : 0;
}
