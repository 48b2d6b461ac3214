// A YAML file read with its positions: the plain data a schema checks, and the way back from a
// path in that data (["sources", 3, "url"]) to the line it was written on. sources.yaml and the
// editors' overrides.yaml both go through here, so every message names `file:line` the same way.
import type { Document, LineCounter, Node } from 'yaml';
import { yamlModule } from '../core/lazy-yaml.js';

export type DataPath = readonly (string | number)[];

export interface PositionedYaml {
  /** The document as plain values (maps are objects, sequences arrays). */
  data: unknown;
  /** The line of the value at `path`, or of its nearest ancestor that exists (a missing key: its mapping). */
  lineOf(path: DataPath): number | undefined;
  /** The line of the key at the end of `path` (an unknown key is reported where it is written). */
  keyLineOf(path: DataPath): number | undefined;
  /** The scalar at `path` as written (`id: 007` is "007", not 7), when it is a scalar. */
  writtenAt(path: DataPath): string | undefined;
}

/** The first syntax error of a file: `line` and the parser's one-line message. */
export interface YamlSyntaxError {
  line: number | undefined;
  message: string;
}

/**
 * Parses `text`. A file that is not valid YAML gives only its first error: after one tab or one
 * unclosed bracket the parser also reports the lines it can no longer place (17 lines for one tab
 * before a source of the bundled sources.yaml), and only the first says what to fix.
 */
export function parsePositioned(text: string): { yaml: PositionedYaml } | { error: YamlSyntaxError } {
  const Y = yamlModule();
  const lines = new Y.LineCounter();
  const doc = Y.parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const first = doc.errors[0];
  if (first) {
    const message = first.message.split('\n')[0] ?? 'invalid YAML';
    const tab = first.code === 'TAB_AS_INDENT' ? ' (indent with spaces)' : '';
    return { error: { line: lines.linePos(first.pos[0]).line || undefined, message: message + tab } };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    // An alias bomb (aliases of aliases, expanding past any sane size) is refused, not expanded.
    return { error: { line: undefined, message: (e as Error).message } };
  }
  return { yaml: positioned(doc, lines, data) };
}

function positioned(doc: Document, lines: LineCounter, data: unknown): PositionedYaml {
  const Y = yamlModule();
  const lineAt = (node: Node | null | undefined) => {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : lines.linePos(offset).line;
  };
  /** The nodes along `path`: the value node and key node of each step, as far as the path exists. */
  const walk = (path: DataPath) => {
    let node = doc.contents as Node | null;
    let key: Node | undefined;
    let last = node;
    for (const step of path) {
      key = undefined;
      if (Y.isAlias(node)) node = node.resolve(doc) as Node | null;
      if (Y.isMap(node)) {
        const pair = node.items.find((p) => String(Y.isScalar(p.key) ? p.key.value : p.key) === String(step));
        if (!pair) return { value: last, key: undefined, complete: false };
        key = pair.key as Node;
        node = pair.value as Node | null;
      } else if (Y.isSeq(node) && typeof step === 'number') {
        node = node.items[step] as Node | null;
      } else return { value: last, key: undefined, complete: false };
      // A key with nothing after it (`policy:`) has no value node: point at the key.
      last = node ?? key ?? last;
    }
    return { value: last, key, complete: true };
  };
  return {
    data,
    lineOf: (path) => lineAt(walk(path).value),
    keyLineOf: (path) => {
      const w = walk(path);
      return lineAt(w.key ?? w.value);
    },
    writtenAt: (path) => {
      const w = walk(path);
      return w.complete && Y.isScalar(w.value) && w.value.source !== undefined ? String(w.value.source) : undefined;
    },
  };
}
