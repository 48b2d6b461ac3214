// The classifier's cost grows with the length of its text, not with its square. Every entry path
// caps titles and summaries, but a build must still not hang on one long text: a 256 K-character
// title took 3.4 s, 512 K 12.9 s, when every hit was compared with every other.
// A timing test on a shared machine: best of several runs, sizes where the smaller run takes tens
// of milliseconds, and 4x the text allowed 8x the time (quadratic work gives 16x).
import { describe, expect, it } from 'vitest';
import { label } from './helpers.js';

/** Words that fire actors, places, themes, traps and quotes, in a fixed order: dense evidence. */
const WORDS = ['Venezuela', 'Maduro', 'China', 'Rusia', 'Cuba', 'el', 'de', 'petróleo', '"dijo"', 'sanciones', 'Irán', 'Brasil', 'Lula', 'Xi', 'Putin', 'Ucrania', 'salud', 'vacunas', 'in', 'Caracas', 'Santiago', 'Peña'];

function text(chars: number): string {
  const out: string[] = [];
  let length = 0;
  for (let i = 0; length < chars; i++) {
    const w = WORDS[(i * 7) % WORDS.length] as string;
    out.push(w);
    length += w.length + 1;
  }
  return out.join(' ');
}

function bestMs(t: string, runs = 3): number {
  let best = Infinity;
  for (let r = 0; r < runs; r++) {
    const t0 = performance.now();
    const c = label(t, t);
    best = Math.min(best, performance.now() - t0);
    expect(c.relevant).toBe(true); // the long text is still read, not skipped
  }
  return best;
}

describe('classifier cost', () => {
  it('grows linearly with the length of title and summary', () => {
    label(text(1000)); // warm up the lexicon and the JIT
    const small = bestMs(text(32_000));
    const large = bestMs(text(128_000));
    expect(large / Math.max(small, 1), `${Math.round(small)} ms, then ${Math.round(large)} ms for 4x the text`).toBeLessThan(8);
  }, 30_000);
});
