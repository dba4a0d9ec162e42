import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { configTable } from '../scripts/readme-tables.ts';

describe('collector/README.md', () => {
  it('the configuration reference is the generated one', () => {
    expect(readFileSync(new URL('../README.md', import.meta.url), 'utf8')).toContain(configTable());
  });
});
