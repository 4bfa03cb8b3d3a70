import { describe, expect, it } from 'vitest';
import { decryptAuthenKey, encryptAuthenKey, evpBytesToKeySha1 } from './aes.js';
import { fromBase64, toBase64, toHexUpper, utf8 } from './bytes.js';
import { hmacSha256Hex, randomNonce, safeEqualHex } from './crypto.js';
import { ProtocolError } from './errors.js';

const UPPER = 'C852274D372982D5530B692FD77124D3';
const LOWER = 'c852274d372982d5530b692fd77124d3';
const PLAIN = '0123456789ABCDEF0123456789ABCDEF';
const SALT = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]);
const BLOB_UPPER = 'AQIDBAUGBwik3tQr4ftqlAVIhW+8U/nU3XYYpq9nSsgHIOzwRVzsqiqDRahGaTDtu1SvfE6jUVM=';
const BLOB_LOWER = 'AQIDBAUGBwg+zQIvnODktuP8DnpHwfbMB+PlNPRsNKlGfGlw377CdeGvN/pD5BaS2LVOUaOAtho=';

describe('hmacSha256Hex (spec §3.6)', () => {
  it('reproduces the synthetic hash_content vector', async () => {
    expect(await hmacSha256Hex('0123456789ABCDEF0123456789ABCDEF', 'ea90ceba')).toBe('3FC3D67779E765BD8563A3C935741454EAC8CEE4500BCD842AE168F897117090');
  });
  it('reproduces the documented binding-QR sign only with the lower-case key', async () => {
    const msg = 'ac=p9fa01zex4mi&rs=c44f32e0&sn=LANDI_QM600_LA190000000';
    expect(await hmacSha256Hex(LOWER, msg)).toBe('E0CA8FDA56464BDF702FCA1AE9692EB99483E065879247763B3A46B576EBF5AC');
    expect(await hmacSha256Hex(UPPER, msg)).toBe('70D1131FC37B4F8964A3076F7538A0D27BEB2D8A6F50DE2F3D991C5925DA2FE0');
  });
});

describe('safeEqualHex / randomNonce', () => {
  it('compares case-insensitively and rejects different lengths or digits', () => {
    expect(safeEqualHex('abcDEF', 'ABCdef')).toBe(true);
    expect(safeEqualHex('ABCDEF', 'ABCDE')).toBe(false);
    expect(safeEqualHex('ABCDEF', 'ABCDE0')).toBe(false);
  });
  it('draws from 0-9a-zA-Z with the requested length', () => {
    const n = randomNonce(32);
    expect(n).toMatch(/^[0-9a-zA-Z]{32}$/);
    expect(randomNonce(32)).not.toBe(n);
    expect(randomNonce(8, 'ab')).toMatch(/^[ab]{8}$/);
    expect(() => randomNonce(-1)).toThrow(RangeError);
  });
});

describe('base64', () => {
  it('round-trips every tail length and rejects non-base64', () => {
    for (let n = 0; n < 7; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 13) & 0xff);
      expect(fromBase64(toBase64(bytes))).toEqual(bytes);
    }
    expect(toBase64(utf8('Man'))).toBe('TWFu');
    expect(toBase64(utf8('Ma'))).toBe('TWE=');
    expect(fromBase64('TW=u')).toBeNull();
  });
});

describe('AES e_authen_key (spec §5.5)', () => {
  it('derives the documented key and IV', async () => {
    const a = await evpBytesToKeySha1(utf8(UPPER), SALT);
    expect(toHexUpper(a.key)).toBe('AD0346AA418C48F6EA3477C3F1ABBC37');
    expect(toHexUpper(a.iv)).toBe('214B21393151AAB8C8B9AF898FDDE281');
    const b = await evpBytesToKeySha1(utf8(LOWER), SALT);
    expect(toHexUpper(b.key)).toBe('A573FAAA8CFF02758B227903AAC45427');
    expect(toHexUpper(b.iv)).toBe('9E6379787924627B0F59BD9E0C38F1B1');
  });
  it('encrypts both vectors with the fixed salt to the documented base64', async () => {
    expect(await encryptAuthenKey(PLAIN, UPPER, SALT)).toBe(BLOB_UPPER);
    expect(await encryptAuthenKey(PLAIN, LOWER, SALT)).toBe(BLOB_LOWER);
  });
  it('decrypts both vectors with the key as stored', async () => {
    expect(await decryptAuthenKey(BLOB_UPPER, UPPER)).toBe(PLAIN);
    expect(await decryptAuthenKey(BLOB_LOWER, LOWER)).toBe(PLAIN);
  });
  it('falls back to the lower-case key when the blob was made with it', async () => {
    expect(await decryptAuthenKey(BLOB_LOWER, UPPER)).toBe(PLAIN);
  });
  it('fails with decrypt_failed for a wrong key or a broken blob', async () => {
    await expect(decryptAuthenKey(BLOB_UPPER, LOWER)).rejects.toMatchObject({ code: 'decrypt_failed', field: 'e_authen_key' });
    await expect(decryptAuthenKey(BLOB_UPPER, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF')).rejects.toBeInstanceOf(ProtocolError);
    await expect(decryptAuthenKey('not base64!', UPPER)).rejects.toMatchObject({ code: 'decrypt_failed' });
  });
  it('uses a random salt by default', async () => {
    const a = await encryptAuthenKey(PLAIN, UPPER);
    expect(a).not.toBe(await encryptAuthenKey(PLAIN, UPPER));
    expect(await decryptAuthenKey(a, UPPER)).toBe(PLAIN);
  });
});

describe('nonce and key-blob edges', () => {
  it('a zero-length nonce is empty; an alphabet outside 2..256 characters is refused', () => {
    expect(randomNonce(0)).toBe('');
    expect(() => randomNonce(1.5)).toThrow(RangeError);
    expect(() => randomNonce(4, 'a')).toThrow(RangeError);
    expect(() => randomNonce(4, 'x'.repeat(257))).toThrow(RangeError);
    expect(randomNonce(4, 'y'.repeat(256))).toBe('yyyy');
  });

  it('a salt that is not 8 bytes is refused before encrypting', async () => {
    await expect(encryptAuthenKey(PLAIN, UPPER, new Uint8Array(7))).rejects.toBeInstanceOf(RangeError);
  });

  it('a blob too short or not whole AES blocks is named as such, before any key is tried', async () => {
    const salt8 = toBase64(new Uint8Array(8 + 8)); // salt plus half a block
    const ragged = toBase64(new Uint8Array(8 + 20)); // salt plus 1.25 blocks
    for (const blob of [salt8, ragged, toBase64(new Uint8Array(8))]) {
      await expect(decryptAuthenKey(blob, UPPER)).rejects.toMatchObject({
        code: 'decrypt_failed',
        message: expect.stringContaining('8-byte salt plus AES blocks'),
      });
    }
    // A well-formed blob with the wrong key gets the other message: check the initial key.
    await expect(decryptAuthenKey(BLOB_UPPER, 'FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF')).rejects.toMatchObject({
      message: expect.stringContaining("device's initial key"),
    });
  });

  it('base64 ignores whitespace and refuses a length that is not a multiple of 4', () => {
    expect(fromBase64(' TW\nFu ')).toEqual(utf8('Man'));
    expect(fromBase64('TWF')).toBeNull();
    expect(fromBase64('TWFuT')).toBeNull();
  });
});
