// The plain values that flow between stages (see docs/design in ../shared/design.md).
// A stage receives and returns these; none of them reaches back into another stage.

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

/** Limits and manners of fetching; defaults live in src/fetch/settings.ts. */
export interface FetchSettings {
  /** TCP/TLS connect timeout. */
  connectTimeoutMs: number;
  /** Whole request, from connect to last body byte. */
  timeoutMs: number;
  /** Longest silence (no bytes) while waiting for headers or body. */
  idleTimeoutMs: number;
  /** Largest body accepted, after decompression. */
  maxBytes: number;
  /** Items kept from one feed per fetch: the newest, by date, then feed order (the rest are dropped and counted). */
  maxItems: number;
  /** Sources fetched at once, across all hosts. */
  concurrency: number;
  /** Connections at once to one host. */
  perHost: number;
  /** Retries after a timeout, a network error or a 5xx (not after a 4xx). */
  retries: number;
  /** First backoff delay between retries; doubles each time. */
  retryBaseMs: number;
  /** Longest Retry-After we are willing to wait inside one run. */
  maxRetryAfterMs: number;
  maxRedirects: number;
  /** Longest time one body's processing (decode, parse, normalise, label) may take in a worker. */
  parseBudgetMs: number;
  userAgent: string;
  /** Contact address appended to the User-Agent, so a publisher can reach us. */
  contact?: string;
}

export interface Source {
  id: string;
  name: string;
  /** Exactly one of url and file is set. file is absolute (resolved against sources.yaml). */
  url?: string;
  file?: string;
  language: string;
  ownership: Ownership;
  /** ISO 3166 alpha-2 of the controlling state; set when ownership is 'state'. */
  owner?: string;
  country?: string;
  smm?: SmmType;
  tags: string[];
  enabled: boolean;
  /** Per-source overrides of the fetch settings. */
  fetch: Partial<FetchSettings>;
  /** Minimum interval between fetches in ms (from `every: 6h`); undefined = every run. */
  everyMs?: number;
  /** Line of the entry in sources.yaml, for error messages. */
  line?: number;
}

export interface Policy {
  /** Largest share of state-media items in the digest, 0..1. */
  stateMediaCap: number;
  /** Themes for which a state item may be used at all. */
  stateAllowedThemes: Theme[];
  capScope: 'overall' | 'section';
  /** When set, only state sources owned by these states count toward the cap. */
  capOwners?: string[];
  /** True when sources.yaml has no policy block and these are the defaults. */
  defaulted?: boolean;
}

export interface Config {
  /** Absolute path of sources.yaml. */
  path: string;
  sources: Source[];
  policy: Policy;
  /** Settings given in sources.yaml; the fetch stage fills the rest from its defaults. */
  fetch: Partial<FetchSettings>;
  /** The line of `fetch: contact:` in sources.yaml, so a warning about it can point there. */
  contactLine?: number;
  /** Extra lexicon entries for the classifier (the `classify:` block), passed through as written. */
  classify?: Record<string, unknown>;
}

/** One entry as read from a feed, normalised, before archiving. */
export interface FeedItem {
  sourceId: string;
  /** The feed's own id (guid/id), or the link when it has none. */
  guid: string;
  /** Canonical URL: absolute, http(s), tracking parameters removed. Empty when the entry has no link. */
  url: string;
  /** Plain text, no markup, entities decoded. */
  title: string;
  summary: string;
  /** ISO 8601 UTC, or null when the feed gave no usable date. */
  published: string | null;
  categories: string[];
  /** ISO 639-1; the entry's own when it says, else the source's. */
  language: string;
  author?: string;
  /** The classifier's labels, when the item was labelled as it was collected (see StoredLabels). */
  labels?: StoredLabels;
}

/**
 * An item's labels as the archive keeps them: made once, when the item is collected, and reused
 * by every build and audit whose classifier has the same fingerprint (its code, its lexicons and
 * the analyst's additions). Any change to those makes a new fingerprint, and the item is labelled
 * again at build time.
 */
export interface StoredLabels {
  /** Fingerprint of the classifier that made the labels (src/classify/fingerprint.ts). */
  by: string;
  value: Omit<Classification, 'id' | 'explain'>;
}

/** An archived item. */
export interface Item extends FeedItem {
  /** Stable id in the archive. */
  id: string;
  /** ISO 8601 UTC of the fetch that first stored it. */
  firstSeen: string;
  /** published, or firstSeen when the feed gave no date. */
  date: string;
}

export type FetchStatus = 'ok' | 'not-modified' | 'error';

/** Fixed vocabulary of fetch failures (documented in the README). */
export type FetchErrorKind =
  | 'timeout'
  | 'network'
  | 'http-4xx'
  | 'http-5xx'
  | 'gone'
  | 'too-large'
  | 'redirect-loop'
  | 'too-many-redirects'
  | 'not-a-feed'
  | 'parse-error'
  | 'parse-timeout'
  | 'file-error';

/** Conditional-GET and health state kept per source in the archive. */
export interface SourceState {
  sourceId: string;
  etag?: string;
  lastModified?: string;
  consecutiveFailures: number;
  /** ISO time before which the source is not fetched again (backoff or cadence). */
  nextAttemptAt?: string;
  lastAttemptAt?: string;
  lastSuccessAt?: string;
  lastError?: string;
  lastErrorKind?: FetchErrorKind;
  /** ISO time of the first failed attempt of the current failing streak; absent while healthy. */
  failingSince?: string;
  /** ISO time the failing streak was last told to the operator (at most once a day, see failure-report.ts). */
  lastReportedAt?: string;
  /** Why the last feed read needed repair ("read only after repair: …"); absent once it reads cleanly. */
  warning?: string;
}

/** What fetching one source produced; stored in one transaction. */
export interface FetchResult {
  sourceId: string;
  status: FetchStatus;
  items: FeedItem[];
  httpStatus?: number;
  bytes: number;
  durationMs: number;
  etag?: string;
  lastModified?: string;
  error?: string;
  errorKind?: FetchErrorKind;
  /** Final URL after a permanent (301/308) redirect, so the analyst can update sources.yaml. */
  movedTo?: string;
  /** Feed addresses an HTML page advertised (when errorKind is 'not-a-feed'). */
  feedLinks?: string[];
  /** Non-fatal notes (odd dates, duplicate guids, a charset guess), one line each. */
  warnings?: string[];
  /** Set when the feed was not well-formed and was read only after repair: what was wrong. */
  repaired?: string;
  /** Entries over the source's maxItems, dropped (the oldest): how many. */
  itemsDropped?: number;
}

/** Input line of `vric classify`. */
export interface ClassifyInput {
  id: string;
  title: string;
  summary?: string;
  url?: string;
  lang?: string;
  categories?: string[];
}

export interface TermHit {
  term: string;
  where: 'title' | 'summary' | 'url' | 'categories';
}

/** Output line of `vric classify`. */
export interface Classification {
  id: string;
  relevant: boolean;
  actors: Actor[];
  countries: string[];
  themes: Theme[];
  opinion: boolean;
  antiWestern: boolean;
  section: SectionId | null;
  /** Strength of the relevance evidence; ranks state items for the cap (higher is better). */
  score: number;
  /** With --explain: for each label (e.g. "actor:RU", "country:VE", "theme:health", "opinion"), the terms that fired. */
  explain?: Record<string, TermHit[]>;
}

export interface SourceRef {
  id: string;
  name: string;
  ownership: Ownership;
  owner: string | null;
  language: string;
  /** True when the item counts toward the state-media cap. */
  stateMedia: boolean;
}

export interface DigestEntry {
  title: string;
  url: string;
  published: string;
  language: string;
  summary: string;
  source: SourceRef;
  actors: Actor[];
  countries: string[];
  themes: Theme[];
  /** Other outlets that reported the same story. */
  alsoReportedBy: { name: string; url: string; stateMedia: boolean }[];
  /** Why the classifier put it here (terms per label), for hover text. */
  why?: Record<string, string[]>;
  pinned?: boolean;
  manual?: boolean;
}

export interface DigestSection {
  id: SectionId;
  title: string;
  items: DigestEntry[];
}

/** Fixed vocabulary of exclusion reasons (documented in the README). */
export type ExclusionReason =
  | 'irrelevant'
  | 'out-of-period'
  | 'duplicate'
  | 'opinion'
  | 'anti-western'
  | 'state-not-eligible'
  | 'state-reported-elsewhere'
  | 'state-cap'
  | 'excluded-by-editor';

export interface Exclusion {
  title: string;
  url: string;
  source: string;
  reason: ExclusionReason;
  /** Optional detail, e.g. the item it duplicates or the editor's reason. */
  detail?: string;
}

export interface Period {
  /** Inclusive start, ISO date (first day of the first month), UTC. */
  start: string;
  /** Inclusive end, ISO date (last day of the last month), UTC. */
  end: string;
  /** "August to September 2021". */
  label: string;
  /** Used in file names: "2021-08..2021-09" becomes "2021-08_2021-09". */
  slug: string;
  /** First and last month, "YYYY-MM". */
  from: string;
  to: string;
}

/** Where the state-media cap stands in one scope: the whole digest, or one section. */
export interface CapScopeVerdict {
  /** 'overall', or the section id when the cap applies per section. */
  scope: string;
  /** Entries in this scope. */
  items: number;
  /** Entries in this scope that count toward the cap. */
  used: number;
  /** Most such entries the cap allows beside this scope's others; null when it sets no limit. */
  allowed: number | null;
  /** More used than allowed: only pinned or manual entries can do this. */
  over: boolean;
}

/**
 * The one verdict on the state-media cap, made by the select stage where it applies the cap;
 * the audit and the renderers read it and never decide it again.
 */
export interface CapVerdict {
  /** The policy's cap (sources.yaml), whether or not an override replaced it. */
  policyCap: number;
  /** The cap applied: the override's when there is one. */
  cap: number;
  override: { cap: number; reason: string } | null;
  capScope: Policy['capScope'];
  /** Summed over the scopes. */
  used: number;
  allowed: number | null;
  /** How many more entries counting toward the cap it would allow (per scope, summed); null = no limit. */
  headroom: number | null;
  /** True when any scope is over. */
  over: boolean;
  /** One scope ('overall'), or every section in the publication's order. */
  scopes: CapScopeVerdict[];
}

export interface DigestStats {
  total: number;
  stateMedia: number;
  stateShare: number;
  cap: number;
  capVerdict: CapVerdict;
}

export interface Digest {
  title: string;
  period: Period;
  generatedAt: string;
  sections: DigestSection[];
  stats: DigestStats;
  excluded: Exclusion[];
  policy: {
    cap: number;
    capScope: 'overall' | 'section';
    capOwners: string[] | null;
    /** Set when the cap was raised for this build, with the editors' reason. */
    override: { cap: number; reason: string } | null;
  };
}
