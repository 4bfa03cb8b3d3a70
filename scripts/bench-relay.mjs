#!/usr/bin/env node
// `npm run bench:relay`: what the relay costs, measured on loopback in one run.
//
// Starts, each in its own process: the simulator's node server (the upstream), the relay in front
// of it (live mode, the built CLI), a plain node:http keep-alive pass-through (baseline), and nginx
// `proxy_pass` with upstream keep-alive when an nginx binary is installed (detected, not required).
// Then drives brief_query_order — a real signed request for a paid demo order, built with
// @cpay/protocol — through each with autocannon: at a fixed 500 req/s and at maximum throughput.
// Latency percentiles come from autocannon's per-response timings (float ms; its own histogram
// only resolves whole milliseconds). Prints one table and the ratios, and writes
// bench-results/relay-<time>.json.
//
// CPU µs/req: user+system CPU of the forwarding process (nginx: master + workers; "direct": the
// simulator itself) per request during the max-throughput runs, from /proc: robust to load noise.
// Needs the built packages (dist/): runs `npm run build:packages` itself when they are missing.
// Runs are interleaved: each round measures every target once (fixed rate, then max), so a change
// in machine load during the run hits all targets alike; rates are the median of the rounds and
// percentiles are taken over the latencies of all rounds.
// Flags: --duration <s> per run (5) --rounds <n> (3) --rate <req/s> (500) --connections <n> (50) --warmup <s> (5).
// Access logs are off in every proxy (relay LOG_LEVEL=warn, nginx access_log off) so the comparison
// measures forwarding, not logging. On a busy shared 2-core machine single runs move by 2-3x: look
// at several rounds and at CPU µs/req.
import autocannon from 'autocannon';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const flag = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? dflt : Number(process.argv[i + 1]);
};
const DURATION = flag('duration', 5);
const ROUNDS = flag('rounds', 3);
const RATE = flag('rate', 500);
const CONNECTIONS = flag('connections', 50);
const WARMUP = flag('warmup', 5);
const children = [];
const cleanups = [];

function ensureBuilt() {
  const need = ['packages/protocol/dist/index.js', 'packages/simulator/dist/node/index.js', 'packages/relay/dist/cli.js'];
  if (need.every((p) => existsSync(join(root, p)))) return;
  console.log('› building the packages (npm run build:packages)…');
  if (spawnSync('npm', ['run', 'build:packages'], { cwd: root, stdio: 'inherit' }).status !== 0) process.exit(1);
}

/** Spawns a child and resolves with the first stdout match of `ready` (group 1 = its URL) and its pid. */
function startChild(name, cmd, args, ready, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let out = '';
    const timer = setTimeout(() => reject(new Error(`${name} did not start: ${out}`)), 15_000);
    const onData = (chunk) => {
      out += chunk;
      const m = ready.exec(out);
      if (m) {
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.resume();
        resolve({ url: m[1], pid: child.pid });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (c) => (out += c));
    child.on('exit', (code) => reject(new Error(`${name} exited (${code}): ${out}`)));
  });
}

const SIM = `import { createSimulatorServer } from '@cpay/simulator/node';
const s = createSimulatorServer(); const u = await s.listen(0, '127.0.0.1'); console.log('READY ' + u.href);`;

const BASELINE = `import http from 'node:http';
const up = new URL(process.env.UPSTREAM); const agent = new http.Agent({ keepAlive: true, maxSockets: 256 });
const server = http.createServer((req, res) => {
  const out = http.request({ host: up.hostname, port: up.port, path: req.url, method: req.method, headers: req.headers, agent }, (ur) => {
    res.writeHead(ur.statusCode, ur.headers); ur.pipe(res);
  });
  out.on('error', () => { res.writeHead(502); res.end(); });
  req.pipe(out);
});
server.keepAliveTimeout = 65000;
server.listen(0, '127.0.0.1', () => console.log('READY http://127.0.0.1:' + server.address().port + '/'));`;

function findNginx() {
  for (const p of ['/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx', '/usr/local/nginx/sbin/nginx']) if (existsSync(p)) return p;
  const r = spawnSync('sh', ['-c', 'command -v nginx'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port) {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise((resolve) => {
      const c = connect(port, '127.0.0.1', () => {
        c.destroy();
        resolve(true);
      });
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

async function startNginx(bin, upstream) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-nginx-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const port = await freePort();
  const u = new URL(upstream);
  writeFileSync(
    join(dir, 'nginx.conf'),
    `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path ${dir}/body; proxy_temp_path ${dir}/proxy; fastcgi_temp_path ${dir}/fcgi; uwsgi_temp_path ${dir}/uwsgi; scgi_temp_path ${dir}/scgi;
  upstream sim { server ${u.hostname}:${u.port}; keepalive 256; }
  server {
    listen 127.0.0.1:${port};
    keepalive_requests 100000;
    location / { proxy_pass http://sim; proxy_http_version 1.1; proxy_set_header Connection ""; proxy_buffering on; }
  }
}
`,
  );
  const child = spawn(bin, ['-p', dir, '-c', join(dir, 'nginx.conf'), '-g', 'daemon off;'], { stdio: 'ignore' });
  children.push(child);
  await waitForPort(port);
  return { url: `http://127.0.0.1:${port}/`, pid: child.pid };
}

/** Binds the demo device, pays a demo order and returns a signed brief_query_order request for it. */
async function demoQuery(simUrl) {
  const { prepareRequest, readResponse, fen } = await import('@cpay/protocol');
  const b = await (await fetch(new URL('/sandbox/bind/direct', simUrl), { method: 'POST', body: '{}' })).json();
  const send = async (endpoint, req) => {
    const p = await prepareRequest(endpoint, req, b.payment_key);
    const text = await (await fetch(new URL(p.path, simUrl), { method: 'POST', body: p.body, headers: { 'content-type': 'application/json' } })).text();
    return readResponse(endpoint, text, b.payment_key);
  };
  const otn = `${b.cloud_cashier_id}${Date.now()}`;
  const paid = await send('brief_micro_pay', {
    snCode: b.sn,
    outShopId: b.out_shop_id,
    nonce: 'benchpay0000000000000000000000001',
    outTradeNo: otn,
    authCode: '135005875955000000',
    totalFee: fen(1),
    body: 'bench',
    deviceId: b.device_id,
    subTerminalType: 2451,
  });
  if (paid.status !== 0) throw new Error(`demo payment failed: ${paid.description}`);
  const query = { outShopId: b.out_shop_id, nonce: 'benchquery000000000000000000000001', outTradeNo: otn, deviceId: b.device_id, snCode: b.sn };
  const p = await prepareRequest('brief_query_order', query, b.payment_key);
  const check = async (base) => {
    const res = await fetch(new URL(p.path, base), { method: 'POST', body: p.body, headers: { 'content-type': 'application/json' } });
    const reply = await readResponse('brief_query_order', await res.text(), b.payment_key);
    if (res.status !== 200 || reply.status !== 0) throw new Error(`${base}: brief_query_order answered HTTP ${res.status} / status ${reply.status}`);
  };
  return { path: p.path, body: p.body, check };
}

/** CPU time (user + system, in clock ticks of 10 ms) of a process and its direct children (nginx workers). */
function cpuTicks(pid) {
  if (pid === undefined) return 0;
  const read = (p) => {
    try {
      const f = readFileSync(`/proc/${p}/stat`, 'utf8');
      const rest = f.slice(f.lastIndexOf(')') + 2).split(' ');
      return { ppid: Number(rest[1]), ticks: Number(rest[11]) + Number(rest[12]) };
    } catch {
      return undefined;
    }
  };
  let total = read(pid)?.ticks ?? 0;
  for (const p of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    const st = read(p);
    if (st?.ppid === pid) total += st.ticks;
  }
  return total;
}

function percentile(sorted, q) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

/** One autocannon run; latencies (float ms) from per-response timings, appended to `times`. */
async function measure(base, q, { rate, duration, connections }, times = []) {
  const opts = { url: new URL(q.path, base).href, method: 'POST', headers: { 'content-type': 'application/json' }, body: q.body, connections, duration };
  if (rate) opts.overallRate = rate;
  const inst = autocannon(opts);
  inst.on('response', (_client, status, _bytes, ms) => {
    if (status === 200) times.push(ms);
  });
  const r = await inst;
  return { rps: r.requests.average, total: r.requests.total, errors: r.errors + r.timeouts + r.non2xx };
}

/** Median rate and pooled percentiles of one target's runs. */
function summarise(runs, times, ticks = 0) {
  const rates = runs.map((r) => r.rps).sort((a, b) => a - b);
  times.sort((a, b) => a - b);
  const requests = runs.reduce((n, r) => n + r.total, 0);
  return {
    rps: rates[Math.floor(rates.length / 2)],
    rounds: rates,
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    errors: runs.reduce((n, r) => n + r.errors, 0),
    cpuUsPerRequest: requests > 0 ? (ticks * 10_000) / requests : NaN,
  };
}

async function main() {
  ensureBuilt();
  const sim = await startChild('simulator', process.execPath, ['--input-type=module', '-e', SIM], /READY (\S+)/);
  const relay = await startChild(
    'relay',
    process.execPath,
    [
      'packages/relay/dist/cli.js',
      '--port',
      '0',
      '--upstream',
      sim.url,
      '--rate-limit',
      'off',
      '--log-level',
      'warn',
      '--health-interval-ms',
      '30000',
      // every connection limit and timeout at its default, except the per-client cap: autocannon's connections all come from one address
      '--max-connections-per-client',
      String(Math.max(32, CONNECTIONS + 8)),
    ],
    /listening on (\S+)/,
  );
  // BENCH_COMPARE_RELAY=<cli.js of another build>: that relay too, as "relay (compare)", for a same-run before/after.
  const compareCli = process.env.BENCH_COMPARE_RELAY;
  const compare = compareCli
    ? await startChild(
        'relay (compare)',
        process.execPath,
        [compareCli, '--port', '0', '--upstream', sim.url, '--rate-limit', 'off', '--log-level', 'warn', '--health-interval-ms', '30000'],
        /listening on (\S+)/,
      )
    : undefined;
  const baseline = await startChild('baseline', process.execPath, ['--input-type=module', '-e', BASELINE], /READY (\S+)/, { UPSTREAM: sim.url });
  const nginxBin = findNginx();
  const nginx = nginxBin ? await startNginx(nginxBin, sim.url) : undefined;
  // [name, url, pid whose CPU is the forwarding cost (the simulator's own for "direct")]
  const targets = [
    ['direct (simulator)', sim.url, sim.pid],
    ['relay', relay.url, relay.pid],
    ...(compare ? [['relay (compare)', compare.url, compare.pid]] : []),
    ['node:http baseline', baseline.url, baseline.pid],
    ...(nginx ? [['nginx proxy_pass', nginx.url, nginx.pid]] : []),
  ];
  const q = await demoQuery(sim.url);
  for (const [, url] of targets) await q.check(url);
  console.log(
    `brief_query_order, ${q.body.length}-byte signed body; ${ROUNDS} rounds × ${DURATION} s per run, ${CONNECTIONS} connections at max, ${nginx ? 'nginx found' : 'nginx not installed (skipped)'}`,
  );

  for (const [name, url] of targets) {
    process.stdout.write(`  warm-up ${name}…\n`);
    await measure(url, q, { duration: WARMUP, connections: CONNECTIONS });
  }
  const acc = Object.fromEntries(targets.map(([n]) => [n, { fixed: [], fixedTimes: [], max: [], maxTimes: [], ticks: 0 }]));
  for (let round = 1; round <= ROUNDS; round++) {
    process.stdout.write(`  round ${round}/${ROUNDS}:`);
    for (const [name, url, pid] of targets) {
      const a = acc[name];
      a.fixed.push(await measure(url, q, { rate: RATE, duration: DURATION, connections: 10 }, a.fixedTimes));
      const before = cpuTicks(pid);
      a.max.push(await measure(url, q, { duration: DURATION, connections: CONNECTIONS }, a.maxTimes));
      a.ticks += cpuTicks(pid) - before;
      process.stdout.write(` ${name} ✓`);
    }
    process.stdout.write('\n');
  }
  const results = Object.fromEntries(
    Object.entries(acc).map(([n, a]) => [n, { fixed: summarise(a.fixed, a.fixedTimes), max: summarise(a.max, a.maxTimes, a.ticks) }]),
  );
  report(
    results,
    targets.map(([n]) => n),
  );
}

function report(results, names) {
  const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '-');
  console.log(`\n| target | ${RATE} req/s: achieved | p50 ms | p99 ms | max: req/s (median) | p50 ms | p99 ms | CPU µs/req | errors |`);
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const n of names) {
    const { fixed, max } = results[n];
    console.log(
      `| ${n} | ${f(fixed.rps, 0)} | ${f(fixed.p50, 3)} | ${f(fixed.p99, 3)} | ${f(max.rps, 0)} | ${f(max.p50)} | ${f(max.p99)} | ${f(max.cpuUsPerRequest, 0)} | ${fixed.errors + max.errors} |`,
    );
  }
  const d = results['direct (simulator)'];
  const r = results.relay;
  const b = results['node:http baseline'];
  const x = results['nginx proxy_pass'];
  const ratios = {
    relayAddedP50Ms: r.fixed.p50 - d.fixed.p50,
    relayAddedP99Ms: r.fixed.p99 - d.fixed.p99,
    relayVsDirectThroughput: r.max.rps / d.max.rps,
    relayVsNodeBaselineThroughput: r.max.rps / b.max.rps,
    ...(x ? { relayVsNginxThroughput: r.max.rps / x.max.rps, nginxAddedP99Ms: x.fixed.p99 - d.fixed.p99 } : {}),
  };
  console.log(`\nrelay added latency at ${RATE} req/s: p50 +${f(ratios.relayAddedP50Ms, 3)} ms, p99 +${f(ratios.relayAddedP99Ms, 3)} ms (target p99 < 1 ms)`);
  if (x) console.log(`nginx added latency at ${RATE} req/s: p99 +${f(ratios.nginxAddedP99Ms, 3)} ms`);
  console.log(
    `relay throughput: ${f(100 * ratios.relayVsDirectThroughput, 0)} % of direct, ${f(100 * ratios.relayVsNodeBaselineThroughput, 0)} % of the node:http baseline${x ? `, ${f(100 * ratios.relayVsNginxThroughput, 0)} % of nginx (target >= 90 %)` : ''}`,
  );
  mkdirSync(join(root, 'bench-results'), { recursive: true });
  const file = join(root, 'bench-results', `relay-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(
    file,
    JSON.stringify({ date: new Date().toISOString(), rate: RATE, duration: DURATION, rounds: ROUNDS, connections: CONNECTIONS, results, ratios }, null, 2),
  );
  console.log(`results: ${file}`);
}

function shutdown() {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  for (const c of cleanups) c();
}
process.on('SIGINT', () => {
  shutdown();
  process.exit(130);
});
main().then(
  () => {
    shutdown();
    process.exit(0);
  },
  (err) => {
    console.error(err);
    shutdown();
    process.exit(1);
  },
);
