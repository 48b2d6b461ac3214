// --environment-file FILE: settings that must not appear on a crontab line or in `ps` (a PostgreSQL
// password in VRIC_DB, PGPASSWORD, a proxy with credentials) live in a file only its owner can read, and vric
// reads it itself, so crontab and systemd lines name the file and never the secret.
// The syntax is the common subset of systemd's EnvironmentFile= and sh: NAME=value a line, `#`
// comments, blank lines, an optional `export `, and a value optionally in '…' or "…".
// Not called --env-file: Node 20 looks for its own --env-file anywhere on the command line, script
// arguments included, and exits 9 before vric starts when that file is missing.
import fs from 'node:fs';
import { errorMessage, usageError } from '../core/errors.js';

/** Parses the file; an error names the file and line, never the value (it may be the secret). */
export function parseEnvFile(text: string, file: string): Map<string, string> {
  const vars = new Map<string, string>();
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const m = /^(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (!m) throw usageError(`${file}:${i + 1}: expected NAME=value`);
    vars.set(m[1]!, unquote(m[2]!.trim(), `${file}:${i + 1}`));
  });
  return vars;
}

function unquote(value: string, where: string): string {
  const q = value[0];
  if (q !== '"' && q !== "'") return value;
  if (value.length < 2 || value[value.length - 1] !== q) throw usageError(`${where}: the value's closing ${q} is missing`);
  const inner = value.slice(1, -1);
  // Inside "…" a backslash escapes " and \ (as in sh and systemd); inside '…' everything is literal.
  return q === '"' ? inner.replace(/\\(["\\$`])/g, '$1') : inner;
}

/**
 * Reads the file into the environment. Its values replace inherited ones (the file is named on the
 * command line, so it is the more deliberate choice); a --db flag still wins over VRIC_DB.
 * Returns a warning when others may read the file.
 */
export function loadEnvFile(file: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  let text: string;
  let mode: number;
  try {
    text = fs.readFileSync(file, 'utf8');
    mode = fs.statSync(file).mode;
  } catch (e) {
    throw usageError(`cannot read the environment file ${file}: ${errorMessage(e)} (--environment-file)`);
  }
  for (const [name, value] of parseEnvFile(text, file)) env[name] = value;
  return mode & 0o077 ? `the environment file ${file} can be read by other users; chmod 600 it` : undefined;
}
