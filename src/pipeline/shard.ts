// `vric fetch --shard K/N`: N collectors (one cron line each, on one machine or several) divide the
// sources among themselves without talking to each other. A source's shard is a hash of its id, so
// it is the same on every machine and stays put when other sources are added or removed.
import { createHash } from 'node:crypto';
import { usageError } from '../core/errors.js';

export interface Shard {
  /** 1-based: this collector's part. */
  k: number;
  n: number;
}

export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  const k = Number(m?.[1]);
  const n = Number(m?.[2]);
  if (!m || n < 1 || k < 1 || k > n || n > 1000) {
    throw usageError(`--shard takes K/N with 1 ≤ K ≤ N, e.g. 1/3 for the first of three collectors (got "${text}")`);
  }
  return { k, n };
}

/** The 1-based shard a source belongs to among n. */
export function shardOf(sourceId: string, n: number): number {
  // The first 4 bytes of SHA-256 as an unsigned integer: uniform enough for any N here, and
  // unlike a string hash of our own it is easy to reproduce anywhere (e.g. in a spreadsheet script).
  return (createHash('sha256').update(sourceId).digest().readUInt32BE(0) % n) + 1;
}

export function inShard(sourceId: string, shard: Shard): boolean {
  return shardOf(sourceId, shard.n) === shard.k;
}
