/**
 * `e_authen_key`: base64(salt[8] ‖ AES-128-CBC(payment key)) with OpenSSL's EVP_BytesToKey
 * (SHA-1, one round) deriving key and IV from the initial key (spec §5.5). No `Salted__` magic.
 */
import { concatBytes, fromBase64, toBase64, utf8 } from './bytes.js';
import { subtle } from './crypto.js';
import { ProtocolError } from './errors.js';

/**
 * EVP_BytesToKey with SHA-1 and count = 1: D1 = SHA1(pass ‖ salt), Di = SHA1(Di-1 ‖ pass ‖ salt),
 * concatenated until key + IV bytes are filled. Written out because WebCrypto has no such KDF.
 */
export async function evpBytesToKeySha1(
  passphrase: Uint8Array,
  salt: Uint8Array,
  keyLength = 16,
  ivLength = 16,
): Promise<{ key: Uint8Array<ArrayBuffer>; iv: Uint8Array<ArrayBuffer> }> {
  let material = new Uint8Array(0);
  let previous = new Uint8Array(0);
  while (material.length < keyLength + ivLength) {
    previous = new Uint8Array(await subtle().digest('SHA-1', concatBytes(previous, passphrase, salt)));
    material = concatBytes(material, previous);
  }
  return { key: material.slice(0, keyLength), iv: material.slice(keyLength, keyLength + ivLength) };
}

async function aesKey(passphrase: string, salt: Uint8Array, usage: 'encrypt' | 'decrypt') {
  const { key, iv } = await evpBytesToKeySha1(utf8(passphrase), salt);
  return { iv, key: await subtle().importKey('raw', key, { name: 'AES-CBC' }, false, [usage]) };
}

/**
 * Encrypts a payment key as cpay does (the simulator's side of §5.5). `salt` defaults to 8 random
 * bytes; pass a fixed one to reproduce the documented vectors.
 */
export async function encryptAuthenKey(paymentKey: string, passphrase: string, salt?: Uint8Array): Promise<string> {
  const s = salt ?? globalThis.crypto.getRandomValues(new Uint8Array(8));
  if (s.length !== 8) throw new RangeError(`salt must be 8 bytes, got ${s.length}`);
  const { key, iv } = await aesKey(passphrase, s, 'encrypt');
  const ct = new Uint8Array(await subtle().encrypt({ name: 'AES-CBC', iv }, key, utf8(paymentKey)));
  return toBase64(concatBytes(s, ct));
}

/** A payment key is 32 printable ASCII characters (§4, §5.5); anything else is a wrong passphrase. */
const PAYMENT_KEY = /^[\x20-\x7e]{32}$/;

async function tryDecrypt(blob: Uint8Array<ArrayBuffer>, passphrase: string): Promise<string | null> {
  try {
    const { key, iv } = await aesKey(passphrase, blob.slice(0, 8), 'decrypt');
    const plain = await subtle().decrypt({ name: 'AES-CBC', iv }, key, blob.slice(8));
    const text = new TextDecoder('utf-8', { fatal: true }).decode(plain);
    return PAYMENT_KEY.test(text) ? text : null;
  } catch {
    return null; // padding or UTF-8 failure: this passphrase is wrong; the caller tries the next one
  }
}

/**
 * Decrypts `e_authen_key` with the initial key. The key's case is not documented (§5.3, §16), so
 * this tries the key as stored, then its lower-case form, and accepts only a 32-character printable
 * result (a wrong key passes the padding check about 1 time in 256).
 */
export async function decryptAuthenKey(eAuthenKey: string, initialKey: string): Promise<string> {
  const blob = fromBase64(eAuthenKey);
  if (!blob || blob.length < 8 + 16 || (blob.length - 8) % 16 !== 0) {
    throw new ProtocolError(
      'decrypt_failed',
      `e_authen_key is not base64 of an 8-byte salt plus AES blocks (got ${eAuthenKey.length} chars); check the binding reply`,
      { endpoint: 'get_bill_device_bind_info', field: 'e_authen_key' },
    );
  }
  for (const candidate of new Set([initialKey, initialKey.toLowerCase()])) {
    const plain = await tryDecrypt(blob, candidate);
    if (plain !== null) return plain;
  }
  throw new ProtocolError(
    'decrypt_failed',
    "e_authen_key does not decrypt to a 32-character key with the initial key (as stored or lower-case); check the device's initial key",
    { endpoint: 'get_bill_device_bind_info', field: 'e_authen_key' },
  );
}
