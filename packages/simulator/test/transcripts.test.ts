/**
 * Replays the recorded transcripts (test/fixtures/transcripts, made by
 * scripts/record-transcripts.mjs) against a fresh node server: every response must be byte-identical,
 * and every signed response must verify with plain node:crypto over the exact inner text, as a
 * third-party client would check it. Every endpoint must appear.
 */
import { createHmac } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ENDPOINT_NAMES, ENDPOINTS, isEndpointName, readResponse } from '@cpay/protocol';
import { createSimulatorServer } from '../src/node/index.js';
import { recordTranscripts, TRANSCRIPT_PUBLIC_URL, TRANSCRIPT_SEED, TRANSCRIPT_T0, type Transcript } from './transcripts/record.js';

const DIR = fileURLToPath(new URL('./fixtures/transcripts/', import.meta.url));
const fileName = (t: Transcript) => `${String(t.step).padStart(2, '0')}-${t.kind === 'cpay' ? t.endpoint : 'sandbox'}.json`;

if (process.env['RECORD_TRANSCRIPTS'] === '1') {
  it('records the transcripts', async () => {
    mkdirSync(DIR, { recursive: true });
    for (const f of readdirSync(DIR)) if (f.endsWith('.json')) rmSync(`${DIR}${f}`);
    const all = await recordTranscripts();
    for (const t of all) writeFileSync(`${DIR}${fileName(t)}`, `${JSON.stringify(t, null, 2)}\n`);
    expect(all.length).toBeGreaterThan(20);
  });
}

const load = (): Transcript[] =>
  readdirSync(DIR)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(`${DIR}${f}`, 'utf8')) as Transcript);

/** The signed text and code of a response body, or undefined when unsigned. */
function signature(body: string): { text: string; code: string } | undefined {
  const o = JSON.parse(body) as { rc?: string; a?: string; response_content?: string; authen_info?: { a?: { authen_code?: string } } };
  if (o.rc !== undefined && o.a !== undefined) return { text: o.rc, code: o.a };
  const code = o.authen_info?.a?.authen_code;
  return o.response_content !== undefined && code !== undefined ? { text: o.response_content, code } : undefined;
}

describe('transcripts', () => {
  it('cover every endpoint', () => {
    const seen = new Set(load().map((t) => t.endpoint));
    expect(ENDPOINT_NAMES.filter((e) => !seen.has(e))).toEqual([]);
  });

  it('replay byte for byte against a fresh server', async () => {
    const srv = createSimulatorServer({ seed: TRANSCRIPT_SEED, clock: () => TRANSCRIPT_T0, publicUrl: TRANSCRIPT_PUBLIC_URL });
    const base = await srv.listen();
    try {
      for (const t of load()) {
        const res = await fetch(new URL(t.request.path, base), { method: t.request.method, body: t.request.method === 'GET' ? undefined : t.request.body });
        expect({ step: t.step, status: res.status, body: await res.text() }).toEqual({ step: t.step, status: t.response.status, body: t.response.body });
      }
    } finally {
      await srv.close();
    }
  });

  it("decode with @cpay/protocol's readResponse using the key the endpoint names", async () => {
    for (const t of load().filter((x) => x.kind === 'cpay')) {
      const e = t.endpoint ?? '';
      if (!isEndpointName(e)) continue; // micro_pay: general API only, not in the terminal's endpoint table
      const keyKind = ENDPOINTS[e].key;
      const key = keyKind === 'initial' ? t.keys.initial_key : keyKind === 'payment' ? (t.keys.payment_key ?? null) : null;
      const reply = await readResponse(e, t.response.body, key);
      expect({ step: t.step, status: typeof reply.status }).toEqual({ step: t.step, status: 'number' });
    }
  });

  it('carry signatures that verify with the recorded keys over the exact inner text', () => {
    let verified = 0;
    for (const t of load().filter((x) => x.kind === 'cpay')) {
      const sig = signature(t.response.body);
      if (!sig) continue;
      const candidates = [t.keys.initial_key, t.keys.payment_key].filter((k): k is string => !!k);
      const ok = candidates.some((k) => createHmac('sha256', k).update(sig.text, 'utf8').digest('hex').toUpperCase() === sig.code);
      expect({ step: t.step, ok }).toEqual({ step: t.step, ok: true });
      verified += 1;
    }
    expect(verified).toBeGreaterThan(20);
  });
});
