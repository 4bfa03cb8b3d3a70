import { describe, expect, it } from 'vitest';
import { isDeviceError } from '../errors.js';
import { createDetector, dedupe, openCamera, type DetectorCtor, type SeenState } from './camera.js';

function ctor(formats: string[], tag: string): DetectorCtor {
  return Object.assign(
    class {
      readonly tag = tag;
      async detect() {
        return [];
      }
    },
    { getSupportedFormats: async () => formats },
  );
}

describe('camera scanning', () => {
  it('uses the native detector when it reads QR and CODE128, else the polyfill', async () => {
    const polyfill = async () => ctor([], 'polyfill');
    expect(await createDetector(ctor(['qr_code', 'code_128', 'ean_13'], 'native'), polyfill)).toMatchObject({ tag: 'native' });
    expect(await createDetector(ctor(['qr_code'], 'native'), polyfill)).toMatchObject({ tag: 'polyfill' });
    expect(await createDetector(undefined, polyfill)).toMatchObject({ tag: 'polyfill' });
  });

  it('reports a decoder that cannot load as camera_unavailable', async () => {
    await expect(
      createDetector(undefined, async () => {
        throw new Error('wasm 404');
      }),
    ).rejects.toSatisfy((e) => isDeviceError(e, 'camera_unavailable'));
  });

  it('maps camera permission and absence to typed errors', async () => {
    await expect(openCamera(undefined)).rejects.toSatisfy((e) => isDeviceError(e, 'unsupported'));
    const denied = {
      getUserMedia: async () => {
        throw new DOMException('Permission denied', 'NotAllowedError');
      },
    };
    await expect(openCamera(denied)).rejects.toSatisfy((e) => isDeviceError(e, 'permission_denied'));
    const busy = {
      getUserMedia: async () => {
        throw new DOMException('Could not start video source', 'NotReadableError');
      },
    };
    await expect(openCamera(busy)).rejects.toSatisfy((e) => isDeviceError(e, 'camera_unavailable'));
  });

  it('emits a code once while it stays in front of the lens', () => {
    const frames: [string | undefined, number][] = [
      ['A', 0],
      ['A', 250],
      [undefined, 500],
      ['A', 750],
      ['B', 1000],
      ['A', 1250],
      ['A', 4000],
    ];
    let s: SeenState = { last: '', seenAt: -Infinity, emit: null };
    const out: string[] = [];
    for (const [v, t] of frames) {
      s = dedupe(s, v, t, 1500);
      if (s.emit) out.push(s.emit);
    }
    expect(out).toEqual(['A', 'B', 'A', 'A']);
  });
});
