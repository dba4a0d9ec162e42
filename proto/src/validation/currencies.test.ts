import { describe, expect, it } from 'vitest';
import { isIsoCurrency } from './currencies.ts';

const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

describe('proto/validation/currencies', () => {
  it('unpacks to the 157 active ISO 4217 codes, upper case only', () => {
    const codes: string[] = [];
    for (const a of LETTERS) for (const b of LETTERS) for (const c of LETTERS) if (isIsoCurrency(a + b + c)) codes.push(a + b + c);
    expect(codes).toHaveLength(157);
    expect(codes.slice(0, 5)).toEqual(['AED', 'AFN', 'ALL', 'AMD', 'ANG']);
    expect(codes.slice(-4)).toEqual(['YER', 'ZAR', 'ZMW', 'ZWG']);
    for (const code of ['USD', 'EUR', 'JPY', 'GBP', 'CHF', 'BRL', 'XCG', 'VED', 'SLE', 'ZWG']) expect(isIsoCurrency(code), code).toBe(true);
    for (const code of ['usd', 'Usd', 'XYZ', 'US', 'USDD', '', 'aed']) expect(isIsoCurrency(code), code).toBe(false);
  });
});
