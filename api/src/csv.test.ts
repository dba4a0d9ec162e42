import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.ts';

describe('api/csv', () => {
  it('writes a header and one CRLF line per row, quoting what needs it', () => {
    expect(
      toCsv(
        ['player_id', 'reasons', 'n', 'last'],
        [
          { player_id: 'p1', reasons: 'sessions_down;spend_stopped', n: 3, last: null },
          { player_id: 'a,"b"', reasons: 'x\ny', n: 0.5, last: 1_767_571_200_000 },
        ],
      ),
    ).toBe('player_id,reasons,n,last\r\np1,sessions_down;spend_stopped,3,\r\n"a,""b""","x\ny",0.5,1767571200000\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });
});
