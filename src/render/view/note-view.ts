// The editors' notes as the templates print them: vric's own HTML and Markdown renderings of each.
// The Markdown parser (markdown-it, ~30 ms to load) is loaded only for a build that has notes.
import type Handlebars from 'handlebars';
import { trustedHtml } from '../handlebars.js';

export interface NoteView {
  html: Handlebars.SafeString;
  markdown: Handlebars.SafeString;
}

/** Raw Markdown per section id or 'overview' → its note; a note holding nothing a reader would see (blank, only comments) is left out. */
export async function noteViews(notes: Record<string, string> = {}): Promise<Record<string, NoteView>> {
  const texts = Object.entries(notes).filter(([, text]) => text.trim() !== '');
  if (texts.length === 0) return {};
  const { notesToHtml, notesToMarkdown } = await import('../markdown.js');
  const views: Record<string, NoteView> = {};
  for (const [key, text] of texts) {
    const html = notesToHtml(text);
    if (html) views[key] = { html: trustedHtml(html), markdown: trustedHtml(notesToMarkdown(text)) };
  }
  return views;
}
