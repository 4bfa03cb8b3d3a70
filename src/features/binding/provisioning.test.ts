import { describe, expect, it } from 'vitest';
import { checkInitialKey, checkSn, formatProvisioningQr, parseProvisioningQr, validateIdentity } from './provisioning.js';

const KEY = 'C852274D372982D5530B692FD77124D3';

describe('checkSn', () => {
  it.each(['LANDI_QM600_LA190000000', 'BF_M100_BF91RA00001', 'CPAYSIM_WEB1_SIM0000001'])('accepts %s', (sn) => {
    expect(checkSn(sn)).toBeUndefined();
  });
  it.each([
    ['', 'err.snEmpty'],
    ['landi_QM600_LA19', 'err.snFormat'],
    ['LANDI_QM600', 'err.snFormat'],
    ['LANDI-QM600-LA19', 'err.snFormat'],
    ['LANDI_QM 600_LA19', 'err.snFormat'],
    ['LANDI_QM600_LA19_', 'err.snFormat'],
    [`LANDI_QM600_${'A'.repeat(53)}`, 'err.snLong'],
  ])('rejects %j with %s', (sn, message) => {
    expect(checkSn(sn)?.message).toBe(message);
  });
  it('names the offending value and byte count', () => {
    expect(checkSn('x_y_z')).toEqual({ field: 'sn', message: 'err.snFormat', params: { value: 'x_y_z' } });
    expect(checkSn(`A_B_${'中'.repeat(21)}`)).toEqual({ field: 'sn', message: 'err.snLong', params: { bytes: 67 } });
  });
});

describe('checkInitialKey', () => {
  it('accepts 32 of 0-9A-Z', () => expect(checkInitialKey(KEY)).toBeUndefined());
  it.each([
    ['', { message: 'err.keyEmpty' }],
    [KEY.slice(1), { message: 'err.keyLength', params: { length: 31 } }],
    [`${KEY}0`, { message: 'err.keyLength', params: { length: 33 } }],
    [`c${KEY.slice(1)}`, { message: 'err.keyChars', params: { position: 1, char: '?' } }],
    [`${KEY.slice(0, 31)}-`, { message: 'err.keyChars', params: { position: 32, char: '-' } }],
  ])('rejects %j', (key, expected) => {
    expect(checkInitialKey(key)).toMatchObject({ field: 'key', ...expected });
  });
});

describe('validateIdentity and the provisioning QR', () => {
  it('trims and reports every problem', () => {
    expect(validateIdentity(' LANDI_QM600_LA19 ', ` ${KEY}\n`)).toEqual({ ok: true, identity: { sn: 'LANDI_QM600_LA19', initialKey: KEY } });
    const bad = validateIdentity('', 'short');
    expect(bad.ok ? [] : bad.problems.map((p) => p.field)).toEqual(['sn', 'key']);
  });
  it('round-trips cpay-provision: text, parameters in any order, with or without ?', () => {
    const identity = { sn: 'LANDI_QM600_LA19', initialKey: KEY };
    expect(parseProvisioningQr(formatProvisioningQr(identity))).toEqual({ ok: true, identity });
    expect(parseProvisioningQr(`CPAY-PROVISION:key=${KEY}&sn=LANDI_QM600_LA19`)).toEqual({ ok: true, identity });
  });
  it.each(['https://example.com/?sn=A_B_C&key=X', 'cpay-provision:?sn=A_B_C', 'hello'])('rejects %j as a QR format problem', (text) => {
    expect(parseProvisioningQr(text)).toEqual({ ok: false, problems: [{ field: 'qr', message: 'err.qrFormat' }] });
  });
  it('validates the values inside a well-formed QR', () => {
    const r = parseProvisioningQr('cpay-provision:?sn=A_B_C&key=123');
    expect(r.ok ? [] : r.problems.map((p) => p.message)).toEqual(['err.keyLength']);
  });
});
