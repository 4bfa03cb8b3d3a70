/**
 * Voice on any tablet (acceptance item 12, 003 L10674/L10714): the built app in headless Chromium
 * whose speech synthesis has no voice at all announces "微信收款 12.34 元" with the recorded clips
 * through Web Audio. The spy sits on the audio output seam (what the real AudioContext is asked to
 * play): each decoded buffer is traced back to the clip file it came from, and every
 * AudioBufferSourceNode.start is recorded with its time. On a fresh load Chromium blocks audio
 * until a gesture: the status bar says so, and the next key unlocks it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { bindDemoDevice } from './app-steps.js';
import { startHarness, type Harness } from './harness.js';

interface Played {
  clip: string;
  when: number;
  duration: number;
}

/** Runs in the page before the app: no speech voices, and a recorder on the audio output. */
function instrumentAudio(): void {
  const w = window as unknown as { __played: Played[]; __spoken: string[]; __contexts: AudioContext[] };
  w.__played = [];
  w.__spoken = [];
  w.__contexts = [];
  // Speech synthesis with no voice (as on most Android tablets without a Chinese TTS pack).
  SpeechSynthesis.prototype.getVoices = () => [];
  SpeechSynthesis.prototype.speak = function (u: SpeechSynthesisUtterance) {
    if (u.text) w.__spoken.push(u.text);
  };
  const urlOf = new WeakMap<ArrayBuffer, string>();
  const clipOf = new WeakMap<AudioBuffer, string>();
  const arrayBuffer = Response.prototype.arrayBuffer;
  Response.prototype.arrayBuffer = async function (this: Response) {
    const ab = await arrayBuffer.call(this);
    urlOf.set(ab, this.url);
    return ab;
  };
  const decode = BaseAudioContext.prototype.decodeAudioData;
  BaseAudioContext.prototype.decodeAudioData = async function (this: BaseAudioContext, data: ArrayBuffer) {
    const url = urlOf.get(data) ?? '?';
    const buffer = await decode.call(this, data);
    clipOf.set(buffer, url.replace(/^.*\/voice\/zh\/(\w+)\.ogg$/, '$1'));
    return buffer;
  };
  const start = AudioBufferSourceNode.prototype.start;
  AudioBufferSourceNode.prototype.start = function (this: AudioBufferSourceNode, when?: number, ...rest: number[]) {
    const b = this.buffer;
    w.__played.push({ clip: b ? (clipOf.get(b) ?? '?') : '?', when: when ?? 0, duration: b?.duration ?? 0 });
    return start.call(this, when, ...rest);
  };
  const Ctx = window.AudioContext;
  window.AudioContext = class extends Ctx {
    constructor(options?: AudioContextOptions) {
      super(options);
      w.__contexts.push(this);
    }
  };
}

let h: Harness;
let page: Page;
const played = () => page.evaluate(() => (window as unknown as { __played: Played[] }).__played);

/** Pays with the keyboard on the checkout (amount, Enter, code, Enter); returns the order number once settled ok. */
async function payKeyboard(amount: string, code: string): Promise<string> {
  const phase = () => page.locator('checkout-screen [data-phase]').getAttribute('data-phase');
  if ((await phase()) !== 'amount') await page.keyboard.press('Escape');
  await page.keyboard.type(amount);
  await page.keyboard.press('Enter');
  await expect.poll(phase).toBe('awaiting_code');
  await page.keyboard.type(code, { delay: 5 });
  await page.keyboard.press('Enter');
  await expect
    .poll(
      () =>
        page
          .locator('pay-status [data-tone]')
          .getAttribute('data-tone')
          .catch(() => ''),
      { timeout: 30_000 },
    )
    .toBe('ok');
  return (await page.locator('pay-status [data-order-no]').getAttribute('data-order-no')) ?? '';
}

beforeAll(async () => {
  // The autoplay policy a fresh tablet has: after enough plays, Chromium's media-engagement score
  // would let this origin start audio without a gesture and the "sound blocked" case would vary.
  h = await startHarness({ browserArgs: ['--autoplay-policy=document-user-activation-required'] });
  page = await h.newPage();
  page.on('pageerror', (e) => console.log('[pageerror]', e.message));
  await page.context().addInitScript(instrumentAudio);
  await bindDemoDevice(h, page);
}, 90_000);
afterAll(async () => {
  await h?.close();
});

describe('voice with no Chinese speech voice', () => {
  it('the bind prompt and "binding succeeded" were played from clips', async () => {
    await expect.poll(async () => (await played()).map((p) => p.clip), { timeout: 10_000 }).toEqual(expect.arrayContaining(['bind_prompt', 'bound']));
  });

  it('plays the clips of "微信收款 12.34 元" in order, back to back, and speaks nothing through speech synthesis', async () => {
    const before = (await played()).length;
    await page.keyboard.type('12.34');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('checkout-screen [data-phase]').getAttribute('data-phase')).toBe('awaiting_code');
    await page.keyboard.type('135005875955000000', { delay: 5 });
    await page.keyboard.press('Enter');
    await expect
      .poll(
        () =>
          page
            .locator('pay-status [data-tone]')
            .getAttribute('data-tone')
            .catch(() => ''),
        { timeout: 30_000 },
      )
      .toBe('ok');
    await expect.poll(async () => (await played()).length - before, { timeout: 10_000 }).toBeGreaterThanOrEqual(8);
    const sentence = (await played()).slice(before);
    expect(sentence.map((p) => p.clip)).toEqual(['wechat', 'received', 'shi', 'd2', 'dian', 'd3', 'd4', 'yuan']);
    for (let i = 1; i < sentence.length; i++) {
      const prev = sentence[i - 1] as Played;
      expect(prev.duration).toBeGreaterThan(0.1); // a real decoded recording
      expect((sentence[i] as Played).when).toBeGreaterThanOrEqual(prev.when + prev.duration); // no overlap
    }
    expect(await page.evaluate(() => (window as unknown as { __spoken: string[] }).__spoken)).toEqual([]);
    await expect.poll(() => page.locator('status-bar [data-testid=spoken]').innerText()).toBe('微信收款 12.34 元');
  }, 60_000);

  it('says the password wait, then the payment (等待用户输入密码 → 微信收款 0.02 元)', async () => {
    const before = (await played()).length;
    await payKeyboard('0.02', '135005875955009101');
    await expect
      .poll(
        async () =>
          (await played())
            .slice(before)
            .map((p) => p.clip)
            .join(' '),
        { timeout: 20_000 },
      )
      .toBe('password wechat received d0 dian d0 d2 yuan');
  }, 60_000);

  it('says a refund and, when the platform then fails it, that it failed (退款失败 0.01 元)', async () => {
    const otn = await payKeyboard('0.02', '135005875955009111'); // refunds accepted, failing 5 s later
    const before = (await played()).length;
    await page.locator('[data-nav=refund]').click();
    const lookup = page.locator('refund-screen [data-refund-lookup]');
    await lookup.focus();
    await page.keyboard.type(otn, { delay: 2 });
    await page.keyboard.press('Enter');
    await page.locator('refund-order-card [data-otn]', { hasText: otn }).waitFor({ timeout: 20_000 });
    await page.locator('refund-order-card [data-confirmed="yes"]').waitFor({ timeout: 20_000 }); // cpay's answer, not the local card (issue 21)
    const amount = page.locator('refund-form [data-refund-amount]');
    await amount.fill('0.01');
    await amount.press('Enter');
    await page.locator('refund-screen [data-refund-confirm]').click({ timeout: 10_000 }); // the confirmation step (issue 13)
    await expect
      .poll(
        async () =>
          (await played())
            .slice(before)
            .map((p) => p.clip)
            .join(' '),
        { timeout: 45_000 },
      )
      .toBe('wechat refund d0 dian d0 d1 yuan refund_failed d0 dian d0 d1 yuan');
    await page.locator('[data-nav=checkout]').click();
    await page.locator('checkout-screen').waitFor();
  }, 90_000);

  it('the voice setting: "system voice" plays no clips (no voice here: a chime), "built-in recordings" plays them again; the choice is kept; the Wi-Fi QR beside it', async () => {
    await page.locator('[data-nav=settings]').click();
    const mode = page.locator('settings-devices [data-voice-mode]');
    await mode.selectOption('speech');
    let before = (await played()).length;
    await page.locator('settings-devices [data-voice-test]').click();
    await expect.poll(() => page.locator('status-bar [data-testid=spoken]').innerText()).toBe('语音播报测试，微信收款 0.01 元');
    await page.waitForTimeout(500);
    expect((await played()).length).toBe(before);
    await page.locator('[data-nav=checkout]').click();
    await page.locator('[data-nav=settings]').click();
    expect(await page.locator('settings-devices [data-voice-mode]').inputValue()).toBe('speech');
    await page.locator('settings-devices [data-voice-mode]').selectOption('clips');
    before = (await played()).length;
    await page.locator('settings-devices [data-voice-test]').click();
    await expect
      .poll(
        async () =>
          (await played())
            .slice(before)
            .map((p) => p.clip)
            .join(' '),
        { timeout: 10_000 },
      )
      .toBe('voice_test wechat received d0 dian d0 d1 yuan');
    await page.locator('settings-devices [data-voice-mode]').selectOption('auto');
    // Same screen, item 9: the shop network as a WIFI: QR (the panel loads on its own).
    await page.locator('wifi-qr-panel [data-wifi-ssid]').fill('Shop-5G');
    await page.locator('wifi-qr-panel [data-wifi-password]').fill('counter2026');
    await expect.poll(() => page.locator('wifi-qr-panel qr-code [data-payload]').getAttribute('data-payload')).toBe('WIFI:T:WPA;S:Shop-5G;P:counter2026;;');
    await page.locator('[data-nav=checkout]').click();
    await page.locator('checkout-screen').waitFor();
  }, 60_000);

  it('on a fresh load (the tablet restarted the app) the status bar says when sound is blocked, and the next key unlocks it', async () => {
    // A new tab of the same profile: bound, straight to the checkout, no gesture yet. (A same-origin
    // reload inherits the previous page's activation in Chromium, a restart does not.)
    const fresh = await page.context().newPage();
    await fresh.goto(h.url('/'));
    await fresh.locator('checkout-screen').waitFor();
    const states = () => fresh.evaluate(() => (window as unknown as { __contexts: AudioContext[] }).__contexts.map((c) => c.state));
    const blocked = fresh.locator('status-bar [data-testid=audio-blocked]');
    // The status bar tells the truth about the browser's audio: "blocked" exactly while the context
    // is suspended. With this harness's autoplay policy a fresh page starts suspended; on a heavily
    // loaded machine Chromium has been seen to start it anyway, and then nothing may say "blocked".
    const agrees = async () => {
      const [state] = await states();
      return (await blocked.count()) === (state === 'suspended' ? 1 : 0) ? state : `disagrees (${state})`;
    };
    await expect.poll(agrees, { timeout: 10_000 }).toMatch(/^(suspended|running)$/);
    if ((await states())[0] === 'suspended') {
      expect(await blocked.innerText()).toContain('声音未开启：按任意键或轻触屏幕');
      await fresh.keyboard.press('Backspace');
      await expect.poll(() => blocked.count(), { timeout: 10_000 }).toBe(0);
      expect(await states()).toEqual(['running']);
    }
    await fresh.close();
  }, 60_000);
});
