/**
 * Request-body reading with a size cap, and the content-type rule (spec §2: `application/json`).
 * Bodies stay Buffers end to end: the relay never decodes and re-encodes what it forwards.
 */
import type { IncomingMessage } from 'node:http';
import { CodedError } from '@cpay/protocol';

/** Why a request body could not be read (the project's error family: CodedError, @cpay/protocol). */
export type BodyErrorCode = 'body_too_large' | 'client_gone' | 'body_timeout';

/** The body was larger than the cap (→ 413). The same body fails the same way: not retryable. */
export class BodyTooLargeError extends CodedError<'body_too_large'> {
  constructor(readonly limit: number) {
    super('body_too_large', `request body exceeds ${limit} bytes`, false);
    this.name = 'BodyTooLargeError';
  }
}

/** The client closed the connection before sending the whole body (it may send it again). */
export class ClientGoneError extends CodedError<'client_gone'> {
  constructor() {
    super('client_gone', 'the client closed the connection before the request body was complete', true);
    this.name = 'ClientGoneError';
  }
}

/** The body did not arrive within the body timeout (a slow or stalled client, → 408; it may send it again). */
export class BodyTimeoutError extends CodedError<'body_timeout'> {
  constructor(readonly timeoutMs: number) {
    super('body_timeout', `request body not complete within ${timeoutMs} ms`, true);
    this.name = 'BodyTimeoutError';
  }
}

/**
 * Reads the whole body as one Buffer, rejecting as soon as it passes `limit` bytes (checked against
 * `content-length` first so an oversized upload is refused before it is received), or when it is not
 * complete `timeoutMs` after the headers (a client trickling one byte at a time).
 */
export function readBody(req: IncomingMessage, limit: number, timeoutMs = 0): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.reject(new BodyTooLargeError(limit));
  if (req.readableEnded) return Promise.resolve(Buffer.alloc(0));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const timer =
      timeoutMs > 0
        ? setTimeout(() => {
            cleanup();
            reject(new BodyTimeoutError(timeoutMs));
          }, timeoutMs)
        : undefined;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(new BodyTooLargeError(limit));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size));
    };
    const onError = (err: Error): void => {
      cleanup();
      reject(err);
    };
    const onClose = (): void => onError(new ClientGoneError());
    const cleanup = (): void => {
      clearTimeout(timer);
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}

/** True for `application/json` with optional parameters (`; charset=utf-8`), case-insensitive. */
export function isJsonContentType(header: string | undefined): boolean {
  if (!header) return false;
  const semi = header.indexOf(';');
  const type = (semi === -1 ? header : header.slice(0, semi)).trim().toLowerCase();
  return type === 'application/json';
}
