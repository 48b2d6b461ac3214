// Sources failing in the fetch log, for the audit: an editor should know which outlets the period
// may be missing before trusting its source mix.
import type { Archive } from '../archive/archive.js';
import type { Source } from '../core/config-types.js';
import type { SourceMix } from './mix.js';

export interface FailingSource {
  id: string;
  consecutiveFailures: number;
  lastSuccessAt: string | null;
  lastError: string | null;
}

export interface AuditFigures extends SourceMix {
  failingSources: FailingSource[];
}

/** Only the stored per-source states are read: counting items per source would scan the archive. */
export async function failingSources(archive: Archive, sources: readonly Source[]): Promise<FailingSource[]> {
  const enabled = new Set(sources.filter((s) => s.enabled).map((s) => s.id));
  return (await archive.getAllSourceStates())
    .filter((h) => h.consecutiveFailures > 0 && enabled.has(h.sourceId))
    .map((h) => ({
      id: h.sourceId,
      consecutiveFailures: h.consecutiveFailures,
      lastSuccessAt: h.lastSuccessAt ?? null,
      lastError: h.lastError ?? null,
    }))
    .sort((a, b) => b.consecutiveFailures - a.consecutiveFailures || a.id.localeCompare(b.id));
}
