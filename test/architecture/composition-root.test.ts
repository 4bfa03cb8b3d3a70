/**
 * One composition root (issue 18): only src/main.ts and src/app/compose/ construct platform
 * implementations (IndexedDB, the cpay client, WebUSB/WebHID, repositories). The adapters
 * themselves (src/platform/) define them, test kits and tests may build them.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const CONSTRUCTS = [
  /new WebUsbPrinter\b/,
  /new WebHidScanner\b/,
  /new Idb[A-Za-z]+\(/,
  /new [A-Za-z]+Repo\(/,
  /new (Vault|SecretStore|OrderNumberReserve|ReportingJournal)\(/,
  /\bopenDB\(/,
  /\bopenTerminalDb\(/,
  /\bindexedDB\.open\(/,
  /\bcreateCpayClient\(/,
  /\bnavigator\.(usb|hid)\b/,
];
const allowed = (file: string) =>
  file === 'src/main.ts' ||
  file.startsWith('src/app/compose/') ||
  file.startsWith('src/platform/') ||
  file.startsWith('src/testing/') ||
  /\.test\.ts$/.test(file);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}
/** Code lines only: comments may name what they do not do. */
const code = (text: string) =>
  text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .filter((l) => !l.trim().startsWith('//'))
    .join('\n');

describe('composition root', () => {
  it('no source file outside main.ts and app/compose/ constructs a platform implementation', () => {
    const offenders = sources('src')
      .map((f) => relative(root, join(root, f)))
      .filter((f) => !allowed(f))
      .flatMap((f) => CONSTRUCTS.filter((re) => re.test(code(readFileSync(join(root, f), 'utf8')))).map((re) => `${f}: ${re}`));
    expect(offenders).toEqual([]);
  });

  it('the check sees a construction (main.ts does construct them)', () => {
    const main = code(readFileSync(join(root, 'src/main.ts'), 'utf8'));
    expect(CONSTRUCTS.filter((re) => re.test(main)).length).toBeGreaterThanOrEqual(4);
  });
});
