/**
 * `Simulator`: the state holder the adapters share. It owns the clock (real time plus a test
 * offset), runs one state-machine step at a time (requests and control calls are serialised, so
 * concurrent HTTP requests never lose updates) and exposes the control operations.
 */
import * as control from './control.js';
import { createSimState, type CreateSimStateOptions } from './demo.js';
import type { Fault } from './faults.js';
import { handleInPlace } from './core.js';
import type { DeviceRecord, SimState } from './state.js';
import type { SimRequest, SimResponse } from './types.js';
import { bindingView, orderView, refundView } from './views.js';
import { freezeView } from './deposit-views.js';

/** Options of createSimulator. */
export interface SimulatorOptions extends CreateSimStateOptions {
  /** Wall clock in ms (default Date.now). Tests may pass a fake one. */
  readonly clock?: () => number;
}

/** A simulator instance: state + clock + serialised access. */
export class Simulator {
  #state: SimState;
  #queue: Promise<unknown> = Promise.resolve();
  #offsetMs = 0;
  readonly #clock: () => number;
  readonly #initial: CreateSimStateOptions;

  constructor(opts: SimulatorOptions = {}) {
    this.#initial = opts;
    this.#clock = opts.clock ?? Date.now;
    this.#state = createSimState(opts);
  }

  /** The simulator's idea of now (wall clock + advance()). */
  now(): number {
    return this.#clock() + this.#offsetMs;
  }

  /** A snapshot of the state (a clone; changing it changes nothing). */
  get state(): SimState {
    return structuredClone(this.#state);
  }

  /** Runs `fn` after every earlier operation, committing the state it returns. */
  #run<T>(fn: (s: SimState, now: number) => Promise<{ state: SimState; result: T }> | { state: SimState; result: T }): Promise<T> {
    const next = this.#queue.then(async () => {
      const out = await fn(this.#state, this.now());
      this.#state = out.state;
      return out.result;
    });
    this.#queue = next.catch(() => undefined);
    return next;
  }

  /** Handles one /cpay/ request. */
  handle(req: SimRequest): Promise<SimResponse> {
    return this.#run(async (s, now) => {
      const r = await handleInPlace(s, req, now);
      return { state: r.state, result: r.response };
    });
  }

  /** Moves the simulator's clock forward (scenario timers, QR expiry, refund settlement); returns the total offset. */
  advance(ms: number): number {
    this.#offsetMs += ms;
    return this.#offsetMs;
  }

  /** How far advance() has moved the clock (ms). */
  get offsetMs(): number {
    return this.#offsetMs;
  }

  /** Back to a fresh state from the original options (clock offset cleared). */
  reset(): Promise<void> {
    this.#offsetMs = 0;
    return this.#run(() => ({ state: createSimState(this.#initial), result: undefined }));
  }

  /** Merchant confirms a binding QR (by activator or QR URL); resolves to the binding view. */
  confirmBinding(by: { activator: string } | { qrUrl: string }) {
    return this.#run((s, n) => control.confirmBinding(s, by, n)).then(bindingView);
  }
  /** Binds an sn without the QR flow (test shortcut). */
  bindDirect(sn: string) {
    return this.#run((s, n) => control.bindDirect(s, sn, n)).then(bindingView);
  }
  /** Merchant changes the payment key of the sn's binding. */
  rotateKey(sn: string) {
    return this.#run((s, n) => control.rotateKey(s, sn, n)).then(bindingView);
  }
  /** Merchant deletes the device bound to the sn. */
  unbind(sn: string) {
    return this.#run((s, n) => control.unbind(s, sn, n)).then(bindingView);
  }
  /** Registers another terminal (sn → initial key). */
  registerDevice(d: DeviceRecord) {
    return this.#run((s) => control.registerDevice(s, d));
  }
  /** A legacy configuration QR (use_device_setting), valid 5 minutes. */
  createLegacyConfig() {
    return this.#run((s, n) => control.createLegacyConfig(s, n));
  }
  /** Customer approves, declines or is asked for a password on a pending order. */
  customerAction(otn: string, action: control.CustomerAction) {
    return this.#run((s, n) => {
      const r = control.customerAction(s, otn, action, n);
      return { state: r.state, result: orderView(r.state, r.result) };
    });
  }
  /** The merchant refunds an order in the merchant console (no device): the refund's view. */
  merchantRefund(otn: string, refundFee: number) {
    return this.#run((s, n) => {
      const r = control.merchantRefund(s, otn, refundFee, n);
      return { state: r.state, result: refundView(r.result) };
    });
  }
  /** Customer pays a scan-code order by its code_url. */
  payCodeUrl(codeUrl: string) {
    return this.#run((s, n) => {
      const r = control.payCodeUrl(s, codeUrl, n);
      return { state: r.state, result: 'freezeFee' in r.result ? freezeView(r.state, r.result) : orderView(r.state, r.result) };
    });
  }
  /** Queues a one-shot fault for the next matching /cpay/ request. */
  injectFault(f: Fault) {
    return this.#run((s) => control.injectFault(s, f));
  }
  /** Sets the server clock skew in ms. */
  setSkew(ms: number) {
    return this.#run((s) => control.setSkew(s, ms));
  }

  /** Reads, after settling time-based transitions. */
  #read<T>(fn: (s: SimState) => T): Promise<T> {
    return this.#run((s, n) => {
      const r = control.settled(s, n);
      return { state: r, result: fn(r) };
    });
  }
  /** One order (server truth, refunds included), or undefined. */
  order(otn: string) {
    return this.#read((s) => (s.orders[otn] ? orderView(s, s.orders[otn]) : undefined));
  }
  /** Every order. */
  orders() {
    return this.#read((s) => Object.values(s.orders).map((o) => orderView(s, o)));
  }
  /** Every refund. */
  refunds() {
    return this.#read((s) => Object.values(s.refunds).map(refundView));
  }
  /** Every stored device_report. */
  reports() {
    return this.#read((s) => structuredClone(s.reports));
  }
  /** Every binding, active or not. */
  bindings() {
    return this.#read((s) => Object.values(s.bindings).map(bindingView));
  }
  /** The binding of one sn, or undefined. */
  binding(sn: string) {
    return this.#read((s) => (s.bindings[sn] ? bindingView(s.bindings[sn]) : undefined));
  }
}

/** Creates a simulator (state from `seed`, demo device registered unless `demo: false`). */
export function createSimulator(opts: SimulatorOptions = {}): Simulator {
  return new Simulator(opts);
}
