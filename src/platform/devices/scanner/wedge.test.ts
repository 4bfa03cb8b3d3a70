import { describe, expect, it } from 'vitest';
import { from, lastValueFrom, toArray } from 'rxjs';
import { WEDGE_IDLE, wedgeScans, wedgeStep, type WedgeKeyEvent, type WedgeState } from './wedge.js';

/** Key events for `text` typed `gapMs` apart from `t0`, with Enter `enterGap` after the last. */
function typed(text: string, t0: number, gapMs: number, opts: { ime?: boolean; enterGap?: number } = {}): WedgeKeyEvent[] {
  const events: WedgeKeyEvent[] = [...text].map((ch, i) => ({
    code: /[0-9]/.test(ch) ? `Digit${ch}` : /[a-z]/i.test(ch) ? `Key${ch.toUpperCase()}` : ch === '.' ? 'Period' : 'Slash',
    key: opts.ime ? 'Process' : ch,
    timeStamp: t0 + i * gapMs,
  }));
  const last = t0 + (text.length - 1) * gapMs;
  events.push({ code: 'Enter', key: opts.ime ? 'Process' : 'Enter', timeStamp: last + (opts.enterGap ?? gapMs) });
  return events;
}

function run(events: WedgeKeyEvent[]): string[] {
  let state: WedgeState = WEDGE_IDLE;
  const out: string[] = [];
  for (const e of events) {
    const step = wedgeStep(state, e);
    state = step.state;
    if (step.scan) out.push(step.scan.text);
  }
  return out;
}

const WECHAT = '134567890123456789';

describe('keyboard wedge detection', () => {
  it('recognises a scanner burst ending in Enter', () => {
    expect(run(typed(WECHAT, 1000, 4))).toEqual([WECHAT]);
  });

  it('recognises a burst at the 35 ms limit but not above it', () => {
    expect(run(typed(WECHAT, 0, 35))).toEqual([WECHAT]);
    expect(run(typed(WECHAT, 0, 36))).toEqual([]);
  });

  it('never takes a cashier typing an amount for a scan', () => {
    expect(run(typed('12.50', 0, 120))).toEqual([]);
    expect(run(typed('8888', 0, 30))).toEqual([]); // fast but short
    expect(run(typed('123456789', 0, 90))).toEqual([]); // long but human speed
  });

  it('reads digits typed while a Chinese IME reports key "Process"', () => {
    expect(run(typed(WECHAT, 0, 5, { ime: true }))).toEqual([WECHAT]);
  });

  it('rebuilds a binding URL typed under an IME from codes and shiftKey', () => {
    const url = 'https://x.cn/h?ac=Ab9&sn=LANDI_QM600';
    const codes: Record<string, [string, boolean]> = {
      ':': ['Semicolon', true],
      '/': ['Slash', false],
      '.': ['Period', false],
      '?': ['Slash', true],
      '=': ['Equal', false],
      '&': ['Digit7', true],
      _: ['Minus', true],
    };
    const events: WedgeKeyEvent[] = [...url].map((ch, i) => {
      const [code, shiftKey] = codes[ch] ?? (/[0-9]/.test(ch) ? [`Digit${ch}`, false] : [`Key${ch.toUpperCase()}`, ch !== ch.toLowerCase()]);
      return { code, key: 'Process', shiftKey, timeStamp: i * 3 };
    });
    events.push({ code: 'Enter', key: 'Process', timeStamp: url.length * 3 });
    expect(run(events)).toEqual([url]);
  });

  it('reads numpad digits and NumpadEnter', () => {
    const events: WedgeKeyEvent[] = [...'2812345678901234'].map((d, i) => ({ code: `Numpad${d}`, key: d, timeStamp: i * 3 }));
    events.push({ code: 'NumpadEnter', key: 'Enter', timeStamp: 60 });
    expect(run(events)).toEqual(['2812345678901234']);
  });

  it('keeps shifted URL punctuation and ignores the Shift keys a scanner presses', () => {
    const url = 'https://x.cn/a?ac=Ab1&sn=S1';
    const events: WedgeKeyEvent[] = [];
    let t = 0;
    for (const ch of url) {
      if (/[A-Z:?&]/.test(ch)) events.push({ code: 'ShiftLeft', key: 'Shift', timeStamp: (t += 2) });
      events.push({ code: 'Unknown', key: ch, timeStamp: (t += 2) });
    }
    events.push({ code: 'Enter', key: 'Enter', timeStamp: t + 2 });
    expect(run(events)).toEqual([url]);
  });

  it('separates a human keystroke followed by a scan (mixed input)', () => {
    const events = [{ code: 'Digit5', key: '5', timeStamp: 0 }, ...typed(WECHAT, 400, 3)];
    expect(run(events)).toEqual([WECHAT]);
  });

  it('drops a burst when a non-character key interrupts it', () => {
    const events = typed(WECHAT, 0, 3);
    events.splice(12, 0, { code: 'Backspace', key: 'Backspace', timeStamp: 35 });
    expect(run(events)).toEqual([]);
  });

  it('drops a burst made of auto-repeat (a held key)', () => {
    const events = typed('000000000', 0, 30).map((e) => (e.code === 'Enter' ? e : { ...e, repeat: true }));
    expect(run(events)).toEqual([]);
  });

  it('drops a burst whose Enter comes late (a person pressing Enter after a paste)', () => {
    expect(run(typed(WECHAT, 0, 3, { enterGap: 500 }))).toEqual([]);
  });

  it('emits the start time so a focused input can remove the burst', () => {
    const step = typed(WECHAT, 1000, 4).reduce((acc, e) => wedgeStep(acc.state, e), { state: WEDGE_IDLE, scan: null } as ReturnType<typeof wedgeStep>);
    expect(step.scan).toMatchObject({ text: WECHAT, source: 'wedge', startedAt: 1000 });
  });

  it('wedgeScans turns a keydown stream into scans', async () => {
    const events = [...typed('12.5', 0, 150), ...typed(WECHAT, 2000, 2), ...typed('2912345678901234', 5000, 2)];
    const scans = await lastValueFrom(wedgeScans(from(events)).pipe(toArray()));
    expect(scans.map((s) => s.text)).toEqual([WECHAT, '2912345678901234']);
  });
});
