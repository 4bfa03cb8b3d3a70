/**
 * JSON text as the cpay server writes it: non-ASCII characters as `\uXXXX` (upper-case hex) and
 * `/` as `\/` (spec §3.1; 002 L268-272). Clients must verify signatures over exactly this text, so
 * a client that re-serialises before verifying fails against the simulator as it would in production.
 */

/** Serialises `value` with the server's escaping. */
export function serverJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/\//g, '\\/')
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** A JSON object as a plain record; undefined values are dropped by JSON.stringify. */
export type JsonObject = { [key: string]: unknown };

/** True for a non-null, non-array object. */
export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses JSON text, returning undefined instead of throwing. */
export function tryParse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
