// The editors' notes: a tiny Markdown subset parsed into a tree, then written out as HTML (for the
// page) or as Markdown again (for the CMS copy). Only what the tree can hold can come out, so
// raw HTML, images, code and non-http links in a note are printed as text or dropped, never
// passed through.
//
// Supported: paragraphs (blank-line separated), bullet lists (`-`, `*`, `+`), numbered lists
// (`1.`), **bold**, *italic* / _italic_, [links](https://…) and backslash escapes. HTML comments
// are removed.
import { escapeHtml, escapeMarkdown, markdownUrl, safeUrl } from './escape.js';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'strong' | 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'paragraph'; content: Inline[] }
  | { kind: 'list'; ordered: boolean; items: Inline[][] };

const BULLET = /^\s{0,3}[-*+]\s+(.*)$/;
const NUMBERED = /^\s{0,3}\d{1,9}[.)]\s+(.*)$/;

/** Split note text into paragraphs and lists. */
export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: { ordered: boolean; items: string[] } | null = null;

  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', content: parseInline(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', ordered: list.ordered, items: list.items.map(parseInline) });
    paragraph = [];
    list = null;
  };

  // HTML comments are editors' asides (<!-- source: … -->), not text for readers: drop them.
  const text = markdown.replace(/\r\n?/g, '\n').replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const bullet = BULLET.exec(raw);
    const numbered = bullet ? null : NUMBERED.exec(raw);
    const item = bullet ?? numbered;
    if (line === '') {
      flush();
    } else if (item) {
      const ordered = Boolean(numbered);
      if (paragraph.length || (list && list.ordered !== ordered)) flush();
      list ??= { ordered, items: [] };
      list.items.push(item[1] ?? '');
    } else if (list) {
      // A continuation line belongs to the last list item (lazy continuation).
      const last = list.items.length - 1;
      list.items[last] = `${list.items[last] ?? ''} ${line}`;
    } else {
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

const ESCAPABLE = /[\\`*_{}[\]()#+\-.!|~<>]/;

/** Inline spans. Unmatched markers stay as literal text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let buffer = '';
  const pushText = () => {
    if (buffer) out.push({ kind: 'text', text: buffer });
    buffer = '';
  };

  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    const next = text[i + 1] ?? '';
    if (c === '\\' && ESCAPABLE.test(next)) {
      buffer += next;
      i += 2;
      continue;
    }
    if ((c === '*' || c === '_') && next === c) {
      const end = text.indexOf(c + c, i + 2);
      if (end > i + 2) {
        pushText();
        out.push({ kind: 'strong', children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    } else if (c === '*' || c === '_') {
      const end = text.indexOf(c, i + 1);
      if (end > i + 1 && text[i + 1] !== ' ') {
        pushText();
        out.push({ kind: 'em', children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    } else if (c === '[') {
      // The destination may hold one level of balanced parentheses, as URLs sometimes do.
      const link = /^\[([^\]]*)\]\(\s*((?:[^()\s]|\([^()\s]*\))*)\s*\)/.exec(text.slice(i));
      if (link) {
        pushText();
        const children = parseInline(link[1] ?? '');
        const href = safeUrl(link[2]);
        // A link to anything but http(s) keeps its text and loses the link.
        if (href) out.push({ kind: 'link', href, children });
        else out.push(...children);
        i += link[0].length;
        continue;
      }
    }
    buffer += c;
    i += 1;
  }
  pushText();
  return out;
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
