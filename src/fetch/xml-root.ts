// Where a document's root element is, and what its start tag says, read without parsing:
// enough to tell a feed from an HTML page or an OPML file before the parser runs.

export interface RootInfo {
  name: string;
  attrs: string;
}

/** The document element's start tag, skipping the declaration, comments, PIs and the DOCTYPE. */
export function findRoot(text: string): RootInfo | undefined {
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && /[\s\uFEFF]/.test(text[i]!)) i++;
    if (text.startsWith('<?', i)) {
      const end = text.indexOf('?>', i);
      if (end < 0) return undefined;
      i = end + 2;
    } else if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i);
      if (end < 0) return undefined;
      i = end + 3;
    } else if (/^<!DOCTYPE/i.test(text.slice(i, i + 9))) {
      const m = /^<!DOCTYPE\s[^[>]*(\[[\s\S]*?\]\s*)?>/i.exec(text.slice(i));
      i += m ? m[0].length : 9;
    } else break;
  }
  const m = /^<([A-Za-z_][\w.:-]*)([^>]*)>/.exec(text.slice(i, i + 65536));
  return m ? { name: m[1]!, attrs: m[2]! } : undefined;
}

export function attr(attrs: string, name: string): string | undefined {
  const re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, '\\$&')}\\s*=\\s*(["'])([^"']*)\\1`);
  return re.exec(attrs)?.[2];
}

