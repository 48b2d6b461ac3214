// Issue 17, point 4: a file of the fetch stage over ~250 lines is a sign it holds two jobs. One
// that must stay longer says why in its first lines ("longer than 250 lines because ...").
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const DIR = join(import.meta.dirname, '../../src/fetch');
const MAX_LINES = 250;

describe('src/fetch files', () => {
  it(`are at most ${MAX_LINES} lines, or say at the top why not`, () => {
    const over = readdirSync(DIR)
      .filter((name) => name.endsWith('.ts'))
      .map((name) => ({ name, text: readFileSync(join(DIR, name), 'utf8') }))
      .filter(({ text }) => text.split('\n').length - 1 > MAX_LINES)
      .filter(({ text }) => !/longer than 250 lines because/i.test(text.split('\n').slice(0, 10).join('\n')))
      .map(({ name, text }) => `${name}: ${text.split('\n').length - 1} lines`);
    expect(over).toEqual([]);
  });
});
