import { describe, expect, it } from 'vitest';
import { KEYS } from '../../test/samples.js';
import { DEPOSIT_SAMPLES } from '../../test/samples-deposit.js';
import {
  MERCHANT_ENDPOINTS,
  ProtocolError,
  RELAY_ENDPOINTS,
  TERMINAL_ENDPOINTS,
  buildResponseEnvelope,
  classifyConsumeState,
  classifyFreezeState,
  classifyUnfreezeState,
  codecs,
  readResponse,
  wxpaySdkSignText,
} from '../index.js';

const wire = (o: object): Record<string, unknown> => JSON.parse(JSON.stringify(o)) as Record<string, unknown>;

describe('deposit and app_pay codecs', () => {
  it('decodes the seed 004 micro_freeze reply (WxpayFreezeOrderState 2, open_id in the ext)', async () => {
    const rc = String.raw`{"status":0,"description":"\u64CD\u4F5C\u6210\u529F\u3002","log_id":1971094428,"internal_status":0,"micro_freeze":{"pay_mch_key":{"pay_platform":1,"out_mch_id":"sz01lXKA6DKGjNzr2l4B","out_sub_mch_id":"sz01KzuCUOmw8yjtPite","out_shop_id":"sz011biKxOguirmBqiFR","sub_pay_platform":100,"wxpay_pay_mch_key_ext":{"app_id":"wx998fa95558590e1c","open_id":"ovJrDwsjamQql-k7Zr1Q-EaKFQ0k"}},"freeze_order_content":{"out_freeze_no":"sz010002cz11564386781","trade_type":1,"author_code":"134550264496882447","time_expire":1564386901,"time_end":1564386782,"create_time":1564386781,"last_update_time":1564386783,"is_transforming":false,"freeze_fee":10,"fee_type":"CNY","cash_fee":10,"cash_fee_type":"CNY","settlement_total_fee":10,"body":"body","wxpay_freeze_order_content_ext":{"current_trade_state":2,"bank_type":"CFT","goods_tag":"X293123"}},"nonce_str":"hFiSO4JaMpDB38qWELxmG45Maue5Wdzp"}}`;
    const reply = await readResponse('micro_freeze', await buildResponseEnvelope('full', rc, KEYS.paymentKey), KEYS.paymentKey);
    expect(reply.body?.freeze.freezeFee).toBe(10);
    expect(reply.body?.freeze.state).toEqual({ platform: 'wechat', cts: 2 });
    expect(reply.body?.mchKey?.ext).toEqual({ platform: 'wechat', appId: 'wx998fa95558590e1c' });
    expect(reply.body?.freeze.state && classifyFreezeState(reply.body.freeze.state)).toBe('frozen');
  });

  it('sends only one of each wx/ali pair and refuses a request carrying both', () => {
    const inner = wire(codecs.micro_freeze.encodeRequest(DEPOSIT_SAMPLES.micro_freeze.req));
    const fc = inner.freeze_content as Record<string, unknown>;
    expect(Object.keys(fc).filter((k) => k.endsWith('_freeze_content_ext'))).toEqual(['wxpay_freeze_content_ext']);
    const both = { ...inner, freeze_content: { ...fc, alipay_freeze_content_ext: { enable_pay_channels: 'balance' } } };
    expect(() => codecs.micro_freeze.decodeRequest(both)).toThrow(ProtocolError);
    const pmk = inner.pay_mch_key as Record<string, unknown>;
    expect(() => codecs.micro_freeze.decodeRequest({ ...inner, pay_mch_key: { ...pmk, alipay_pay_mch_key_ext: { user_id: 'u' } } })).toThrow(/only one of/);
  });

  it('query_unfreeze_order reply accepts order_client as an array (§15 #44) and a missing list', () => {
    const encoded = wire(codecs.query_unfreeze_order.encodeResponse(DEPOSIT_SAMPLES.query_unfreeze_order.reply));
    const body = encoded.query_unfreeze_order as Record<string, unknown>;
    const withArray = { ...encoded, query_unfreeze_order: { ...body, order_client: [{ terminal_type: 2, sdk_version: '1', spbill_create_ip: '1.1.1.1' }] } };
    expect(codecs.query_unfreeze_order.decodeResponse(withArray).body?.unfreezes).toHaveLength(1);
    const empty = { ...encoded, query_unfreeze_order: { nonce_str: 'n' } };
    expect(codecs.query_unfreeze_order.decodeResponse(empty).body?.unfreezes).toEqual([]);
  });

  it('deposit_consume always sends pay_platform and is_confirm_unfreeze (§15 #42)', () => {
    const inner = wire(codecs.deposit_consume.encodeRequest(DEPOSIT_SAMPLES.deposit_consume.req));
    expect((inner.pay_mch_key as Record<string, unknown>).pay_platform).toBe(1);
    expect((inner.pay_content as Record<string, unknown>).is_confirm_unfreeze).toBe(true);
  });

  it('app_pay: caller_notify_url optional, prepare_id may be absent as in the example (§15 #40)', () => {
    const encoded = wire(codecs.app_pay.encodeResponse(DEPOSIT_SAMPLES.app_pay.reply));
    const app = encoded.app_pay as { sdk_args: { wxpay: Record<string, unknown> } };
    delete app.sdk_args.wxpay.prepare_id;
    expect(codecs.app_pay.decodeResponse(encoded).body?.wxpay.prepareId).toBeUndefined();
    const req = wire(codecs.app_pay.encodeRequest({ ...DEPOSIT_SAMPLES.app_pay.req, callerNotifyUrl: 'https://m.example/notify' }));
    expect(codecs.app_pay.decodeRequest(req).callerNotifyUrl).toBe('https://m.example/notify');
    expect(wxpaySdkSignText({ appId: 'a', partnerId: 'p', packageValue: 'Sign=WXPay', nonceStr: 'n', timestamp: '1', prepareId: 'x' })).toBe(
      'appid=a&noncestr=n&package=Sign=WXPay&partnerid=p&prepayid=x&timestamp=1',
    );
  });

  it('state classes: freeze, unfreeze, consumption', () => {
    expect(classifyFreezeState({ platform: 'wechat', cts: 3 })).toBe('user_paying');
    expect(classifyFreezeState({ platform: 'wechat', cts: 5 })).toBe('ended');
    expect(classifyFreezeState({ platform: 'alipay', cts: 4 })).toBe('failed');
    expect(classifyFreezeState({ platform: 'alipay', cts: 99 })).toBe('pending');
    expect(classifyUnfreezeState({ platform: 'alipay', cts: 5 })).toBe('failed');
    expect(classifyUnfreezeState({ platform: 'wechat', cts: 2 })).toBe('success');
    expect(classifyConsumeState({ platform: 'wechat', cts: 14 })).toBe('success');
    expect(classifyConsumeState({ platform: 'alipay', cts: 2 })).toBe('success');
    expect(classifyConsumeState({ platform: 'wechat', cts: 1 })).toBe('pending');
  });

  it('the terminal allow-list has the deposit endpoints, not app_pay; the relay list adds app_pay', () => {
    expect(TERMINAL_ENDPOINTS).toEqual(expect.arrayContaining(['micro_freeze', 'query_freeze_order', 'deposit_consume', 'unfreeze', 'query_unfreeze_order']));
    expect(TERMINAL_ENDPOINTS).not.toContain('app_pay');
    expect(MERCHANT_ENDPOINTS).toEqual(['app_pay']);
    expect(RELAY_ENDPOINTS).toContain('app_pay');
  });
});
