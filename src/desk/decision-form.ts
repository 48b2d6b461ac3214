// A form the desk page posts to /decide, read into the decisions `vric decide` would make. Every
// field is checked here; what a decision means and whether it may be made (the cap, a stale view,
// an approved period) is pipeline/decide.ts's, the same for the desk and the terminal.
import type { DecisionValue } from '../core/decision-types.js';
import { usageError } from '../core/errors.js';
import { SECTIONS, type SectionId } from '../core/vocabulary.js';
import type { DecideRequest, DecisionRequest } from '../pipeline/decide.js';
import { NOTE_KEYS } from '../render/notes.js';

const LANGS = ['en', 'es', 'pt'];
/** Longest text a field may carry (a summary line, a reason, a note); the POST body is bounded as a whole too. */
const MAX_FIELD_CHARS = 20_000;

function field(form: URLSearchParams, name: string, opts: { required?: string; max?: number } = {}): string {
  const value = (form.get(name) ?? '').replace(/\r\n?/g, '\n');
  if (value.length > (opts.max ?? MAX_FIELD_CHARS)) throw usageError(`${name} is longer than ${opts.max ?? MAX_FIELD_CHARS} characters`);
  if (opts.required && !value.trim()) throw usageError(opts.required);
  return value;
}

/** The id of the latest decision the page showed for a slot (0: none). */
function base(form: URLSearchParams, name = 'base'): number | undefined {
  const raw = form.get(name);
  if (raw === null || raw === '') return undefined;
  if (!/^\d{1,15}$/.test(raw)) throw usageError(`${name} must be a decision number`);
  return Number(raw);
}

const withBase = (r: DecisionRequest, b: number | undefined): DecisionRequest => (b === undefined ? r : { ...r, base: b });

/** The decisions one posted form asks for; exit-2 errors for a field that cannot be right. */
export function requestOfForm(
  form: URLSearchParams,
  editor: string | undefined,
  shown?: (itemId: string) => { section: string; country: string; summaries: Record<string, string> } | undefined,
): DecideRequest {
  const action = field(form, 'action', { max: 20 });
  const item = field(form, 'item', { max: 200 });
  const requests = ((): DecisionRequest[] => {
    switch (action) {
      case 'include': {
        // "id@base": the kept item, and the latest decision on it the page showed (0: none).
        const instead = /^([^@\s]+)(?:@(\d{1,15}))?$/.exec(field(form, 'instead', { max: 220 }).trim());
        const insteadOf = instead ? { subject: instead[1]!, ...(instead[2] !== undefined ? { base: Number(instead[2]) } : {}) } : undefined;
        return [withBase({ action: 'include', subject: item, value: { include: true }, ...(insteadOf ? { insteadOf } : {}) }, base(form))];
      }
      case 'exclude':
        return [withBase({ action: 'exclude', subject: item, value: { reason: field(form, 'reason', { required: 'an exclusion needs a reason (it is printed in the list of exclusions)', max: 500 }).trim() } }, base(form))];
      case 'clear-fate':
        return [withBase({ action: 'include', subject: item, value: null }, base(form))];
      case 'edit': {
        // One form per item: a decision for each field the editor changed from what the page showed.
        const was = shown?.(item);
        if (!was) throw usageError('this item is no longer a candidate of the period: reload the desk page');
        const out: DecisionRequest[] = [];
        const section = field(form, 'section', { max: 40 });
        const country = field(form, 'country', { max: 2 }).trim().toUpperCase();
        // '' is "as the rule decides": a withdrawal when the editors had moved it, else no change.
        if (section !== was.section && !(section === '' && !base(form, 'sectionBase'))) {
          if (section && !(SECTIONS as readonly string[]).includes(section)) throw usageError(`unknown section "${section}"`);
          out.push(withBase({ action: 'section', subject: item, value: section ? { section: section as SectionId } : null }, base(form, 'sectionBase')));
        }
        if (country !== was.country) {
          if (country && !/^[A-Z]{2}$/.test(country)) throw usageError(`a country heading is an ISO code such as NI (got "${country}")`);
          out.push(withBase({ action: 'country', subject: item, value: country ? { country } : null }, base(form, 'countryBase')));
        }
        for (const lang of LANGS) {
          const text = field(form, `text-${lang}`, { max: 2000 }).trim();
          if (text === (was.summaries[lang] ?? '').trim()) continue;
          out.push(withBase({ action: 'summary', subject: item, lang, value: text ? { text } : null }, base(form, `base-${lang}`)));
        }
        if (!out.length) throw usageError('nothing changed: edit the section, the country heading or a summary, then save');
        return out;
      }
      case 'notes': {
        const key = field(form, 'key', { max: 40 });
        if (!(NOTE_KEYS as readonly string[]).includes(key)) throw usageError(`unknown notes "${key}"`);
        const text = field(form, 'text').trim();
        return [withBase({ action: 'notes', subject: key, value: text ? { text } : null }, base(form))];
      }
      case 'cap': {
        const raw = field(form, 'cap', { max: 10 }).trim();
        if (!raw) return [withBase({ action: 'cap', subject: '', value: null }, base(form))];
        const share = Number(raw.replace(/%$/, '')) / (raw.endsWith('%') ? 100 : 1);
        if (!(share >= 0 && share <= 1)) throw usageError(`a cap is a share from 0 to 1, or a percentage (got "${raw}")`);
        const reason = field(form, 'reason', { required: 'a special-edition cap needs a reason (it is printed in the digest)', max: 500 }).trim();
        return [withBase({ action: 'cap', subject: '', value: { cap: share, reason } }, base(form))];
      }
      case 'add':
        return [{ action: 'add', subject: field(form, 'subject', { max: 40 }) || 'add:new', value: addedEntry(form) }];
      case 'clear-add':
        return [withBase({ action: 'add', subject: item, value: null }, base(form))];
      case 'approve':
        return [withBase({ action: 'approve', subject: '', value: { approved: true, revision: 0 } }, base(form))];
      case 'reopen':
        return [withBase({ action: 'approve', subject: '', value: null }, base(form))];
      default:
        throw usageError(`unknown action "${action}"`);
    }
  })();
  const revision = base(form, 'revision');
  return { requests, ...(editor ? { editor } : {}), ...(action === 'approve' && revision !== undefined ? { revision } : {}) };
}

/** An entry no feed carried, with the fields overrides.yaml's `add:` takes. */
function addedEntry(form: URLSearchParams): DecisionValue {
  const title = field(form, 'title', { required: 'an added entry needs a title', max: 500 }).trim();
  const url = field(form, 'url', { required: 'an added entry needs a link', max: 2000 }).trim();
  if (!/^https?:\/\/\S+$/i.test(url)) throw usageError('an added entry\'s link must start with http:// or https://');
  const outlet = field(form, 'outlet', { required: 'an added entry needs an outlet', max: 200 }).trim();
  const date = field(form, 'date', { required: 'an added entry needs a date', max: 10 }).trim();
  const section = field(form, 'section', { max: 40 });
  if (!(SECTIONS as readonly string[]).includes(section)) throw usageError(`an added entry needs a section (one of ${SECTIONS.join(', ')})`);
  const summary = field(form, 'summary', { max: 2000 }).trim();
  const language = field(form, 'language', { max: 2 }) || 'en';
  if (!LANGS.includes(language)) throw usageError(`an added entry's language is en, es or pt (got "${language}")`);
  return { title, url, outlet, date, section, language, ...(summary ? { summary } : {}) };
}
