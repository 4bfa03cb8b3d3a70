import { describe, expect, it } from 'vitest';
import type { BindEvent } from './bind-flow.js';
import { BINDING } from '../../testing/flow-test-kit.js';
import { INITIAL_BIND_VIEW, reduceBindView } from './bind-view.js';

const fold = (events: BindEvent[]) => events.reduce(reduceBindView, INITIAL_BIND_VIEW);

describe('reduceBindView', () => {
  it('shows the QR with a countdown and a retry notice, then the binding', () => {
    const showing = fold([
      { type: 'syncing' },
      { type: 'requesting' },
      { type: 'qr', url: 'u', ttlSeconds: 180 },
      { type: 'countdown', remainingSeconds: 175 },
      { type: 'retrying', stage: 'poll', detail: 'offline', retryInMs: 1_500 },
    ]);
    expect(showing).toEqual({ phase: 'showing', url: 'u', remainingSeconds: 175, retry: { detail: 'offline', seconds: 2 } });
    expect(
      fold([
        { type: 'qr', url: 'u', ttlSeconds: 3 },
        { type: 'countdown', remainingSeconds: -1 },
      ]).remainingSeconds,
    ).toBe(0);
    expect(
      fold([
        { type: 'qr', url: 'u', ttlSeconds: 3 },
        { type: 'activated' },
        { type: 'storing' },
        { type: 'confirming' },
        { type: 'bound', binding: BINDING, confirmed: true },
      ]),
    ).toEqual({ phase: 'bound', binding: BINDING, confirmed: true });
  });

  it.each([
    [{ type: 'expired' } as const, { phase: 'expired' }],
    [{ type: 'cancelled' } as const, { phase: 'cancelled' }],
    [{ type: 'failed', stage: 'poll', description: 'd' } as const, { phase: 'failed', description: 'd' }],
  ])('%o ends the QR', (e, view) => {
    expect(fold([{ type: 'qr', url: 'u', ttlSeconds: 3 }, e])).toEqual(view);
  });
});
