// How long an item's text fields may be, wherever the item enters the archive: fetch (the feed's
// entries), `vric import` and `vric migrate` (an export's lines). Later stages are costed on these
// bounds (the classifier, the story matcher, every edition), so no entry path may skip them.

/** Longest summary kept: enough for classification and a digest blurb, not a whole article. */
export const SUMMARY_MAX_CHARS = 1000;
export const TITLE_MAX_CHARS = 500;
/** A title made from the summary (for entries without one) is a headline, not a paragraph. */
export const DERIVED_TITLE_MAX_CHARS = 140;
/** Longer ids are hashed at fetch: some feeds use whole documents as guids. */
export const GUID_MAX_CHARS = 512;
/** An author's name, and each category. */
export const NAME_MAX_CHARS = 200;
/** Categories kept per item (the first ones, as the feed lists them). */
export const MAX_CATEGORIES = 50;
/** A link longer than this is no link a reader could follow (browsers and servers refuse them). */
export const URL_MAX_CHARS = 4096;

/**
 * Items kept from one feed per fetch (the `maxItems` setting): its default, and the most
 * sources.yaml may set. A run's memory is bounded by these times the sources parsed at once.
 */
export const DEFAULT_MAX_ITEMS = 1_000;
export const MAX_ITEMS_CEILING = 10_000;

/** The text cut to at most max characters, at a word break when one is near, with an ellipsis. */
export function truncateText(s: string, max: number): string {
  if (s.length <= max) return s;
  const cut = s.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd() + '…';
}

/**
 * A field's text as the archive keeps it: control characters out, whitespace runs as one space,
 * trimmed, cut to max. Fetch applies it after turning markup into text; import and migrate apply
 * it as is (idempotent, so an exported item comes back unchanged).
 */
export function cleanText(s: string, max = Infinity): string {
  // eslint-disable-next-line no-control-regex
  return truncateText(s.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '').replace(/\s+/g, ' ').trim(), max);
}
