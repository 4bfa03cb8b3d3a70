/** The voice seam holds sentences while the browser blocks sound, and says them once unlocked. */
import { BehaviorSubject, firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fen } from '@cpay/protocol';
import type { AudioGate } from './audio-gate.js';
import { createVoice } from './voice.js';

function fakeGate(blocked: boolean) {
  const state = new BehaviorSubject(blocked);
  const gate: AudioGate = {
    blocked$: state.asObservable(),
    get blocked() {
      return state.value;
    },
    context: () => undefined,
  };
  return { gate, state };
}

describe('createVoice while audio is blocked', () => {
  it('shows a held sentence at once, says it when the gate opens, and reports the blocked state', async () => {
    const { gate, state } = fakeGate(true);
    const voice = createVoice(window, gate);
    const blockedSeen: boolean[] = [];
    voice.audioBlocked$.subscribe((b) => blockedSeen.push(b));
    const texts = firstValueFrom(voice.spoken$.pipe(take(2), toArray()));
    voice.say({ kind: 'payment_success', platform: 'wechat', amount: fen(1234) });
    await new Promise((r) => setTimeout(r, 200));
    state.next(false);
    // Once as held text, once announced after the unlock (no speech voice here: chime, same text).
    expect(await texts).toEqual(['微信收款 12.34 元', '微信收款 12.34 元']);
    expect(blockedSeen).toEqual([true, false]);
  });

  it('drops held sentences older than 30 s instead of saying stale news', async () => {
    const { gate, state } = fakeGate(true);
    const voice = createVoice(window, gate);
    const texts: string[] = [];
    voice.spoken$.subscribe((t) => texts.push(t));
    const realNow = Date.now;
    voice.say({ kind: 'waiting_password' });
    await new Promise((r) => setTimeout(r, 200));
    Date.now = () => realNow() + 31_000;
    try {
      state.next(false);
      await new Promise((r) => setTimeout(r, 200));
    } finally {
      Date.now = realNow;
    }
    expect(texts).toEqual(['等待用户输入密码']);
  });
});
