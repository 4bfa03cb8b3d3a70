import type { MessageKey, MessageParams } from '../../i18n/index.js';
import { parseSubTerminalType } from '../settings/terminal-settings.js';

/** A provisioned terminal identity (the factory sn and initial key). */
export interface Identity {
  readonly sn: string;
  readonly initialKey: string;
}

/** A validation problem, phrased through an i18n key. */
export interface FieldProblem {
  readonly field: 'sn' | 'key' | 'qr';
  readonly message: MessageKey;
  readonly params?: MessageParams;
}

/**
 * Validation result: the normalised identity, or every problem found. A provisioning QR may also
 * carry the cpay-assigned `sub_terminal_type` of the terminal model (`stt`, issue 14 point 2).
 */
export type IdentityCheck =
  { readonly ok: true; readonly identity: Identity; readonly subTerminalType?: number } | { readonly ok: false; readonly problems: readonly FieldProblem[] };

/** `<COMPANY>_<MODEL>_<serial>`: upper-case letters and digits in each part (spec §4, §6.11). */
const SN_PATTERN = /^[A-Z0-9]+_[A-Z0-9]+_[A-Z0-9]+$/;
const KEY_CHAR = /[0-9A-Z]/;
const SN_MAX_BYTES = 64;
const KEY_LENGTH = 32;

/** Checks a full sn; undefined when valid. */
export function checkSn(sn: string): FieldProblem | undefined {
  if (sn === '') return { field: 'sn', message: 'err.snEmpty' };
  const bytes = new TextEncoder().encode(sn).length;
  if (bytes > SN_MAX_BYTES) return { field: 'sn', message: 'err.snLong', params: { bytes } };
  if (!SN_PATTERN.test(sn)) return { field: 'sn', message: 'err.snFormat', params: { value: sn } };
  return undefined;
}

/** Checks an initial key; undefined when valid. The key itself never appears in a message. */
export function checkInitialKey(key: string): FieldProblem | undefined {
  if (key === '') return { field: 'key', message: 'err.keyEmpty' };
  if (key.length !== KEY_LENGTH) return { field: 'key', message: 'err.keyLength', params: { length: key.length } };
  const bad = [...key].findIndex((c) => !KEY_CHAR.test(c));
  if (bad >= 0) {
    // Naming a lower-case letter's position is safe; the character is shown only if it is not [0-9a-z].
    const char = key[bad] ?? '';
    return { field: 'key', message: 'err.keyChars', params: { position: bad + 1, char: /[0-9a-z]/.test(char) ? '?' : char } };
  }
  return undefined;
}

/** Validates typed input (surrounding blanks trimmed; nothing else is changed). */
export function validateIdentity(snInput: string, keyInput: string): IdentityCheck {
  const sn = snInput.trim();
  const initialKey = keyInput.trim();
  const problems = [checkSn(sn), checkInitialKey(initialKey)].filter((p): p is FieldProblem => p !== undefined);
  return problems.length ? { ok: false, problems } : { ok: true, identity: { sn, initialKey } };
}

/** Scheme of the provisioning QR (docs/decisions/0004-provisioning-qr.md). */
export const PROVISION_SCHEME = 'cpay-provision:';

/**
 * Parses a provisioning QR: `cpay-provision:?sn=<full sn>&key=<initial key>[&stt=<sub_terminal_type>]`
 * (the `?` is optional; parameters in any order, percent-encoding allowed), then validates them.
 */
export function parseProvisioningQr(text: string): IdentityCheck {
  const trimmed = text.trim();
  if (!trimmed.toLowerCase().startsWith(PROVISION_SCHEME)) return { ok: false, problems: [{ field: 'qr', message: 'err.qrFormat' }] };
  const query = new URLSearchParams(trimmed.slice(PROVISION_SCHEME.length).replace(/^\?/, ''));
  const sn = query.get('sn');
  const key = query.get('key');
  if (sn === null || key === null) return { ok: false, problems: [{ field: 'qr', message: 'err.qrFormat' }] };
  const check = validateIdentity(sn, key);
  const stt = query.get('stt');
  if (stt === null || !check.ok) return check;
  const parsed = parseSubTerminalType(stt);
  return parsed.ok ? { ...check, subTerminalType: parsed.value } : { ok: false, problems: [{ field: 'qr', message: 'err.qrFormat' }] };
}

/** Builds the provisioning QR text for an identity (used by tests and factory tooling). */
export function formatProvisioningQr(identity: Identity, subTerminalType?: number): string {
  const stt = subTerminalType === undefined ? '' : `&stt=${subTerminalType}`;
  return `${PROVISION_SCHEME}?sn=${encodeURIComponent(identity.sn)}&key=${encodeURIComponent(identity.initialKey)}${stt}`;
}
