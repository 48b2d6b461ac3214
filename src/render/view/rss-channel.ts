// What the RSS feed needs beyond its items: absolute links under the public site URL, and dates
// in RFC 822.
import type { Digest } from '../../core/digest-types.js';
import { safeUrl } from '../escape.js';
import { FILE_OF_FORMAT, type Format } from './output-formats.js';

/** RFC 822 date for RSS, or '' for a date that does not parse. */
export function rfc822(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? '' : d.toUTCString();
}

/** Absolute base for links in RSS: siteUrl/<slug>/, when a vetted siteUrl is given. */
function baseUrl(siteUrl: string | undefined, slug: string): string | null {
  const site = safeUrl(siteUrl);
  if (!site) return null;
  return new URL(`${encodeURIComponent(slug)}/`, site.endsWith('/') ? site : `${site}/`).href;
}

export interface ChannelView {
  link: string;
  self: string | null;
  lastBuildDate: string;
}

/** The channel's link, its self link (only when the RSS file is written) and its build date. */
export function channelView(digest: Digest, formats: readonly Format[], siteUrl: string | undefined): ChannelView {
  const base = baseUrl(siteUrl, digest.period.slug);
  return {
    link: base ? new URL(FILE_OF_FORMAT.html, base).href : FILE_OF_FORMAT.html,
    self: base && formats.includes('rss') ? new URL(FILE_OF_FORMAT.rss, base).href : null,
    lastBuildDate: rfc822(digest.generatedAt),
  };
}
