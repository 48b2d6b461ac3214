// HTML to plain text in one streaming pass (htmlparser2): no DOM, no selectors. Feeds carry tens
// of thousands of titles and summaries a run, and building a document for each was the largest
// cost of a fetch.
import { Parser } from 'htmlparser2';

/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);
/** Elements that separate words: their edges become spaces. */
const BLOCK = new Set([
  'p', 'br', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'blockquote',
  'section', 'article', 'header', 'footer', 'figure', 'figcaption', 'hr', 'img', 'table', 'dd', 'dt',
]);

/** Text content of an HTML fragment, entities decoded; blocks are separated by spaces. */
export function htmlToText(html: string): string {
  let out = '';
  let hidden = 0;
  const parser = new Parser(
    {
      onopentagname(name) {
        if (HIDDEN.has(name)) hidden++;
        else if (BLOCK.has(name)) out += ' ';
      },
      onclosetag(name, implied) {
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK.has(name) && !implied) out += ' ';
      },
      ontext(text) {
        if (!hidden) out += text;
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
  return out;
}
