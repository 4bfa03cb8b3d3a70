/**
 * The fault matrix (issue 8): seeded random runs of pay / scan-code pay / refund / report / deposit
 * consumption / refund of a consumption in
 * headless Chromium through the real relay against the simulator, each with one or two faults,
 * plus printer runs on a fake USB printer. After each run the simulator's truth is compared with
 * the screen (truth.ts). Prints runs, faults by kind and violations; fails on any violation.
 *
 * FAULT_RUNS (default 24: the slice inside `npm test`; `npm run test:faults` uses 200),
 * FAULT_PRINT_RUNS (default FAULT_RUNS / 4), FAULT_SEED (default fixed for the slice; the full
 * run picks one and prints it), FAULTS_DIST (a build to serve instead of dist/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainSimFaults, type Fired } from './inject.js';
import { mulberry32, parsePlan, planRuns, type RunSpec } from './plan.js';
import { pendingReports, waitFor } from './page.js';
import { printRuns } from './print-runs.js';
import { startRig, type Rig } from './rig.js';
import { payRun, scanRun } from './run-sale.js';
import { refundRun, reportRun } from './run-after.js';
import { depositRefundRun, depositRun } from './run-deposit.js';
import { NEVER_REACHED, ordersByNo, reportViolations, SETTLEMENT_LEFT_UNKNOWN, type RunResult, type TruthReport } from './truth.js';
import { faultsNeverFired, summaryTable, vacuousRuns } from './summary.js';
import { receiptViolations, splitReceipts } from './paper.js';

const SEED = Number(process.env.FAULT_SEED ?? 20261122);
/** FAULT_STRICT=1: the known limitations (docs/decisions/0010) fail the run as well. */
const STRICT = process.env.FAULT_STRICT === '1';
const RUNS = Number(process.env.FAULT_RUNS ?? 24);
const PRINT_RUNS = Number(process.env.FAULT_PRINT_RUNS ?? Math.ceil(RUNS / 4));
/** FAULT_ONLY=5,8: replay only these run numbers of the seed's plan. */
const ONLY = new Set((process.env.FAULT_ONLY ?? '').split(',').filter(Boolean).map(Number));
/** FAULT_PLAN=pay:reload:0000,report:cut_after: a fixed list of runs instead of the seed's draw (plan.ts parsePlan). */
const PLAN = process.env.FAULT_PLAN ? parsePlan(process.env.FAULT_PLAN) : undefined;
const ENDPOINT = {
  pay: 'brief_micro_pay',
  scan: 'scan_code_pay',
  refund: 'refund',
  report: 'device_report',
  deposit: 'deposit_consume',
  deposit_refund: 'refund',
} as const;

let rig: Rig;
beforeAll(async () => {
  rig = await startRig();
}, 300_000); // the bring-up on a loaded machine (rig.ts bindDemo)
afterAll(async () => {
  await rig?.close();
});

/** Puts the rig back after a run that threw: relay up, routes off, faults drained, page reloaded. */
async function recover(spec: RunSpec): Promise<void> {
  await rig.page.unrouteAll({ behavior: 'ignoreErrors' });
  await rig.startRelay('sandbox');
  await rig.sandbox('/sandbox/time', { skew_ms: 0 });
  await drainSimFaults(rig, ENDPOINT[spec.flow]);
  await rig.reload();
  await rig.page.locator('checkout-screen').waitFor({ timeout: 20_000 });
}

/** Which run made each order (to name the run in the global report check). */
const madeBy = new Map<string, string>();

async function runOne(spec: RunSpec): Promise<RunResult> {
  const rng = mulberry32(SEED ^ (spec.n * 7919));
  const known = new Set((await ordersByNo(rig)).keys());
  const t0 = Date.now();
  let violations: string[];
  const fired: Fired = new Set();
  try {
    const run = { pay: payRun, scan: scanRun, refund: refundRun, report: reportRun, deposit: depositRun, deposit_refund: depositRefundRun }[spec.flow];
    violations = await run(rig, spec, rng, fired);
  } catch (e) {
    violations = [`run stuck: ${e instanceof Error ? e.message.split('\n')[0] : String(e)}`];
  }
  // After a reload the customer code is gone, so an order cpay never received can only be settled
  // as not charged once it is 5 minutes old (poll-recovery.ts): longer than a run.
  // A settlement that may have reached cpay and did not is kept unknown, resent at the next start (run-deposit.ts).
  const isLimit = (v: string): boolean => !STRICT && ((v === NEVER_REACHED && spec.faults.includes('reload')) || v === SETTLEMENT_LEFT_UNKNOWN);
  if (violations.length > 0 || rig.relayMode !== 'sandbox') await recover(spec);
  for (const otn of (await ordersByNo(rig)).keys()) if (!known.has(otn)) madeBy.set(otn, `#${spec.n} ${spec.flow} [${spec.faults.join('+')}]`);
  return {
    n: spec.n,
    flow: spec.flow,
    faults: spec.faults,
    violations: violations.filter((v) => !isLimit(v)),
    limits: violations.filter(isLimit),
    fired: [...fired],
    ms: Date.now() - t0,
  };
}

describe('fault matrix', () => {
  it(
    `${RUNS} browser runs + ${PRINT_RUNS} printer runs (seed ${SEED}): no invariant violated`,
    async () => {
      console.log(`[faults] FAULT_SEED=${SEED} FAULT_RUNS=${RUNS} FAULT_PRINT_RUNS=${PRINT_RUNS}`);
      const t0 = Date.now();
      const results: RunResult[] = [];
      for (const spec of (PLAN ?? planRuns(SEED, RUNS)).filter((r) => ONLY.size === 0 || ONLY.has(r.n))) {
        const r = await runOne(spec);
        results.push(r);
        const tag = r.violations.length ? `VIOLATION ${r.violations.join(' | ')}` : r.limits?.length ? `ok (known limitation: ${r.limits.join(' | ')})` : 'ok';
        const quiet = r.faults.filter((f) => !(r.fired ?? []).includes(f));
        console.log(
          `[faults] #${r.n} ${r.flow} [${r.faults.join('+')}]${quiet.length ? ` (not fired: ${quiet.join('+')})` : ''} ${(r.ms / 1000).toFixed(1)} s ${tag}`,
        );
      }
      // Reports once, globally: the outbox drains, then every paid micropay order of every run is in
      // exactly one device_report batch.
      await rig.page.evaluate(() => window.dispatchEvent(new Event('online')));
      await waitFor(
        () => pendingReports(rig.page),
        (n) => n === 0,
        30_000,
        250,
      );
      await rig.page.waitForTimeout(500);
      const reportBad = reportViolations([...(await ordersByNo(rig)).values()], await rig.sandbox<TruthReport[]>('/sandbox/reports'));
      // Receipts once, in the real app: the printer has gone quiet, then every paid order has one receipt.
      await waitFor(
        async () => (await rig.paper()).length,
        (() => {
          let last = -1;
          return (n: number) => {
            const same = n === last;
            last = n;
            return same;
          };
        })(),
        20_000,
        1_000,
      );
      const receipts = splitReceipts(await rig.paper());
      const allOrders = [...(await ordersByNo(rig)).values()];
      console.log(`[faults] paper: ${receipts.length} receipts for ${allOrders.filter((o) => o.paid).length} paid orders`);
      const receiptBad = receiptViolations(allOrders, receipts);
      results.push({
        n: RUNS,
        flow: 'pay',
        faults: [],
        violations: receiptBad.map(
          (v) =>
            `receipts once: ${v} (made by: ${
              [...madeBy]
                .filter(([o]) => v.includes(o))
                .map(([, r]) => r)
                .join('; ') || '?'
            })`,
        ),
        ms: 0,
      });
      results.push({
        n: RUNS,
        flow: 'report',
        faults: [],
        violations: reportBad.map(
          (v) =>
            `reports once, globally: ${v} (made by: ${
              [...madeBy]
                .filter(([o]) => v.includes(o))
                .map(([o, r]) => `${o} in run ${r}`)
                .join('; ') || '?'
            })`,
        ),
        ms: 0,
      });
      results.push(...(await printRuns(SEED, PRINT_RUNS, RUNS + 1)));
      console.log(summaryTable(results, SEED, Date.now() - t0));
      expect(results.flatMap((r) => r.violations.map((v) => `#${r.n} ${r.flow} [${r.faults.join('+')}]: ${v}`))).toEqual([]);
      expect(vacuousRuns(results)).toEqual([]);
      // A full run (≥ 200) must have made every kind of fault act at least once (fired, not just planned).
      if (RUNS >= 200 && ONLY.size === 0 && !PLAN) expect(faultsNeverFired(results)).toEqual([]);
    },
    120_000 + RUNS * 30_000,
  );
});
