#!/usr/bin/env node
// `npm run bench:warmup`: is the first micropay after an idle minute slower than the next ones?
// (003 L11054-11082: keep-warm traffic from amount confirmation until the scan.)
//
// Chain, all on loopback, in this process: signed brief_micro_pay requests (built with
// @cpay/protocol, like the app) → the relay (live mode, the built package) → a TCP proxy adding a
// round-trip time (BENCH_RTT_MS, default 30 ms: each chunk is delayed half of it each way) → a TLS
// "cpay edge" that closes connections idle for BENCH_EDGE_IDLE_MS (default 20 s, like a load
// balancer or NAT) → the simulator. The relay's health probes are pushed out to 10 min so that
// nothing else keeps the connection up: the worst case.
//
// Each round: stay idle BENCH_IDLE_MS (default 60 s), then pay once ("first") and BENCH_NEXT more
// times ("next", default 5), each after the customer takes BENCH_PRESENT_MS (default 1500 ms) to
// show the code. Mode "no warm-up": nothing is sent before the code. Mode "keep-warm": what the
// app does — POST /relay/warmup when the amount is confirmed and every 0.5 s until the code.
// Prints the micropay round-trip (request sent → answer read) per mode, and how many micropays had
// to open a new upstream connection (TLS handshake through the delayed link; independent of machine
// load, unlike the times); BENCH_ROUNDS (default 2).
// Takes about ROUNDS × 2 × (IDLE + 6 × PRESENT): 4.6 min with the defaults.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const env = (name, dflt) => Number(process.env[name] ?? dflt);
const RTT = env('BENCH_RTT_MS', 30);
const EDGE_IDLE = env('BENCH_EDGE_IDLE_MS', 20_000);
const IDLE = env('BENCH_IDLE_MS', 60_000);
const PRESENT = env('BENCH_PRESENT_MS', 1_500);
const NEXT = env('BENCH_NEXT', 5);
const ROUNDS = env('BENCH_ROUNDS', 2);

if (!['packages/protocol/dist/index.js', 'packages/simulator/dist/node/index.js', 'packages/relay/dist/index.js'].every((p) => existsSync(join(root, p)))) {
  if (spawnSync('npm', ['run', 'build:packages'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}
const { fen, prepareRequest, readResponse } = await import(join(root, 'packages/protocol/dist/index.js'));
const { createSimulatorServer } = await import(join(root, 'packages/simulator/dist/node/index.js'));
const { createRelay } = await import(join(root, 'packages/relay/dist/index.js'));

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const listen = (server) => new Promise((r) => server.listen(0, '127.0.0.1', () => r(server.address().port)));

// The simulator (its own keep-alive long enough not to matter: the edge decides).
const sim = createSimulatorServer();
const simUrl = await sim.listen(0, '127.0.0.1');
sim.server.keepAliveTimeout = 10 * 60_000;

// The TLS edge: terminates TLS, closes idle client connections, forwards to the simulator.
const dir = mkdtempSync(join(tmpdir(), 'bench-warmup-'));
execFileSync(
  'openssl',
  [
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-days',
    '1',
    '-subj',
    '/CN=127.0.0.1',
    '-addext',
    'subjectAltName=IP:127.0.0.1',
    '-keyout',
    join(dir, 'key.pem'),
    '-out',
    join(dir, 'cert.pem'),
  ],
  { stdio: 'ignore' },
);
const cert = readFileSync(join(dir, 'cert.pem'), 'utf8');
const agent = new http.Agent({ keepAlive: true });
const edge = https.createServer({ cert, key: readFileSync(join(dir, 'key.pem')) }, (req, res) => {
  const up = http.request(new URL(req.url, simUrl), { method: req.method, headers: req.headers, agent }, (r) => {
    res.writeHead(r.statusCode, r.headers);
    r.pipe(res);
  });
  up.on('error', () => res.destroy());
  req.pipe(up);
});
edge.keepAliveTimeout = EDGE_IDLE;
const edgePort = await listen(edge);

// The network: every chunk waits RTT/2 in each direction (order kept).
let handshakes = 0;
const wan = net.createServer((client) => {
  handshakes++;
  const server = net.connect(edgePort, '127.0.0.1');
  const delayPipe = (from, to) => {
    let last = 0;
    from.on('data', (chunk) => {
      const at = Math.max(Date.now() + RTT / 2, last);
      last = at;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, at - Date.now());
    });
    from.on('end', () => setTimeout(() => to.end(), Math.max(0, last - Date.now())));
    from.on('error', () => to.destroy());
    from.on('close', () => setTimeout(() => to.destroy(), Math.max(0, last - Date.now()) + 1));
  };
  delayPipe(client, server);
  delayPipe(server, client);
});
const wanPort = await listen(wan);

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const relay = createRelay({
  port: 0,
  host: '127.0.0.1',
  upstreams: [`https://127.0.0.1:${wanPort}`],
  upstreamCa: cert,
  rateLimit: false,
  logger: quiet,
  healthIntervalMs: 600_000,
});
const base = await relay.listen();

// The terminal: a demo binding straight from the simulator's control API.
const binding = await (
  await fetch(new URL('/sandbox/bind/direct', simUrl), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })
).json();
let seq = 0;
async function micropay() {
  const otn = `${binding.cloud_cashier_id}${Date.now()}${seq++}`;
  const p = await prepareRequest(
    'brief_micro_pay',
    {
      snCode: binding.sn,
      outShopId: binding.out_shop_id,
      nonce: Math.random().toString(36).slice(2, 18).padEnd(16, '0'),
      outTradeNo: otn,
      authCode: '135005875955000000',
      totalFee: fen(1),
      body: 'bench warmup',
      deviceId: binding.device_id,
      subTerminalType: 2451,
    },
    binding.payment_key,
  );
  const opened = handshakes;
  const t0 = performance.now();
  const res = await fetch(new URL(p.path, base), { method: p.method, body: p.body, headers: { 'content-type': 'application/json' } });
  const text = await res.text();
  const ms = performance.now() - t0;
  const reply = await readResponse('brief_micro_pay', text, binding.payment_key);
  if (reply.status !== 0) throw new Error(`micropay: ${reply.status} ${reply.description}`);
  return { ms, cold: handshakes - opened };
}

/** The customer shows the code after PRESENT ms; with keep-warm the app pings meanwhile. */
async function sale(keepWarm) {
  if (!keepWarm) {
    await sleep(PRESENT);
    return micropay();
  }
  let stop = false;
  const pings = (async () => {
    while (!stop) {
      void fetch(new URL('/relay/warmup', base), { method: 'POST' }).then(
        (r) => r.arrayBuffer(),
        () => undefined,
      );
      await sleep(500);
    }
  })();
  await sleep(PRESENT);
  stop = true;
  const result = await micropay();
  await pings;
  return result;
}

const results = { 'no warm-up': { first: [], next: [], coldFirst: 0, coldNext: 0 }, 'keep-warm': { first: [], next: [], coldFirst: 0, coldNext: 0 } };
await micropay(); // connections and code paths exist once before measuring
console.log(`RTT ${RTT} ms, edge closes idle connections after ${EDGE_IDLE / 1000} s, idle ${IDLE / 1000} s before each first payment, ${ROUNDS} rounds`);
for (let round = 1; round <= ROUNDS; round++) {
  for (const mode of ['no warm-up', 'keep-warm']) {
    await sleep(IDLE);
    const r = results[mode];
    const first = await sale(mode === 'keep-warm');
    r.first.push(first.ms);
    r.coldFirst += first.cold;
    for (let i = 0; i < NEXT; i++) {
      const next = await sale(mode === 'keep-warm');
      r.next.push(next.ms);
      r.coldNext += next.cold;
    }
    console.log(
      `round ${round} ${mode.padEnd(10)} first ${first.ms.toFixed(1)} ms${first.cold ? ' (new connection)' : ''}, next ${r.next
        .slice(-NEXT)
        .map((x) => x.toFixed(1))
        .join(' / ')} ms`,
    );
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
console.log(
  '\n| Mode | First micropay after idle (median) | Next micropays (median) | First / next | First micropays that opened a connection | Next ones that did |',
);
console.log('|---|---|---|---|---|---|');
for (const [mode, r] of Object.entries(results)) {
  const f = median(r.first);
  const n = median(r.next);
  console.log(
    `| ${mode} | ${f.toFixed(1)} ms | ${n.toFixed(1)} ms | ${(f / n).toFixed(2)} | ${r.coldFirst} of ${r.first.length} | ${r.coldNext} of ${r.next.length} |`,
  );
}

await relay.close();
wan.close();
edge.closeAllConnections();
edge.close();
await sim.close();
agent.destroy();
rmSync(dir, { recursive: true, force: true });
