// The key under which two links count as the same article. Fetch already canonicalises URLs
// (tracking parameters removed); here we also ignore what outlets vary without changing the
// page: http vs https, "www.", a trailing slash, the fragment, the host's case.

/** Comparison key for a URL, or '' when there is none (manual entries always have one). */
export function canonicalUrlKey(url: string): string {
  const raw = url.trim();
  if (!raw) return '';
  try {
    const u = new URL(raw);
    const host = u.hostname.toLowerCase().replace(/^www\./, '');
    const path = u.pathname.replace(/\/+$/, '');
    return `${host}${path}${u.search}`;
  } catch {
    // Not a URL we can parse: compare it as written.
    return raw.toLowerCase();
  }
}
