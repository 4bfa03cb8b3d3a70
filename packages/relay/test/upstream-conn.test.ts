/**
 * Issue 16 point 9, upstream connections, against dummy upstreams: a request that waited in the
 * pool's queue until its deadline is not written upstream (not_sent, never unknown), and a pooled
 * connection the upstream reset while idle (no Keep-Alive hint) is not used: the request goes out
 * on a fresh connection instead of coming back unknown.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { fakeUpstream, post, startRelay, type FakeUpstream, type Started } from './helpers.js';

const BRIEF = (otn: string) => `{"r":"{\\"otn\\":\\"${otn}\\"}","a":"00"}`;
let up: FakeUpstream | undefined;
let relay: Started | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  await relay?.relay.close();
  await up?.close();
  child?.kill('SIGKILL');
  relay = up = child = undefined;
});

describe('upstream connections', () => {
  it('a request queued for a busy connection until its deadline is not written upstream: not_sent, never unknown', async () => {
    up = await fakeUpstream((_req, body, res) => setTimeout(() => res.end('{"ok":1}'), body.includes('first') ? 500 : 300));
    relay = await startRelay({ upstreams: [up.origin], upstreamConnections: 1, timeoutMs: 600 });
    const first = post(relay.at('/cpay/brief_query_order'), BRIEF('first'));
    await new Promise((r) => setTimeout(r, 20));
    const second = await post(relay.at('/cpay/brief_query_order'), BRIEF('second'));
    expect((await first).status).toBe(200);
    expect(second.status).toBe(503);
    expect(second.headers.get('x-relay-outcome')).toBe('not_sent');
    expect(JSON.parse(second.bytes.toString())).toMatchObject({ relay_error: 'upstream_busy', outcome: 'not_sent' });
    await new Promise((r) => setTimeout(r, 400));
    expect(up.received.filter((x) => x.body.includes('second'))).toEqual([]);
  });

  it('a pooled connection the upstream reset while idle is not written to: the request goes out on a fresh connection', async () => {
    // The upstream runs in its own process so it can reset while this process is busy (the RST then
    // waits in the kernel, as when the relay is busy with other requests).
    const src = `
      const net = require('node:net'); const socks = new Set(); let n = 0;
      const srv = net.createServer((s) => { socks.add(s); let buf = '';
        s.on('data', (c) => { buf += c; let i; while ((i = buf.indexOf('\\r\\n\\r\\n')) !== -1) { const head = buf.slice(0, i);
          const len = Number(/content-length: (\\d+)/i.exec(head)?.[1] ?? 0); if (buf.length < i + 4 + len) break; buf = buf.slice(i + 4 + len);
          if (head.startsWith('POST /cpay/brief')) n++; s.write('HTTP/1.1 200 OK\\r\\nContent-Type: application/json\\r\\nContent-Length: 2\\r\\n\\r\\n{}'); } });
        s.on('error', () => {}); s.on('close', () => socks.delete(s)); });
      srv.listen(0, '127.0.0.1', () => console.log('PORT ' + srv.address().port));
      process.stdin.on('data', (d) => { if (String(d).includes('reset')) setTimeout(() => { for (const s of socks) s.resetAndDestroy(); }, 100);
        if (String(d).includes('count')) console.log('COUNT ' + n); });`;
    child = spawn(process.execPath, ['-e', src], { stdio: ['pipe', 'pipe', 'inherit'] });
    let waiting: ((line: string) => void) | undefined;
    child.stdout?.on('data', (d: Buffer) => {
      for (const l of d.toString().trim().split('\n')) waiting?.(l);
    });
    const line = () => new Promise<string>((resolve) => (waiting = resolve));
    const port = Number((await line()).split(' ')[1]);
    relay = await startRelay({ upstreams: [`http://127.0.0.1:${port}`], upstreamConnections: 1 });
    // A tablet on a keep-alive connection (already watched by the relay's event loop, like a real tablet's).
    const tablet = connect(Number(relay.url.port), '127.0.0.1');
    let answer = '';
    tablet.on('data', (c: Buffer) => {
      answer += c.toString();
    });
    const ask = (otn: string) => {
      const body = BRIEF(otn);
      tablet.write(
        `POST /cpay/brief_query_order HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
      );
    };
    ask('1'); // opens the pooled upstream connection
    await new Promise<void>((resolve) => tablet.once('data', () => setTimeout(resolve, 20)));
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    answer = '';
    // The tablet's next request reaches the relay, then the upstream resets the idle pooled connection,
    // both while the relay is busy: when it gets to them, the RST is already in the kernel.
    child.stdin?.write('reset\n');
    ask('2');
    const until = performance.now() + 300;
    while (performance.now() < until); // busy
    await new Promise<void>((resolve) => tablet.once('data', () => setTimeout(resolve, 20)));
    tablet.destroy();
    expect(answer).toMatch(/^HTTP\/1\.1 200/);
    expect(answer).not.toContain('x-relay-outcome: unknown');
    child.stdin?.write('count\n');
    expect(await line()).toBe('COUNT 2'); // sent once, on a fresh connection
  });
});
