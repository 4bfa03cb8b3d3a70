/**
 * Creating and removing bindings: what the merchant does in the mini program or merchant app.
 * Each binding gets a new logical device and its own payment key.
 */
import { ALNUM, nextString } from './rng.js';
import type { Binding, SimState } from './state.js';

/** Binds `sn` to the demo shop as a new device (an earlier binding of the sn is replaced). */
export function bindSn(state: SimState, sn: string, now: number, via: Binding['via'], deviceId?: string): Binding {
  state.deviceSeq += 1;
  const b: Binding = {
    ...state.shop,
    sn,
    deviceId: deviceId ?? nextString(state, 16, ALNUM),
    deviceName: `收款机具${state.deviceSeq}`,
    deviceShiftType: 1,
    paymentKey: nextString(state, 32, ALNUM),
    active: true,
    boundAt: now,
    via,
  };
  state.bindings[sn] = b;
  return b;
}

/** The active binding holding `deviceId`, if any. */
export function bindingOfDevice(state: SimState, deviceId: string): Binding | undefined {
  return Object.values(state.bindings).find((b) => b.active && b.deviceId === deviceId);
}
