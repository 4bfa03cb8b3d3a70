/**
 * The terminal identity the payment flows need, from the binding and the settings.
 *
 * `sub_terminal_type` is allocated by cpay per device model (spec §4): a setting, shipped with
 * the placeholder SUB_TERMINAL_TYPE and a visible hint that cpay's value must replace it.
 * `spbill_create_ip` cannot be learnt by a browser: a setting, default loopback (see
 * docs/decisions/0013-terminal-settings.md).
 */
import type { ScanPayTerminal } from '../scan-pay/scan-pay-close.js';
import type { RefundTerminal } from '../refund/refund-deps.js';
import type { BindingRecord } from '../../kernel/binding.js';
import type { Settings } from '../settings/settings.js';
import { isPlaceholderSubTerminalType } from '../settings/terminal-settings.js';
import { NotReadyError } from '../../kernel/errors.js';

/** The settings that shape a payment request. */
export type TerminalSettings = Pick<Settings, 'subTerminalType' | 'spbillCreateIp'>;

/** Placeholder until provisioning supplies the cpay-allocated device code. */
export const SUB_TERMINAL_TYPE = 2451;
/** OrderClient.terminal_type: 100 "other" (a browser PWA is none of Windows/Android/iOS/Linux). */
export const TERMINAL_TYPE = 100;

/** The identity for the flows; throws when the terminal is not bound (the flows refuse to pay). */
export function terminalOf(binding: BindingRecord | undefined, appCpayVersion: string, settings?: TerminalSettings): ScanPayTerminal {
  if (!binding) throw new Error('the terminal is not bound; bind it before taking payments');
  const subTerminalType = settings?.subTerminalType ?? SUB_TERMINAL_TYPE;
  return {
    snCode: binding.sn,
    outShopId: binding.outShopId,
    deviceId: binding.deviceId,
    cloudCashierId: binding.cloudCashierId,
    subTerminalType,
    body: binding.shopName || binding.deviceName || 'cpay',
    ...(binding.staffId ? { staffId: binding.staffId } : {}),
    outMchId: binding.outMchId,
    outSubMchId: binding.outSubMchId,
    client: {
      deviceId: binding.deviceId,
      terminalType: TERMINAL_TYPE,
      subTerminalType,
      machineNo: binding.deviceId,
      sdkVersion: appCpayVersion.slice(0, 10),
      spbillCreateIp: settings?.spbillCreateIp ?? '127.0.0.1',
      snCode: binding.sn,
      ...(binding.staffId ? { staffId: binding.staffId } : {}),
    },
  };
}

/**
 * The identity for taking money: as terminalOf, but on live cpay (relay mode `live`) a
 * sub_terminal_type still at the documents' example value is refused with NotReadyError — cpay
 * allocates the value per terminal model and a correct one is an acceptance item (003 L10716).
 * The sandbox (or a mode not yet known) takes payments with it, so demos keep working.
 */
export function chargingTerminalOf(
  binding: BindingRecord | undefined,
  appCpayVersion: string,
  settings: TerminalSettings | undefined,
  mode: 'sandbox' | 'live' | undefined,
): ScanPayTerminal {
  const t = terminalOf(binding, appCpayVersion, settings);
  if (mode === 'live' && isPlaceholderSubTerminalType(t.subTerminalType)) {
    throw new NotReadyError(
      `sub_terminal_type is still the example value ${t.subTerminalType}; live cpay needs the value cpay assigned to this terminal model (settings or provisioning QR)`,
    );
  }
  return t;
}

/**
 * The refund identity of a binding and the payment settings, the same `sub_terminal_type` and
 * `spbill_create_ip` the payments send (a correct sub_terminal_type is an acceptance item, 003
 * L10716); throws while unbound (the flow then reports the lookup failed).
 */
export function refundTerminalOf(b: BindingRecord | undefined, appCpayVersion: string, settings?: TerminalSettings): RefundTerminal {
  if (!b) throw new Error('the terminal is not bound; bind it before refunding');
  return {
    snCode: b.sn,
    outMchId: b.outMchId,
    outSubMchId: b.outSubMchId,
    outShopId: b.outShopId,
    deviceId: b.deviceId,
    cloudCashierId: b.cloudCashierId,
    terminalType: TERMINAL_TYPE,
    subTerminalType: settings?.subTerminalType ?? SUB_TERMINAL_TYPE,
    sdkVersion: appCpayVersion.slice(0, 10),
    spbillCreateIp: settings?.spbillCreateIp ?? '127.0.0.1',
    ...(b.staffId ? { staffId: b.staffId } : {}),
    ...(b.staffId && b.staffName ? { staffName: b.staffName } : {}),
  };
}
