// Whether publishers can reach the operator: `fetch.contact` goes into the User-Agent of every
// request, and a placeholder left from the starter file (monitor@example.org) reaches nobody.
// One rule, read by `sources check`, `fetch`, `run` and `doctor`.
import { shownPath } from './shown-path.js';
import type { Config } from '../core/config-types.js';

/** Domains reserved for examples and tests (RFC 2606, RFC 6761): no one reads mail sent there. */
const RESERVED = /(^|\.)(example\.(org|com|net)|example|invalid|test|localhost)$/i;

/** True when `contact` is missing or an address at a reserved example domain. */
export function isPlaceholderContact(contact: string | undefined): boolean {
  if (!contact?.trim()) return true;
  const c = contact.trim();
  let host: string;
  if (c.includes('@') && !c.includes('://')) host = c.slice(c.lastIndexOf('@') + 1);
  else {
    try {
      host = new URL(c).hostname;
    } catch {
      host = c;
    }
  }
  return RESERVED.test(host.replace(/[>\s.]+$/, ''));
}

/**
 * One warning per contact that reaches nobody, for the sources that would send it over HTTP
 * (a `file:` source asks no publisher anything, so a sample monitor is not warned): the
 * top-level `fetch.contact`, with its line, and any source whose own `fetch.contact` is one.
 */
export function contactWarnings(config: Config): string[] {
  const file = shownPath(config.path);
  const online = config.sources.filter((s) => s.enabled && s.url);
  const out: string[] = [];
  const inheriting = online.filter((s) => s.fetch.contact === undefined);
  if (inheriting.length && isPlaceholderContact(config.fetch.contact)) {
    const where = config.contactLine ? `${file}:${config.contactLine}` : file;
    const what = config.fetch.contact ? `fetch.contact is the placeholder ${config.fetch.contact}` : 'fetch.contact is not set';
    out.push(`${where}: ${what}: publishers cannot reach you about your requests; set it to an address you read (it is sent in the User-Agent)`);
  }
  for (const s of online) {
    if (s.fetch.contact !== undefined && isPlaceholderContact(s.fetch.contact)) {
      out.push(`${file}${s.line ? `:${s.line}` : ''}: source "${s.id}": fetch.contact is the placeholder ${s.fetch.contact}: publishers cannot reach you; set a real address`);
    }
  }
  return out;
}
