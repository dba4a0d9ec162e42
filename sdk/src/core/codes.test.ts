import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SDK_CODES } from './codes.ts';

describe('core/codes', () => {
  it('every SDK code is documented in the README', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const missing = Object.keys(SDK_CODES).filter((code) => !readme.includes(`\`${code}\``));
    expect(missing).toEqual([]);
  });
});
