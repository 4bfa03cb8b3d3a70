/** The matrix's closing table: runs by flow, faults by kind, violations — as Markdown. */
import { FAULTS } from './plan.js';
import type { RunResult } from './truth.js';

const count = <K extends string>(keys: readonly K[]): Map<K, number> => {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** Fault kinds of the plan that no run injected (a full run must leave none). */
export function faultsNeverInjected(results: readonly RunResult[]): string[] {
  const seen = new Set(results.flatMap((r) => [...r.faults]));
  return FAULTS.filter((f) => !seen.has(f));
}

/** Renders the summary printed at the end of a matrix run. */
export function summaryTable(results: readonly RunResult[], seed: number, ms: number): string {
  const runs = results.filter((r) => r.ms > 0 || r.faults.length > 0);
  const byFlow = count(runs.map((r) => r.flow));
  const badByFlow = count(results.filter((r) => r.violations.length > 0).map((r) => r.flow));
  const byFault = count(runs.flatMap((r) => [...r.faults]));
  const badByFault = count(results.filter((r) => r.violations.length > 0).flatMap((r) => [...r.faults]));
  const violations = results.reduce((s, r) => s + r.violations.length, 0);
  const limits = count(results.flatMap((r) => (r.limits ?? []).map((l) => l.split(':')[0] ?? l)));
  const lines = [
    `\n[faults] seed ${seed}: ${runs.length} runs, ${[...byFault.values()].reduce((a, b) => a + b, 0)} faults, ${violations} violations in ${(ms / 1000).toFixed(0)} s`,
    '| flow | runs | runs with a violation |', '|---|---:|---:|',
    ...[...byFlow].map(([f, n]) => `| ${f} | ${n} | ${badByFlow.get(f) ?? 0} |`),
    '', '| fault | injected | in runs with a violation |', '|---|---:|---:|',
    ...[...byFault].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `| ${f} | ${n} | ${badByFault.get(f) ?? 0} |`),
    `never injected: ${faultsNeverInjected(runs).join(', ') || 'none'}`,
    '', '| known limitation (not failing; FAULT_STRICT=1 fails) | runs |', '|---|---:|',
    ...[...limits].map(([l, n]) => `| ${l} | ${n} |`),
  ];
  return lines.join('\n');
}
