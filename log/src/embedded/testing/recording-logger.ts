/** Test helper: an embedded-log logger that remembers what it was told. */
import type { EmbeddedLogLogger } from '../options.ts';

export interface LoggedLine {
  level: 'info' | 'warn' | 'error';
  msg: string;
  fields?: Record<string, unknown>;
}

export function recordingLogger(): EmbeddedLogLogger & { lines: LoggedLine[] } {
  const lines: LoggedLine[] = [];
  const at = (level: LoggedLine['level']) => (msg: string, fields?: Record<string, unknown>) =>
    void lines.push(fields ? { level, msg, fields } : { level, msg });
  return { lines, info: at('info'), warn: at('warn'), error: at('error') };
}
