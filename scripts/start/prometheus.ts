/** Reads counter sums out of a Prometheus text exposition (enough for the status line). */
export function sumMetric(text: string, name: string, filter?: (labels: string) => boolean): number {
  let sum = 0;
  for (const line of text.split('\n')) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    let labels = '';
    let value: string;
    if (rest.startsWith('{')) {
      const end = rest.indexOf('}');
      labels = rest.slice(1, end);
      value = rest.slice(end + 1).trim();
    } else if (rest.startsWith(' ')) value = rest.trim();
    else continue;
    if (filter && !filter(labels)) continue;
    const n = Number(value.split(' ')[0]);
    if (Number.isFinite(n)) sum += n;
  }
  return sum;
}

export async function scrape(url: string): Promise<string> {
  try {
    const res = await fetch(url);
    return res.ok ? await res.text() : '';
  } catch {
    return '';
  }
}
