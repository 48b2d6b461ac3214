// `vric sources discover URL`: the feeds a page offers. One page read by hand, inline and without
// a parsing budget, so it shares the fetch stage's bounded GET and parser but not its run.
import type { FetchSettings } from '../core/config-types.js';
import { EXIT, usageError, VricError } from '../core/errors.js';
import { isHttpUrl } from '../config/schema.js';
import { httpGet } from './http.js';
import { effectiveSettings } from './settings.js';

/**
 * Feed addresses for a page (for `vric sources discover URL`): the URL itself when it is a feed,
 * else the feeds an HTML page advertises. Throws an Error with a one-line reason when the page
 * cannot be fetched.
 */
export async function discoverFeeds(url: string, settings: Partial<FetchSettings> = {}): Promise<string[]> {
  // What was typed is not an address we could fetch: a usage error (2), not a failed fetch.
  if (!isHttpUrl(url)) {
    const hint = /^[a-z][a-z0-9+.-]*:/i.test(url) ? 'only http and https pages can be read' : `did you mean https://${url}?`;
    throw usageError(`"${url}" is not an http or https address (${hint})`);
  }
  const s = effectiveSettings(settings);
  const res = await httpGet(url, { settings: s });
  // The page could not be had (a 404, a refused connection): the command did not do its job (3).
  if (res.kind === 'error') throw new VricError(`cannot read ${url}: ${res.message}`, EXIT.partial);
  if (res.kind === 'not-modified') return [res.finalUrl];
  const [{ decodeBytes }, { parseFeed }] = await Promise.all([import('./charset.js'), import('./parse.js')]);
  const decoded = decodeBytes(res.body, res.contentType);
  const parsed = await parseFeed(decoded.text, res.finalUrl);
  if (parsed.ok) return [res.finalUrl];
  return parsed.feedLinks ?? [];
}
