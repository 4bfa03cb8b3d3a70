/**
 * The payment settings a cashier's supervisor types on the settings screen (issue 5), checked
 * here before they are stored: the largest amount one payment may take (yuan text → fen through
 * money.ts, never a float), the cpay-allocated `sub_terminal_type`, and `spbill_create_ip`.
 */
import type { Fen } from '@cpay/protocol';
import { parseYuan, type MoneyError } from '../../kernel/money.js';

/** Highest ceiling the settings accept for one payment: 1 000 000.00 yuan. */
export const MAX_AMOUNT_CEILING_FEN = 100_000_000 as Fen;

/** The placeholder sub_terminal_type shipped until cpay's value for the model is entered. */
export const PLACEHOLDER_SUB_TERMINAL_TYPE = 2451;

/** Why a payment setting was refused. */
export type SettingError =
  | { readonly field: 'maxAmount'; readonly money: MoneyError }
  | { readonly field: 'subTerminalType'; readonly kind: 'required' | 'not_integer' | 'out_of_range'; readonly input: string }
  | { readonly field: 'spbillCreateIp'; readonly kind: 'not_ipv4'; readonly input: string };

/** A checked value, or why not. */
export type SettingParse<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SettingError };

/** Yuan text → the per-payment maximum in fen (zero, negative, malformed, > ceiling refused). */
export function parseMaxAmount(text: string): SettingParse<Fen> {
  const r = parseYuan(text, MAX_AMOUNT_CEILING_FEN);
  return r.ok ? { ok: true, value: r.fen } : { ok: false, error: { field: 'maxAmount', money: r.error } };
}

/** sub_terminal_type: required, a positive integer (cpay allocates it; Int32 on the wire). */
export function parseSubTerminalType(text: string): SettingParse<number> {
  const input = text.trim();
  if (input === '') return { ok: false, error: { field: 'subTerminalType', kind: 'required', input } };
  if (!/^\d+$/.test(input)) return { ok: false, error: { field: 'subTerminalType', kind: 'not_integer', input } };
  const value = Number(input);
  if (value < 1 || value > 2_147_483_647) return { ok: false, error: { field: 'subTerminalType', kind: 'out_of_range', input } };
  return { ok: true, value };
}

/** spbill_create_ip: a dotted IPv4 address (each part 0-255, no leading zeros). */
export function parseSpbillIp(text: string): SettingParse<string> {
  const input = text.trim();
  const parts = input.split('.');
  const ok = parts.length === 4 && parts.every((p) => /^(0|[1-9]\d{0,2})$/.test(p) && Number(p) <= 255);
  return ok ? { ok: true, value: input } : { ok: false, error: { field: 'spbillCreateIp', kind: 'not_ipv4', input } };
}

/** Whether `subTerminalType` is still the shipped placeholder (the screen then warns). */
export function isPlaceholderSubTerminalType(value: number): boolean {
  return value === PLACEHOLDER_SUB_TERMINAL_TYPE;
}
