/**
 * Issue 16 point 1 under a real file-descriptor limit: the relay runs as `cpay-relay` (the built
 * CLI) in a child shell with `ulimit -n 200` and its default limits. One client address opens 179
 * sockets and holds them; a second client is still served while they are held.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fakeUpstream, type FakeUpstream } from './helpers.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const BRIEF = '{"r":"{\\"otn\\":\\"1\\"}","a":"00"}';
let child: ChildProcess | undefined;
let up: FakeUpstream | undefined;
const held: Socket[] = [];

beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run npm run build:packages first`);
});
afterEach(async () => {
  for (const s of held.splice(0)) s.destroy();
  child?.kill('SIGKILL');
  await up?.close();
  child = up = undefined;
});

/** Starts the CLI under `ulimit -n <fds>`; resolves to its port once it prints its address. */
function startLimited(fds: number, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    child = spawn('bash', ['-c', `ulimit -n ${fds} && exec "$0" "$@"`, process.execPath, CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const timer = setTimeout(() => reject(new Error(`relay did not start: ${out}`)), 15_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /listening on http:\/\/127\.0\.0\.1:(\d+)\//.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString();
    });
    child.on('exit', (code) => reject(new Error(`relay exited ${code}: ${out}`)));
  });
}

function hold(port: number, from: string): Promise<Socket> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: from }, () => resolve(s));
    s.on('error', () => resolve(s));
    held.push(s);
  });
}

/** One request from `from` on a fresh connection: status, or the error code. */
function ask(port: number, from: string): Promise<number | string> {
  return new Promise((resolve) => {
    const s = connect({ port, host: '127.0.0.1', localAddress: from });
    let data = '';
    s.on('data', (c: Buffer) => {
      data += c.toString();
    });
    s.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    s.on('close', () => resolve(Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0)));
    s.write(
      `POST /cpay/brief_query_order HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${BRIEF.length}\r\nConnection: close\r\n\r\n${BRIEF}`,
    );
  });
}

describe('file descriptors (ulimit -n 200)', () => {
  it('a client holding 179 sockets does not starve a second client', async () => {
    up = await fakeUpstream((_q, _b, res) => res.end('{"ok":1}'));
    const port = await startLimited(200, ['--host', '127.0.0.1', '--port', '0', '--upstream', up.origin, '--rate-limit', 'off', '--log-level', 'error']);
    const sockets = await Promise.all(Array.from({ length: 179 }, () => hold(port, '127.0.0.2')));
    await new Promise((r) => setTimeout(r, 300));
    const stillOpen = sockets.filter((s) => !s.destroyed && !s.readableEnded).length;
    expect(stillOpen).toBeLessThanOrEqual(32); // the per-client default
    const answers = await Promise.all(Array.from({ length: 5 }, () => ask(port, '127.0.0.3')));
    expect(answers).toEqual([200, 200, 200, 200, 200]);
    expect(held.length).toBe(179); // the first client still holds what it was allowed
  });
});
