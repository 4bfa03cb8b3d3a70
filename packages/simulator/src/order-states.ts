/**
 * The simulator's platform-neutral order and refund states: a leaf module (no imports), so state.ts,
 * platforms.ts and scenarios.ts can all use them without a type cycle (issue 18).
 */
/** Platform-neutral order states; scenarios.ts maps them to WeChat/Alipay/card `cts` values. */
export type AbstractState =
  | 'initial'
  | 'accepting'
  | 'paying'
  | 'success'
  | 'cancelled'
  | 'error'
  | 'reversed'
  | 'void'
  | 'finished'
  | 'waiting'
  | 'paid'
  | 'closed'
  | 'refunded'
  /** A deposit consumption (deposit_consume): WeChat 14 押金消费成功, Alipay 2 (003 L506, L6275). */
  | 'consumed';

/** Refund states shared by all platforms (mapped to wx/ali/card values in scenarios.ts). */
export type RefundState = 'processing' | 'success' | 'failed';
