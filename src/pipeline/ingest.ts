// Collection's CPU step: the fetch stage turns bytes into items (processBody), and each item is
// labelled as it arrives (labels.ts), so builds and audits read labels instead of classifying a
// whole period again. In a big run it happens in the parsing worker threads, off the thread that
// keeps downloads going; the classifier costs about a fifth of the parsing there.
import type { LexiconOverrides } from '../classify/classify.js';
import type { FeedItem } from '../core/item-types.js';
import type { ProcessFn, Processor } from '../fetch/pool.js';

/** `process`, then `label` on the items it found. */
export function withLabels(process: ProcessFn, label: (items: FeedItem[]) => void): ProcessFn {
  return async (...args) => {
    const r = await process(...args);
    if ('items' in r) label(r.items);
    return r;
  };
}

/** The processor `vric fetch` uses: processBody plus labelling, in workers when the run is big. */
export function ingestProcessor(overrides?: LexiconOverrides): Processor {
  let inline: ProcessFn | undefined;
  return {
    // Inline, the parser and classifier load on first use: when workers do the work, the main
    // thread never needs them.
    inline: async (...args) => {
      if (!inline) {
        const [{ processBody }, { itemLabeller }] = await Promise.all([import('../fetch/process.js'), import('./labels.js')]);
        inline = withLabels(processBody, itemLabeller(overrides));
      }
      return inline(...args);
    },
    worker: { url: new URL('./ingest-worker.js', import.meta.url), data: { overrides } },
  };
}
