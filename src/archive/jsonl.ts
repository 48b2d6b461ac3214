// The archive's interchange format: JSON Lines, one archived item an object, so an export diffs,
// greps and streams. `vric export`/`import` write and read it, and `vric migrate` moves every item
// through it, so a migration checks each item exactly as an import would (item-check.ts).
import type { Item } from '../core/item-types.js';
import { checkItem, type ItemCheck } from './item-check.js';

export function itemLine(item: Item): string {
  return JSON.stringify(item) + '\n';
}

/** One line of an export, checked as an archived item; a line that is not JSON is a failed check. */
export function parseItemLine(line: string): ItemCheck {
  let o: unknown;
  try {
    o = JSON.parse(line);
  } catch (e) {
    return { ok: false, reason: `not valid JSON (${(e as Error).message})` };
  }
  return checkItem(o);
}

/** A line of the input: its text, or how long it was when it passed the limit (its text is not kept). */
export type InputLine = { lineNo: number; text: string } | { lineNo: number; tooLong: number };

/**
 * The input's lines, each held in memory only up to maxBytes: a longer line (a file that is not
 * an export, or no newline at all) is counted and skipped, not read whole, so memory stays
 * bounded by the limit whatever the input. Blank lines are numbered but not yielded.
 */
export async function* boundedLines(input: AsyncIterable<Buffer | string>, maxBytes: number): AsyncGenerator<InputLine> {
  let parts: Buffer[] = [];
  let length = 0;
  let lineNo = 0;
  const end = (): InputLine | undefined => {
    lineNo++;
    const over = length > maxBytes;
    const line: InputLine | undefined = over
      ? { lineNo, tooLong: length }
      : (() => {
          const text = Buffer.concat(parts).toString('utf8').replace(/\r$/, '');
          return text.trim() ? { lineNo, text } : undefined;
        })();
    parts = [];
    length = 0;
    return line;
  };
  for await (const chunk of input) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let from = 0;
    for (let nl = buf.indexOf(10, from); nl !== -1; nl = buf.indexOf(10, from)) {
      if (length + nl - from <= maxBytes) parts.push(buf.subarray(from, nl));
      length += nl - from;
      const line = end();
      if (line) yield line;
      from = nl + 1;
    }
    const rest = buf.length - from;
    if (rest > 0) {
      if (length + rest <= maxBytes) parts.push(buf.subarray(from));
      else parts = []; // over the limit: only its length is kept from here on
      length += rest;
    }
  }
  if (length > 0) {
    const line = end();
    if (line) yield line;
  }
}
