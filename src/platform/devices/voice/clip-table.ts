/**
 * The recorded voice clips (Mandarin) the terminal ships in `public/voice/zh/<id>.ogg`, and the
 * words each one says. `scripts/voice-clips.mjs` renders exactly this table with espeak-ng; the
 * announcer composes sentences from these ids (clips.ts) when no Chinese speech voice exists.
 *
 * No imports and nothing but erasable TypeScript: the generation script loads this file with
 * Node's type stripping.
 */
export const CLIP_TEXTS = {
  d0: '零',
  d1: '一',
  d2: '二',
  d3: '三',
  d4: '四',
  d5: '五',
  d6: '六',
  d7: '七',
  d8: '八',
  d9: '九',
  shi: '十',
  bai: '百',
  qian: '千',
  wan: '万',
  yi: '亿',
  dian: '点',
  yuan: '元',
  wechat: '微信',
  alipay: '支付宝',
  card: '会员卡',
  received: '收款',
  received_ok: '收款成功',
  pay_failed: '收款失败',
  pay_again: '请重新收款',
  pay_unknown: '支付结果待确认，请查询订单',
  password: '等待用户输入密码',
  refund: '退款',
  refund_failed: '退款失败',
  deposit: '押金',
  deposit_failed: '押金冻结失败',
  deposit_unknown: '押金结果待确认，请查询押金单',
  deposit_settled: '押金结算',
  returned: '退还',
  deposit_returned: '押金全额退还',
  bind_prompt: '请使用微信扫描屏幕上的二维码绑定设备',
  bound: '绑定成功',
  unbound: '已解除绑定',
  voice_test: '语音播报测试',
} as const;

/** One clip's id (its file name without `.ogg`). */
export type ClipId = keyof typeof CLIP_TEXTS;

/** Every clip id, in table order. */
export const CLIP_IDS = Object.keys(CLIP_TEXTS) as ClipId[];

/** Where the app fetches a clip from (served by the relay, precached by the service worker). */
export const clipUrl = (id: ClipId): string => `voice/zh/${id}.ogg`;
