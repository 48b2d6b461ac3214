// out/index.html: every period built into the out directory, newest first. It is rebuilt from
// the digest.json files on disk (not from memory), so it also lists periods built by earlier runs.
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { oneLine } from '../core/text.js';
import { formatDate, label, localPeriodLabel, percent, type Locale } from './locale.js';
import { FILE_OF_FORMAT, FORMAT_NAMES, type Format } from './view/output-formats.js';

export interface IndexRow {
  dir: string;
  from: string;
  to: string;
  generatedAt: string;
}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

async function exists(file: string): Promise<boolean> {
  return stat(file).then((s) => s.isFile(), () => false);
}

/** The fields of a digest.json the index shows. */
interface IndexedDigest {
  period?: { from?: unknown; to?: unknown };
  generatedAt?: unknown;
  stats?: { total?: unknown; stateShare?: unknown };
}

/** What this build writes, given from memory (the files are moved into place with the index). */
export interface WrittenDigest {
  dir: string;
  formats: readonly Format[];
  /** The digest.json's value, when the build writes one. */
  digest?: IndexedDigest;
}

/** Read one out/<dir>/digest.json; anything unreadable or not shaped like a digest is skipped. */
async function readEntry(outDir: string, dir: string, locale: Locale, written?: WrittenDigest) {
  let digest: IndexedDigest;
  if (written?.digest && written.dir === dir) digest = written.digest;
  else {
    try {
      digest = JSON.parse(await readFile(path.join(outDir, dir, FILE_OF_FORMAT.json), 'utf8')) as IndexedDigest;
    } catch {
      return null;
    }
  }
  const from = digest?.period?.from;
  const to = digest?.period?.to;
  if (typeof from !== 'string' || typeof to !== 'string' || !MONTH.test(from) || !MONTH.test(to)) return null;
  const generatedAt = typeof digest.generatedAt === 'string' ? digest.generatedAt : '';
  const total = typeof digest.stats?.total === 'number' ? digest.stats.total : 0;
  // An empty digest (written only with --allow-empty) is never offered to readers as an edition.
  if (total === 0) return null;
  const formats: { format: string; href: string; label: string }[] = [];
  for (const f of ['html', 'md', 'rss', 'json'] as Format[]) {
    if ((written?.dir === dir && written.formats.includes(f)) || (await exists(path.join(outDir, dir, FILE_OF_FORMAT[f])))) {
      formats.push({ format: f, href: `${encodeURIComponent(dir)}/${FILE_OF_FORMAT[f]}`, label: FORMAT_NAMES[f] });
    }
  }
  const html = formats.find((f) => f.format === 'html');
  return {
    dir: oneLine(dir),
    from,
    to,
    generatedAt,
    periodLabel: localPeriodLabel({ from, to }, locale),
    href: html ? html.href : null,
    total,
    stateShareText: percent(digest.stats?.stateShare, locale),
    generatedText: formatDate(generatedAt, locale, true),
    formats,
  };
}

/** Newest first: by last month, then by first month (a month before the quarter ending with it). */
export function compareNewestFirst(a: IndexRow, b: IndexRow): number {
  return b.to.localeCompare(a.to) || b.from.localeCompare(a.from) || b.generatedAt.localeCompare(a.generatedAt) || a.dir.localeCompare(b.dir);
}

export async function buildIndexView(outDir: string, locale: Locale, written?: WrittenDigest) {
  const dirs = await readdir(outDir, { withFileTypes: true }).catch(() => []);
  const rows = [];
  // A period built for the first time is not on disk yet.
  if (written && !dirs.some((d) => d.name === written.dir)) {
    const row = await readEntry(outDir, written.dir, locale, written);
    if (row) rows.push(row);
  }
  for (const d of dirs) {
    // A folder starting with a dot is never a period (a build's staging folder, .git).
    if (!d.isDirectory() || d.name.startsWith('.')) continue;
    const row = await readEntry(outDir, d.name, locale, written);
    if (row) rows.push(row);
  }
  rows.sort(compareNewestFirst);
  return {
    lang: locale.lang,
    labels: locale.labels,
    title: label(locale.labels, 'indexTitle'),
    digests: rows,
  };
}
