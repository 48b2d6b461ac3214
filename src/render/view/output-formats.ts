// The output formats: their file names inside a period's directory and their names for readers.

export type Format = 'html' | 'md' | 'json' | 'rss';

export const FILE_OF_FORMAT: Record<Format, string> = {
  html: 'digest.html',
  md: 'digest.md',
  json: 'digest.json',
  rss: 'digest.rss.xml',
};

export const FORMAT_NAMES: Record<Format, string> = { html: 'HTML', md: 'Markdown', json: 'JSON', rss: 'RSS' };

/** Links from the page to the other formats written this build. */
export function otherFormatLinks(formats: readonly Format[]) {
  return formats.filter((f) => f !== 'html').map((f) => ({ format: f, href: FILE_OF_FORMAT[f], label: FORMAT_NAMES[f] }));
}
