/** Issue 14 point 2: a provisioning QR may carry the model's sub_terminal_type (`stt`). */
import { describe, expect, it } from 'vitest';
import { formatProvisioningQr, parseProvisioningQr } from './provisioning.js';

const ID = { sn: 'CPAYSIM_WEB1_SIM0000001', initialKey: 'A1B2C3D4E5F6G7H8J9K0L1M2N3P4Q5R6' };

describe('provisioning QR with sub_terminal_type', () => {
  it('round-trips stt with the identity', () => {
    expect(parseProvisioningQr(formatProvisioningQr(ID, 31337))).toEqual({ ok: true, identity: ID, subTerminalType: 31337 });
    expect(parseProvisioningQr(formatProvisioningQr(ID))).toEqual({ ok: true, identity: ID });
  });

  it('refuses a malformed stt instead of provisioning without it', () => {
    const r = parseProvisioningQr(`${formatProvisioningQr(ID)}&stt=abc`);
    expect(r).toMatchObject({ ok: false, problems: [{ field: 'qr', message: 'err.qrFormat' }] });
  });
});
