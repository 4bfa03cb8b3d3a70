/**
 * @cpay/protocol — the cpay wire format in one place: envelopes, HMAC, AES, endpoint table,
 * codecs, status rules and the binding QR. Isomorphic: WebCrypto only, no Node built-ins, no DOM.
 */
export * from './types.js';
export * from './errors.js';
export { hmacSha256Hex, safeEqualHex, randomNonce, NONCE_ALPHABET } from './crypto.js';
export { encryptAuthenKey, decryptAuthenKey, evpBytesToKeySha1 } from './aes.js';
export * from './endpoints.js';
export * from './envelope.js';
export { codecs, useDeviceSettingQuery, parseUseDeviceSettingQuery } from './codecs/index.js';
export { WXPAY_APP_PACKAGE, wxpaySdkSignText, FREEZE_EXT_KEYS, UNFREEZE_EXT_KEYS } from './codecs/index.js';
export type * from './codecs/deposit-types.js';
export type { AppPayRequest, AppPayResponse, WxpaySdkArgs } from './codecs/app-pay.js';
export * from './codecs/deposit-status.js';
export type { Codec, EncodeResponseOptions, EndpointTypes, RequestOf, ResponseOf } from './codecs/index.js';
export { HEAD_KEYS, type HeadKind } from './codecs/head.js';
export { prepareRequest, readResponse, prepareRequestWith, readResponseWith, type PreparedRequest } from './client.js';
export { loadCodec } from './codecs/load.js';
export { parseRequest, verifyRequest, prepareResponse, type ReceivedRequest, type PrepareResponseOptions } from './server.js';
export * from './status.js';
export * from './bindqr.js';
export * from './order-no.js';
