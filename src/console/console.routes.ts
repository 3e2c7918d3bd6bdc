import express, { type Express, type Response } from 'express';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Config } from '../config.ts';
import { REORDER_SETTINGS } from '../reorder/reorder-settings.ts';

/**
 * The web console: static ES modules from `public/` (no build step) and the browser libraries
 * they import, served straight from node_modules at fixed paths that the page's import map names,
 * so `npm install && npm start` serves it with nothing else to run.
 */
const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const require = createRequire(import.meta.url);

/** URL prefix under /vendor → the package whose folder it serves. */
const VENDOR_PACKAGES = [
  'preact',
  'htm',
  'leaflet',
  'chart.js',
  '@kurkle/color',
  'chartjs-chart-error-bars',
] as const;

function packageDir(name: string): string {
  // Not every package exports ./package.json; resolving its main entry and walking up to the
  // folder named after it works for all of these.
  const entry = require.resolve(name);
  const marker = `${path.sep}node_modules${path.sep}${name.split('/').join(path.sep)}${path.sep}`;
  const at = entry.lastIndexOf(marker);
  if (at < 0) throw new Error(`cannot find the folder of package ${name} from ${entry}`);
  return entry.slice(0, at + marker.length);
}

/** What the console needs to know from the server's configuration (no secrets). */
export function consoleSettings(config: Config) {
  return {
    tileUrl: config.CONSOLE_TILE_URL ?? null,
    /** Times are shown in the service's calendar zone, wherever the browser is. */
    timeZone: config.TIME_ZONE,
    coverage: {
      promiseMinutes: 240,
      handlingMinutes: REORDER_SETTINGS.handlingMinutes,
      roadCircuity: REORDER_SETTINGS.roadCircuity,
      roadSpeedKmh: REORDER_SETTINGS.roadSpeedKmh,
    },
  };
}

const CSP_HEADERS = ['Content-Security-Policy', 'Content-Security-Policy-Report-Only'];

/**
 * The page's import map is an inline script (browsers take no external one), which a
 * Content-Security-Policy of `script-src 'self'` blocks. The page is served with the map's hash
 * added to whatever script-src the policy already has, so the policy stays as strict otherwise.
 */
function indexPage(): { html: string; importMapHash: string } {
  const html = readFileSync(path.join(publicDir, 'index.html'), 'utf8');
  const importMap = /<script type="importmap">([\s\S]*?)<\/script>/.exec(html);
  if (!importMap) throw new Error('the console page has no import map');
  const digest = createHash('sha256').update(importMap[1]!, 'utf8').digest('base64');
  return { html, importMapHash: `'sha256-${digest}'` };
}

function allowImportMap(res: Response, hash: string): void {
  for (const header of CSP_HEADERS) {
    const policy = res.getHeader(header);
    if (typeof policy !== 'string') continue;
    const withHash = /(^|;)\s*script-src\s/.test(policy)
      ? policy.replace(/((?:^|;)\s*script-src)\s/, `$1 ${hash} `)
      : `${policy}; script-src 'self' ${hash}`;
    res.setHeader(header, withHash);
  }
}

export function mountConsole(app: Express, config: Config): void {
  const settings = consoleSettings(config);
  const page = indexPage();
  app.get(['/', '/index.html'], (_req, res) => {
    allowImportMap(res, page.importMapHash);
    res.type('html').set('Cache-Control', 'no-cache').send(page.html);
  });
  app.get('/console-settings.json', (_req, res) => {
    res.json(settings);
  });
  for (const name of VENDOR_PACKAGES) {
    app.use(`/vendor/${name}`, express.static(packageDir(name), { fallthrough: false, index: false }));
  }
  app.use(express.static(publicDir, { index: false }));
}
