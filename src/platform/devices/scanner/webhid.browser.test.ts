import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { isDeviceError } from '../errors.js';
import { FakeHid, FakeHidScanner } from '../../../testing/device-fakes/index.js';
import { WebHidScanner } from './webhid.js';

const scanners: WebHidScanner[] = [];
function setup(): { hid: FakeHid; device: FakeHidScanner; scanner: WebHidScanner } {
  const hid = new FakeHid();
  const device = hid.plug(new FakeHidScanner());
  const scanner = new WebHidScanner(hid);
  scanners.push(scanner);
  return { hid, device, scanner };
}
afterEach(() => {
  scanners.splice(0).forEach((s) => s.dispose());
});

const URL_QR =
  'https://payapp.weixin.qq.com/smartqr/entry/home?ac=p9fa01zex4mi&rs=c44f32e0&sn=LANDI_QM600_LA190000000&sign=E0CA8FDA56464BDF702FCA1AE9692EB99483E065879247763B3A46B576EBF5AC';

describe('WebHID scanner transport (fake navigator.hid, real Chromium)', () => {
  it('pairs with a HID POS scanner and turns input reports into scans', async () => {
    const { device, scanner } = setup();
    const scans = firstValueFrom(scanner.scans$.pipe(take(2), toArray()));
    expect((await scanner.pair()).devices).toEqual([{ name: 'Fake HID POS scanner', vendorId: 0x0c2e, productId: 0x0b8f }]);
    device.scan('134567890123456789', { aim: ']C0', codeId: 0x6a });
    device.scan(URL_QR); // three reports joined by the more-data flag
    expect(await scans).toMatchObject([
      { text: '134567890123456789', source: 'hid', aim: ']C0', symbology: 'code128', deviceId: '0c2e:0b8f' },
      { text: URL_QR, aim: ']Q1', symbology: 'qr-code' },
    ]);
  });

  it('reopens a granted scanner when it is plugged back in', async () => {
    const { hid, device, scanner } = setup();
    await scanner.pair();
    hid.unplug(device);
    expect(scanner.connection$.value.devices).toEqual([]);
    expect(device.scan('134567890123456789')).toBe(false); // unplugged: nothing arrives
    const next = firstValueFrom(scanner.scans$);
    hid.plug(device);
    await new Promise((r) => setTimeout(r, 0)); // the connect handler opens the device
    expect(scanner.connection$.value.devices).toHaveLength(1);
    device.scan('281234567890123456');
    expect((await next).text).toBe('281234567890123456');
  });

  it('reconnects to granted scanners on a fresh page without a prompt', async () => {
    const { hid, device } = setup();
    await new WebHidScanner(hid).pair();
    await device.close();
    const scanner = new WebHidScanner(hid);
    scanners.push(scanner);
    expect((await scanner.reconnect()).devices).toHaveLength(1);
  });

  it('ignores devices without the HID POS usage page and reports typed errors', async () => {
    const { hid, scanner } = setup();
    hid.choose = () => [];
    await expect(scanner.pair()).rejects.toSatisfy((e) => isDeviceError(e, 'permission_denied'));
    await expect(new WebHidScanner(undefined).pair()).rejects.toSatisfy((e) => isDeviceError(e, 'unsupported'));
    const other = new FakeHidScanner(0x1234, 0x0001, 'Keyboard-ish');
    Object.defineProperty(other, 'collections', { value: [{ usagePage: 0x01, usage: 0x06 }] });
    hid.plug(other, { granted: true });
    expect((await scanner.reconnect()).devices).toEqual([]);
  });
});
