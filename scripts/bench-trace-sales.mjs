#!/usr/bin/env node
// Reads a CDP trace of sales written by `bench-tablet.mjs --trace DIR` and says where the main
// thread's time went in each sale's two windows (issue 21, decision 0027):
// - scan-to-request: the code's Enter (`bench:enter`, the last one before the request) → `bench:request`;
// - answer-to-screen: `bench:answer` (the fetch resolved) → `bench:shown` (first frame with 收款成功).
// Per window, summed over the sales: wall ms, top-level main-thread task ms by kind (RunTask
// children: EventDispatch, FunctionCall, v8 microtasks, Layout, Paint, …), the number of tasks
// over 16 ms, and CPU-profile samples by source file and function (through the build's source
// maps when --dist is given).
//
// usage: node scripts/bench-trace-sales.mjs TRACE.json [--dist dist] [--top 25] [--inclusive] [--timeline N]
import { readFileSync, existsSync } from 'node:fs';
import { join, basename } from 'node:path';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';

const args = process.argv.slice(2);
const file = args[0];
const opt = (name, dflt) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : dflt;
};
const DIST = opt('dist', '');
const TOP = Number(opt('top', 25));
// --inclusive: also CPU samples by function *inclusive* (every distinct source frame on the
// sample's stack counted once), which names the app code that led to native/library work.
const INCLUSIVE = args.includes('--inclusive');
// With --inclusive, main-thread samples are also put in one bucket each by what their stack holds
// (first match wins): the sale's own steps vs follow-up work of this or the previous sale.
const BUCKETS = [
  ['report (device_report outbox)', /features\/report\/|outbox-repo/],
  ['receipt / printer', /devices\/printer|print-job|owed-receipts|devices-runtime/],
  ['voice', /voice|announcer/],
  ['retention', /retention/],
  ['warm-up ping', /cpay-client\.ts:\d+ ping/],
  ['journal writes', /outbox-journal|pay-journal|journal-repo|order-number/],
  ['request / answer (sign, fetch, verify, decode)', /cpay-client|http\.ts|packages\/protocol/],
  ['checkout / lit render', /lit-html|reactive-element|lit-element|checkout-screen|pay-status|keypad|pay-amount|pay-code-line|status-bar|app-shell/],
  ['pay flow / state', /features\/pay\/|kernel\//],
];
const events = JSON.parse(readFileSync(file, 'utf8')).traceEvents;

// The renderer main thread is the one carrying the instrument's marks.
const marks = events.filter((e) => e.cat?.includes('blink.user_timing') && String(e.name).startsWith('bench:'));
if (marks.length === 0) throw new Error('no bench:* marks in the trace (traced with an older bench-tablet.mjs?)');
const pid = marks[0].pid;
const mainTid = events.find((e) => e.pid === pid && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
const at = (name) =>
  marks
    .filter((m) => m.name === name)
    .map((m) => m.ts)
    .sort((a, b) => a - b);
const enters = at('bench:enter');
const requests = at('bench:request');
const answers = at('bench:answer');
const shown = at('bench:shown');

const windows = { scanToRequest: [], answerToScreen: [] };
for (const r of requests) {
  const e = enters.filter((x) => x <= r).at(-1);
  if (e !== undefined) windows.scanToRequest.push([e, r]);
}
for (const a of answers) {
  const s = shown.find((x) => x >= a);
  if (s !== undefined) windows.answerToScreen.push([a, s]);
}

const main = events.filter((e) => e.pid === pid && e.tid === mainTid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts);
const tasks = main.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');

// CPU samples (ProfileChunk), one profile per sampled thread (the main thread's and the service
// worker's, which sees every fetch the page makes): node id → callFrame, timeDeltas → sample times.
const profiles = new Map(); // id → { tid, nodes, samples }
for (const e of events) {
  if (e.pid !== pid || e.name !== 'Profile') continue;
  profiles.set(e.id, { tid: e.tid, t: e.args?.data?.startTime ?? 0, nodes: new Map(), samples: [] });
}
for (const e of events) {
  const p = e.pid === pid && e.name === 'ProfileChunk' ? profiles.get(e.id) : undefined;
  if (!p) continue;
  const d = e.args?.data;
  if (d?.cpuProfile?.nodes) for (const n of d.cpuProfile.nodes) p.nodes.set(n.id, n);
  const ids = d?.cpuProfile?.samples ?? [];
  const deltas = d?.timeDeltas ?? [];
  for (let i = 0; i < ids.length; i += 1) {
    p.t += deltas[i] ?? 0;
    p.samples.push({ id: ids[i], ts: p.t });
  }
}
const threadName = (tid) => events.find((e) => e.pid === pid && e.tid === tid && e.name === 'thread_name')?.args?.name ?? String(tid);
const gapOf = (p) => (p.samples.length > 1 ? (p.samples.at(-1).ts - p.samples[0].ts) / p.samples.length / 1000 : 0);

const maps = new Map();
const mapFor = (url) => {
  if (!DIST || !url) return undefined;
  const name = basename(new URL(url, 'http://x/').pathname);
  if (!maps.has(name)) {
    const path = join(DIST, 'assets', `${name}.map`);
    maps.set(name, existsSync(path) ? new TraceMap(readFileSync(path, 'utf8')) : undefined);
  }
  return maps.get(name);
};
const where = (frame) => {
  const m = mapFor(frame.url);
  if (m) {
    const o = originalPositionFor(m, { line: frame.lineNumber + 1, column: frame.columnNumber });
    if (o.source) return `${o.source.replace(/^(\.\.\/)+/, '')}:${o.line} ${o.name ?? frame.functionName ?? ''}`.trim();
  }
  const url = frame.url ? basename(new URL(frame.url, 'http://x/').pathname) : '';
  return `${url || '(native)'} ${frame.functionName || '(anonymous)'}`;
};

const add = (map, k, v) => map.set(k, (map.get(k) ?? 0) + v);
const top = (map, n = TOP) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([k, v]) => `    ${v.toFixed(1).padStart(8)}  ${k}`)
    .join('\n');

// --timeline N: for the first N sales, every main-thread task of the answer → frame window in
// order (start offset, ms, what it ran, and the app functions whose samples it holds: the
// innermost src/ or packages/ frame of each sample) — what runs between the fetch resolving
// and the result's frame, step by step.
// With --from-enter, each sale's list starts at its code's Enter (offsets still from the answer).
const TIMELINE = Number(opt('timeline', 0));
const FROM_ENTER = args.includes('--from-enter');
for (const [answer, b] of windows.answerToScreen.slice(0, TIMELINE)) {
  const req = requests.filter((x) => x <= answer).at(-1);
  const a = FROM_ENTER ? (enters.filter((x) => x <= req).at(-1) ?? answer) : answer;
  console.log(
    `\n-- answer → frame, ${((b - answer) / 1000).toFixed(1)} ms (Enter at ${((a - answer) / 1000).toFixed(1)}, request at ${((req - answer) / 1000).toFixed(1)})`,
  );
  for (const task of tasks) {
    if (task.ts + task.dur < a || task.ts > b) continue;
    const kids = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
    const direct = kids.filter((k) => !kids.some((p) => p !== k && p.ts <= k.ts && p.ts + p.dur >= k.ts + k.dur && p.dur > k.dur));
    const kinds = direct.map((k) => `${k.args?.data?.type ? `${k.name}(${k.args.data.type})` : k.name} ${(k.dur / 1000).toFixed(1)}`).join(', ');
    const fns = new Map();
    for (const p of profiles.values()) {
      if (p.tid !== mainTid) continue;
      const gap = gapOf(p);
      for (const smp of p.samples) {
        if (smp.ts < task.ts || smp.ts > task.ts + task.dur) continue;
        let label = '';
        for (let n = p.nodes.get(smp.id); n; n = p.nodes.get(n.parent)) {
          if (!n.callFrame.url) continue;
          const w = where(n.callFrame);
          if (/^(src|packages)\//.test(w)) {
            label = w;
            break;
          }
        }
        if (label) add(fns, label, gap);
      }
    }
    const fnText = [...fns.entries()]
      .sort((x, y) => y[1] - x[1])
      .slice(0, 4)
      .map(([k, v]) => `${k} ${v.toFixed(1)}`)
      .join('; ');
    console.log(
      `  +${((task.ts - answer) / 1000).toFixed(1).padStart(6)} ${(task.dur / 1000).toFixed(1).padStart(6)} ms  ${kinds}${fnText ? `  | ${fnText}` : ''}`,
    );
  }
}

for (const [label, ws] of Object.entries(windows)) {
  let wall = 0;
  let busy = 0;
  let long = 0;
  const kinds = new Map();
  const leaves = new Map();
  const files = new Map();
  const incl = new Map();
  const buckets = new Map();
  for (const [a, b] of ws) {
    wall += (b - a) / 1000;
    for (const task of tasks) {
      if (task.ts + task.dur < a || task.ts > b) continue;
      const ms = (Math.min(b, task.ts + task.dur) - Math.max(a, task.ts)) / 1000;
      busy += ms;
      if (task.dur / 1000 > 16) long += 1;
      // the task's direct children (first level under RunTask) name what it did
      const kids = main.filter((e) => e !== task && e.ts >= task.ts && e.ts + e.dur <= task.ts + task.dur);
      const direct = kids.filter((k) => !kids.some((p) => p !== k && p.ts <= k.ts && p.ts + p.dur >= k.ts + k.dur && p.dur > k.dur));
      let named = 0;
      for (const k of direct) {
        const kms = (Math.min(b, k.ts + k.dur) - Math.max(a, k.ts)) / 1000;
        if (kms <= 0) continue;
        const type = k.args?.data?.type ? `${k.name}(${k.args.data.type})` : k.name;
        add(kinds, type, kms);
        named += kms;
      }
      if (ms - named > 0.05) add(kinds, '(task, unattributed)', ms - named);
    }
    for (const p of profiles.values()) {
      const gap = gapOf(p);
      const thread = p.tid === mainTid ? '' : `[${threadName(p.tid)}] `;
      for (const s of p.samples) {
        if (s.ts < a || s.ts > b) continue;
        const n = p.nodes.get(s.id);
        if (!n || n.callFrame.functionName === '(idle)') continue;
        const w = where(n.callFrame);
        add(leaves, thread + w, gap);
        add(files, thread + w.split(':')[0].split(' ')[0], gap);
        if (INCLUSIVE && !thread && !/\((program|idle|garbage collector)\)$/.test(w)) {
          const stack = [];
          for (let at = n; at; at = p.nodes.get(at.parent)) if (at.callFrame.url) stack.push(where(at.callFrame));
          const text = stack.join('\n');
          add(buckets, BUCKETS.find(([, re]) => re.test(text))?.[0] ?? (stack.length ? 'other app / library JS' : 'native, no app frame'), gap);
        }
        if (INCLUSIVE && !thread) {
          const seen = new Set();
          for (let at = n; at; at = p.nodes.get(at.parent)) {
            if (!at.callFrame.url) continue;
            const f = where(at.callFrame);
            if (seen.has(f)) continue;
            seen.add(f);
            add(incl, f, gap);
          }
        }
      }
    }
  }
  const n = ws.length || 1;
  const js = [...leaves.entries()].filter(([k]) => !k.startsWith('[') && !/\((program|idle|garbage collector)\)$/.test(k)).reduce((x, [, v]) => x + v, 0);
  const rendering = ['Layout', 'Paint', 'PrePaint', 'Commit', 'UpdateLayoutTree', 'Layerize'].reduce((x, k) => x + (kinds.get(k) ?? 0), 0);
  console.log(
    `SUMMARY ${label}: sales ${ws.length}; per sale: wall ${(wall / n).toFixed(1)} ms, main-thread JS samples ${(js / n).toFixed(1)} ms, rendering ${(rendering / n).toFixed(1)} ms, microtasks ${((kinds.get('RunMicrotasks') ?? 0) / n).toFixed(1)} ms; tasks > 16 ms ${long}`,
  );
  console.log(
    `\n== ${label}: ${ws.length} sales, wall ${(wall / n).toFixed(1)} ms/sale, main thread busy ${(busy / n).toFixed(1)} ms/sale, tasks > 16 ms: ${long}`,
  );
  console.log(`  by task kind (ms summed over the sales):\n${top(kinds, 15)}`);
  console.log(`  CPU samples by file (ms; other threads in brackets; idle left out):\n${top(files, 15)}`);
  console.log(`  CPU samples by function (self):\n${top(leaves)}`);
  if (INCLUSIVE) {
    console.log(`  CPU samples by function (inclusive, main thread):\n${top(incl, TOP * 2)}`);
    const per = new Map([...buckets].map(([k, v]) => [k, v / n]));
    console.log(`BUCKETS ${label} (main-thread JS ms per sale, by what the stack holds):\n${top(per, 20)}`);
  }
}
