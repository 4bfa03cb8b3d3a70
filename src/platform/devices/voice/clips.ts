/**
 * Sentences as sequences of recorded clips (clip-table.ts), for tablets with no Chinese speech
 * voice. Amounts are read the Chinese way from integer fen: 12.34 → 十二点三四, 100.05 → 一百点零五,
 * 1005 → 一千零五, 10000 → 一万, 1234567.89 → 一百二十三万四千五百六十七点八九. Trailing zero
 * jiao/fen are not read (12.30 → 十二点三, 10.00 → 十).
 *
 * Same rule as the text sentences: there is no "timeout" clip; an undecided order is pay_unknown.
 */
import type { ClipId } from './clip-table.js';
import type { SpokenPlatform, VoiceSentence } from './sentences.js';

const DIGITS: readonly ClipId[] = ['d0', 'd1', 'd2', 'd3', 'd4', 'd5', 'd6', 'd7', 'd8', 'd9'];
/** Units inside a four-digit section: ones, 十, 百, 千. */
const SECTION_UNITS: readonly (ClipId | undefined)[] = [undefined, 'shi', 'bai', 'qian'];
/** Units of the sections: ones, 万, 亿, 万亿. */
const SECTION_NAMES: readonly (readonly ClipId[])[] = [[], ['wan'], ['yi'], ['wan', 'yi']];

const digit = (d: number): ClipId => DIGITS[d] as ClipId;

/** 1 … 9999 without a leading 零; inner zeros read once (1005 → 一千零五, 1010 → 一千零一十). */
function readSection(v: number): ClipId[] {
  const out: ClipId[] = [];
  let zero = false;
  for (let p = 3; p >= 0; p--) {
    const d = Math.floor(v / 10 ** p) % 10;
    if (d === 0) {
      if (out.length > 0) zero = true;
      continue;
    }
    if (zero) {
      out.push('d0');
      zero = false;
    }
    out.push(digit(d));
    const unit = SECTION_UNITS[p];
    if (unit) out.push(unit);
  }
  return out;
}

/** A non-negative integer read in Chinese (0 → 零, 10 → 十, 100000 → 十万, 100005 → 十万零五). */
export function integerClips(n: number): ClipId[] {
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`not a non-negative integer: ${n}`);
  if (n === 0) return ['d0'];
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000);
  if (sections.length > SECTION_NAMES.length) throw new RangeError(`too large to read: ${n}`);
  const out: ClipId[] = [];
  let gap = false;
  for (let i = sections.length - 1; i >= 0; i--) {
    const v = sections[i] as number;
    if (v === 0) {
      if (out.length > 0) gap = true;
      continue;
    }
    // 一万零五百, 一亿零五: a lower section that does not fill its thousands (or follows an empty one) starts with 零.
    if (out.length > 0 && (gap || v < 1000)) out.push('d0');
    out.push(...readSection(v), ...(SECTION_NAMES[i] as readonly ClipId[]));
    gap = false;
  }
  // 10 … 19 at the very start: 十二, 十万, not 一十二 (inside a number the 一 stays: 一百一十).
  if (out[0] === 'd1' && out[1] === 'shi') out.shift();
  return out;
}

/** An amount in fen, read as yuan with the decimal point (点) when there are jiao or fen. */
export function amountClips(fen: number): ClipId[] {
  if (!Number.isSafeInteger(fen) || fen < 0) throw new RangeError(`not an amount in fen: ${fen}`);
  const jiao = Math.floor(fen / 10) % 10;
  const cents = fen % 10;
  const out = integerClips(Math.floor(fen / 100));
  if (jiao === 0 && cents === 0) return out;
  out.push('dian', digit(jiao));
  if (cents !== 0) out.push(digit(cents));
  return out;
}

/** An amount followed by 元. */
const yuan = (fen: number): ClipId[] => [...amountClips(fen), 'yuan'];

const PLATFORM_CLIPS: Record<SpokenPlatform, ClipId | undefined> = {
  wechat: 'wechat',
  alipay: 'alipay',
  card: 'card',
  bookkeeping: undefined, // said like an unknown platform: 收款成功 / 退款 (sentences.ts)
  unknown: undefined,
};
const platform = (p: SpokenPlatform): ClipId[] => {
  const c = PLATFORM_CLIPS[p];
  return c ? [c] : [];
};

type ClipBuilders = { readonly [K in VoiceSentence['kind']]: (s: Extract<VoiceSentence, { kind: K }>) => ClipId[] };

/** The clips of each sentence kind, mirroring the zh-CN texts in sentences.ts. */
const BUILDERS: ClipBuilders = {
  payment_success: (s) => (PLATFORM_CLIPS[s.platform] ? [...platform(s.platform), 'received', ...yuan(s.amount)] : ['received_ok', ...yuan(s.amount)]),
  payment_failed: (s) => ['pay_failed', ...yuan(s.amount), 'pay_again'],
  payment_unknown: () => ['pay_unknown'],
  waiting_password: () => ['password'],
  refund_accepted: (s) => [...platform(s.platform), 'refund', ...yuan(s.amount)],
  refund_failed: (s) => ['refund_failed', ...yuan(s.amount)],
  deposit_frozen: (s) => [...platform(s.platform), 'deposit', ...yuan(s.amount)],
  deposit_failed: (s) => ['deposit_failed', ...yuan(s.amount)],
  deposit_unknown: () => ['deposit_unknown'],
  deposit_settled: (s) =>
    s.consumed > 0 ? ['deposit_settled', ...yuan(s.consumed), 'returned', ...yuan(s.released)] : ['deposit_returned', ...yuan(s.released)],
  bind_prompt: () => ['bind_prompt'],
  bound: () => ['bound'],
  unbound: () => ['unbound'],
  test: () => ['voice_test', 'wechat', 'received', ...yuan(1)],
};

/** The clip sequence that says a sentence (Mandarin, whatever the display language). */
export function sentenceClips(s: VoiceSentence): ClipId[] {
  const build = BUILDERS[s.kind] as (s: VoiceSentence) => ClipId[];
  return build(s);
}
