/**
 * The bundled Barcode Detection API polyfill (npm `barcode-detector`, ZXing-C++ compiled to
 * WebAssembly). Loaded only through a dynamic import from camera.ts, so neither the JS nor the
 * ~1 MB wasm is in the first-screen bundle. The wasm URL comes from Vite's `?url` import: the file
 * ships with the app and is precached, never fetched from the library's default CDN.
 */
import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? new URL(wasmUrl, globalThis.location?.href).href : prefix + path),
  },
});

/** The polyfill's constructor, same shape as the native `BarcodeDetector`. */
export { BarcodeDetector };
