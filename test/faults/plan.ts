/**
 * The fault matrix's plan: a seeded PRNG (mulberry32) and the list of runs it draws. Pure, so a
 * seed printed by a failing CI job replays the same runs (`FAULT_SEED=… npm run test:faults`).
 */

/** A uniform draw in [0, 1), reproducible from its seed. */
export type Rng = () => number;

/** mulberry32: tiny, fast, good enough to spread runs over the matrix. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The flows a run drives. */
export const FLOWS = ['pay', 'scan', 'refund', 'report', 'deposit', 'deposit_refund'] as const;
/** Union of {@link FLOWS}. */
export type Flow = (typeof FLOWS)[number];

/** Every fault the browser runs can inject (the printer's live in print-runs.ts). */
export const FAULTS = [
  'cut_before',
  'cut_after',
  'late_delivery',
  'relay_down_before',
  'poll_cut',
  'relay_restart',
  'failover',
  'hang',
  'garble',
  'corrupt',
  'bad_signature',
  'status3',
  'http502',
  'reentry407',
  'reload',
  'skew',
  'double_enter',
  'duplicate_scan',
] as const;
/** Union of {@link FAULTS}. */
export type Fault = (typeof FAULTS)[number];

/**
 * The faults of one call to cpay that the terminal then verifies by polling (a scan-code order, a
 * deposit consumption): every network fault, a cut poll, and the cashier's second Enter.
 */
const POLLED_CALL: readonly Fault[] = [
  'cut_before',
  'cut_after',
  'relay_down_before',
  'poll_cut',
  'relay_restart',
  'failover',
  'hang',
  'garble',
  'corrupt',
  'bad_signature',
  'status3',
  'http502',
  'skew',
  'double_enter',
];
/** A refund (of a sale or of a deposit consumption): the same faults less the cut poll. */
const REFUND_CALL: readonly Fault[] = POLLED_CALL.filter((f) => f !== 'poll_cut');

/** Which faults make sense for each flow. */
export const FAULTS_OF: { readonly [F in Flow]: readonly Fault[] } = {
  pay: FAULTS,
  scan: POLLED_CALL,
  refund: [...REFUND_CALL, 'duplicate_scan'],
  report: ['cut_before', 'cut_after', 'relay_down_before', 'failover', 'hang', 'garble', 'corrupt', 'bad_signature', 'status3', 'http502', 'reload', 'skew'],
  // A deposit consumption (deposit_consume, verified with query_freeze_order) and the refund of one.
  deposit: POLLED_CALL,
  deposit_refund: REFUND_CALL,
};

/** Faults the terminal itself must survive but that leave nothing to observe at the network (keys, reloads). */
export const LOCAL_FAULTS: ReadonlySet<Fault> = new Set(['reload', 'double_enter', 'duplicate_scan']);

/** Micropay scenarios (customer-code suffixes, packages/simulator/README.md) the pay runs use. */
export const PAY_SCENARIOS = ['0000', '0000', '0000', '9101', '9103', '9104', '9105', '9106', '9107'] as const;

/** One run of the matrix. */
export interface RunSpec {
  readonly n: number;
  readonly flow: Flow;
  readonly platform: 'wechat' | 'alipay';
  /** Last four digits of the customer code (pay) — picks the simulator scenario. */
  readonly scenario: string;
  readonly faults: readonly Fault[];
  /** Scan-code: whether the customer pays (else the cashier cancels). */
  readonly customerPays: boolean;
  /** A second draw for fault details (which endpoint, skew sign, cut length). */
  readonly detail: number;
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)] as T;

/**
 * Draws `count` runs: flows weighted pay 30 %, scan, refund and report 15 % each, deposit
 * consumption and refund of a consumption 12.5 % each; one or two faults each.
 */
export function planRuns(seed: number, count: number): RunSpec[] {
  const rng = mulberry32(seed);
  const flows: readonly Flow[] = [
    ...(['pay', 'pay', 'pay', 'pay', 'pay', 'pay', 'scan', 'scan', 'scan', 'refund', 'refund', 'refund', 'report', 'report', 'report'] as const),
    ...(['deposit', 'deposit', 'deposit_refund', 'deposit_refund', 'deposit', 'deposit_refund'] as const),
  ];
  return Array.from({ length: count }, (_, n) => {
    const flow = pick(rng, flows);
    const first = pick(rng, FAULTS_OF[flow]);
    const second = rng() < 0.3 ? pick(rng, FAULTS_OF[flow]) : first;
    return {
      n,
      flow,
      platform: rng() < 0.5 ? 'wechat' : 'alipay',
      scenario: flow === 'pay' ? pick(rng, PAY_SCENARIOS) : '0000',
      faults: second === first ? [first] : [first, second],
      customerPays: rng() < 0.75,
      detail: rng(),
    };
  });
}

/**
 * A fixed plan instead of a drawn one (the mutants' slices): `flow:fault+fault:scenario` per run,
 * comma-separated, e.g. `pay:reload:0000,pay:cut_after:9106,report:cut_after`. `none` = no fault.
 */
export function parsePlan(text: string): RunSpec[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item, n) => {
      const [flow = '', faults = 'none', scenario = '0000', who = 'wechat'] = item.split(':');
      if (!(FLOWS as readonly string[]).includes(flow)) throw new Error(`FAULT_PLAN: unknown flow "${flow}" in "${item}"`);
      const list = faults === 'none' ? [] : faults.split('+');
      for (const f of list) if (!(FAULTS as readonly string[]).includes(f)) throw new Error(`FAULT_PLAN: unknown fault "${f}" in "${item}"`);
      return {
        n,
        flow: flow as Flow,
        platform: who === 'alipay' ? 'alipay' : 'wechat',
        scenario,
        faults: list as Fault[],
        customerPays: true,
        detail: 0.5,
      };
    });
}
