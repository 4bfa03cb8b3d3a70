/** A failed or interrupted reprint is shown to the cashier in the device toast, not only logged. */
import { NEVER, Subject } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import { setLocale } from '../../i18n/index.js';
import type { DeviceServices, PrintProblem } from './devices.js';
import type { DeviceRuntime } from './device-runtime.js';
import { mountDeviceUi } from './devices-ui.js';

afterEach(() => {
  document.body.replaceChildren();
});

/** Just what mountDeviceUi reads: the unclaimed scans, the problems and the runtime's preview. */
function fakeDevices(problems$: Subject<PrintProblem>): DeviceServices {
  const runtime = { preview$: NEVER } as unknown as DeviceRuntime;
  return { hub: { unclaimed$: NEVER }, problems$, runtime: () => Promise.resolve(runtime) } as unknown as DeviceServices;
}

describe('mountDeviceUi', () => {
  it('toasts reprint problems with the order number and the reason', async () => {
    setLocale('zh-CN');
    const problems = new Subject<PrintProblem>();
    await mountDeviceUi(document.body, fakeDevices(problems));
    const toast = document.querySelector('device-toast');
    problems.next({ kind: 'reprint_failed', outTradeNo: '0100005200000021', detail: 'printer not connected' });
    await toast?.updateComplete;
    expect(toast?.shadowRoot?.querySelector('[data-toast]')?.textContent).toBe('订单 0100005200000021 补打失败：printer not connected');
    problems.next({ kind: 'reprint_interrupted', outTradeNo: '0100005200000022', detail: 'unplugged' });
    await toast?.updateComplete;
    expect(toast?.shadowRoot?.querySelector('[data-toast]')?.textContent).toContain('补打中断');
  });
});
