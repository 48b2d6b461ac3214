// Feed parsing off the main thread. A cold fetch of hundreds of feeds is bound by the CPU spent
// parsing them, not by the network: with the parsing in a worker, the main thread keeps
// requests flowing and writes to the archive while the other core parses.
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { parentPort, Worker } from 'node:worker_threads';
import type { FetchSettings, Source } from '../core/config-types.js';
import type { processBody, Processed } from './process.js';
import { DEFAULT_FETCH_SETTINGS } from './settings.js';

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
 * Parsing on the calling thread. The parser modules (rss-parser, htmlparser2, entities, iconv-lite, chardet) are
 * loaded on first use: when workers parse, the main thread never needs them, and not loading them
 * lets a large fetch send its first requests about 0.2 s sooner.
 */
export const inlineProcess: ProcessFn = async (...args) => (await import('./process.js')).processBody(...args);

export const DEFAULT_PROCESSOR: Processor = { inline: inlineProcess, worker: { url: new URL('./process-worker.js', import.meta.url) } };

/**
 * Bodies up to this size may be processed on the calling thread, where a budget cannot interrupt
 * them; larger ones always go to a worker that can be terminated. With every pass over a body
 * linear (test/fetch/linear.test.ts), the slowest hostile shape measured costs about 0.3 us a byte
 * (a real 10 MiB feed, 1.2 s: 0.12 us), so 256 KiB stays under about 0.1 s however it is built.
 */
export const INLINE_MAX_BYTES = 256 * 1024;

/**
 * A pool for `sources` sources: worker threads on a machine with cores to spare and a run big
 * enough to pay for them. Otherwise bodies are processed inline, except those larger than
 * INLINE_MAX_BYTES, which go to one worker started on first need, so that every body whose cost
 * is not bounded by its size is under the processing budget. Under a TypeScript test runner the
 * compiled worker file does not exist, so processing stays inline there.
 */
export function processPool(sources: number, cores = os.availableParallelism(), processor: Processor = DEFAULT_PROCESSOR): ProcessPool {
  const size = Math.min(cores - 1, 3);
  const worker = processor.worker;
  if (!worker || !fs.existsSync(fileURLToPath(worker.url))) return { process: processor.inline, close: async () => {} };
  if (size >= 1 && sources >= MIN_SOURCES_FOR_WORKERS) return new WorkerPool(size, worker);
  return new InlineUnlessLarge(processor.inline, worker);
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

/** Small runs: small bodies inline, large ones in a worker under the budget. */
class InlineUnlessLarge implements ProcessPool {
  private workers: WorkerPool | undefined;

  constructor(
    private readonly inline: ProcessFn,
    private readonly entry: { url: URL; data?: unknown },
  ) {}

  process: ProcessFn = (source, bytes, contentType, url, settings, now) => {
    if (bytes.byteLength <= INLINE_MAX_BYTES) return this.inline(source, bytes, contentType, url, settings, now);
    this.workers ??= new WorkerPool(1, this.entry);
    return this.workers.process(source, bytes, contentType, url, settings, now);
  };

  async close(): Promise<void> {
    await this.workers?.close();
  }
}

interface Queued {
  task: ProcessTask;
  budgetMs: number;
  resolve: (p: Processed) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The task it is processing; a worker holds one at a time, so its budget is its own. */
  busy?: Queued & { timer: NodeJS.Timeout };
}

/** What a source whose processing ran past its budget is reported as. */
export function parseTimeout(budgetMs: number): Processed {
  return {
    errorKind: 'parse-timeout',
    reason: `parse-timeout: reading the feed took longer than ${budgetMs / 1000} s (the processing budget); stopped`,
  };
}

/**
 * Worker threads, each processing one body at a time under the processing budget: a body still
 * in processing when its budget runs out is reported parse-timeout, and its worker is terminated
 * and replaced, so the queue behind it moves on. A worker that dies (out of memory on a hostile
 * feed) fails only the body it held.
 */
class WorkerPool implements ProcessPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Queued[] = [];
  private seq = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly entry: { url: URL; data?: unknown },
  ) {
    for (let i = 0; i < size; i++) this.slots.push(this.spawn());
  }

  private spawn(): Slot {
    const slot: Slot = { worker: new Worker(this.entry.url, { workerData: this.entry.data }) };
    slot.worker.on('message', (m: { id: number; result?: Processed; error?: string }) => {
      const job = slot.busy;
      if (!job || job.task.id !== m.id) return;
      this.finish(slot);
      if (m.error !== undefined) job.reject(new Error(m.error));
      else job.resolve(m.result!);
    });
    const died = (e: Error) => {
      if (this.closed || !this.slots.includes(slot)) return;
      const job = slot.busy;
      this.replace(slot);
      job?.reject(e);
    };
    slot.worker.on('error', died);
    slot.worker.on('exit', (code) => died(new Error(`the parsing worker stopped (exit code ${code})`)));
    return slot;
  }

  /** The slot's task is over: stop its clock and give it the next one. */
  private finish(slot: Slot): void {
    if (slot.busy) clearTimeout(slot.busy.timer);
    slot.busy = undefined;
    this.dispatch();
  }

  /** A fresh worker in the slot's place (the old one is terminated if still alive). */
  private replace(slot: Slot): void {
    if (slot.busy) clearTimeout(slot.busy.timer);
    slot.busy = undefined;
    const i = this.slots.indexOf(slot);
    void slot.worker.terminate();
    if (i >= 0) this.slots[i] = this.spawn();
    this.dispatch();
  }

  private dispatch(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (slot.busy) continue;
      const job = this.queue.shift();
      if (!job) return;
      const timer = setTimeout(() => {
        // Over budget: the worker cannot be asked to stop mid-parse, so it is terminated.
        this.replace(slot);
        job.resolve(parseTimeout(job.budgetMs));
      }, job.budgetMs);
      slot.busy = { ...job, timer };
      slot.worker.postMessage(job.task);
    }
  }

  process: ProcessFn = (source, bytes, contentType, url, settings, now) => {
    const task: ProcessTask = {
      id: ++this.seq,
      source: { id: source.id, language: source.language },
      bytes,
      contentType,
      url,
      settings: { maxBytes: settings.maxBytes, maxItems: settings.maxItems },
      now: now.toISOString(),
    };
    const budgetMs = settings.parseBudgetMs ?? DEFAULT_FETCH_SETTINGS.parseBudgetMs;
    return new Promise<Processed>((resolve, reject) => {
      this.queue.push({ task, budgetMs, resolve, reject });
      this.dispatch();
    });
  };

  async close(): Promise<void> {
    this.closed = true;
    for (const slot of this.slots) if (slot.busy) clearTimeout(slot.busy.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
