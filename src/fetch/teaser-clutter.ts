// What feeds wrap around the news and readers should not see in a summary line: a wire dateline
// before the teaser ("MANAGUA, 5 oct (EFE).-"), a "read more" link or a CMS footer after it
// ("The post … appeared first on …", "[…]"), and the outlet's own name after a headline
// ("… | Diálogo"). Removed once, when fetch makes an item's text (items.ts), so every stage and
// every edition sees the clean text. Each pattern is anchored to the start or the end of the text,
// so a phrase in the middle of a sentence is never touched.
import { fold } from '../core/text.js';

/** A place in capitals, or capitalised words: what a dateline opens with ("CARACAS", "São Paulo", "LA HABANA"). */
const PLACE = String.raw`\p{Lu}[\p{L}.'’-]*(?:\s+(?:de|del|da|do|la|las|los|el|\p{Lu}[\p{L}.'’-]*)){0,3}`;
/** "5 oct", "5 de octubre", "Oct 5", "3 OUT", "12/10/2026": the date a dateline may carry. */
const DAY = String.raw`(?:\d{1,2}(?:\s+de)?\s+\p{L}{3,10}\.?(?:\s+(?:de\s+)?\d{4})?|\p{L}{3,10}\.?\s+\d{1,2}(?:,?\s+\d{4})?|\d{1,2}[/.-]\d{1,2}(?:[/.-]\d{2,4})?)`;
/** The agencies whose datelines feeds carry. */
const AGENCY = String.raw`(?:EFE|AFP|AP|Reuters|Xinhua|Sputnik|ANSA|DPA|dpa|Europa Press|Prensa Latina|PL|ABI|AVN|Télam|Telam|Agência Brasil|Agencia Brasil|IRNA|TASS|RIA Novosti|Notimex|Bloomberg|EP)`;
const DASH = String.raw`(?:\.?\s*[-–—]+|\.-|\.–|:)`;

const DATELINE = [
  // "MANAGUA, 5 oct (EFE).-", "Caracas, 12 de octubre (EFE).–", "Havana, Oct 5 (AP) —"
  new RegExp(String.raw`^${PLACE}\s*,\s*${DAY}\s*\(\s*${AGENCY}\s*\)\s*${DASH}\s*`, 'u'),
  // "CARACAS (Reuters) -", "BRASÍLIA (Reuters) –"
  new RegExp(String.raw`^${PLACE}\s*\(\s*${AGENCY}\s*\)\s*${DASH}\s*`, 'u'),
  // "(EFE) -", "(Reuters) —" at the very start
  new RegExp(String.raw`^\(\s*${AGENCY}\s*\)\s*${DASH}\s*`, 'u'),
];

const TAIL = [
  // "The post Title appeared first on Outlet." (WordPress), and its Spanish and Portuguese forms.
  /\s*The post .{1,500}? appeared first on .{1,200}?\.?\s*$/u,
  /\s*La entrada .{1,500}? se publicó primero en .{1,200}?\.?\s*$/u,
  /\s*El artículo .{1,500}? se publicó primero en .{1,200}?\.?\s*$/u,
  /\s*O post .{1,500}? apareceu primeiro em .{1,200}?\.?\s*$/u,
  // "Leer más", "Seguir leyendo", "Leia mais", "Continue reading", with or without an arrow or ellipsis.
  /\s*[[(]?\s*(?:Leer más|Lee más|Seguir leyendo|Sigue leyendo|Ver más|Leia mais|Continue lendo|Saiba mais|Read more|Continue reading|Read the full story|Full story)\s*(?:\.{3}|…|»|›|→|>>)?\s*[\])]?\s*$/iu,
  // A trailing "[…]" or "[...]" (a cut teaser); a plain ending ellipsis stays, it says the text goes on.
  /\s*\[\s*(?:…|\.{3})\s*\]\s*$/u,
];

/** The teaser without a dateline before it and "read more" or CMS footers after it. */
export function withoutTeaserClutter(text: string): string {
  // The patterns look only at the edges, and at whitespace collapsed there: the cost stays linear
  // whatever a feed sends (a run of 10,000 spaces took the end patterns seconds).
  const collapsed = text.replace(/\s+/g, ' ').trim();
  const cut = Math.max(0, collapsed.length - EDGE_CHARS);
  const body = collapsed.slice(0, cut);
  let end = collapsed.slice(cut);
  // Footers can stack ("… […] The post … appeared first on …"): remove until none is left.
  for (let changed = true; changed; ) {
    changed = false;
    for (const p of TAIL) {
      const next = end.replace(p, '');
      if (next !== end) {
        end = next;
        changed = true;
      }
    }
  }
  let t = body + end;
  const start = t.slice(0, EDGE_CHARS);
  for (const p of DATELINE) {
    const next = start.replace(p, '');
    // A dateline alone is not a teaser: keep the text rather than leave nothing.
    if (next !== start && (next + t.slice(EDGE_CHARS)).trim()) {
      t = next + t.slice(EDGE_CHARS);
      break;
    }
  }
  return t.trim();
}

/** How far from each edge clutter is looked for: a footer or a dateline is never longer. */
const EDGE_CHARS = 800;

/** Folded (core/text.ts) with punctuation as spaces: "Diálogo-Américas" and "dialogo americas" are one name. */
const nameKey = (s: string) => fold(s).replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

/**
 * The headline without the outlet's name after it ("Nicaragua firma … | Diálogo", "… - teleSUR"):
 * removed only when what follows the last separator is the outlet's name or the feed's title, or
 * the start of one of them, so a headline that ends in a dash and a phrase keeps it.
 */
export function withoutOutletSuffix(title: string, outletNames: readonly (string | undefined)[]): string {
  if (title.length > 1000) return title; // a headline is cut to 500 before it comes here
  // The last spaced separator: the suffix may hold a hyphen ("dialogo-americas"), not " - ".
  const m = /^(.{12,}?)\s+[|–—-]\s+((?:(?!\s[|–—-]\s).){2,80})$/u.exec(title);
  if (!m) return title;
  const suffix = nameKey(m[2]!);
  if (!suffix) return title;
  const names = outletNames.map((n) => nameKey(n ?? '')).filter(Boolean);
  // The whole name, a longer form of it ("teleSUR English"), or its first word when that is a name
  // of its own ("Diálogo" for "Diálogo Américas"; four letters at least, so not "El" of "El País").
  const isOutlet = names.some((n) => n === suffix || suffix.startsWith(`${n} `) || n.startsWith(`${suffix} `) && suffix.length >= 4);
  return isOutlet ? m[1]!.trim() : title;
}
