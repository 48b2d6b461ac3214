// Digests for the render tests, built as plain objects (no other stage involved).
import type { CapVerdict, Digest, DigestEntry, SourceRef } from '../../src/core/digest-types.js';

/** The select stage's cap verdict, as a renderer receives it: the fields a test sets, else a 20% cap met. */
export function capVerdict(over: Partial<CapVerdict> = {}): CapVerdict {
  return {
    policyCap: 0.2,
    cap: 0.2,
    override: null,
    capScope: 'overall',
    used: 0,
    allowed: 0,
    headroom: 0,
    over: false,
    scopes: [],
    ...over,
  };
}

export const outlets = {
  bbc: { id: 'bbc-mundo', name: 'BBC News Mundo', ownership: 'public', owner: null, language: 'es', stateMedia: false },
  efe: { id: 'efe', name: 'Agencia EFE', ownership: 'independent', owner: null, language: 'es', stateMedia: false },
  folha: { id: 'folha', name: 'Folha de S.Paulo', ownership: 'independent', owner: null, language: 'pt', stateMedia: false },
  reuters: { id: 'reuters', name: 'Reuters', ownership: 'independent', owner: null, language: 'en', stateMedia: false },
  rt: { id: 'rt-es', name: 'RT en Español', ownership: 'state', owner: 'RU', language: 'es', stateMedia: true },
  xinhua: { id: 'xinhua-es', name: 'Xinhua Español', ownership: 'state', owner: 'CN', language: 'es', stateMedia: true },
} satisfies Record<string, SourceRef>;

export function entry(over: Partial<DigestEntry> = {}): DigestEntry {
  return {
    title: 'Russia and Venezuela sign a military cooperation agreement',
    url: 'https://example.org/news/1',
    published: '2021-08-12T15:30:00Z',
    language: 'en',
    summary: '',
    source: outlets.reuters,
    actors: ['RU', 'VE'],
    countries: ['VE'],
    themes: ['military'],
    alsoReportedBy: [],
    ...over,
  };
}

/**
 * A realistic two-month digest: every section, several countries, state media under the cap.
 * Entries are in the select stage's order (primary country, then date), which render keeps.
 */
export function sampleDigest(over: Partial<Digest> = {}): Digest {
  const digest: Digest = {
    title: 'VRIC Monitor',
    period: {
      start: '2021-08-01',
      end: '2021-09-30',
      label: 'August to September 2021',
      slug: '2021-08_2021-09',
      from: '2021-08',
      to: '2021-09',
    },
    generatedAt: '2021-10-02T09:15:00Z',
    sections: [
      {
        id: 'venezuela',
        title: 'Venezuela and the Bolivarian network',
        items: [
          entry({
            title: 'Nicaragua strips more opposition candidates of their eligibility',
            url: 'https://efe.com/nicaragua-1',
            published: '2021-08-07T08:00:00Z',
            language: 'es',
            source: outlets.efe,
            actors: ['VE'],
            countries: ['NI'],
            themes: ['politics'],
          }),
          entry({
            title: 'Maduro government and opposition resume talks in Mexico City',
            url: 'https://www.bbc.com/mundo/noticias-america-latina-58123456',
            published: '2021-08-14T10:00:00Z',
            language: 'es',
            source: outlets.bbc,
            actors: ['VE'],
            countries: ['VE', 'MX'],
            themes: ['politics', 'diplomatic'],
            alsoReportedBy: [{ name: 'Agencia EFE', url: 'https://efe.com/a/1', stateMedia: false }],
            summary: 'Negotiations mediated by Norway open with a memorandum of understanding.',
          }),
        ],
      },
      {
        id: 'russia',
        title: 'Russia in LAC',
        items: [
          entry({
            title: 'Sputnik V second doses delayed in Argentina',
            url: 'https://actualidad.rt.com/actualidad/400001',
            published: '2021-09-03T12:00:00Z',
            language: 'es',
            source: outlets.rt,
            actors: ['RU'],
            countries: ['AR'],
            themes: ['health'],
            summary: 'The Gamaleya Institute says the second component will arrive in September.',
          }),
          entry({ summary: 'The two governments agreed on training and maintenance of Russian-made equipment.' }),
        ],
      },
      {
        id: 'iran',
        title: 'Iran in LAC',
        items: [
          entry({
            title: 'Iranian tanker reaches Venezuelan port with fuel cargo',
            url: 'https://www.reuters.com/world/americas/iran-tanker-2021-09-20/',
            published: '2021-09-20T18:00:00Z',
            actors: ['IR', 'VE'],
            countries: ['VE'],
            themes: ['energy'],
            summary: 'The cargo of gasoline components eases shortages after a year of sanctions.',
            alsoReportedBy: [
              { name: 'HispanTV', url: 'https://www.hispantv.com/noticias/venezuela/1', stateMedia: true },
              { name: 'Efecto Cocuyo', url: 'https://efectococuyo.com/economia/tanquero', stateMedia: false },
            ],
          }),
        ],
      },
      {
        id: 'china',
        title: 'China in LAC',
        items: [
          entry({
            title: 'Brasil e China discutem ampliação de acordo de swap cambial',
            url: 'https://www1.folha.uol.com.br/mercado/2021/09/china-swap.shtml',
            published: '2021-09-10T09:00:00Z',
            language: 'pt',
            source: outlets.folha,
            actors: ['CN'],
            countries: ['BR'],
            themes: ['economic'],
            summary: 'O Banco Central avalia renovar o acordo com o Banco Popular da China.',
          }),
          entry({
            title: 'China dona equipos médicos a Ecuador',
            url: 'https://spanish.news.cn/2021-08/20/c_1310139000.htm',
            published: '2021-08-20T03:00:00Z',
            language: 'es',
            source: outlets.xinhua,
            actors: ['CN'],
            countries: ['EC'],
            themes: ['health', 'diplomatic'],
          }),
          entry({
            title: 'Chinese firms bid for lithium concessions in the region',
            url: 'https://www.reuters.com/business/lithium-2021-09-01/',
            published: '2021-09-01T11:00:00Z',
            actors: ['CN'],
            countries: [],
            themes: ['economic', 'energy'],
            summary: 'Tenders in Bolivia, Argentina and Chile draw Ganfeng, Tsingshan and CATL consortia.',
          }),
        ],
      },
      {
        id: 'medical-diplomacy',
        title: 'VRIC medical diplomacy',
        items: [
          entry({
            title: 'Cuba ships Abdala vaccine doses to Venezuela',
            url: 'https://efe.com/abdala-venezuela',
            published: '2021-09-25T14:00:00Z',
            language: 'es',
            source: outlets.efe,
            actors: ['VE'],
            countries: ['CU', 'VE'],
            themes: ['health'],
          }),
        ],
      },
    ],
    stats: {
      total: 9,
      stateMedia: 2,
      stateShare: 2 / 9,
      cap: 0.25,
      capVerdict: capVerdict({ cap: 0.25, override: { cap: 0.25, reason: 'Vaccine deliveries were reported only by state media in September.' }, used: 2, allowed: 2 }),
    },
    excluded: [
      { title: 'Editorial: the empire trembles', url: 'https://example.org/op', source: 'rt-es', reason: 'opinion' },
      { title: 'Weather in Lima', url: 'https://example.org/w', source: 'efe', reason: 'irrelevant' },
      { title: 'Weather in Quito', url: 'https://example.org/w2', source: 'efe', reason: 'irrelevant' },
    ],
    policy: { cap: 0.2, capScope: 'overall', capOwners: null, override: { cap: 0.25, reason: 'Vaccine deliveries were reported only by state media in September.' } },
    ...over,
  };
  return digest;
}

export const HOSTILE = {
  script: '<script>window.__pwned = true; alert(1)</script>',
  img: '<img src=x onerror="window.__pwned=true">',
  template: "{{constructor.constructor('window.__pwned=true')()}}",
  each: '{{#each this}}{{this}}{{/each}}',
  style: '</style><style>body{display:none}</style>',
  quote: '" onmouseover="window.__pwned=true" x="',
  markdown: '[click](javascript:alert(1)) **bold** # heading',
} as const;

/** Feed content from an attacker: every text field and link tries to become markup, script or template. */
export function hostileDigest(): Digest {
  const evilSource: SourceRef = {
    id: 'evil',
    name: `Evil ${HOSTILE.script} News ${HOSTILE.quote}`,
    ownership: 'state',
    owner: 'RU',
    language: 'es',
    stateMedia: true,
  };
  return sampleDigest({
    sections: [
      {
        id: 'venezuela',
        title: 'Venezuela and the Bolivarian network',
        items: [
          entry({
            title: `Title ${HOSTILE.script} and ${HOSTILE.img}`,
            url: 'javascript:window.__pwned=true',
            language: `en" autofocus onfocus="window.__pwned=true`,
            published: `2021-08-12T15:30:00Z" onmouseover="window.__pwned=true`,
            summary: `Summary ${HOSTILE.template} ${HOSTILE.each} ${HOSTILE.style}`,
            source: evilSource,
            countries: ['VE'],
            alsoReportedBy: [
              { name: `Other ${HOSTILE.img}`, url: 'data:text/html,<script>window.__pwned=true</script>', stateMedia: false },
              { name: `Quote ${HOSTILE.quote}`, url: `https://example.org/a"onmouseover="x`, stateMedia: true },
            ],
          }),
          entry({
            title: `Markdown ${HOSTILE.markdown}`,
            url: '  JaVaScRiPt:window.__pwned=true',
            summary: HOSTILE.quote,
            countries: ['CO'],
          }),
          entry({
            title: `Template ${HOSTILE.template}`,
            url: 'https://example.org/ok?a=1&b=<2>',
            summary: HOSTILE.each,
            countries: ['<b>XX</b>'],
            why: { [HOSTILE.quote]: [HOSTILE.script] },
          }),
        ],
      },
    ],
    stats: { total: 3, stateMedia: 1, stateShare: 1 / 3, cap: 0.2, capVerdict: capVerdict({ cap: 0.4, override: { cap: 0.4, reason: `Because ${HOSTILE.script}` }, used: 1, allowed: 1 }) },
    policy: { cap: 0.2, capScope: 'overall', capOwners: null, override: { cap: 0.4, reason: `Because ${HOSTILE.script}` } },
  });
}
