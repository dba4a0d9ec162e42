import { describe, expect, it } from 'vitest';
import { parseKeys } from './keys.ts';

describe('collector/keys', () => {
  it('parses secret=game and secret=game:keyId', () => {
    const r = parseKeys(['s1=demo:k1', 's2=other']);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.keys.get('s1')).toEqual({ gameId: 'demo', keyId: 'k1' });
    // Derived id: stable, names the game, does not contain the secret.
    expect(r.keys.get('s2')).toEqual({ gameId: 'other', keyId: expect.stringMatching(/^other-[0-9a-f]{8}$/) });
    const again = parseKeys(['s2=other']);
    expect(again.ok && again.keys.get('s2')).toEqual(r.keys.get('s2'));
  });

  it('allows "=" inside a secret (base64 padding) by splitting at the last one', () => {
    const r = parseKeys(['abc==demo:k']);
    expect(r.ok && r.keys.get('abc=')).toEqual({ gameId: 'demo', keyId: 'k' });
  });

  it('reports every bad entry without echoing secrets', () => {
    const r = parseKeys(['nogame', '=demo', 's=bad game!', 's=demo:k:extra', 'ok=demo', 'ok=demo']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(5);
    expect(r.problems.join('\n')).not.toContain('nogame');
  });

  it('a secret named like an Object.prototype member is just a key', () => {
    const r = parseKeys(['x=demo']);
    expect(r.ok && r.keys.get('__proto__')).toBeUndefined();
    expect(r.ok && r.keys.get('constructor')).toBeUndefined();
  });
});
