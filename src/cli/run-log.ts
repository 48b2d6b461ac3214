// Where a run's messages go: stderr (above the progress counter), and with --log-file a file that
// gets every message with its time, info included even under --quiet (--quiet decides what cron
// mails, not what the log keeps), and, unless a fatal error already said it, one last line with the
// exit code, so that every run leaves a trace. --log-format applies to both: text, or one JSON object
// a line. Fatal errors go through here too (index.ts), so they follow the same format.
import fs from 'node:fs';
import path from 'node:path';
import { errorMessage, usageError } from '../core/errors.js';
import { createLogger, LOG_FORMATS, writeRecord, type LogFormat, type Logger, type LogOutput, type LogRecord } from '../core/log.js';
import { aboveProgress } from './progress.js';

export interface LogOptions {
  logFormat?: string;
  logFile?: string;
}

interface RunLog {
  format: LogFormat;
  file?: { path: string; fd: number };
  /** The command being run (`fetch`, `sources check`), once commander has found it. */
  command?: string;
  started: number;
  /** A record with the exit code was written: the end line would say it twice. */
  ended: boolean;
}

const run: RunLog = { format: 'text', started: Date.now(), ended: false };

/** Sets the format and the log file for the rest of the run (exit 2 on a bad format or an unwritable file). */
export function configureRunLog(o: LogOptions, command?: string): void {
  const format = o.logFormat ?? 'text';
  if (!(LOG_FORMATS as readonly string[]).includes(format)) throw usageError(`--log-format must be text or json (got "${format}")`);
  run.format = format as LogFormat;
  if (command) run.command = command;
  const file = o.logFile ? path.resolve(o.logFile) : undefined;
  if (file === run.file?.path) return;
  closeFile();
  if (file) run.file = { path: file, fd: openLogFile(file) };
}

/** The folder is created: the first run from cron must not fail because logs/ does not exist yet. */
function openLogFile(file: string): number {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    return fs.openSync(file, 'a', 0o640);
  } catch (e) {
    throw usageError(`cannot open the log file ${file}: ${errorMessage(e)}`);
  }
}

function closeFile(): void {
  if (!run.file) return;
  try {
    fs.closeSync(run.file.fd);
  } catch {
    /* already gone: nothing to flush, writes are synchronous */
  }
  run.file = undefined;
}

export function runLogFormat(): LogFormat {
  return run.format;
}

function outputs(quiet: boolean): LogOutput[] {
  const file = fileOutput();
  return [{ format: run.format, quiet, write: (line) => aboveProgress(process.stderr, line) }, ...(file ? [file] : [])];
}

function fileOutput(): LogOutput | undefined {
  const file = run.file;
  if (!file) return undefined;
  return {
      format: run.format,
      timestamps: true,
      write: (line) => {
        try {
          fs.writeSync(file.fd, line + '\n');
        } catch (e) {
          // A full disk must not cost the run: say so once on stderr and carry on without the file.
          closeFile();
          aboveProgress(process.stderr, `warn: cannot write the log file ${file.path} (${errorMessage(e)}); messages go to stderr only`);
        }
      },
  };
}

/** The logger of a command: `quiet` silences info on stderr; the log file keeps everything. */
export function runLogger(quiet: boolean): Logger {
  return createLogger({ outputs: outputs(quiet) });
}

export interface Fatal {
  message: string;
  exit: number;
  details?: readonly string[];
  fields?: Record<string, unknown>;
  /** The text form when it is not `vric: message` and the details (an internal error's stack). */
  text?: string;
  /** False when the message is on stderr already (commander's text): then only the file gets it. */
  stderr?: boolean;
}

/** The record that ends a run on an error, with its exit code: `vric: message` as text. */
export function logFatal(f: Fatal): void {
  const details = f.details ?? [];
  const record: LogRecord = {
    time: new Date().toISOString(),
    level: 'error',
    message: f.message,
    ...(run.command ? { command: run.command } : {}),
    exit: f.exit,
    ...(details.length ? { details: [...details] } : {}),
    ...f.fields,
  };
  const text = (f.text ?? [`vric: ${f.message}`, ...details.map((d) => `  ${d}`)].join('\n')).split('\n');
  const file = fileOutput();
  for (const out of f.stderr === false ? (file ? [file] : []) : outputs(false)) writeRecord(out, record, text);
  run.ended = true;
}

/** The log file's last line for a run that ended without a fatal error (stderr does not get it). */
export function logEnd(exit: number): void {
  const file = run.file;
  if (run.ended || !file) return;
  run.ended = true;
  const ms = Date.now() - run.started;
  const record: LogRecord = {
    time: new Date().toISOString(),
    level: exit === 0 ? 'info' : 'warn',
    message: `${run.command ?? 'vric'} ended with exit ${exit}`,
    ...(run.command ? { command: run.command } : {}),
    exit,
    ms,
  };
  writeRecord(fileOutput()!, record, [`${exit === 0 ? '' : 'warn: '}${record.message} (${(ms / 1000).toFixed(1)} s)`]);
  closeFile();
}

/**
 * --log-format and --log-file as written on the command line, before commander has parsed it: for the
 * one case commander refuses the line (an unknown option) before any command runs. Commander's
 * parsed options replace these as soon as a command starts.
 */
export function peekLogOptions(argv: readonly string[]): LogOptions {
  const found: LogOptions = {};
  const names = { '--log-format': 'logFormat', '--log-file': 'logFile' } as const;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === '--') break;
    for (const [flag, key] of Object.entries(names) as [keyof typeof names, keyof LogOptions][]) {
      if (a === flag && argv[i + 1] !== undefined) found[key] = argv[i + 1];
      else if (a.startsWith(`${flag}=`)) found[key] = a.slice(flag.length + 1);
    }
  }
  return found;
}
