// The publication's fixed vocabulary: actors, themes, sections, LAC countries, ownership.
// Every stage speaks it; a new value here is a new value in every stage's output.
export type Ownership = 'independent' | 'public' | 'state';

/** State Media Monitor model of an outlet (see README, "Ownership typology"). */
export type SmmType = 'SC' | 'CaPu' | 'CaPr' | 'ISFM' | 'ISF' | 'ISM' | 'IP';

export const ACTORS = ['VE', 'RU', 'IR', 'CN'] as const;
export type Actor = (typeof ACTORS)[number];

export const THEMES = [
  'diplomatic',
  'economic',
  'energy',
  'military',
  'security',
  'crime',
  'health',
  'politics',
  'culture',
  'technology',
] as const;
export type Theme = (typeof THEMES)[number];

export const SECTIONS = ['venezuela', 'russia', 'iran', 'china', 'medical-diplomacy'] as const;
export type SectionId = (typeof SECTIONS)[number];

export const SECTION_OF_ACTOR: Record<Actor, SectionId> = {
  VE: 'venezuela',
  RU: 'russia',
  IR: 'iran',
  CN: 'china',
};

/** The 33 Latin American and Caribbean states, ISO 3166 alpha-2. */
export const LAC_COUNTRIES = [
  'AG', 'AR', 'BS', 'BB', 'BZ', 'BO', 'BR', 'CL', 'CO', 'CR', 'CU', 'DM', 'DO', 'EC', 'SV', 'GD', 'GT',
  'GY', 'HT', 'HN', 'JM', 'MX', 'NI', 'PA', 'PY', 'PE', 'KN', 'LC', 'VC', 'SR', 'TT', 'UY', 'VE',
] as const;
export type LacCountry = (typeof LAC_COUNTRIES)[number];
