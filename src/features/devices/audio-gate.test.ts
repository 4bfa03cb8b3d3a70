/**
 * The AudioContext is made when the app says (after the first screen, issue 21), or at once by a
 * gesture or a `context()` call before then; until it exists sound counts as blocked.
 */
import { firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createAudioGate } from './audio-gate.js';

function fakeWindow() {
  const made: { state: string }[] = [];
  const listeners = new Map<string, () => void>();
  class FakeAudioContext {
    state = 'suspended';
    constructor() {
      made.push(this);
    }
    addEventListener(): void {}
    resume(): Promise<void> {
      this.state = 'running';
      return Promise.resolve();
    }
  }
  const win = { AudioContext: FakeAudioContext, addEventListener: (type: string, f: () => void) => listeners.set(type, f) } as unknown as Window;
  return { win, made, fire: (type: string) => listeners.get(type)?.() };
}

describe('createAudioGate', () => {
  it('makes no AudioContext before `when` runs it; blocked until then', async () => {
    const { win, made } = fakeWindow();
    let make: () => void = () => undefined;
    const gate = createAudioGate(win, (m) => (make = m));
    expect(made).toHaveLength(0);
    expect(gate.blocked).toBe(true);
    make();
    expect(made).toHaveLength(1);
    expect(gate.blocked).toBe(true); // suspended until a gesture
    expect(gate.context()).toBe(made[0]);
    expect(made).toHaveLength(1); // one context per page
  });

  it('a key press before the scheduled time makes the context at once and unlocks it', async () => {
    const { win, made, fire } = fakeWindow();
    const gate = createAudioGate(win, () => undefined); // never scheduled
    fire('keydown');
    expect(made).toHaveLength(1);
    await Promise.resolve();
    expect(await firstValueFrom(gate.blocked$)).toBe(false);
  });
});
