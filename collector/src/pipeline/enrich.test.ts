import { describe, expect, it } from 'vitest';
import { createEnricher, loadGeoip, parseUserAgent } from './enrich.ts';

describe('collector/pipeline/enrich', () => {
  it('user agents: browsers are "web" games; native stacks name their OS; unknown agents set nothing', () => {
    expect(
      parseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
      ),
    ).toEqual({
      platform: 'web',
      os: 'iOS 17.0',
      device: 'iPhone',
    });
    expect(
      parseUserAgent('Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36'),
    ).toMatchObject({
      platform: 'web',
      // eslint-disable-next-line @typescript-eslint/no-unsafe-assignment -- vitest types asymmetric matchers as any
      os: expect.stringMatching(/^Windows/),
      device: 'Chrome 131',
    });
    expect(parseUserAgent('Dalvik/2.1.0 (Linux; U; Android 14; Pixel 7 Build/UQ1A.240205.004)')).toMatchObject({
      platform: 'android',
      os: 'Android 14',
    });
    expect(parseUserAgent('MyGame/1.0 CFNetwork/1492.0.1 Darwin/23.3.0')).toMatchObject({ platform: 'ios' });
    expect(parseUserAgent('curl/8.5.0')).toEqual({});
    expect(parseUserAgent('grpc-node-js/1.14.7')).toEqual({});
  });

  it('fills only empty context fields: the SDK wins', () => {
    const geo = (ip: string) => (ip === '81.2.69.142' ? { country: 'GB', region: 'ENG' } : undefined);
    const e = createEnricher({ geo });
    const ua = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
    expect(e.enrich({ gameId: 'demo' }, '81.2.69.142', ua)).toMatchObject({
      gameId: 'demo',
      country: 'GB',
      platform: 'web',
      os: 'Android 14',
    });
    expect(e.enrich({ gameId: 'demo', country: 'BR', platform: 'android' }, '81.2.69.142', ua)).toMatchObject({
      country: 'BR',
      platform: 'android',
      os: 'Android 14',
    });
    expect(e.enrich({ gameId: 'demo' }, '127.0.0.1', undefined)).toEqual({ gameId: 'demo' });
  });

  it('geoip-lite’s bundled database answers without the network', async () => {
    const geo = await loadGeoip();
    expect(geo('81.2.69.142')?.country).toBe('GB');
    expect(geo('::ffff:81.2.69.142')?.country).toBe('GB');
    expect(geo('127.0.0.1')).toBeUndefined();
    expect(geo('not an ip')).toBeUndefined();
  });
});
