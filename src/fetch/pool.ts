// Feed parsing off the main thread. A cold fetch of hundreds of feeds is bound by the CPU spent
// parsing them, not by the network: with the parsing in a worker, the main thread keeps
// requests flowing and writes to the archive while the other core parses.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import type { FetchSettings, Source } from '../core/types.js';
import type { processBody, Processed } from './process.js';

export interface ProcessTask {
  id: number;
  source: Pick<Source, 'id' | 'language'>;
  bytes: Uint8Array;
  contentType: string | undefined;
  url: string;
  settings: Pick<FetchSettings, 'maxBytes' | 'maxItems'>;
  now: string;
}

export type ProcessFn = typeof processBody;

export interface ProcessPool {
  process: ProcessFn;
  close(): Promise<void>;
}

/** Below this many sources a worker costs more to start than it saves. */
export const MIN_SOURCES_FOR_WORKERS = 24;

/**
 * What turns downloaded bytes into items: a function for the calling thread and, optionally, a
 * worker entry that runs the same function off it (one that answers ProcessTask messages through
 * serveTasks). The fetch stage's own is processBody; collection adds labelling (src/pipeline).
 */
export interface Processor {
  inline: ProcessFn;
  worker?: { url: URL; data?: unknown };
}

/**
 * Parsing on the calling thread. The parser modules (rss-parser, cheerio, iconv-lite, chardet) are
 * loaded on first use: when workers parse, the main thread never needs them, and not loading them
 * lets a large fetch send its first requests about 0.2 s sooner.
 */
export const inlineProcess: ProcessFn = async (...args) => (await import('./process.js')).processBody(...args);

export const DEFAULT_PROCESSOR: Processor = { inline: inlineProcess, worker: { url: new URL('./process-worker.js', import.meta.url) } };

/**
 * A pool for `sources` sources: worker threads on a machine with cores to spare and a run big
 * enough to pay for them; otherwise the same function, inline. Under a TypeScript test runner the
 * compiled worker file does not exist, so parsing stays inline there.
 */
export function processPool(sources: number, cores = os.availableParallelism(), processor: Processor = DEFAULT_PROCESSOR): ProcessPool {
  const size = Math.min(cores - 1, 3);
  const worker = processor.worker;
  if (!worker || size < 1 || sources < MIN_SOURCES_FOR_WORKERS || !fs.existsSync(fileURLToPath(worker.url))) {
    return { process: processor.inline, close: async () => {} };
  }
  return new WorkerPool(size, worker);
}

/** A worker entry's loop: runs `fn` for each ProcessTask the pool sends, and answers. */
export function serveTasks(fn: ProcessFn): void {
  parentPort!.on('message', async (task: ProcessTask) => {
    try {
      const result = await fn(task.source, task.bytes, task.contentType, task.url, task.settings, new Date(task.now));
      parentPort!.postMessage({ id: task.id, result });
    } catch (e) {
      parentPort!.postMessage({ id: task.id, error: (e as Error)?.message ?? String(e) });
    }
  });
}

interface Pending {
  resolve: (p: Processed) => void;
  reject: (e: Error) => void;
}

class WorkerPool implements ProcessPool {
  private readonly workers: { worker: Worker; pending: Map<number, Pending> }[] = [];
  private next = 0;
  private seq = 0;

  constructor(
    size: number,
    private readonly entry: { url: URL; data?: unknown },
  ) {
    for (let i = 0; i < size; i++) this.workers.push(this.spawn());
  }

  private spawn() {
    const slot = { worker: new Worker(this.entry.url, { workerData: this.entry.data }), pending: new Map<number, Pending>() };
    slot.worker.on('message', (m: { id: number; result?: Processed; error?: string }) => {
      const p = slot.pending.get(m.id);
      if (!p) return;
      slot.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(m.error));
      else p.resolve(m.result!);
    });
    // A worker that dies (out of memory on a hostile feed) fails only the feeds it held; the
    // next task gets a fresh worker.
    const fail = (e: Error) => {
      for (const p of slot.pending.values()) p.reject(e);
      slot.pending.clear();
      const i = this.workers.indexOf(slot);
      if (i >= 0 && !this.closed) this.workers[i] = this.spawn();
    };
    slot.worker.on('error', fail);
    slot.worker.on('exit', (code) => {
      if (code !== 0 && !this.closed) fail(new Error(`the parsing worker stopped (exit code ${code})`));
    });
    return slot;
  }

  private closed = false;

  process: ProcessFn = (source, bytes, contentType, url, settings, now) => {
    // The least-loaded worker, so one large feed does not hold up the rest.
    let slot = this.workers[this.next++ % this.workers.length]!;
    for (const w of this.workers) if (w.pending.size < slot.pending.size) slot = w;
    const id = ++this.seq;
    const task: ProcessTask = {
      id,
      source: { id: source.id, language: source.language },
      bytes,
      contentType,
      url,
      settings: { maxBytes: settings.maxBytes, maxItems: settings.maxItems },
      now: now.toISOString(),
    };
    return new Promise<Processed>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.worker.postMessage(task);
    });
  };

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}
