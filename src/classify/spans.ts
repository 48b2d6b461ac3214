// Asking "which hits cover this one?" without comparing every pair of hits. Comparing all pairs
// made one long text (a title of 256 K characters) cost seconds, growing with the square of its
// length; a build must not hang on one such item, wherever it came from.
import type { Hit } from './evidence.js';

/**
 * Hits bucketed by field and first token. A hit that covers another starts in the same field at
 * most `longest - 1` tokens before it, so a question looks at a few buckets (lexicon phrases are
 * a few words long), whatever the length of the text.
 */
export class SpanIndex {
  private readonly byStart = new Map<string, Map<number, Hit[]>>();
  private longest = 0;

  constructor(hits: Iterable<Hit>) {
    for (const h of hits) {
      let field = this.byStart.get(h.field);
      if (!field) this.byStart.set(h.field, (field = new Map()));
      const list = field.get(h.start);
      if (list) list.push(h);
      else field.set(h.start, [h]);
      this.longest = Math.max(this.longest, h.end - h.start);
    }
  }

  /** True when a hit of this index, in inner's field and starting at or before it, passes the test. */
  some(inner: Hit, test: (outer: Hit) => boolean): boolean {
    const field = this.byStart.get(inner.field);
    if (!field) return false;
    for (let s = inner.start; s >= 0 && s > inner.start - this.longest; s--) {
      for (const o of field.get(s) ?? []) if (test(o)) return true;
    }
    return false;
  }
}
