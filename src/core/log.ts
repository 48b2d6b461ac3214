// Messages for people go to stderr (stdout is kept for data: JSON, JSON Lines, tables).
// --quiet silences info; warnings and errors always print. --log-format json emits one object a line.

export type LogLevel = 'info' | 'warn' | 'error';

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  quiet?: boolean;
  format?: 'text' | 'json';
  write?: (line: string) => void;
  clock?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const write = opts.write ?? ((line: string) => process.stderr.write(line + '\n'));
  const clock = opts.clock ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    if (level === 'info' && opts.quiet) return;
    if (opts.format === 'json') {
      write(JSON.stringify({ time: clock().toISOString(), level, message, ...fields }));
      return;
    }
    const prefix = level === 'info' ? '' : `${level}: `;
    const source = fields && typeof fields.source === 'string' ? `[${fields.source}] ` : '';
    write(`${prefix}${source}${message}`);
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that drops everything; for library callers and tests that do not care. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
