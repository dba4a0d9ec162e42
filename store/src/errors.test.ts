import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AnalyticsError, ERROR_CODES } from './errors.ts';

describe('druid/errors', () => {
  it('documents every code in the README with its HTTP status', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [code, { httpStatus }] of Object.entries(ERROR_CODES)) {
      expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${httpStatus} \\|`));
    }
  });

  it('carries code, status, retriable flag, context and cause', () => {
    const cause = new Error('disk full');
    const err = new AnalyticsError('GP_STORE_COMMIT_FAILED', 'rolled back', { cause, context: { consumer: 'p' } });
    expect(err).toMatchObject({ code: 'GP_STORE_COMMIT_FAILED', httpStatus: 500, retriable: true, context: { consumer: 'p' }, cause });
  });
});
