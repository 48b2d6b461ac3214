// HTML to plain text in one streaming pass: htmlparser2's tokenizer, no DOM, no element stack.
// Feeds carry tens of thousands of titles and summaries a run, and building a document for each
// was the largest cost of a fetch. htmlparser2's Parser is not used: it keeps open elements in an
// array it unshifts and searches on every end tag, so a summary of thousands of unclosed '<a>'
// followed by as many stray '</b>' cost n^2. Text needs no tree: a counter of open hidden
// elements and a space at every block edge are all we keep.
import { Tokenizer } from 'htmlparser2';

/** Elements whose content is never text a reader sees. */
const HIDDEN = new Set(['script', 'style', 'noscript', 'template', 'head', 'title']);
/** Elements that separate words: their edges become spaces. */
const BLOCK = new Set([
  'p', 'br', 'div', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'tr', 'td', 'th', 'blockquote',
  'section', 'article', 'header', 'footer', 'figure', 'figcaption', 'hr', 'img', 'table', 'dd', 'dt',
]);

/** Text content of an HTML fragment, entities decoded; blocks are separated by spaces. */
export function htmlToText(html: string): string {
  const out: string[] = [];
  let hidden = 0;
  const tagName = (start: number, end: number) => html.slice(start, end).toLowerCase();
  const ignore = () => {};
  const tokenizer = new Tokenizer(
    { xmlMode: false, decodeEntities: true },
    {
      onopentagname(start, end) {
        const name = tagName(start, end);
        if (HIDDEN.has(name)) hidden++;
        else if (BLOCK.has(name)) out.push(' ');
      },
      onclosetag(start, end) {
        const name = tagName(start, end);
        if (HIDDEN.has(name)) hidden = Math.max(0, hidden - 1);
        else if (BLOCK.has(name)) out.push(' ');
      },
      ontext(start, end) {
        if (!hidden) out.push(html.slice(start, end));
      },
      ontextentity(codepoint) {
        if (!hidden) out.push(String.fromCodePoint(codepoint));
      },
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onopentagend: ignore,
      onprocessinginstruction: ignore,
      onselfclosingtag: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  return out.join('');
}
