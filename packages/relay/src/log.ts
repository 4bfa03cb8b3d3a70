/**
 * Structured JSON logs. Records carry ids, paths, statuses and durations only: never a request
 * or response body, a key, a signature or a query string (the legacy `use_device_setting` query
 * names the shop and configuration). `maskCode` exists for anything that must mention a code.
 */

/** One log record: flat JSON-serialisable fields. */
export type LogRecord = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Where the relay writes its logs; inject one to capture or silence them. */
export interface RelayLogger {
  info(record: LogRecord): void;
  warn(record: LogRecord): void;
  error(record: LogRecord): void;
}

/** Severity names, lowest first. */
export const LOG_LEVELS = ['info', 'warn', 'error', 'silent'] as const;
/** A minimum severity for {@link jsonLogger}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A logger writing one JSON object per line (`{"t":…,"level":…,…}`) to `write`. */
export function jsonLogger(minLevel: LogLevel = 'info', write: (line: string) => void = (line) => process.stdout.write(line)): RelayLogger {
  const min = LOG_LEVELS.indexOf(minLevel);
  const emit = (level: 'info' | 'warn' | 'error') => (record: LogRecord) => {
    if (LOG_LEVELS.indexOf(level) < min) return;
    write(`${JSON.stringify({ t: new Date().toISOString(), level, ...record })}\n`);
  };
  return { info: emit('info'), warn: emit('warn'), error: emit('error') };
}

/** A logger that drops everything. */
export const silentLogger: RelayLogger = { info: () => {}, warn: () => {}, error: () => {} };

/**
 * Masks a customer payment code or similar secret-ish identifier: keeps the first 4 and the last 2
 * characters (`1345************89`), enough to correlate with a receipt, not enough to reuse.
 */
export function maskCode(code: string): string {
  if (code.length <= 6) return '*'.repeat(code.length);
  return `${code.slice(0, 4)}${'*'.repeat(code.length - 6)}${code.slice(-2)}`;
}

/** Strips the query string: logs name paths, never parameters. */
export function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}
