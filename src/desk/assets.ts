// What the desk serves besides its pages, and the page template: all from templates/desk/, read
// once when the desk starts, so a request never touches the disk and nothing comes from elsewhere.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createEnv, compileTemplateFile, type Template } from '../render/handlebars.js';
import { loadLocale } from '../render/locale.js';
import { bundledTemplatesDir } from '../render/templates.js';

export interface Asset {
  type: string;
  body: Buffer;
}

export interface DeskAssets {
  periodPage: Template;
  /** By request path: /desk.css, /desk.js. */
  files: Map<string, Asset>;
}

export async function loadDeskAssets(): Promise<DeskAssets> {
  const dir = path.join(bundledTemplatesDir(), 'desk');
  // The desk's pages use the digest's Handlebars environment: strict, vric's helpers only, no
  // prototype access; the locale is only what that environment needs to be made.
  const hb = createEnv(await loadLocale('en', bundledTemplatesDir()));
  const file = path.join(dir, 'period.html.hbs');
  const periodPage = compileTemplateFile(hb, file, () => readFileSync(file, 'utf8'));
  const files = new Map<string, Asset>([
    ['/desk.css', { type: 'text/css; charset=utf-8', body: readFileSync(path.join(dir, 'desk.css')) }],
    ['/desk.js', { type: 'text/javascript; charset=utf-8', body: readFileSync(path.join(dir, 'desk.js')) }],
  ]);
  return { periodPage, files };
}
