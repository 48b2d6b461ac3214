// Finding and compiling templates: the bundled set in templates/, with a user directory
// (--templates) overriding any template, partial or locale file by its path inside the set.
import { readFileSync } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { usageError } from '../core/errors.js';
import { compileTemplateFile, type Env, type Template } from './handlebars.js';

/**
 * templates/ at the package root. Resolved from this module's own URL, which is two levels
 * below the root both as src/render/templates.ts (vitest) and as dist/render/templates.js (tsc).
 */
export function bundledTemplatesDir(): string {
  return fileURLToPath(new URL('../../templates/', import.meta.url));
}

export const MAIN_TEMPLATES = {
  html: 'digest.html.hbs',
  md: 'digest.md.hbs',
  rss: 'digest.rss.hbs',
  index: 'index.html.hbs',
} as const;
export type MainTemplate = keyof typeof MAIN_TEMPLATES;

export type TemplateSet = Record<MainTemplate, Template>;

async function isDir(dir: string): Promise<boolean> {
  return stat(dir).then((s) => s.isDirectory(), () => false);
}

async function hbsFiles(dir: string): Promise<string[]> {
  if (!(await isDir(dir))) return [];
  return (await readdir(dir)).filter((f) => f.endsWith('.hbs')).sort();
}

/** The file to use for a path inside the set: the user's if present, else the bundled one. */
async function resolve(rel: string, bundled: string, user?: string): Promise<string> {
  for (const root of user ? [user, bundled] : [bundled]) {
    const file = path.join(root, rel);
    if (await stat(file).then((s) => s.isFile(), () => false)) return file;
  }
  throw usageError(
    `template ${rel} not found in ${user ? `${user} or ` : ''}${bundled}`,
  );
}

async function compileFile(hb: Env, file: string): Promise<Template> {
  return compileTemplateFile(hb, file, () => {
    try {
      return readFileSync(file, 'utf8');
    } catch (e) {
      throw usageError(`cannot read template ${file}: ${(e as Error).message}`);
    }
  });
}

/**
 * Register every partial (bundled and user, the user's winning by name) and compile the main
 * templates. Everything is compiled before anything is rendered, so a broken override stops the
 * build before a single file is written.
 */
export async function loadTemplates(hb: Env, userDir?: string): Promise<TemplateSet> {
  const bundled = bundledTemplatesDir();
  if (userDir !== undefined && !(await isDir(userDir))) {
    throw usageError(`templates directory ${userDir} does not exist`);
  }
  const partialNames = new Set([
    ...(await hbsFiles(path.join(bundled, 'partials'))),
    ...(userDir ? await hbsFiles(path.join(userDir, 'partials')) : []),
  ]);
  for (const name of partialNames) {
    const file = await resolve(path.join('partials', name), bundled, userDir);
    hb.registerPartial(name.replace(/\.hbs$/, ''), await compileFile(hb, file));
  }
  const set: Partial<TemplateSet> = {};
  for (const [key, rel] of Object.entries(MAIN_TEMPLATES) as [MainTemplate, string][]) {
    set[key] = await compileFile(hb, await resolve(rel, bundled, userDir));
  }
  return set as TemplateSet;
}
