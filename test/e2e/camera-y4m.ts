/**
 * A Y4M video (what Chromium's `--use-file-for-fake-video-capture` plays as the camera) showing one
 * QR code, rendered with the `qrcode` package straight to luma pixels: black modules on white, a
 * quiet zone, centred, grey chroma. Test support for the camera end-to-end test.
 */
import { writeFileSync } from 'node:fs';
import QRCode from 'qrcode';

/** Writes `frames` identical 4:2:0 frames of `text` as a QR code to `path`. */
export function writeQrY4m(path: string, text: string, width = 640, height = 480, frames = 5): void {
  const qr = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const scale = Math.floor(Math.min(width, height) / (n + 8));
  const size = n * scale;
  const x0 = Math.floor((width - size) / 2);
  const y0 = Math.floor((height - size) / 2);
  const luma = new Uint8Array(width * height).fill(235);
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      if (qr.modules.get(Math.floor(y / scale), Math.floor(x / scale))) luma[(y0 + y) * width + x0 + x] = 16;
    }
  }
  const chroma = new Uint8Array((width / 2) * (height / 2)).fill(128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  const header = Buffer.from(`YUV4MPEG2 W${width} H${height} F10:1 Ip A1:1 C420jpeg\n`);
  writeFileSync(path, Buffer.concat([header, ...Array.from({ length: frames }, () => frame)]));
}
