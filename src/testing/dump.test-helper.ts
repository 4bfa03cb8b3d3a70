/**
 * Test helper (imported only by *.browser.test.ts): serialises every store of a database —
 * binary as base64 and as UTF-8 text, CryptoKeys as their public fields — so a test can search
 * the dump for key material.
 */
import type { Db } from '../platform/storage/db.js';

function encode(v: unknown): unknown {
  if (v instanceof CryptoKey) return { cryptoKey: { type: v.type, extractable: v.extractable, algorithm: v.algorithm, usages: v.usages } };
  if (v instanceof ArrayBuffer || ArrayBuffer.isView(v)) {
    const bytes = v instanceof ArrayBuffer ? new Uint8Array(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    return { base64: btoa(String.fromCharCode(...bytes)), text: new TextDecoder().decode(bytes) };
  }
  if (Array.isArray(v)) return v.map(encode);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, encode(x)]));
  return v;
}

/** JSON text of every key and value in every store of `db`. */
export async function dumpDatabase(db: Db): Promise<string> {
  const out: Record<string, unknown> = {};
  for (const name of Array.from(db.objectStoreNames)) {
    out[name] = { keys: encode(await db.getAllKeys(name)), values: encode(await db.getAll(name)) };
  }
  return JSON.stringify(out);
}
