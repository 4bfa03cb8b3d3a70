/** The matrix's closing table: runs by flow, faults planned vs fired by kind, violations — as Markdown. */
import { FAULTS } from './plan.js';
import { VACUOUS, type RunResult } from './truth.js';

const count = <K extends string>(keys: readonly K[]): Map<K, number> => {
  const m = new Map<K, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/** Fault kinds of the plan that no run injected. */
export function faultsNeverInjected(results: readonly RunResult[]): string[] {
  const seen = new Set(results.flatMap((r) => [...r.faults]));
  return FAULTS.filter((f) => !seen.has(f));
}

/** Fault kinds that never actually acted in any run (a full run must leave none); printer runs add the printer pull. */
export function faultsNeverFired(results: readonly RunResult[]): string[] {
  const seen = new Set(results.flatMap((r) => [...(r.fired ?? [])]));
  const kinds: readonly string[] = results.some((r) => r.flow === 'print') ? [...FAULTS, 'printer_unplug'] : FAULTS;
  return kinds.filter((f) => !seen.has(f));
}

/** Runs whose preconditions failed (they checked nothing; each also counts as a violation). */
export const vacuousRuns = (results: readonly RunResult[]): RunResult[] => results.filter((r) => r.violations.some((v) => v.startsWith(VACUOUS)));

/** Renders the summary printed at the end of a matrix run. */
export function summaryTable(results: readonly RunResult[], seed: number, ms: number): string {
  const runs = results.filter((r) => r.ms > 0 || r.faults.length > 0);
  const byFlow = count(runs.map((r) => r.flow));
  const badByFlow = count(results.filter((r) => r.violations.length > 0).map((r) => r.flow));
  const byFault = count(runs.flatMap((r) => [...r.faults]));
  const firedByFault = count(runs.flatMap((r) => [...(r.fired ?? [])]));
  const badByFault = count(results.filter((r) => r.violations.length > 0).flatMap((r) => [...r.faults]));
  const violations = results.reduce((s, r) => s + r.violations.length, 0);
  const planned = [...byFault.values()].reduce((a, b) => a + b, 0);
  const fired = [...firedByFault.values()].reduce((a, b) => a + b, 0);
  const limits = count(results.flatMap((r) => (r.limits ?? []).map((l) => l.split(':')[0] ?? l)));
  const lines = [
    `\n[faults] seed ${seed}: ${runs.length} runs, ${planned} faults planned, ${fired} fired, ${violations} violations, ${vacuousRuns(results).length} vacuous runs in ${(ms / 1000).toFixed(0)} s`,
    '| flow | runs | runs with a violation |',
    '|---|---:|---:|',
    ...[...byFlow].map(([f, n]) => `| ${f} | ${n} | ${badByFlow.get(f) ?? 0} |`),
    '',
    '| fault | planned | fired | in runs with a violation |',
    '|---|---:|---:|---:|',
    ...[...byFault].sort(([a], [b]) => a.localeCompare(b)).map(([f, n]) => `| ${f} | ${n} | ${firedByFault.get(f) ?? 0} | ${badByFault.get(f) ?? 0} |`),
    `never planned: ${faultsNeverInjected(runs).join(', ') || 'none'}; never fired: ${faultsNeverFired(runs).join(', ') || 'none'}`,
    '',
    '| known limitation (not failing; FAULT_STRICT=1 fails) | runs |',
    '|---|---:|',
    ...[...limits].map(([l, n]) => `| ${l} | ${n} |`),
  ];
  return lines.join('\n');
}
