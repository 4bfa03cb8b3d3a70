#!/usr/bin/env node
// `npm run test:faults:mutants`: proof that the fault matrix can fail. Each mutant below is a
// deliberate bug of the kind the matrix exists to catch; it is applied, one at a time, to a copy
// of the working tree (tracked and new files, node_modules linked), the app is built from that
// copy, and a short fixed slice of the matrix (FAULT_PLAN, test/faults/plan.ts parsePlan) runs
// against it. A mutant is caught when the matrix reports at least one violation. First the same
// slices run on the unmutated copy and must pass: a slice that fails anyway proves nothing.
// Prints `caught/total` and exits non-zero unless every mutant is caught.
//   MUTANTS=m1,m4 npm run test:faults:mutants   # only these
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The mutants: file, exact text (must occur exactly once) → replacement, and the slice that must catch it. */
export const MUTANTS = [
  {
    id: 'm1',
    title: 'an unknown outcome (no answer) is shown as failed',
    edits: [
      [
        'src/kernel/flow/pay-classify.ts',
        "if (outcome.kind === 'unknown') return { kind: 'poll', userPaying: false };",
        "if (outcome.kind === 'unknown') return { kind: 'fail', reason: 'declined', description: 'no answer' };",
      ],
    ],
    plan: 'pay:cut_after:0000,pay:hang:0000',
  },
  {
    id: 'm2',
    title: '104 / internal_status 407 treated as a refusal',
    edits: [
      [
        'src/kernel/flow/pay-classify.ts',
        "never_cancel: () => ({ kind: 'poll', userPaying: false }),",
        "never_cancel: (description) => ({ kind: 'fail', reason: 'refused', description }),",
      ],
    ],
    plan: 'pay:reentry407:0000,pay:reentry407:9101',
  },
  {
    id: 'm3',
    title: "a not-found answer settles a charged order as not charged (recovery's 5-minute guard dropped)",
    edits: [['src/features/recovery/poll-recovery.ts', ' || ageMs < PAY_TIMING.neverArrivedAfterMs) return false;', ') return false;']],
    plan: 'pay:late_delivery+reload:0000',
  },
  {
    id: 'm4',
    title: 'a device_report batch sent again with a new nonce',
    edits: [
      [
        'src/features/report/report.ts',
        'nonce: batch.nonce,',
        "nonce: batch.nonce.slice(0, 16) + Math.random().toString(16).slice(2).padEnd(16, '0').slice(0, 16),",
      ],
    ],
    plan: 'report:cut_after,report:garble',
  },
  {
    id: 'm5',
    title: 'a receipt printed twice on a second request (double tap, reload)',
    // The done job is printed again from its first byte: a second receipt on the paper. (Only
    // dropping the check would resume the done job at its end and print nothing; since the
    // in-flight change (cb850d4) that version was caught by the outcome's kind alone.)
    edits: [
      [
        'src/platform/devices/printer/queue.ts',
        "if (existing?.state === 'done') return { kind: 'already_printed', id };",
        "if (existing?.state === 'done') return this.send({ ...existing, sent: 0 });",
      ],
    ],
    plan: 'pay:none:0000',
    printRuns: 2,
  },
  {
    id: 'm6',
    title: 'a declined order shown as paid',
    edits: [
      [
        'src/kernel/flow/pay-classify.ts',
        "failed: (description) => ({ kind: 'fail', reason: 'declined', description }),",
        "failed: () => ({ kind: 'success', state: undefined }),",
      ],
    ],
    plan: 'pay:none:9103,pay:cut_after:9103',
  },
  {
    // Both loops stop: the app-wide recovery takes over an order whose sale stopped polling, so a
    // bug in the sale's loop alone is no bug on screen (the first version of this mutant, stopping
    // the sale's polling while the customer typed the password, was missed for that reason).
    id: 'm7',
    title: "polling stops at the first unanswered query, before a final state (the sale's and recovery's)",
    edits: [
      [
        'src/kernel/flow/poll-order.ts',
        "if (p.decision.kind === 'final') return EMPTY;",
        "if (p.decision.kind === 'final' || p.outcome.kind !== 'reply') return EMPTY;",
      ],
      [
        'src/features/recovery/poll-recovery.ts',
        'expand((st) => (done(st) ? EMPTY : next(st.misses + 1))),',
        "expand((st) => (done(st) || st.probe.outcome.kind !== 'reply' ? EMPTY : next(st.misses + 1))),",
      ],
    ],
    plan: 'pay:poll_cut:9101,pay:poll_cut:9107',
  },
  {
    id: 'm8',
    title: 'an order number reused after a reload (the counter is not persisted, the clock not used)',
    edits: [
      [
        'src/platform/storage/order-number-repo.ts',
        'const lastForward = await store.get(prefix);',
        'const lastForward = (globalThis as { mutantForward?: number }).mutantForward; await store.get(prefix);',
      ],
      ['src/platform/storage/order-number-repo.ts', 'nowMs: this.sources.serverNow() });', 'nowMs: 1_800_000_000_000 });'],
      [
        'src/platform/storage/order-number-repo.ts',
        'await store.put(result.forward, prefix);',
        '(globalThis as { mutantForward?: number }).mutantForward = result.forward;',
      ],
    ],
    // The reload comes while the customer types the password (9101): the sale is open, so the
    // reloaded page resumes it; the next sales then number from the lost counter.
    plan: 'pay:none:0000,pay:reload:9101,pay:none:0000,pay:none:0000',
  },
  {
    id: 'm9',
    title: 'brief_micro_pay calls kept only in memory: a payment recovery settles after a reload is named in no device_report',
    // Both halves of the fix undone (either alone still names the order: the journaled answers,
    // or recovery's entries for the sends it cannot see answered).
    edits: [
      [
        'src/features/pay/pay-submit.ts',
        'return merge(noted$.pipe(ignoreElements()), follow(run, deps, decision, attempt, resends));',
        'return follow(run, deps, decision, attempt, resends);',
      ],
      ['src/features/recovery/poll-recovery.ts', "if (entry.kind !== 'micropay') return {};", 'return {};'],
    ],
    // The reload comes while the customer types the password (9101): recovery settles the order.
    plan: 'pay:reload:9101',
  },
];

const run = (cmd, args, opts) => {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  return { status: r.status ?? 1, out: `${r.stdout ?? ''}${r.stderr ?? ''}` };
};

/** A copy of the working tree (what git tracks or would add), node_modules linked, not copied. */
function copyTree() {
  const dir = mkdtempSync(join(tmpdir(), 'mutant-'));
  const files = run('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: root }).out.split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(root, f))) continue; // deleted in the working tree
    mkdirSync(dirname(join(dir, f)), { recursive: true });
    cpSync(join(root, f), join(dir, f));
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  return dir;
}

function apply(dir, edits) {
  for (const [file, from, to] of edits) {
    const path = join(dir, file);
    const text = readFileSync(path, 'utf8');
    const n = text.split(from).length - 1;
    if (n !== 1) throw new Error(`${file}: the mutated text occurs ${n} times (the source changed; update scripts/faults-mutants.mjs)`);
    writeFileSync(path, text.replace(from, to));
  }
}

/** Builds the copy's app and runs one slice; returns its summary line and whether it saw a violation. */
function slice(dir, plan, printRuns) {
  const dist = join(dir, 'dist-mutant');
  const b = run('npx', ['vite', 'build', '--logLevel', 'error', '--outDir', dist, '--emptyOutDir'], { cwd: dir });
  if (b.status !== 0) return { built: false, out: b.out };
  const env = { ...process.env, FAULT_PLAN: plan, FAULT_PRINT_RUNS: String(printRuns ?? 0), FAULT_SEED: '20261207', FAULTS_DIST: dist };
  const t = run('npx', ['vitest', 'run', '--project', 'e2e', 'test/faults/matrix.e2e.test.ts'], { cwd: dir, env });
  const summary = /\[faults\] seed \d+: [^\n]*/.exec(t.out)?.[0] ?? '(no summary: the matrix did not finish)';
  const violations = Number(/(\d+) violations/.exec(summary)?.[1] ?? 0);
  const lines = t.out
    .split('\n')
    .filter((l) => /VIOLATION|globally|\+ {3}"#/.test(l))
    .map((l) =>
      l
        .replace(/\u001b\[[0-9;]*m/gu, '') /* eslint-disable-line no-control-regex -- strips the colour codes of vitest's output */
        .trim(),
    );
  const finished = summary.startsWith('[faults]');
  // A slice that did not finish shows why (the runs it got through, vitest's error).
  const tail = finished
    ? []
    : t.out
        .replace(/\u001b\[[0-9;]*m/gu, '') // eslint-disable-line no-control-regex -- strips the colour codes of vitest's output
        .split('\n')
        .filter((l) => /^\[faults\] #|Error|timed out/.test(l))
        .slice(-12);
  return { built: true, finished, status: t.status, summary, violations, lines, tail };
}

/** Every edit of `mutants` must apply exactly once to today's sources: a mutant whose text is gone
 * (the source moved or changed) would test nothing, so the run stops before the baseline. */
function stale(mutants) {
  const bad = [];
  for (const m of mutants)
    for (const [file, from] of m.edits) {
      const path = join(root, file);
      const n = existsSync(path) ? readFileSync(path, 'utf8').split(from).length - 1 : -1;
      const state = n === 1 ? 'ok' : n < 0 ? 'file missing' : `occurs ${n} times`;
      if (n !== 1 || process.argv.includes('--check')) console.log(`${m.id} ${file}: ${state}`);
      if (n !== 1) bad.push(m.id);
    }
  return [...new Set(bad)];
}
const only = new Set((process.env.MUTANTS ?? '').split(',').filter(Boolean));
const unknown = [...only].filter((id) => !MUTANTS.some((m) => m.id === id));
if (unknown.length > 0) {
  console.log(`[mutants] no such mutant: ${unknown.join(', ')}`);
  process.exit(1);
}
const chosen = MUTANTS.filter((m) => only.size === 0 || only.has(m.id));
const staleIds = stale(chosen);
if (staleIds.length > 0) {
  console.log(`[mutants] FAILED: ${staleIds.join(', ')} no longer apply to the sources: update scripts/faults-mutants.mjs`);
  process.exit(1);
}
if (process.argv.includes('--check')) process.exit(0);
const started = Date.now();
const dir = copyTree();
let ok;
try {
  const basePlan = chosen.map((m) => m.plan).join(',');
  const basePrint = Math.max(0, ...chosen.map((m) => m.printRuns ?? 0));
  console.log(`[mutants] baseline: the ${chosen.length} slices on the unmutated copy (${basePlan})`);
  let base = slice(dir, basePlan, basePrint);
  for (let again = 1; again <= 2 && base.built && !base.finished; again += 1) {
    console.log(`[mutants] the baseline did not finish (${base.tail.at(-1) ?? '?'}); try ${again + 1} of 3`);
    base = slice(dir, basePlan, basePrint);
  }
  console.log(`[mutants] baseline ${base.summary}`);
  if (!base.built || base.status !== 0 || base.violations > 0) {
    console.log(base.built ? base.lines.join('\n') : base.out);
    console.log('[mutants] the baseline fails: fix the app or the slices first (a mutant "caught" there would prove nothing)');
    process.exit(1);
  }
  let caught = 0;
  for (const m of chosen) {
    const pristine = new Map(m.edits.map(([f]) => [f, readFileSync(join(dir, f), 'utf8')]));
    const t0 = Date.now();
    let result;
    try {
      apply(dir, m.edits);
      result = slice(dir, m.plan, m.printRuns);
      // A slice whose rig did not come up (a loaded machine: page.goto timed out) gets two more tries;
      // an unfinished slice is never counted as caught.
      for (let again = 1; again <= 2 && result.built && !result.finished; again += 1) {
        console.log(`[mutants] ${m.id}: the slice did not finish (${result.tail.at(-1) ?? '?'}); try ${again + 1} of 3`);
        result = slice(dir, m.plan, m.printRuns);
      }
    } catch (e) {
      result = { built: false, out: e instanceof Error ? e.message : String(e) };
    } finally {
      for (const [f, text] of pristine) writeFileSync(join(dir, f), text);
    }
    const hit = result.built && result.violations > 0;
    if (hit) caught += 1;
    console.log(
      `[mutants] ${m.id} ${hit ? 'CAUGHT' : !result.built ? 'BROKEN' : result.finished ? 'MISSED' : 'UNFINISHED (no verdict: the slice did not finish)'} in ${Math.round((Date.now() - t0) / 1000)} s: ${m.title} [${m.plan}${m.printRuns ? ` + ${m.printRuns} printer runs` : ''}]`,
    );
    if (result.built) console.log(`[mutants]    ${result.summary}${hit ? `\n[mutants]    first: ${result.lines[0] ?? ''}` : ''}`);
    if (!result.built) console.log(result.out.split('\n').slice(-15).join('\n'));
    else if (!result.finished) console.log(result.tail.map((l) => `[mutants]      ${l}`).join('\n'));
  }
  ok = caught === chosen.length;
  console.log(`\n[mutants] ${caught}/${chosen.length} caught in ${Math.round((Date.now() - started) / 1000)} s`);
} finally {
  rmSync(join(dir, 'node_modules')); // the link only, never what it points to
  rmSync(dir, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
