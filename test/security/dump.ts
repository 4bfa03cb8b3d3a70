/**
 * What a thief or a support engineer could read from a terminal: every IndexedDB record, both
 * storages, the whole DOM (shadow roots and input values included), CacheStorage entries. Runs
 * in the page (passed to `page.evaluate`), so it uses only browser APIs; binary values come out
 * as hex and base64, CryptoKeys as their (non-)extractable flag.
 */

/** Browser-side dump of everything the app keeps or shows. */
export async function dumpBrowserState(): Promise<{
  idb: string;
  local: string;
  session: string;
  dom: string;
  caches: string;
  cryptoKeys: { extractable: boolean }[];
}> {
  const cryptoKeys: { extractable: boolean }[] = [];
  const toHex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  const toB64 = (b: Uint8Array): string => btoa(String.fromCharCode(...b));
  const replacer = (_k: string, v: unknown): unknown => {
    if (v instanceof CryptoKey) {
      cryptoKeys.push({ extractable: v.extractable });
      return `[CryptoKey extractable=${v.extractable}]`;
    }
    if (v instanceof ArrayBuffer) v = new Uint8Array(v);
    if (ArrayBuffer.isView(v)) {
      const b = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
      return `hex:${toHex(b)} b64:${toB64(b)}`;
    }
    return v;
  };
  const idbParts: string[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((ok, ko) => {
      const r = indexedDB.open(info.name as string);
      r.onsuccess = () => ok(r.result);
      r.onerror = () => ko(r.error ?? new Error('indexedDB.open failed'));
    });
    for (const store of Array.from(db.objectStoreNames)) {
      const tx = db.transaction(store, 'readonly').objectStore(store);
      const [values, keys] = await Promise.all([
        new Promise<unknown[]>((ok) => {
          const r = tx.getAll();
          r.onsuccess = () => ok(r.result);
        }),
        new Promise<IDBValidKey[]>((ok) => {
          const r = tx.getAllKeys();
          r.onsuccess = () => ok(r.result);
        }),
      ]);
      idbParts.push(`${info.name}/${store}: ${JSON.stringify({ keys, values }, replacer)}`);
    }
    db.close();
  }
  const domParts: string[] = [];
  const walk = (root: Document | ShadowRoot): void => {
    domParts.push(root instanceof Document ? root.documentElement.outerHTML : root.innerHTML);
    root.querySelectorAll('*').forEach((el) => {
      if (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement) domParts.push(`value=${el.value}`);
      if (el.shadowRoot) walk(el.shadowRoot);
    });
  };
  walk(document);
  const cacheParts: string[] = [];
  for (const name of await caches.keys()) {
    const c = await caches.open(name);
    for (const req of await c.keys()) {
      const res = await c.match(req);
      const type = res?.headers.get('content-type') ?? '';
      cacheParts.push(`${name} ${req.url} ${/json|text\/plain/.test(type) ? await res?.text() : ''}`);
    }
  }
  const storage = (s: Storage): string => JSON.stringify(Object.fromEntries(Array.from({ length: s.length }, (_, i) => [s.key(i), s.getItem(s.key(i) ?? '')])));
  return {
    idb: idbParts.join('\n'),
    local: storage(localStorage),
    session: storage(sessionStorage),
    dom: domParts.join('\n'),
    caches: cacheParts.join('\n'),
    cryptoKeys,
  };
}

/** The forms a key could leak in: as is, either case, base64 of its text, base64 and hex of its bytes. */
export function keyForms(key: string): string[] {
  const forms = new Set([key, key.toLowerCase(), key.toUpperCase()]);
  const b64 = (b: Buffer): string[] => [b.toString('base64'), b.toString('base64url'), b.toString('base64').replace(/=+$/, '')];
  for (const f of [...forms]) for (const x of b64(Buffer.from(f, 'utf8'))) forms.add(x);
  if (/^[0-9a-f]+$/i.test(key) && key.length % 2 === 0) {
    const bytes = Buffer.from(key, 'hex');
    for (const x of b64(bytes)) forms.add(x);
    forms.add(Array.from(bytes).join(','));
  }
  return [...forms].filter((f) => f.length >= 12);
}

/** Which of `texts` (by name) contain any form of `key`. */
export function leaks(key: string, texts: Record<string, string>): string[] {
  const forms = keyForms(key);
  return Object.entries(texts)
    .filter(([, t]) => forms.some((f) => t.includes(f)))
    .map(([name]) => name);
}
