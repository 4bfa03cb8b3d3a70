/**
 * The first screen's JavaScript budget (issue 21, issue 13): what the build's output weighs, gzip.
 * `initial` is the HTML entry and its static imports (what loads before anything lazy); each
 * "first route" is a chunk the initial code imports dynamically (a screen, the sign-in form, …)
 * with its own static imports, counted on top of the initial code: what the first screen on that
 * route downloads. Read from the build's own chunk graph (vite.config.ts), never from file names.
 */
import { gzipSync } from 'node:zlib';

/** Chunk shape read from the output bundle (structural: no rolldown types needed). */
export interface OutChunk {
  readonly fileName: string;
  readonly code: string;
  readonly isEntry: boolean;
  readonly imports: readonly string[];
  readonly dynamicImports: readonly string[];
}

/** Budgets in bytes (gzip). */
export interface SizeBudget {
  readonly initialBytes: number;
  readonly firstRouteBytes: number;
}

/** The budget: initial JS ≤ 60 KB gzip, every first route (initial + the route) ≤ 80 KB gzip. */
export const BUDGET: SizeBudget = { initialBytes: 60 * 1024, firstRouteBytes: 80 * 1024 };

/** One first route: its chunk, what it adds to the initial code, and the total. */
export interface RouteSize {
  readonly route: string;
  readonly extra: number;
  readonly total: number;
}

/** The report written to dist/size.json. */
export interface SizeReport {
  readonly budget: SizeBudget;
  readonly initialGzipBytes: number;
  /** The heaviest first route's total (kept for older readers of size.json). */
  readonly firstScreenWorstGzipBytes: number;
  readonly files: readonly { readonly file: string; readonly gzip: number }[];
  readonly routes: readonly RouteSize[];
  /** What is over budget, as sentences; empty when within. */
  readonly over: readonly string[];
}

const kb = (n: number): string => (n / 1024).toFixed(1);

/** Measures the chunks of one build against `budget`. */
export function measureBundle(
  chunks: readonly OutChunk[],
  budget: SizeBudget = BUDGET,
  gzip: (code: string) => number = (c) => gzipSync(c).length,
): SizeReport | undefined {
  const byName = new Map(chunks.map((c) => [c.fileName, c]));
  const entry = chunks.find((c) => c.isEntry);
  if (!entry) return undefined;
  const gz = new Map<string, number>();
  const size = (f: string): number => {
    let n = gz.get(f);
    if (n === undefined) gz.set(f, (n = gzip(byName.get(f)?.code ?? '')));
    return n;
  };
  const closure = (name: string, seen = new Set<string>()): Set<string> => {
    const chunk = byName.get(name);
    if (!chunk || seen.has(name)) return seen;
    seen.add(name);
    chunk.imports.forEach((i) => closure(i, seen));
    return seen;
  };
  const initial = closure(entry.fileName);
  const sum = (files: Iterable<string>): number => [...files].reduce((n, f) => n + size(f), 0);
  const initialBytes = sum(initial);
  // Every chunk the initial code imports dynamically is a possible first route.
  const lazy = new Set([...initial].flatMap((f) => byName.get(f)?.dynamicImports ?? []).filter((d) => !initial.has(d)));
  const routes = [...lazy].map((route) => {
    const extra = sum([...closure(route)].filter((f) => !initial.has(f)));
    return { route, extra, total: initialBytes + extra };
  });
  const worst = routes.reduce((a, b) => (b.total > a.total ? b : a), { route: '', extra: 0, total: initialBytes });
  const over = [
    ...(initialBytes > budget.initialBytes ? [`initial JS ${kb(initialBytes)} KB gzip is over its ${kb(budget.initialBytes)} KB budget`] : []),
    ...routes
      .filter((r) => r.total > budget.firstRouteBytes)
      .map((r) => `first route ${r.route}: ${kb(r.total)} KB gzip with the initial JS is over the ${kb(budget.firstRouteBytes)} KB budget`),
  ];
  return {
    budget,
    initialGzipBytes: initialBytes,
    firstScreenWorstGzipBytes: worst.total,
    files: [...initial].map((file) => ({ file, gzip: size(file) })),
    routes: routes.sort((a, b) => b.total - a.total),
    over,
  };
}

/** The line the build prints. */
export function sizeLine(r: SizeReport): string {
  const worst = r.routes[0];
  const verdict = r.over.length === 0 ? 'within' : 'OVER';
  return (
    `initial JS: ${kb(r.initialGzipBytes)} KB gzip (budget ${kb(r.budget.initialBytes)}); ` +
    `heaviest first route${worst ? ` (${worst.route})` : ''}: ${kb(r.firstScreenWorstGzipBytes)} KB gzip (budget ${kb(r.budget.firstRouteBytes)}) — ${verdict} budget`
  );
}
