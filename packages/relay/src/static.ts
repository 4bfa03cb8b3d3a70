/**
 * Serves the built PWA. Hashed build output is cached forever; the entry points that name the
 * hashed files (`index.html`, the service worker, the manifest) are revalidated every time, so a
 * deploy is picked up on the next load. Navigations to unknown paths get `index.html` (SPA routes).
 * Text files over 1 KiB go out brotli- or gzip-compressed when the client accepts it.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import vary from 'vary';
import { CompressedCache, chooseCoding } from './compress.js';

/** Content types by extension. */
export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.wasm': 'application/wasm',
  '.mp3': 'audio/mpeg',
  '.ogg': 'audio/ogg',
  '.wav': 'audio/wav',
  '.txt': 'text/plain; charset=utf-8',
};

/** Immutable: anything under `assets/`, or a file name carrying an 8+ character content hash. */
const HASHED = /(^|\/)assets\/|[.-][A-Za-z0-9_-]{8,}\.(?:js|mjs|css|wasm|woff2|png|svg|webp|jpg|mp3|ogg|wav)$/;

/** The Cache-Control value for a path relative to the static root (`index.html`, `assets/x-abc.js`). */
export function cacheControlFor(relPath: string): string {
  const name = relPath.slice(relPath.lastIndexOf('/') + 1);
  if (name === 'index.html' || name === 'sw.js' || name.endsWith('.webmanifest') || name === 'manifest.json') return 'no-cache';
  if (HASHED.test(relPath)) return 'public, max-age=31536000, immutable';
  return 'no-cache';
}

/** Serves `req` from `root`. Answers 404 for missing files (and a hint when the app is not built). */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string | undefined, pathname: string, sourceMaps = false): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { allow: 'GET, HEAD', 'content-length': '0' });
    res.end();
    return;
  }
  const rel = safeRelative(pathname);
  if (root === undefined || rel === undefined) return notFound(res, root === undefined);
  // Source maps carry the full sources: served only when asked for (--serve-source-maps).
  if (!sourceMaps && rel.toLowerCase().endsWith('.map')) return notFound(res, false);
  const file = await findFile(root, rel === '' ? 'index.html' : rel);
  if (file) return sendFile(req, res, file.path, file.rel, file.size, file.mtimeMs);
  const isNavigation = extname(rel) === '' || (req.headers.accept ?? '').includes('text/html');
  const index = isNavigation ? await findFile(root, 'index.html') : undefined;
  if (index) return sendFile(req, res, index.path, index.rel, index.size, index.mtimeMs);
  return notFound(res, isNavigation && !(await findFile(root, 'index.html')));
}

/** Decodes and normalises a URL path; undefined when it escapes the root or is malformed. */
export function safeRelative(pathname: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
  const norm = normalize(decoded).replace(/^\/+/, '');
  if (norm === '.') return '';
  if (norm.startsWith('..') || norm.split(sep).includes('..')) return undefined;
  return norm.split(sep).some((part) => part.startsWith('.') && part !== '.well-known') ? undefined : norm;
}

async function findFile(root: string, rel: string): Promise<{ path: string; rel: string; size: number; mtimeMs: number } | undefined> {
  const path = join(root, rel);
  try {
    const s = await stat(path);
    return s.isFile() ? { path, rel, size: s.size, mtimeMs: s.mtimeMs } : undefined;
  } catch {
    return undefined;
  }
}

const compressed = new CompressedCache();

async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, rel: string, size: number, mtimeMs: number): Promise<void> {
  const type = MIME[extname(rel).toLowerCase()] ?? 'application/octet-stream';
  const coding = chooseCoding(req.headers['accept-encoding'], type, size);
  const etag = `W/"${size.toString(16)}-${Math.floor(mtimeMs).toString(16)}${coding ? `-${coding}` : ''}"`;
  // Appended, not set: CORS may already have said `Vary: Origin`, and caches need both.
  vary(res, 'Accept-Encoding');
  const headers = { 'content-type': type, 'cache-control': cacheControlFor(rel), etag };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  if (coding) {
    const body = await compressed.get(path, size, mtimeMs, coding);
    res.writeHead(200, { ...headers, 'content-encoding': coding, 'content-length': body.length });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  res.writeHead(200, { ...headers, 'content-length': size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  await streamFile(path, size, res);
}

/**
 * Responses whose every body byte was written to the socket even if `end()` had not run yet (the
 * client may read the last byte and leave before the file stream reports its end).
 */
export const bodyHandedOver = new WeakSet<ServerResponse>();

/**
 * Streams a file into the response. Resolves (never rejects) when the response ends or the client
 * leaves: a client closing right after the last byte is a complete download, and the access log
 * line decides complete or not from the socket (lifecycle.ts). A read error cuts the response.
 */
function streamFile(path: string, size: number, res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const file = createReadStream(path);
    let read = 0;
    file.on('data', (chunk) => {
      read += chunk.length; // pipe() writes each chunk to res synchronously on this same event
      if (read >= size) bodyHandedOver.add(res);
    });
    const done = (): void => {
      file.destroy();
      resolve();
    };
    file.once('error', () => {
      res.destroy();
      resolve();
    });
    res.once('close', done);
    file.pipe(res);
  });
}

function notFound(res: ServerResponse, appMissing: boolean): void {
  const text = appMissing ? 'Not found. The app is not built: run `npm run build` (or `npm start`), then reload.\n' : 'Not found.\n';
  res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}
