// Storing a collection run's finished sources: a few at a time, one transaction per batch, in order.
import type { Archive } from '../archive/archive.js';
import type { FetchResult, SourceState } from '../core/fetch-types.js';

/** How long finished sources wait to share a transaction: commits are the archive's main cost. */
const STORE_BATCH_MS = 50;

/**
 * Stores finished sources in small batches, one transaction each. Every source is still stored
 * whole or not at all; a crash loses at most the last few tens of milliseconds of results, which
 * the next run fetches again, as it would the sources still in flight. Batches are written one
 * after another, in order, even when the archive answers asynchronously (a database server).
 */
export class BatchedStore {
  /** New items per source id, as the archive counted them. */
  readonly newItems = new Map<string, number>();
  private queue: { result: FetchResult; state: SourceState }[] = [];
  private timer: NodeJS.Timeout | undefined;
  private failure: unknown;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly archive: Archive,
    private readonly runId: string,
    private readonly now: () => Date,
  ) {}

  add(result: FetchResult, state: SourceState): void {
    this.queue.push({ result, state });
    this.timer ??= setTimeout(() => void this.flush(), STORE_BATCH_MS);
  }

  /** Writes what is queued; resolves when everything queued so far is written (or failed). */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    const batch = this.queue;
    this.queue = [];
    if (batch.length) {
      this.writing = this.writing.then(async () => {
        if (this.failure) return;
        try {
          const counts = await this.archive.storeFetchResults(batch, this.runId, this.now());
          batch.forEach((b, i) => this.newItems.set(b.result.sourceId, counts[i]!));
        } catch (e) {
          // Nothing more is written once the archive fails; the run ends with the error (exit 1).
          this.failure = e;
        }
      });
    }
    return this.writing;
  }

  throwIfFailed(): void {
    if (this.failure) throw this.failure;
  }
}
