/**
 * The English catalogs speak English: no Chinese inside an English UI string (the password wait
 * read "Waiting for the customer to enter the password (等待用户输入密码中)"). The one exception
 * is a name the cashier must find as written: the WeChat mini program "收款设备" (its only name).
 */
import { describe, expect, it } from 'vitest';
import { en } from './en.js';
import { payEn } from './pay.en.js';
import { refundEn } from './refund.en.js';
import { depositEn } from './deposit.en.js';
import { devicesEn } from './devices.en.js';
import { customerEn } from './customer.en.js';
import { resolveEn } from './resolve.en.js';
import { bookkeepingEn } from './bookkeeping.en.js';
import { shiftEn } from './shift.en.js';
import { staffEn } from './staff.en.js';
import { RECEIPT_LABELS } from '../kernel/receipt-labels.js';

/** Proper names an English screen shows as they are written. */
const NAMES = ['收款设备'];
const HAN = /[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]/;

describe('English catalogs', () => {
  const catalogs = { en, payEn, refundEn, depositEn, devicesEn, customerEn, resolveEn } as Record<string, Record<string, string>>;
  it.each(Object.keys(catalogs))('%s has no Chinese in its strings (proper names aside)', (name) => {
    const chinese = Object.entries(catalogs[name] ?? {}).filter(([, text]) => HAN.test(NAMES.reduce((s, n) => s.split(n).join(''), text)));
    expect(chinese).toEqual([]);
  });
});

describe('the currency in English', () => {
  const all = { en, payEn, refundEn, depositEn, devicesEn, customerEn, resolveEn, bookkeepingEn, shiftEn, staffEn } as Record<string, Record<string, string>>;
  it('is said one way, in shop words: "yuan" (and ¥ before an amount), never the code "CNY" next to "(yuan)"', () => {
    const texts = Object.entries(all).flatMap(([name, c]) => Object.entries(c).map(([k, v]) => [`${name}.${k}`, v] as const));
    expect(texts.filter(([, v]) => /\bCNY\b|\bRMB\b/.test(v))).toEqual([]);
    expect(texts.filter(([, v]) => /\(yuan\)/.test(v)).length).toBeGreaterThan(5);
    expect(RECEIPT_LABELS.en.yuan).toBe('yuan');
  });
});
