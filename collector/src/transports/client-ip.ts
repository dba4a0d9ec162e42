/**
 * The client's address behind proxies, and its truncated form.
 *
 * X-Forwarded-For lists the addresses a request passed through, client first; each
 * proxy appends the peer it received from. Only proxies we run may be believed, so the
 * client is found from the right: start at the socket peer and, while that address is
 * a trusted proxy, step to the next address leftwards in the header. The first
 * untrusted address is the client (MDN, "X-Forwarded-For: Selecting an IP address").
 * A client cannot forge its way past this: whatever it puts in the header stays left
 * of the address our own proxy appended.
 */
import { BlockList, isIP } from 'node:net';

export type CidrParse = { ok: true; list: BlockList } | { ok: false; problems: string[] };

function bare(ip: string): string {
  const t = ip.trim();
  // IPv4-mapped IPv6 (a dual-stack socket's view of an IPv4 peer).
  return t.toLowerCase().startsWith('::ffff:') && isIP(t.slice(7)) === 4 ? t.slice(7) : t;
}

export function parseCidrs(entries: readonly string[]): CidrParse {
  const list = new BlockList();
  const problems: string[] = [];
  for (const entry of entries) {
    const [addr = '', prefixText] = entry.split('/');
    const family = isIP(addr);
    const prefix = prefixText === undefined ? (family === 6 ? 128 : 32) : Number(prefixText);
    if (!family || !Number.isInteger(prefix) || prefix < 0 || prefix > (family === 6 ? 128 : 32)) {
      problems.push(`"${entry}" is not an IP address or CIDR`);
      continue;
    }
    list.addSubnet(addr, prefix, family === 6 ? 'ipv6' : 'ipv4');
  }
  return problems.length ? { ok: false, problems } : { ok: true, list };
}

export type ClientIpResolver = (peer: string | undefined, forwardedFor: string | string[] | undefined) => string;

export function createClientIpResolver(trusted: readonly string[]): ClientIpResolver {
  const parsed = parseCidrs(trusted);
  if (!parsed.ok) throw new Error(parsed.problems.join('; '));
  const list = parsed.list;
  const isTrusted = (ip: string): boolean => {
    const family = isIP(ip);
    return family !== 0 && list.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  };
  return (peer, forwardedFor) => {
    let client = bare(peer ?? '');
    if (!forwardedFor || !isTrusted(client)) return client;
    const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor).split(',');
    // Bounded: a header cannot make us walk more than 32 hops.
    for (let i = hops.length - 1, n = 0; i >= 0 && n < 32; i--, n++) {
      const hop = bare(hops[i]!);
      if (!isIP(hop)) break; // garbage: stop at the last address we could trust
      client = hop;
      if (!isTrusted(hop)) break;
    }
    return client;
  };
}

/** /24 for IPv4, /48 for IPv6: coarse enough not to identify a person, fine enough for abuse reports. */
export function truncateIp(ip: string): string {
  const b = bare(ip);
  const family = isIP(b);
  if (family === 4) return b.split('.').slice(0, 3).concat('0').join('.');
  if (family === 6) {
    // Expand "::" to know where the first three groups are.
    const [head = '', tail] = b.split('::');
    const left = head ? head.split(':') : [];
    const right = tail !== undefined && tail ? tail.split(':') : [];
    const groups = tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
    return `${groups.slice(0, 3).join(':')}::`;
  }
  return '';
}
