// The kinds of value a config file holds, as schemas that each give one message per field (the
// message operators grep: `"name" is required`, `url "…" must be an http or https address`).
// A field's checks are one step, not a chain, so one wrong value is one line, not three.
import { valibot } from './lazy-valibot.js';
import { withinBounds, type Bounds } from './schema.js';

/** A trimmed, non-empty string; `test` and `bad` add the field's own rule and its message. */
export function text(key: string, test?: (s: string) => boolean, bad?: (s: string) => string) {
  const v = valibot();
  const missing = `"${key}" is required`;
  const empty = `"${key}" must be a non-empty string`;
  return v.pipe(
    v.string((issue) => (issue.input === null || issue.input === undefined ? missing : empty)),
    v.trim(),
    v.check(
      (s) => s !== '' && (!test || test(s)),
      (issue) => (issue.input === '' || !bad ? empty : bad(issue.input as string)),
    ),
  );
}

/** One of a fixed set of words, written as a trimmed string. */
export function oneOf<const T extends readonly string[]>(key: string, options: T, bad: (s: string) => string) {
  const v = valibot();
  const empty = `"${key}" must be a non-empty string`;
  return v.pipe(
    v.string((issue) => (issue.input === null || issue.input === undefined ? `"${key}" is required` : empty)),
    v.trim(),
    v.picklist(options, (issue) => (issue.input === '' ? empty : bad(String(issue.input)))),
  );
}

/** A list whose every member passes `test`, reported once at the list's line. */
export const listOf = <T extends string>(test: (s: string) => s is T, message: string) =>
  valibot().custom<T[]>((x) => Array.isArray(x) && x.every((t) => typeof t === 'string' && test(t)), message);

/** A list of words (any strings). */
export const words = (message: string) => listOf((s): s is string => typeof s === 'string', message);

/**
 * A measure in human units ("30s", "10MiB", 5), read by `parse`, within `bounds`. The message
 * quotes the value as written, since "(got 2GiB)" is what the operator typed.
 */
export function measure<N extends number | string>(
  label: string,
  parse: (x: unknown) => N | undefined,
  expect: string,
  bounds?: Bounds,
) {
  const v = valibot();
  return v.pipe(
    v.unknown(),
    v.rawTransform<unknown, N>(({ dataset, addIssue, NEVER }) => {
      const parsed = parse(dataset.value);
      if (parsed === undefined) {
        addIssue({ message: `${label} must be ${expect}` });
        return NEVER;
      }
      if (bounds && typeof parsed === 'number' && !withinBounds(parsed, bounds)) {
        addIssue({ message: `${label} must be ${bounds.text} (got ${String(dataset.value)})` });
        return NEVER;
      }
      return parsed;
    }),
  );
}
