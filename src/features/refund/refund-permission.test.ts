import { describe, expect, it } from 'vitest';
import { codecs, type RefundRequest } from '@cpay/protocol';
import { envelopeParts } from './refund-record.js';
import { withAuthorizer, type RefundTerminal } from './refund-deps.js';

// The refund's permission fields (003 L3946-3981): is_sub_mch_admin, authorization_staff_id and
// authorization_name, from the signed-in staff member or the manager who authorised the refund.
const TERMINAL: RefundTerminal = {
  snCode: 'SN1',
  outMchId: 'mch',
  outSubMchId: 'sub',
  outShopId: 'shop',
  deviceId: 'dev1',
  cloudCashierId: '0100005212345678901',
  terminalType: 2,
  sdkVersion: '1.0.0',
  spbillCreateIp: '192.168.1.20',
};
const CASHIER = { ...TERMINAL, staffId: 'C01', staffName: '李收银' };

describe('refund permission fields', () => {
  it('without any staff the operator is the merchant admin: no id, no name', () => {
    expect(envelopeParts(TERMINAL, 'wechat').mchKey).toEqual({ payPlatform: 1, outMchId: 'mch', outSubMchId: 'sub', outShopId: 'shop', isSubMchAdmin: true });
  });

  it('an entitled cashier sends its own staff id and name', () => {
    expect(envelopeParts(CASHIER, 'alipay').mchKey).toMatchObject({ isSubMchAdmin: false, authorizationStaffId: 'C01', authorizationName: '李收银' });
    expect(envelopeParts(CASHIER, 'alipay').client).toMatchObject({ staffId: 'C01' });
  });

  it("a manager's authorisation replaces both the id and the name; the cashier stays in order_client", () => {
    const t = withAuthorizer(CASHIER, { staffId: 'M01', staffName: '王店长' });
    expect(envelopeParts(t, 'wechat').mchKey).toMatchObject({ isSubMchAdmin: false, authorizationStaffId: 'M01', authorizationName: '王店长' });
    expect(envelopeParts(t, 'wechat').client).toMatchObject({ staffId: 'C01' });
  });

  it("an authoriser without a name never sends the cashier's name with the manager's id", () => {
    const mk = envelopeParts(withAuthorizer(CASHIER, { staffId: 'M01' }), 'wechat').mchKey;
    expect(mk).toMatchObject({ authorizationStaffId: 'M01' });
    expect(mk).not.toHaveProperty('authorizationName');
  });

  it('a staff id without a name sends no name; a name longer than String(32) is cut to 32 characters', () => {
    expect(envelopeParts({ ...TERMINAL, staffId: 'C02' }, 'wechat').mchKey).not.toHaveProperty('authorizationName');
    const long = '张'.repeat(40);
    expect(envelopeParts({ ...CASHIER, staffName: long }, 'wechat').mchKey.authorizationName).toBe('张'.repeat(32));
  });

  it('authorization_name goes on the wire in pay_mch_key and reads back', () => {
    const request = {
      outTradeNo: '0100005212345678901763800000001',
      outRefundNo: '0100005212345678901763800000002',
      totalFee: 300,
      refundFee: 100,
      ...envelopeParts(withAuthorizer(CASHIER, { staffId: 'M01', staffName: '王店长' }), 'wechat'),
      nonce: 'n'.repeat(32),
    } as RefundRequest;
    const wire = codecs.refund.encodeRequest(request) as { pay_mch_key: Record<string, unknown> };
    expect(wire.pay_mch_key).toMatchObject({ is_sub_mch_admin: false, authorization_staff_id: 'M01', authorization_name: '王店长' });
    expect(codecs.refund.decodeRequest(wire).mchKey).toMatchObject({ authorizationStaffId: 'M01', authorizationName: '王店长' });
  });
});
