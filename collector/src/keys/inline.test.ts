import { describe, expect, it } from 'vitest';
import { parseKeys } from './inline.ts';

describe('collector/keys/inline', () => {
  it('parses secret=game and secret=game:keyId', () => {
    const r = parseKeys(['s1=demo:k1', 's2=other']);
    if (!r.ok) throw new Error(r.problems.join());
    expect(r.keys[0]).toEqual({ secret: 's1', gameId: 'demo', keyId: 'k1' });
    // Derived id: stable, names the game, does not contain the secret.
    // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
    expect(r.keys[1]).toEqual({ secret: 's2', gameId: 'other', keyId: expect.stringMatching(/^other-[0-9a-f]{8}$/) });
    const again = parseKeys(['s2=other']);
    expect(again.ok && again.keys[0]).toEqual(r.keys[1]);
  });

  it('allows "=" inside a secret (base64 padding) by splitting at the last one', () => {
    const r = parseKeys(['abc==demo:k']);
    expect(r.ok && r.keys[0]).toEqual({ secret: 'abc=', gameId: 'demo', keyId: 'k' });
  });

  it('reports every bad entry without echoing secrets', () => {
    const r = parseKeys(['nogame', '=demo', 's=bad game!', 's=demo:k:extra', 'ok=demo', 'ok=demo']);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems).toHaveLength(5);
    expect(r.problems.join('\n')).not.toContain('nogame');
  });
});
