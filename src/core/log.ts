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

/**
 * What a terminal would act on rather than show: whole escape sequences first (CSI `ESC [ … final`,
 * OSC/DCS/APC/PM/SOS strings up to BEL or ST, or to the end when unterminated, two-byte `ESC x`), so that `ESC ]0;title BEL` goes
 * entirely rather than leaving `]0;title`; then any control left alone: C0 except tab, DEL, and
 * C1 (U+0080-U+009F, which some terminals take as ESC + a letter). A feed's charset name, a repair
 * note or an imported source id is text from outside, and a log line must never retitle, recolour
 * or rewrite the operator's terminal, nor forge a second line in a log file. Every part is
 * optional after its introducer, so the pattern never backtracks: linear in the line's length.
 */
const ESCAPES =
  /\x1b[\]P^_X][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|[\x90\x98\x9d-\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?|\x1b[ -~]?|[\x00-\x08\x0a-\x1f\x7f-\x9f]/g;
const HAS_CONTROL = /[\x00-\x08\x0a-\x1f\x7f-\x9f]/;

/** A log line as it may reach a terminal or a file: escape sequences and controls removed (newlines become spaces). */
export function terminalSafe(line: string): string {
  if (!HAS_CONTROL.test(line)) return line;
  return line.replace(ESCAPES, (m) => (m === '\n' || m === '\r' ? ' ' : ''));
}

/** C1 controls are valid in JSON strings, and JSON.stringify leaves them raw: escape them too. */
const C1 = /[\x80-\x9f]/g;

/** Renders a record on one output: one JSON line, or the text lines a person reads. */
export function writeRecord(out: LogOutput, record: LogRecord, text: readonly string[]): void {
  if (record.level === 'info' && out.quiet) return;
  if (out.format === 'json') {
    // C0 controls come out as \u001b and the like; C1 ones need the same, by hand.
    out.write(JSON.stringify(record).replace(C1, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`));
    return;
  }
  for (const line of text) {
    const safe = terminalSafe(line);
    out.write(out.timestamps ? `${record.time} ${safe}` : safe);
  }
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
