// Reading a response body within a size cap that also holds after decompression.
// We undo Content-Encoding ourselves (node:zlib streams) rather than letting the client do it,
// so that a byte counter sits after every decoder: a gzip bomb is aborted as soon as its output
// passes the cap, and memory stays bounded by the cap, whatever the compression ratio.
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';

/** The body passed the size cap (on the wire or decoded). */
export class TooLarge extends Error {}

/** A Content-Encoding we cannot undo. */
export class UnsupportedEncoding extends Error {}

/** Counts bytes through; errors as soon as the running total passes the limit. */
function cap(limit: number, onBytes: (n: number) => void, what: string): Transform {
  let total = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      total += chunk.length;
      onBytes(chunk.length);
      if (total > limit) done(new TooLarge(`too-large: ${what} exceeds the ${limit}-byte limit`));
      else done(null, chunk);
    },
  });
}

function decoderFor(coding: string): Transform | null {
  switch (coding) {
    case 'gzip':
    case 'x-gzip':
    case 'deflate': // createUnzip reads both gzip and zlib-wrapped deflate, what servers send as "deflate".
      return zlib.createUnzip();
    case 'br':
      return zlib.createBrotliDecompress();
    case 'identity':
    case '':
      return null;
    default:
      throw new UnsupportedEncoding(`unsupported Content-Encoding "${coding}"`);
  }
}

/**
 * Reads the body with the cap on the wire bytes and, after each decoder, on the decoded bytes:
 * a gzip bomb is aborted as soon as its output passes maxBytes, with memory bounded by the cap.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number, countWire: (n: number) => void): Promise<Buffer> {
  const chunks: Buffer[] = [];
  try {
    // Codings are listed in the order applied; undo them last first.
    const codings = (contentEncoding ?? '').split(',').map((c) => c.trim().toLowerCase()).filter((c) => c && c !== 'identity').reverse();
    const decoders = codings.map(decoderFor).filter((d): d is Transform => d !== null);
    const stages: NodeJS.ReadWriteStream[] = [cap(maxBytes, countWire, 'body')];
    for (const d of decoders) stages.push(d, cap(maxBytes, () => undefined, 'decompressed body'));
    await pipeline(body, ...(stages as [Transform]), async (source: AsyncIterable<Buffer>) => {
      for await (const chunk of source) chunks.push(chunk);
    });
  } catch (e) {
    // Free the socket whatever went wrong (cap, corrupt data, unknown coding). Destroying a body
    // that nothing reads makes it emit an abort error of its own; with no listener (an unknown
    // coding fails before the pipeline attaches one) that would crash the whole run.
    body.on('error', () => undefined);
    body.destroy();
    throw e;
  }
  return Buffer.concat(chunks);
}

