/**
 * Named scenarios chosen by the customer code: its LAST FOUR DIGITS pick the behaviour (any code
 * of the right platform format works; codes whose suffix is not in the table behave as `success`).
 * Each row also lists one ready-to-use code per platform. Time-based steps are measured from the
 * order's creation with the `now` the core is given.
 */
import type { AbstractState } from './order-states.js';
import type { Platform } from './platforms.js';

/** How the first brief_micro_pay answer for a new order looks. */
export type FirstReply = 'normal' | 'status3' | 'status103' | 'hang' | 'slow' | 'insufficient';

/** Scenario names. */
export type ScenarioName =
  | 'success'
  | 'password'
  | 'cancel'
  | 'declined'
  | 'insufficient'
  | 'busy_then_success'
  | 'unknown_status'
  | 'no_answer'
  | 'slow_answer'
  | 'late_success'
  | 'refund_slow'
  | 'refund_fails'
  | 'manual'
  | 'reversed'
  | 'accepting'
  | 'void'
  | 'finished';

/** One row of the scenario table. */
export interface Scenario {
  readonly name: ScenarioName;
  /** Last four digits of the customer code. */
  readonly suffix: string;
  /** One example code per platform. */
  readonly codes: Readonly<Record<Platform, string>>;
  readonly firstReply: FirstReply;
  /** State right after brief_micro_pay, then scheduled changes (ms after creation). */
  readonly start: AbstractState;
  readonly timeline: readonly { readonly afterMs: number; readonly to: AbstractState }[];
  /** Refunds on this order: processing time (null = the simulator's default) and outcome. */
  readonly refund: { readonly settleMs: number | null; readonly outcome: 'success' | 'failed' };
  readonly description: string;
}

const PREFIX: Record<Platform, string> = { wechat: '13500587595500', alipay: '28123456789012', card: '88000012345678' };
const codes = (suffix: string) => ({ wechat: PREFIX.wechat + suffix, alipay: PREFIX.alipay + suffix, card: PREFIX.card + suffix });
const REFUND_DEFAULT = { settleMs: null, outcome: 'success' } as const;

const row = (
  name: ScenarioName,
  suffix: string,
  start: AbstractState,
  timeline: Scenario['timeline'],
  description: string,
  extra: Partial<Pick<Scenario, 'firstReply' | 'refund'>> = {},
): Scenario => ({
  name,
  suffix,
  codes: codes(suffix),
  firstReply: extra.firstReply ?? 'normal',
  start,
  timeline,
  refund: extra.refund ?? REFUND_DEFAULT,
  description,
});

/** The scenario table (also served by GET /sandbox/scenarios and documented in the README). */
export const SCENARIOS: readonly Scenario[] = [
  row('success', '0000', 'success', [], 'Immediate success (wx cts 2 / ali 2 / card 2). Any unlisted suffix behaves so.'),
  row(
    'password',
    '9101',
    'paying',
    [{ afterMs: 10_000, to: 'success' }],
    'Customer must enter a password: user-paying (wx 9 / ali 4 / card 3) for 10 s, then success.',
  ),
  row('cancel', '9102', 'paying', [{ afterMs: 8_000, to: 'cancelled' }], 'User-paying for 8 s, then the customer cancels (wx 5 / ali 5 / card 5).'),
  row('declined', '9103', 'error', [], 'Declined at once: s=0 with a failure state (wx 10 with tsd / ali 5 / card 5).'),
  row('insufficient', '9104', 'error', [], 'Insufficient balance: s=104, d="用户余额不足，请更换支付方式", is=4003; the order is failed (wx 10).', {
    firstReply: 'insufficient',
  }),
  row(
    'busy_then_success',
    '9105',
    'initial',
    [{ afterMs: 3_000, to: 'success' }],
    'First answer s=103 (signed); the order is initial (wx 1) and succeeds 3 s later; an identical retry or a query then shows success.',
    { firstReply: 'status103' },
  ),
  row('unknown_status', '9106', 'success', [], 'First answer s=3 (unsigned, unknown); the payment did succeed, so a query or identical retry shows success.', {
    firstReply: 'status3',
  }),
  row('no_answer', '9107', 'success', [], 'No answer at all: the adapter holds the first request (until the client gives up); the payment did succeed.', {
    firstReply: 'hang',
  }),
  row('slow_answer', '9108', 'success', [], 'Slow answer: the first reply (success) arrives after options.slowMs (default 5 s).', { firstReply: 'slow' }),
  row(
    'late_success',
    '9109',
    'paying',
    [{ afterMs: 150_000, to: 'success' }],
    "User-paying for 150 s, i.e. success only after the terminal's 2-minute window.",
  ),
  row('refund_slow', '9110', 'success', [], 'Pays at once; every refund of this order stays processing (wx 4 / ali 4 / card 1) for 60 s, then succeeds.', {
    refund: { settleMs: 60_000, outcome: 'success' },
  }),
  row('refund_fails', '9111', 'success', [], 'Pays at once; every refund of this order is accepted (processing) and fails 5 s later (wx 3 / ali 3 / card 3).', {
    refund: { settleMs: 5_000, outcome: 'failed' },
  }),
  row('manual', '9112', 'paying', [], 'User-paying until a control call approves or declines it (POST /sandbox/orders/{otn}/approve|decline).'),
  row(
    'reversed',
    '9113',
    'paying',
    [{ afterMs: 30_000, to: 'reversed' }],
    'User-paying for 30 s, then the platform reverses the order (wx 8 / ali 5 / card 5).',
  ),
  row('accepting', '9114', 'accepting', [{ afterMs: 4_000, to: 'success' }], 'Being accepted (wx 12 / ali 1 / card 1) for 4 s, then success.'),
  row('void', '9115', 'accepting', [{ afterMs: 4_000, to: 'void' }], 'Being accepted for 4 s, then void: not at the third party (wx 11 / ali 7 / card 5).'),
  row('finished', '9116', 'finished', [], 'Paid but finished, not refundable (ali 6; wx/card show 2); refunds are refused with 104.'),
];

/** The scenario a customer code selects. */
export function scenarioOfCode(code: string): Scenario {
  const suffix = code.slice(-4);
  return SCENARIOS.find((s) => s.suffix === suffix) ?? (SCENARIOS[0] as Scenario);
}

/** The scenario by name. */
export function scenarioByName(name: ScenarioName): Scenario {
  return SCENARIOS.find((s) => s.name === name) ?? (SCENARIOS[0] as Scenario);
}
