// The editors' notes: parsed by markdown-it (CommonMark) into a small tree, then written out as
// HTML (for the page) or as Markdown again (for the CMS copy). markdown-it only parses here; its
// own HTML renderer is not used. Only what the tree can hold can come out, so raw HTML, images,
// code and non-http links in a note are printed as text, never passed through.
//
// Supported (markdown-it's "zero" preset plus these rules): paragraphs, bullet and numbered lists
// (nested items are listed at the outer level, as one flat list), **strong**, *emphasis* /
// _emphasis_, [links](https://…) to http(s) only, backslash escapes. Everything else (headings,
// which the notes file uses to split sections, quotes, code, images, autolinks, entities, HTML)
// stays literal text. HTML comments are removed first: they are editors' asides.
import MarkdownIt, { type Token } from 'markdown-it';
import { escapeHtml, escapeMarkdown, markdownUrl, safeUrl } from './escape.js';


export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const parser = new MarkdownIt('zero', { html: false, linkify: false, typographer: false })
  .enable(['list', 'emphasis', 'link', 'escape', 'newline']);
// The one gate for link destinations: markdown-it does not form a link whose target fails it
// (the note's text stays as written, escaped), so `javascript:`, `data:` and relative links
// never reach the tree.
parser.validateLink = (url) => safeUrl(url) !== null;

/** A note's inline tokens as tree nodes; a line break inside a paragraph is a space. */
function inlineNodes(tokens: Token[]): Inline[] {
  const root: Inline[] = [];
  const stack: Inline[][] = [root];
  const top = () => stack[stack.length - 1] ?? root;
  const pushText = (text: string) => {
    const list = top();
    const last = list[list.length - 1];
    if (last?.kind === 'text') last.text += text;
    else if (text) list.push({ kind: 'text', text });
  };
  for (const t of tokens) {
    switch (t.type) {
      case 'text':
        pushText(t.content);
        break;
      case 'softbreak':
      case 'hardbreak':
        pushText(' ');
        break;
      case 'strong_open':
      case 'em_open':
      case 'link_open': {
        const node: Inline & { children: Inline[] } =
          t.type === 'link_open'
            ? { kind: 'link', href: safeUrl(t.attrGet('href')) ?? '', children: [] }
            : { kind: t.type === 'strong_open' ? 'strong' : 'em', children: [] };
        top().push(node);
        stack.push(node.children);
        break;
      }
      case 'strong_close':
      case 'em_close':
      case 'link_close':
        stack.pop();
        break;
      default:
        // Only the rules enabled above can make tokens; anything else keeps its source text.
        pushText(t.content);
    }
  }
  return root;
}

/** Split note text into paragraphs and (flat) lists. */
export function parseBlocks(markdown: string): Block[] {
  const text = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  const blocks: Block[] = [];
  let list: { kind: 'list'; ordered: boolean; items: Inline[][] } | null = null;
  let depth = 0;
  for (const t of parser.parse(text, {})) {
    if (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') {
      if (depth++ === 0) blocks.push((list = { kind: 'list', ordered: t.type === 'ordered_list_open', items: [] }));
    } else if (t.type === 'bullet_list_close' || t.type === 'ordered_list_close') {
      if (--depth === 0) list = null;
    } else if (t.type === 'list_item_open') {
      list?.items.push([]);
    } else if (t.type === 'inline') {
      const nodes = inlineNodes(t.children ?? []);
      // Text inside a list belongs to the item opened last; the paragraphs of one (loose) item
      // run on in it, a space apart.
      const item = list?.items[list.items.length - 1];
      if (item) item.push(...(item.length && nodes.length ? [{ kind: 'text' as const, text: ' ' }] : []), ...nodes);
      else blocks.push({ kind: 'paragraph', content: nodes });
    }
  }
  return blocks.filter((b) => (b.kind === 'paragraph' ? b.content.length > 0 : b.items.length > 0));
}

/** How one output format writes each kind of inline node; `inner` is the children, already written. */
interface InlineWriter {
  text(text: string): string;
  strong(inner: string): string;
  em(inner: string): string;
  link(href: string, inner: string): string;
}

function writeInline(nodes: Inline[], w: InlineWriter): string {
  return nodes
    .map((n) => {
      if (n.kind === 'text') return w.text(n.text);
      const inner = writeInline(n.children, w);
      return n.kind === 'link' ? w.link(n.href, inner) : w[n.kind](inner);
    })
    .join('');
}

const HTML_WRITER: InlineWriter = {
  text: escapeHtml,
  strong: (inner) => `<strong>${inner}</strong>`,
  em: (inner) => `<em>${inner}</em>`,
  link: (href, inner) => `<a href="${escapeHtml(href)}" rel="noopener noreferrer">${inner}</a>`,
};

const MARKDOWN_WRITER: InlineWriter = {
  text: escapeMarkdown,
  strong: (inner) => `**${inner}**`,
  em: (inner) => `*${inner}*`,
  link: (href, inner) => `[${inner}](${markdownUrl(href) ?? ''})`,
};

const inlineHtml = (nodes: Inline[]) => writeInline(nodes, HTML_WRITER);
const inlineMarkdown = (nodes: Inline[]) => writeInline(nodes, MARKDOWN_WRITER);

/** Safe HTML for a note: every character of text is escaped; only the tags above are made. */
export function notesToHtml(markdown: string): string {
  return parseBlocks(markdown)
    .map((b) => {
      if (b.kind === 'paragraph') return `<p>${inlineHtml(b.content)}</p>`;
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
    })
    .join('\n');
}

/** The same note as normalised Markdown, with any raw HTML or unsafe link neutralised. */
export function notesToMarkdown(markdown: string): string {
  return parseBlocks(markdown)
    .map((b) => {
      if (b.kind === 'paragraph') return inlineMarkdown(b.content);
      return b.items.map((item, n) => `${b.ordered ? `${n + 1}.` : '-'} ${inlineMarkdown(item)}`).join('\n');
    })
    .join('\n\n');
}
