// `fetch --only ids`: the sources named, checked against sources.yaml before anything is fetched.
// A typo must not turn into a run that fetches nothing and reports success.
import { usageError } from '../core/errors.js';
import { closest } from '../core/suggest.js';
import type { Source } from '../core/config-types.js';

/**
 * The sources `--only` names, in sources.yaml's order. Exit 2 (nothing fetched) when an id is not
 * in sources.yaml (naming the id meant, when one is close) or names a disabled source: `enabled:
 * false` means "not fetched", and fetching it on request would put items in the archive (and the
 * digest) of a source every listing calls disabled. `vric sources check` probes any source.
 */
export function sourcesNamed(sources: readonly Source[], only: readonly string[]): Source[] {
  if (!only.length) throw usageError('--only needs at least one source id (comma-separated, as in sources.yaml)');
  const byId = new Map(sources.map((s) => [s.id, s]));
  const unknown = only.filter((id) => !byId.has(id));
  if (unknown.length) {
    const named = unknown.map((id) => {
      const meant = closest(id, byId.keys());
      return meant ? `"${id}" (did you mean ${meant}?)` : `"${id}"`;
    });
    throw usageError(`--only: sources.yaml has no source ${named.join(', ')}; nothing was fetched (vric sources list shows the ids)`);
  }
  const disabled = only.map((id) => byId.get(id)!).filter((s) => !s.enabled);
  if (disabled.length) {
    const named = disabled.map((s) => `"${s.id}"${s.line ? ` (line ${s.line})` : ''}`).join(', ');
    throw usageError(`--only: source ${named} is disabled in sources.yaml (enabled: false); set enabled: true to fetch it; nothing was fetched`);
  }
  return sources.filter((s) => only.includes(s.id));
}
