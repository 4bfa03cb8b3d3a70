/**
 * Compressed copies of static files (brotli or gzip, by the client's Accept-Encoding), made once per
 * file version and kept in memory: the built app is a few hundred kilobytes of JavaScript that a
 * tablet on shop Wi-Fi loads (and the service worker precaches) after every deploy.
 */
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** A content coding the relay can produce. */
export type Coding = 'br' | 'gzip';

const COMPRESSIBLE = /^(text\/|application\/(json|manifest\+json|javascript|wasm)|image\/svg\+xml)/;
const MIN_BYTES = 1024;
const MAX_CACHE_BYTES = 32 * 1024 * 1024;

/** Picks br over gzip when the client accepts it (q > 0); undefined for identity. */
export function chooseCoding(acceptEncoding: string | undefined, contentType: string, size: number): Coding | undefined {
  if (size < MIN_BYTES || !COMPRESSIBLE.test(contentType) || !acceptEncoding) return undefined;
  const accepted = new Set<string>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.split(';').map((x) => x.trim().toLowerCase());
    const q = params.find((x) => x.startsWith('q='));
    if (q === undefined || Number(q.slice(2)) > 0) accepted.add(name);
  }
  if (accepted.has('br')) return 'br';
  if (accepted.has('gzip')) return 'gzip';
  return undefined;
}

/** An in-memory cache of compressed file versions (path + size + mtime + coding), bounded in bytes. */
export class CompressedCache {
  private readonly entries = new Map<string, { readonly data: Promise<Buffer>; size: number }>();
  private bytes = 0;

  constructor(private readonly maxBytes = MAX_CACHE_BYTES) {}

  /** The compressed bytes of `path` at this version, compressing on first use. */
  get(path: string, size: number, mtimeMs: number, coding: Coding): Promise<Buffer> {
    const key = `${coding}:${size}:${mtimeMs}:${path}`;
    const hit = this.entries.get(key);
    if (hit) return hit.data;
    const data = readFile(path).then((raw) =>
      coding === 'br'
        ? brotli(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length } })
        : gz(raw, { level: 9 }),
    );
    const entry = { data, size: 0 };
    this.entries.set(key, entry);
    data.then(
      (buf) => {
        entry.size = buf.length;
        this.bytes += buf.length;
        this.evict();
      },
      () => this.entries.delete(key),
    );
    return data;
  }

  /** Bytes held (for tests). */
  get heldBytes(): number {
    return this.bytes;
  }

  private evict(): void {
    for (const [key, e] of this.entries) {
      if (this.bytes <= this.maxBytes) return;
      if (e.size === 0) continue;
      this.entries.delete(key);
      this.bytes -= e.size;
    }
  }
}
