// Claiming a source for the length of its download, so that collectors sharing an archive never
// fetch one source twice (the leases themselves are the archive's: claimSources, releaseSources).
import type { Archive } from '../archive/archive.js';
import type { Logger } from '../core/log.js';
import type { SourceState } from '../core/fetch-types.js';
import type { FetchSettings, Source } from '../core/config-types.js';
import type { FetchRunOptions } from '../fetch/fetcher.js';

/**
 * How long a collector's claim on a source lasts. A run ends its leases itself (storing a source
 * ends its lease; the rest are released at the end); the expiry is for a collector that died, so
 * that the next run takes its sources over soon. A claim is taken just before the download, which
 * its settings bound (all attempts within timeoutMs, plus at most one Retry-After wait); twice that,
 * plus time to parse and store, is ample for a live collector.
 */
export function leaseMs(settings: Pick<FetchSettings, 'timeoutMs' | 'maxRetryAfterMs'>): number {
  return 2 * (settings.timeoutMs + settings.maxRetryAfterMs) + LEASE_MARGIN_MS;
}
const LEASE_MARGIN_MS = 5_000;

/**
 * The fetch stage's claim: take the source's lease as run `runId`, and go ahead only if no other
 * collector has it and none fetched it since this run read `states`.
 */
export function claimUnderLease(archive: Archive, runId: string, states: ReadonlyMap<string, SourceState>, logger: Logger): NonNullable<FetchRunOptions['claim']> {
  return async (source: Source, settings: FetchSettings) => {
    const [granted] = await archive.claimSources([source.id], runId, leaseMs(settings));
    if (!granted) {
      logger.info('note: another collector is fetching this source; left to it', { source: source.id });
      return false;
    }
    // Read again under the lease. This run has not fetched the source yet, so a state that
    // changed since the run began was written by another collector in the meantime: it has
    // just fetched the source, and fetching it again would only cost the publisher a request.
    const state = await archive.getSourceState(source.id);
    if (JSON.stringify(state) !== JSON.stringify(states.get(source.id))) {
      logger.info('note: another collector fetched this source during this run', { source: source.id });
      return false;
    }
    return { state };
  };
}
