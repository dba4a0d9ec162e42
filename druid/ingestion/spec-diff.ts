/**
 * What differs between the spec we would submit and the one Druid runs. Druid returns
 * its normalized form (defaults filled in, `"game_id"` as `{ "type": "string", "name":
 * "game_id", ... }`), so the comparison walks OUR spec and looks up each value we set:
 * a default Druid added is not a change, a value we set that Druid holds differently is.
 */
type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A dimension named by a string equals Druid's object form with that name and type string. */
function sameDimension(ours: Json, theirs: Json): boolean {
  return typeof ours === 'string' && isObject(theirs) && theirs.name === ours && (theirs.type ?? 'string') === 'string';
}

/** Paths (`spec.ioConfig.taskDuration: "PT1H" → "PT1M"`) where `theirs` does not hold what `ours` sets. */
export function specChanges(ours: Json, theirs: Json, path = ''): string[] {
  if (isObject(ours)) {
    if (!isObject(theirs)) return [`${path || '(root)'}: ${JSON.stringify(theirs)} → {…}`];
    return Object.keys(ours).flatMap((k) => specChanges(ours[k], theirs[k], path ? `${path}.${k}` : k));
  }
  if (Array.isArray(ours)) {
    if (!Array.isArray(theirs) || theirs.length !== ours.length) {
      return [`${path}: ${Array.isArray(theirs) ? `${theirs.length} entries` : JSON.stringify(theirs)} → ${ours.length} entries`];
    }
    return ours.flatMap((o, i) => (sameDimension(o, theirs[i]) ? [] : specChanges(o, theirs[i], `${path}[${i}]`)));
  }
  if (ours === theirs || samePeriod(ours, theirs)) return [];
  return [`${path}: ${JSON.stringify(theirs)} → ${JSON.stringify(ours)}`];
}

const PERIOD = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/;

/** Milliseconds of a day-or-shorter ISO 8601 period (Druid returns PT1M as "PT60S"), else undefined. */
export function periodMs(value: Json): number | undefined {
  const m = typeof value === 'string' ? PERIOD.exec(value) : null;
  if (!m || value === 'P' || value === 'PT') return undefined;
  const [d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0));
  return (((d! * 24 + h!) * 60 + min!) * 60 + s!) * 1000;
}

function samePeriod(a: Json, b: Json): boolean {
  const x = periodMs(a);
  return x !== undefined && x === periodMs(b);
}
