/**
 * The live console: one static page (index.html beside this file, plain JS, no build
 * step) that re-reads the JSON API when the server pushes a change (`/v1/changes`), and
 * the chart library it loads (uPlot, served from the installed package at `/assets/`).
 * Read once, served by the query API.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

let page: string | undefined;

export function consoleHtml(): string {
  page ??= readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  return page;
}

/** The files the page loads besides itself: name under /assets/ → package file and content type. */
const ASSETS: Record<string, { file: string; type: string }> = {
  'uPlot.iife.min.js': { file: 'uplot/dist/uPlot.iife.min.js', type: 'text/javascript; charset=utf-8' },
  'uPlot.min.css': { file: 'uplot/dist/uPlot.min.css', type: 'text/css; charset=utf-8' },
};

const loaded = new Map<string, { body: Buffer; type: string }>();
const require = createRequire(import.meta.url);

/** An asset of the console by its name under /assets/, or undefined for any other name. */
export function consoleAsset(name: string): { body: Buffer; type: string } | undefined {
  const asset = Object.hasOwn(ASSETS, name) ? ASSETS[name] : undefined;
  if (!asset) return undefined;
  let hit = loaded.get(name);
  if (!hit) {
    hit = { body: readFileSync(require.resolve(asset.file)), type: asset.type };
    loaded.set(name, hit);
  }
  return hit;
}
