import { describe, expect, it } from 'vitest';
import { KEYS } from '../test/samples.js';
import { buildResponseEnvelope, classifyOrderState, codecs, readResponse } from './index.js';

/** The seeds' keys are not given (§3.6), so seed inner texts are signed here with the test keys. */
const brief = (rc: string) => buildResponseEnvelope('brief', rc, KEYS.paymentKey);
const full = (rc: string, key: string) => buildResponseEnvelope('full', rc, key);

describe('seed examples of spec §6 decode (exact inner texts, escapes kept)', () => {
  it('brief_query_order, Alipay state 4, description with \\u escapes', async () => {
    const rc = String.raw`{"s":0,"d":"\u64CD\u4F5C\u6210\u529F\u3002","li":2185455507,"is":0,"brief_query_order":{"otn":"013907131297815704553502","tf":240000,"pp":2,"ali":{"cts":4},"ns":"sclBgLM9"}}`;
    const body = await brief(rc);
    expect(body).toContain(String.raw`\"d\":\"\\u64CD\\u4F5C`); // the wire form of the seed
    const reply = await readResponse('brief_query_order', body, KEYS.paymentKey);
    expect(reply).toStrictEqual({
      status: 0,
      description: '操作成功。',
      logId: 2185455507,
      internalStatus: 0,
      body: { platform: 'alipay', outTradeNo: '013907131297815704553502', totalFee: 240000, state: { platform: 'alipay', cts: 4 }, nonce: 'sclBgLM9' },
    });
    expect(reply.body?.state && classifyOrderState(reply.body.state)).toBe('user_paying');
  });

  it('brief_micro_pay, WeChat state 2', async () => {
    const rc = '{"s":0,"d":"xxx","li":2643575008,"is":0,"brief_micro_pay":{"wx":{"cts":2},"ns":"dJMSHgYs"}}';
    const reply = await readResponse('brief_micro_pay', await brief(rc), KEYS.paymentKey);
    expect(reply.body).toStrictEqual({ state: { platform: 'wechat', cts: 2 }, nonce: 'dJMSHgYs' });
  });

  it('get_bill_device_bind_info: bill_device_bind_sn as a JSON string with a clear authen_key', async () => {
    const rc = String.raw`{"status":0,"description":"","log_id":18654852,"internal_status":0,"bill_device_bind_sn":"{\"activated\":1,\"out_mch_id\":\"aaa\",\"out_sub_mch_id\":\"bbb\",\"cloud_cashier_id\":\"ccc\",\"authen_type\":1,\"authen_key\":\"ddd\",\"out_shop_id\":\"eee\",\"shop_name\":\"fff\",\"device_id\":\"ggg\",\"device_name\":\"hhh\",\"device_shift_type\":1,\"nonce_str\":\"416492026bc84091bcaf7e74ea90ceba\"}"}`;
    const reply = await readResponse('get_bill_device_bind_info', await full(rc, KEYS.initialKey), KEYS.initialKey);
    expect(reply.body).toStrictEqual({
      activated: true,
      nonce: '416492026bc84091bcaf7e74ea90ceba',
      outMchId: 'aaa',
      outSubMchId: 'bbb',
      cloudCashierId: 'ccc',
      authenType: 1,
      authenKey: 'ddd',
      outShopId: 'eee',
      shopName: 'fff',
      deviceId: 'ggg',
      deviceName: 'hhh',
      deviceShiftType: 1,
    });
  });

  it('generate_bill_device_bind_qr_code: example wrapper name, nested string, `\\/` escapes', async () => {
    const rc = String.raw`{"status":0,"description":"","log_id":18654852,"internal_status":0,"generate_bill_device_bind_qr_code":"{\"activator\":\"p9fa01zex4mi\",\"token\":\"8azip8115bq\",\"ttl\":180,\"mini_program_url\":\"https:\\\/\\\/payapp.weixin.qq.com\\\/smartqr\\\/entry\\\/home\",\"interval\":1}"}`;
    const reply = await readResponse('generate_bill_device_bind_qr_code', await full(rc, KEYS.initialKey), KEYS.initialKey);
    expect(reply.body).toStrictEqual({
      activator: 'p9fa01zex4mi',
      token: '8azip8115bq',
      ttlSeconds: 180,
      miniProgramUrl: 'https://payapp.weixin.qq.com/smartqr/entry/home',
      intervalSeconds: 1,
    });
  });

  it('brief_query_order_list: no head, no wrapper, duplicated keys in bo', async () => {
    const rc =
      '{"tc":102,"ods":[{"bo":{"spp":100,"tt":1,"otn":"110138591298768","spp":100,"tt":1,"otn":"110138591298768","tf":200,"ct":1571817657,"wx_cts":2}},{"bro":{"spp":200,"tt":1,"otn":"110187443881321","tf":300,"orn":"110187812300831","rf":100,"ct":1571817660,"ali_rs":2}}],"ns":"faeofeifazfeijfi"}';
    const reply = await readResponse('brief_query_order_list', await brief(rc), KEYS.paymentKey);
    expect(reply.status).toBe(0);
    expect(reply.body?.totalCount).toBe(102);
    expect(reply.body?.items).toStrictEqual([
      {
        kind: 'order',
        subPayPlatform: 100,
        tradeType: 1,
        outTradeNo: '110138591298768',
        totalFee: 200,
        createTime: 1571817657,
        state: { platform: 'wechat', cts: 2 },
      },
      {
        kind: 'refund',
        subPayPlatform: 200,
        tradeType: 1,
        outTradeNo: '110187443881321',
        totalFee: 300,
        outRefundNo: '110187812300831',
        refundFee: 100,
        createTime: 1571817660,
        refundState: { platform: 'alipay', state: 2 },
      },
    ]);
  });

  it('brief_query_order_list_overview: headless example and the documented brief_query_order_list wrapper', async () => {
    const ovs =
      '[{"spp":200,"tt":1,"sc":4,"sa":2400,"sta":2400,"da":0,"psa":2400,"rsa":2100,"rcc":1,"rca":300,"pdg":200,"ia":1900,"ora":300},{"spp":100,"tt":1,"sc":14,"sa":9100,"sta":9100,"da":100,"psa":9100,"rsa":8100,"rcc":1,"rca":300,"pdg":200,"ia":8000,"ora":500}]';
    const headless = await readResponse('brief_query_order_list_overview', await brief(`{"ovs":${ovs},"ns":"ZMEEOPPfeaeiwf122"}`), KEYS.paymentKey);
    expect(headless.body?.rows).toHaveLength(2);
    expect(headless.body?.rows[1]).toStrictEqual({
      subPayPlatform: 100,
      tradeType: 1,
      successCount: 14,
      successAmount: 9100,
      settlementAmount: 9100,
      discountAmount: 100,
      paySettleAmount: 9100,
      refundSettleAmount: 8100,
      refundCreateCount: 1,
      refundCreateAmount: 300,
      poundage: 200,
      incomeAmount: 8000,
      orderRefundedAmount: 500,
    });
    const wrapped = `{"s":0,"d":"","is":0,"brief_query_order_list":{"ovs":${ovs},"ns":"x"}}`;
    expect((await readResponse('brief_query_order_list_overview', await brief(wrapped), KEYS.paymentKey)).body?.rows).toHaveLength(2);
  });

  it('device_report: request example with the typo and without wx_pay_amount; response with device_info_report', async () => {
    const r =
      '{"nonce_str":"4db12671e9510667d9c8d65bdf50a27b","company_code":"LANDI","model":"LANDI_QM600","sn":"LANDI_QM600_LA197LB331212","begin_timestamp":1570458756,"end_timestamp":1570462751,"network_type":"wifi","mcc":"460","mnc":"00","lac":"2733","cellid":"3437","rss":"-79","sim_number":"89860412101871062566","wx_pay_count":1,"wx_pay_success_count":1,"ali_pay_count":0,"ali_pay_sucess_count":0,"ali_pay_amount":0,"other_pay_count":0,"other_pay_success_count":0,"other_pay_amount":0,"out_mch_id":"sz01M43ouf007JL1sn33","out_sub_mch_id":"sz01NI6PoQVvYEmOcoRp","cloud_cashier_id":"010110893","authen_type":1,"out_shop_id":"sz01aZk73lnFVxX6XSWp","device_id":"kUwbvm1cpdGn4Kxm","device_type":1,"device_shift_type":1,"app_cpay_version":"1.0.0","api_calling_infos":[{"out_trade_no":"0101108936210615704627481","code":200,"status":0,"internal_status":0,"delay_ms":2060}]}';
    const req = codecs.device_report.decodeRequest(JSON.parse(r));
    expect(req).toMatchObject({
      aliPaySuccessCount: 0,
      wxPayAmount: 0,
      absentFields: ['wx_pay_amount'],
      deviceShiftType: 1,
      simNumber: '89860412101871062566',
    });
    expect(req.apiCallingInfos).toStrictEqual([
      { outTradeNo: '0101108936210615704627481', code: 200, status: 0, internalStatus: 0, delayMs: 2060, description: '', payPlatform: 0 },
    ]);
    const rc = '{"status":0,"description":"xxxx","log_id":973138369,"internal_status":0,"device_info_report":{"nonce_str":"4dOOZyhxzTRexn5OBDqA8vhve3FqnCHL"}}';
    expect((await readResponse('device_report', await full(rc, KEYS.paymentKey), KEYS.paymentKey)).body).toStrictEqual({
      nonce: '4dOOZyhxzTRexn5OBDqA8vhve3FqnCHL',
    });
  });

  it('ping example is plain and unsigned', async () => {
    expect(await readResponse('ping', '{"description":"ok","status":0,"timestamp":1568810077}', null)).toStrictEqual({
      status: 0,
      description: 'ok',
      internalStatus: 0,
      body: { timestamp: 1568810077, status: 0, description: 'ok' },
    });
  });

  it('seed request examples decode (check_bind, generate, brief_micro_pay, list, overview)', () => {
    expect(
      codecs.check_bill_device_bind_info.decodeRequest(
        JSON.parse(
          '{"device_id":"fff","hash_content":"2F09EFCB064D4F9A4A0BABD5260842D8AC4D0611F4B941A03A77E5E55B5168D7","nonce_str":"ea90ceba","out_shop_id":"ddd","sn_code":"aaa","timestamp":1568859333}',
        ),
      ),
    ).toStrictEqual({
      snCode: 'aaa',
      outShopId: 'ddd',
      deviceId: 'fff',
      nonce: 'ea90ceba',
      hashContent: '2F09EFCB064D4F9A4A0BABD5260842D8AC4D0611F4B941A03A77E5E55B5168D7',
      timestamp: 1568859333,
    });
    expect(
      codecs.generate_bill_device_bind_qr_code.decodeRequest(
        JSON.parse(
          '{"app_cpay_version":"1.0.0","cellid":"eee","lac":"ddd","mcc":"bbb","mnc":"ccc","nonce_str":"ea90ceba","rss":"fff","sn_code":"aaa","timestamp":1568859333}',
        ),
      ),
    ).toStrictEqual({
      snCode: 'aaa',
      appCpayVersion: '1.0.0',
      nonce: 'ea90ceba',
      timestamp: 1568859333,
      mcc: 'bbb',
      mnc: 'ccc',
      lac: 'ddd',
      cellid: 'eee',
      rss: 'fff',
    });
    expect(
      codecs.brief_micro_pay.decodeRequest(
        JSON.parse(
          '{"ns":"69050786d195198efe9070ae45857070","osi":"sz01QgJZkxDB7RVeL6XY","otn":"0100826651692015704554111","ac":"135005875955002257","tf":900,"bd":"支付简述","di":"tdFQtGl2M9MOcgTn","sc":"LANDI_QM800_LA198KBQ8W1666","stt":2451}',
        ),
      ),
    ).toMatchObject({ body: '支付简述', totalFee: 900, subTerminalType: 2451 });
    expect(
      codecs.brief_query_order_list.decodeRequest(
        JSON.parse(
          '{"spps":[100,200],"osmi":"sz0138zjfiwezee","osi":"sz01FzZfei91","di":"FzZfei91iefaefz","ot":1,"st":1571817655,"et":1571817755,"pn":1,"ps":2,"tt":1,"ns":"faeofeifazfeijfi"}',
        ),
      ),
    ).toMatchObject({ subPayPlatforms: [100, 200], orderType: 1, pageSize: 2, tradeType: 1 });
    expect(
      codecs.brief_query_order_list_overview.decodeRequest(
        JSON.parse(
          '{"spps":[100,200],"osmi":"sz0138zjfiwezee","osi":"sz01FzZfei91","di":"FzZfei91iefaefz","ot":1,"st":1571817655,"et":1571817755,"tt":1,"ns":"faeofeifazfeijfi"}',
        ),
      ),
    ).toMatchObject({ orderType: 1, endTime: 1571817755 });
  });
});
