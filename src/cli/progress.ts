// A live counter on a terminal; nothing at all when stderr is not a terminal (cron, pipes, CI).
// The counter is a line without its newline, so anything else written to the same terminal goes
// through aboveProgress(): the counter is erased, the line written, and the counter drawn again below.
export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

const NONE: Progress = { update() {}, end() {} };
const ERASE = '\r\x1b[2K';

/** The counter on screen now, if any: what aboveProgress() erases and redraws. */
let onScreen: { stream: NodeJS.WriteStream; text: string } | undefined;

export function terminalProgress(label: string, enabled: boolean, stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!enabled || !stream.isTTY) return NONE;
  let last = 0;
  let shown = false;
  return {
    update(done, total) {
      const t = Date.now();
      if (done < total && t - last < 100) return; // at most ten repaints a second
      last = t;
      shown = true;
      const width = 24;
      const filled = total ? Math.round((done / total) * width) : 0;
      const text = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
      onScreen = { stream, text };
      stream.write(`\r${text}`);
    },
    end() {
      if (shown) stream.write(ERASE);
      shown = false;
      if (onScreen?.stream === stream) onScreen = undefined;
    },
  };
}

/** Writes a whole line to `stream` with the counter (if one is on it) erased first and redrawn after. */
export function aboveProgress(stream: NodeJS.WriteStream, line: string): void {
  const bar = onScreen?.stream === stream ? onScreen.text : undefined;
  stream.write(bar === undefined ? `${line}\n` : `${ERASE}${line}\n${bar}`);
}
