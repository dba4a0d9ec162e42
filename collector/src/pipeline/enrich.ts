/**
 * Enrichment of the batch context from the request: country from the client IP
 * (geoip-lite, which ships MaxMind's GeoLite2 data in the package: no network, no
 * account), and platform / OS / device from the User-Agent (bowser) when the SDK did
 * not set them. Only empty fields are filled: what the SDK says wins.
 *
 * The IP itself goes nowhere: it is looked up and dropped here (records have no IP
 * field; logs get at most the truncated form, see client-ip.ts). The geoip region
 * (ISO 3166-2 subdivision) is computed but has no field in `Context` yet.
 */
import Bowser from 'bowser';
import type { ContextData } from '@gamepulse/proto';

export interface GeoLookup {
  (ip: string): { country: string; region: string } | undefined;
}

export interface Enricher {
  enrich(context: ContextData, ip: string, userAgent: string | undefined): ContextData;
}

const COUNTRY = /^[A-Z]{2}$/;
const NAME_MAX = 64;
const UA_CACHE_MAX = 2_000;
const UA_MAX_CHARS = 512;

/** Loads geoip-lite (about 150 MB of tables in memory, ~0.1 s) on first use. */
export async function loadGeoip(): Promise<GeoLookup> {
  const geoip = (await import('geoip-lite')).default;
  return (ip) => {
    if (!ip) return undefined;
    const bare = ip.startsWith('::ffff:') ? ip.slice(7) : ip;
    const hit = geoip.lookup(bare);
    return hit && hit.country ? { country: hit.country, region: hit.region ?? '' } : undefined;
  };
}

export interface UaInfo {
  platform?: string;
  os?: string;
  device?: string;
}

const OS_PLATFORM: Record<string, string> = {
  iOS: 'ios',
  Android: 'android',
  Windows: 'windows',
  macOS: 'macos',
  Linux: 'linux',
  'Chrome OS': 'chromeos',
  PlayStation: 'playstation',
  Xbox: 'xbox',
  'Nintendo Switch': 'switch',
};

function clip(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const t = s.trim();
  return t ? t.slice(0, NAME_MAX) : undefined;
}

/**
 * A browser (a `Mozilla/5.0 …` agent that bowser names) means a web game, whatever the
 * OS: platform "web". Native HTTP stacks: `Dalvik/` is Android's, `CFNetwork/` Apple's.
 * A native agent naming its OS ("MyGame/1.2 (iPhone; iOS 17.1)") gives that OS's platform.
 * Anything else (curl, Node, grpc-js) sets nothing: a wrong guess would be worse than
 * an empty field.
 */
export function parseUserAgent(ua: string): UaInfo {
  const p = Bowser.parse(ua.slice(0, UA_MAX_CHARS));
  const out: UaInfo = {};
  const osName = p.os.name;
  const os = osName ? clip(p.os.version ? `${osName} ${p.os.version}` : osName) : undefined;
  if (os) out.os = os;
  if (ua.startsWith('Mozilla/') && p.browser.name) {
    out.platform = 'web';
    const device = clip(p.platform.model ?? (p.browser.version ? `${p.browser.name} ${p.browser.version.split('.')[0]}` : p.browser.name));
    if (device) out.device = device;
    return out;
  }
  if (ua.startsWith('Dalvik/')) out.platform = 'android';
  else if (/\bCFNetwork\//.test(ua)) out.platform = /Mac OS X|macOS/.test(ua) ? 'macos' : 'ios';
  else if (osName && OS_PLATFORM[osName]) out.platform = OS_PLATFORM[osName]; // e.g. "MyGame/1.2 (iPhone; iOS 17.1)"
  const model = clip(p.platform.model);
  if (model) out.device = model;
  return out;
}

export function createEnricher(options: { geo?: GeoLookup | undefined }): Enricher {
  const uaCache = new Map<string, UaInfo>();
  const ua = (agent: string): UaInfo => {
    let info = uaCache.get(agent);
    if (!info) {
      info = parseUserAgent(agent);
      if (uaCache.size >= UA_CACHE_MAX) uaCache.delete(uaCache.keys().next().value!);
      uaCache.set(agent, info);
    }
    return info;
  };
  return {
    enrich(context, ip, userAgent) {
      let out = context;
      if (!context.country && options.geo && ip) {
        const hit = options.geo(ip);
        if (hit && COUNTRY.test(hit.country)) out = { ...out, country: hit.country };
      }
      if (userAgent && (!context.platform || !context.os || !context.device)) {
        const info = ua(userAgent);
        const add: ContextData = {};
        if (!context.platform && info.platform) add.platform = info.platform;
        if (!context.os && info.os) add.os = info.os;
        if (!context.device && info.device) add.device = info.device;
        if (Object.keys(add).length) out = { ...out, ...add };
      }
      return out;
    },
  };
}
