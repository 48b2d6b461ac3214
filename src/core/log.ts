// Messages for people go to stderr (stdout is kept for data: JSON, JSON Lines, tables).
// A message is a record (time, level, message, fields); each output of the run renders it as text or
// as one JSON object a line. --quiet silences info on stderr only; warnings and errors always print.

export type LogLevel = 'info' | 'warn' | 'error';
export const LOG_FORMATS = ['text', 'json'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/** One message. Field names are the log vocabulary (README, "Log records"): `source` is a source id. */
export interface LogRecord {
  time: string;
  level: LogLevel;
  message: string;
  [field: string]: unknown;
}

/** A place records go: stderr, or the --log-file. */
export interface LogOutput {
  format: LogFormat;
  /** Drop info records (--quiet on stderr, so that cron mails only problems). */
  quiet?: boolean;
  /** Put the record's time before each text line: a file has no other clock (cron mail and terminals do). */
  timestamps?: boolean;
  write(line: string): void;
}

/** Renders a record on one output: one JSON line, or the text lines a person reads. */
export function writeRecord(out: LogOutput, record: LogRecord, text: readonly string[]): void {
  if (record.level === 'info' && out.quiet) return;
  if (out.format === 'json') {
    out.write(JSON.stringify(record));
    return;
  }
  for (const line of text) out.write(out.timestamps ? `${record.time} ${line}` : line);
}

/** The text form of a logged message: `warn: [telesur] HTTP 404`, or the bare message for info. */
export function textLine(level: LogLevel, message: string, fields?: Record<string, unknown>): string {
  const prefix = level === 'info' ? '' : `${level}: `;
  const source = fields && typeof fields.source === 'string' ? `[${fields.source}] ` : '';
  return `${prefix}${source}${message}`;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface LoggerOptions {
  /** Where records go; without it, stderr with `quiet` and `format` below. */
  outputs?: LogOutput[];
  quiet?: boolean;
  format?: LogFormat;
  write?: (line: string) => void;
  clock?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const outputs = opts.outputs ?? [
    { format: opts.format ?? 'text', quiet: opts.quiet ?? false, write: opts.write ?? ((line: string) => process.stderr.write(line + '\n')) },
  ];
  const clock = opts.clock ?? (() => new Date());
  const emit = (level: LogLevel, message: string, fields?: Record<string, unknown>) => {
    const record: LogRecord = { time: clock().toISOString(), level, message, ...fields };
    const text = [textLine(level, message, fields)];
    for (const out of outputs) writeRecord(out, record, text);
  };
  return {
    info: (m, f) => emit('info', m, f),
    warn: (m, f) => emit('warn', m, f),
    error: (m, f) => emit('error', m, f),
  };
}

/** A logger that drops everything; for library callers and tests that do not care. */
export const silentLogger: Logger = { info() {}, warn() {}, error() {} };
