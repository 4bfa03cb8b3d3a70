/**
 * Standalone simulator server: `node dist/node/main.js` after `npx tsc -b packages/simulator`.
 * Environment: PORT (default 8787), HOST (default 127.0.0.1), SEED (default 1),
 * SLOW_MS, REFUND_SETTLE_MS, PASSWORD_AFTER, FEE_RATE_BPS (see SimOptions).
 */
import { createSimulatorServer } from './index.js';

const num = (name: string): number | undefined => {
  const v = process.env[name];
  return v === undefined || v === '' ? undefined : Number(v);
};
const options = Object.fromEntries(
  Object.entries({
    slowMs: num('SLOW_MS'),
    refundSettleMs: num('REFUND_SETTLE_MS'),
    passwordAfter: num('PASSWORD_AFTER'),
    feeRateBps: num('FEE_RATE_BPS'),
  }).filter(([, v]) => v !== undefined),
);

const srv = createSimulatorServer({ seed: num('SEED') ?? 1, options });
const url = await srv.listen(num('PORT') ?? 8787, process.env['HOST'] ?? '127.0.0.1');
console.log(`cpay simulator listening on ${url.origin} (control API: ${url.origin}/sandbox)`);
const stop = () => {
  void srv.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
