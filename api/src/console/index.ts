/**
 * The live console: one static page (index.html beside this file, plain JS, no build
 * step) that polls the JSON API every 2 s. Read once, served by the query API at `/`.
 */
import { readFileSync } from 'node:fs';

let page: string | undefined;

export function consoleHtml(): string {
  page ??= readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  return page;
}
