// A live counter on a terminal; nothing at all when stderr is not a terminal (cron, pipes, CI).
export interface Progress {
  update(done: number, total: number): void;
  end(): void;
}

const NONE: Progress = { update() {}, end() {} };

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
      stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
    },
    end() {
      if (shown) stream.write('\r\x1b[2K');
    },
  };
}
