// Plain-object builders for selection tests: an outlet, a candidate, a policy, a period.
import type { Period } from '../../src/core/digest-types.js';
import type { Classification } from '../../src/core/item-types.js';
import type { Policy, Source } from '../../src/core/config-types.js';
import type { Candidate } from '../../src/select/types.js';

export const PERIOD_OCT_2026: Period = {
  start: '2026-10-01',
  end: '2026-10-31',
  label: 'October 2026',
  slug: '2026-10',
  from: '2026-10',
  to: '2026-10',
};

export function policy(over: Partial<Policy> = {}): Policy {
  return {
    stateMediaCap: 0.2,
    stateAllowedThemes: ['culture', 'diplomatic', 'economic', 'military'],
    capScope: 'overall',
    ...over,
  };
}

export function outlet(id: string, over: Partial<Source> = {}): Source {
  return { id, name: id, language: 'es', ownership: 'independent', tags: [], enabled: true, fetch: {}, ...over };
}

export const elPais = outlet('elpais', { name: 'El País' });
export const infobae = outlet('infobae', { name: 'Infobae' });
export const reuters = outlet('reuters', { name: 'Reuters', language: 'en' });
export const bbcMundo = outlet('bbc-mundo', { name: 'BBC News Mundo', ownership: 'public', country: 'GB' });
export const rt = outlet('rt-es', { name: 'RT en Español', ownership: 'state', owner: 'RU', smm: 'SC' });
export const telesur = outlet('telesur', { name: 'teleSUR', ownership: 'state', owner: 'VE', smm: 'SC' });
export const xinhua = outlet('xinhua-es', { name: 'Xinhua Español', ownership: 'state', owner: 'CN', smm: 'SC' });
export const dialogo = outlet('dialogo', { name: 'Diálogo Américas', ownership: 'state', owner: 'US' });

let counter = 0;

/** A made-up word for a number ("qb", "xkf"), so default headlines share no words. */
function word(n: number): string {
  let s = '';
  let x = n + 27;
  while (x > 0) {
    s = String.fromCharCode(97 + (x % 26)) + s;
    x = Math.floor(x / 26);
  }
  return `zz${s}`;
}

export interface CandidateSpec {
  id?: string;
  title?: string;
  summary?: string;
  url?: string;
  date?: string;
  language?: string;
  source?: Source;
  labels?: Partial<Classification>;
}

/** A relevant, non-opinion candidate in October 2026 unless told otherwise. */
export function candidate(spec: CandidateSpec = {}): Candidate {
  const n = ++counter;
  const id = spec.id ?? `item-${n}`;
  const source = spec.source ?? elPais;
  const date = spec.date ?? '2026-10-10T12:00:00.000Z';
  return {
    item: {
      id,
      sourceId: source.id,
      guid: id,
      url: spec.url ?? `https://${source.id}.example/${id}`,
      title: spec.title ?? `Headline ${word(n)} ${word(n * 7 + 3)} ${word(n * 13 + 5)}`,
      summary: spec.summary ?? '',
      published: date,
      categories: [],
      language: spec.language ?? source.language,
      firstSeen: date,
      date,
    },
    source,
    labels: {
      id,
      relevant: true,
      actors: ['RU'],
      countries: [],
      themes: ['diplomatic'],
      opinion: false,
      antiWestern: false,
      section: 'russia',
      score: 1,
      ...spec.labels,
    },
  };
}

/** n independent items, each a different story. */
export function independents(n: number, over: CandidateSpec = {}): Candidate[] {
  return Array.from({ length: n }, () => candidate({ source: elPais, ...over }));
}

/** n state items (RT), each a different story, eligible themes. */
export function stateItems(n: number, over: CandidateSpec = {}): Candidate[] {
  return Array.from({ length: n }, () => candidate({ source: rt, ...over }));
}
