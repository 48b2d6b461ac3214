// Editors' notes: one optional Markdown file per period (by convention notes/<period-slug>.md),
// split by `## <Section>` headings into raw Markdown per section id or 'overview'.
import { readFileSync } from 'node:fs';
import { usageError } from '../core/errors.js';
import { SECTIONS } from '../core/vocabulary.js';
import { foldAccents } from '../core/text.js';

export const NOTE_KEYS = ['overview', ...SECTIONS] as const;
export type NoteKey = (typeof NOTE_KEYS)[number];

/**
 * Heading names accepted in en, es and pt, compared without case or accents. They are parsing
 * vocabulary rather than display labels, so they live here and not in the locale files.
 */
const HEADINGS: Record<NoteKey, string[]> = {
  overview: ['overview', 'resumen', 'panorama', 'panorama general', 'visión general', 'visao geral', 'resumo'],
  venezuela: ['venezuela'],
  russia: ['russia', 'rusia', 'russia in lac', 'rusia en alc', 'russia na alc', 'rússia'],
  iran: ['iran', 'irán', 'irã', 'irao'],
  china: ['china'],
  'medical-diplomacy': [
    'medical diplomacy',
    'diplomacia médica',
    'diplomacia medica',
    'vric medical diplomacy',
    'diplomacia médica vric',
  ],
};

const fold = (s: string) =>
  foldAccents(s).toLowerCase().replace(/\s+/g, ' ').trim();

const KEY_OF_HEADING = new Map<string, NoteKey>(
  NOTE_KEYS.flatMap((key) => HEADINGS[key].map((h) => [fold(h), key] as [string, NoteKey])),
);

/**
 * Split a notes file into raw Markdown per section. Text before the first `##` heading counts as
 * the overview; a `# Title` line is ignored. An unknown `##` heading is an error naming the line,
 * so a misspelt section does not silently vanish from the digest.
 */
export function splitNotes(text: string, fileName = 'notes'): Partial<Record<NoteKey, string>> {
  const parts: Partial<Record<NoteKey, string[]>> = {};
  let current: NoteKey = 'overview';
  text.replace(/\r\n?/g, '\n').split('\n').forEach((line, index) => {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      const key = KEY_OF_HEADING.get(fold(heading[1] ?? ''));
      if (!key) {
        throw usageError(
          `${fileName}:${index + 1}: unknown notes heading "## ${heading[1]}"; use one of: ` +
            'Overview, Venezuela, Russia, Iran, China, Medical diplomacy (or their Spanish or Portuguese names)',
        );
      }
      current = key;
      return;
    }
    if (/^#\s/.test(line)) return;
    (parts[current] ??= []).push(line);
  });
  const notes: Partial<Record<NoteKey, string>> = {};
  for (const key of NOTE_KEYS) {
    const body = parts[key]?.join('\n').trim();
    if (body) notes[key] = body;
  }
  return notes;
}

/**
 * Read and split a notes file; a file that does not exist means no notes. Synchronous on
 * purpose: one small file read once per build, at the edge, before rendering starts.
 */
export function loadNotes(file: string): Record<string, string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw usageError(`cannot read the notes file ${file}: ${(e as Error).message}`);
  }
  return splitNotes(text, file);
}
