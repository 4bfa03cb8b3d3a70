/**
 * The payment decision tables (spec §9, §10.2 step 6), one rule per test: what a brief_micro_pay
 * or a query answer means for the order. Issue 15: these pin the mutants the pay-flow tests let
 * survive (a pending order announced as "entering password", 104/407 or a refusal after a possible
 * earlier send treated as a result, a refusal or an unknown taken for "no such order").
 */
import { describe, expect, it } from 'vitest';
import type { MicroPayResponse } from '@cpay/protocol';
import type { CallOutcome } from '../../platform/net/ports.js';
import { ali, notSent, queryState, reply, status, unknownOutcome, wx } from '../../testing/pay-test-kit.js';
import { decideMicropay, decideOrderState, decideQuery, saysNotFound } from './pay-classify.js';

const STILL_OPEN = { kind: 'continue', userPaying: false, retryLater: false } as const;
const NO_WORD = { kind: 'continue', userPaying: undefined, retryLater: false } as const;

describe('decideOrderState (§10.2 step 6)', () => {
  it('a paid state is a success that carries the state (platform and cts go to the journal and the receipt)', () => {
    expect(decideOrderState(wx(2), '')).toEqual({ kind: 'success', state: wx(2) });
    expect(decideOrderState(ali(6), '')).toEqual({ kind: 'success', state: ali(6) });
  });

  it('an open state keeps asking, without claiming the customer is entering a password', () => {
    for (const state of [wx(1), wx(6), wx(12), ali(1)]) expect(decideOrderState(state, '')).toEqual({ kind: 'poll', userPaying: false });
  });

  it('only the password states say the customer is paying', () => {
    expect(decideOrderState(wx(9), '')).toEqual({ kind: 'poll', userPaying: true });
    expect(decideOrderState(ali(4), '')).toEqual({ kind: 'poll', userPaying: true });
  });

  it('a deposit state is not a payment result: keep asking, customer not paying', () => {
    expect(decideOrderState(wx(13), '')).toEqual({ kind: 'poll', userPaying: false });
    expect(decideOrderState(wx(14), '')).toEqual({ kind: 'poll', userPaying: false });
  });

  it('no state at all means "still open", never a result', () => {
    expect(decideOrderState(undefined, 'whatever')).toEqual({ kind: 'poll', userPaying: false });
  });

  it('a declined state fails with the trade-state description, else the reply description', () => {
    expect(decideOrderState(wx(5, '支付失败'), 'reply text')).toEqual({ kind: 'fail', reason: 'declined', description: '支付失败' });
    expect(decideOrderState(wx(5), 'reply text')).toEqual({ kind: 'fail', reason: 'declined', description: 'reply text' });
  });
});

describe('decideMicropay (§9.1, §9.2)', () => {
  const micropay = (o: CallOutcome<unknown>) => o as CallOutcome<MicroPayResponse>;

  it('status 104 with internal_status 407 is never a refusal: the order is polled, customer not paying', () => {
    expect(decideMicropay(micropay(status(104, 407)), false)).toEqual({ kind: 'poll', userPaying: false });
    expect(decideMicropay(micropay(status(104, 407)), true)).toEqual({ kind: 'poll', userPaying: false });
  });

  it('a refusal after an earlier send may have reached cpay is polled, not failed (the first send may be charged)', () => {
    for (const s of [101, 102, 104]) {
      expect(decideMicropay(micropay(status(s)), false)).toMatchObject({ kind: 'fail' });
      expect(decideMicropay(micropay(status(s)), true)).toEqual({ kind: 'poll', userPaying: false });
    }
  });

  it('a status-0 answer without a body is still open (polled), not a crash and not a result', () => {
    expect(decideMicropay(micropay(reply(undefined)), false)).toEqual({ kind: 'poll', userPaying: false });
  });

  it('an unknown outcome is polled; a request that never left is resent', () => {
    expect(decideMicropay(micropay(unknownOutcome()), false)).toEqual({ kind: 'poll', userPaying: false });
    expect(decideMicropay(micropay(unknownOutcome('bad_signature')), false)).toEqual({ kind: 'poll', userPaying: false });
    expect(decideMicropay(micropay(notSent), false)).toEqual({ kind: 'resend', reason: 'not_sent' });
  });
});

describe('decideQuery: only an order state ends polling', () => {
  it('an unknown or unsent query, or any non-zero status, continues and says nothing about the customer', () => {
    expect(decideQuery(unknownOutcome())).toEqual(NO_WORD);
    expect(decideQuery(notSent)).toEqual(NO_WORD);
    expect(decideQuery(status(104, 407))).toEqual(NO_WORD);
    expect(decideQuery(status(104))).toEqual(NO_WORD);
    expect(decideQuery(status(3))).toEqual(NO_WORD);
  });

  it('103 continues and asks for the longer wait', () => {
    expect(decideQuery(status(103))).toEqual({ kind: 'continue', userPaying: undefined, retryLater: true });
  });

  it('"no such order" (WeChat 11, Alipay 7) continues: the request may not have arrived yet', () => {
    expect(decideQuery(queryState(wx(11)) as CallOutcome<{ state?: never }>)).toEqual(STILL_OPEN);
    expect(decideQuery(queryState(ali(7)) as CallOutcome<{ state?: never }>)).toEqual(STILL_OPEN);
  });

  it('a status-0 answer without a body continues (no state is no result)', () => {
    expect(decideQuery(reply<{ state?: never }>(undefined))).toEqual(STILL_OPEN);
  });

  it('an open state continues, with the customer paying only on a password state', () => {
    expect(decideQuery(reply({ state: wx(1) }))).toEqual(STILL_OPEN);
    expect(decideQuery(reply({ state: wx(9) }))).toEqual({ kind: 'continue', userPaying: true, retryLater: false });
  });

  it('a paid or declined state is final', () => {
    expect(decideQuery(reply({ state: wx(2) }))).toEqual({ kind: 'final', decision: { kind: 'success', state: wx(2) } });
    expect(decideQuery(reply({ state: ali(5) }, { description: '交易关闭' }))).toEqual({
      kind: 'final',
      decision: { kind: 'fail', reason: 'declined', description: '交易关闭' },
    });
  });
});

describe('saysNotFound: "not charged" only on WeChat 11 / Alipay 7 in a status-0 answer', () => {
  it('is true for the two documented states', () => {
    expect(saysNotFound(queryState(wx(11)), wx(11))).toBe(true);
    expect(saysNotFound(queryState(ali(7)), ali(7))).toBe(true);
  });

  it('is false for any other state', () => {
    expect(saysNotFound(queryState(wx(1)), wx(1))).toBe(false);
    expect(saysNotFound(queryState(ali(11)), ali(11))).toBe(false);
    expect(saysNotFound(queryState(wx(7)), wx(7))).toBe(false);
    expect(saysNotFound(reply(undefined), undefined)).toBe(false);
  });

  it('is false for a refusal (104, 104/407) or an unknown / unsent query, whatever state is passed along', () => {
    expect(saysNotFound(reply({ state: wx(11) }, { status: 104 }), wx(11))).toBe(false);
    expect(saysNotFound(reply({ state: ali(7) }, { status: 104, internalStatus: 407 }), ali(7))).toBe(false);
    expect(saysNotFound(unknownOutcome(), wx(11))).toBe(false);
    expect(saysNotFound(notSent, ali(7))).toBe(false);
  });
});
