// An editors' note as the templates print it: vric's own HTML and Markdown renderings of it.
import type Handlebars from 'handlebars';
import { trustedHtml } from '../handlebars.js';
import { notesToHtml, notesToMarkdown } from '../markdown.js';

export interface NoteView {
  html: Handlebars.SafeString;
  markdown: Handlebars.SafeString;
}

/** An editors' note, or null when it holds nothing a reader would see (blank, only comments). */
export function noteView(markdown: string | undefined): NoteView | null {
  const html = notesToHtml(markdown ?? '');
  if (!html) return null;
  return { html: trustedHtml(html), markdown: trustedHtml(notesToMarkdown(markdown ?? '')) };
}
