// renderDigest: a finished Digest in, the files people read out. Reads as the steps it takes:
// locale → templates → view → render every format and the index in memory → write them all, or none.
import path from 'node:path';
import { storageError, usageError } from '../core/errors.js';
import type { Digest } from '../core/digest-types.js';
import type { AuditFigures } from '../audit/failing.js';
import { digestMix } from '../audit/mix.js';
import { createEnv } from './handlebars.js';
import { buildIndexView } from './index-page.js';
import { LANGS, loadLocale, type Lang } from './locale.js';
import { bundledTemplatesDir, loadTemplates, type TemplateSet } from './templates.js';
import { buildDigestView, type DigestView } from './view/digest-view.js';
import { noteViews } from './view/note-view.js';
import { FILE_OF_FORMAT, type Format } from './view/output-formats.js';
import { writeEdition } from './write.js';

export interface RenderOptions {
  outDir: string;
  formats: ('html' | 'md' | 'json' | 'rss')[];
  /** User directory overriding any template, partial or locale file by its path in templates/. */
  templatesDir?: string;
  lang?: 'en' | 'es' | 'pt';
  /** Raw Markdown per section id or 'overview' (see loadNotes). */
  notes?: Record<string, string>;
  /** Public base URL of the out directory, for absolute links in RSS. */
  siteUrl?: string;
  /** The period's audit: digest.json carries it, and the page's source mix is its `after` counts. */
  audit?: AuditFigures;
}

const FORMATS: readonly Format[] = ['html', 'md', 'json', 'rss'];

/** A period slug becomes a directory name: it must be one plain path segment. */
function periodDir(outDir: string, slug: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(slug) || slug.includes('..')) {
    throw usageError(`period slug "${slug}" cannot be used as a directory name`);
  }
  return path.join(outDir, slug);
}

function renderFormat(format: Format, digest: Digest, view: DigestView, templates: TemplateSet, audit: AuditFigures | undefined): string {
  switch (format) {
    case 'json':
      // Written straight from the Digest, not through a template: it is the data contract.
      return `${JSON.stringify(audit ? { ...digest, audit } : digest, null, 2)}\n`;
    case 'html':
      return templates.html(view);
    case 'md':
      return templates.md(view);
    case 'rss':
      return templates.rss(view);
  }
}

export async function renderDigest(digest: Digest, opts: RenderOptions): Promise<{ files: string[]; dir: string }> {
  const lang: Lang = opts.lang ?? 'en';
  if (!LANGS.includes(lang)) throw usageError(`unknown language "${String(lang)}": use en, es or pt`);
  const unknown = opts.formats.filter((f) => !FORMATS.includes(f));
  if (unknown.length) throw usageError(`unknown format ${unknown.join(', ')}: use html, md, json or rss`);
  const formats = [...new Set(opts.formats)];
  const dir = periodDir(opts.outDir, digest.period.slug);

  const { locale, templates, view } = await prepare(digest, lang, formats, opts);

  // Render everything before writing anything: a template failing at render time leaves the
  // previous files of this period untouched.
  const outputs = formats.map((f) => ({ name: path.join(digest.period.slug, FILE_OF_FORMAT[f]), content: renderFormat(f, digest, view, templates, opts.audit) }));
  // The index is made before the files are in place: what this build writes is given from memory
  // (the digest.json need not be read back, megabytes for a large period, and is not on disk yet).
  const written = { dir: digest.period.slug, formats, ...(formats.includes('json') ? { digest } : {}) };
  const index = { name: 'index.html', content: templates.index(await buildIndexView(opts.outDir, locale, written)) };
  try {
    const files = await writeEdition(opts.outDir, [...outputs, index]);
    return { files, dir };
  } catch (e) {
    throw storageError(`cannot write the ${digest.period.label} edition to ${opts.outDir}; the files already there are unchanged`, e);
  }
}

/** Locale, templates and the view model: what every format of an edition is printed from. */
async function prepare(digest: Digest, lang: Lang, formats: Format[], opts: Omit<RenderOptions, 'outDir' | 'formats'>) {
  const locale = await loadLocale(lang, bundledTemplatesDir(), opts.templatesDir);
  const templates = await loadTemplates(createEnv(locale), opts.templatesDir);
  const mix = opts.audit?.after ?? digestMix(digest);
  const notes = await noteViews(opts.notes);
  const view = buildDigestView(digest, locale, { formats, mix, notes, siteUrl: opts.siteUrl });
  return { locale, templates, view };
}

/** The edition's page exactly as `vric build` writes digest.html, in memory: the desk's preview. */
export async function editionHtml(digest: Digest, opts: Omit<RenderOptions, 'outDir' | 'formats'>): Promise<string> {
  const lang: Lang = opts.lang ?? 'en';
  const { templates, view } = await prepare(digest, lang, ['html', 'md', 'json', 'rss'], opts);
  return templates.html(view);
}

export { loadNotes, splitNotes } from './notes.js';
