// `vric doctor`'s look at the optional programs: what vric does without each is said plainly.
import fs from 'node:fs';
import path from 'node:path';
import { ok, warn, type Check } from './check.js';

/** The first executable named `name` on $PATH. */
export function onPath(name: string, envPath = process.env.PATH ?? ''): string | undefined {
  for (const dir of envPath.split(path.delimiter).filter(Boolean)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      if (fs.statSync(file).isFile()) return file;
    } catch {
      // not here
    }
  }
  return undefined;
}

const firstOnPath = (names: string[]) => names.map((n) => onPath(n)).find(Boolean);

export function checkChromium(): Check {
  const found = firstOnPath(['chromium', 'chromium-browser', 'google-chrome']);
  return found
    ? ok('chromium', `${found}`)
    : warn('chromium', 'not found: the browser tests cannot run (and PDF editions, when added, need it)', 'install it (apt-get install chromium)');
}

export function checkPdftotext(): Check {
  const found = onPath('pdftotext');
  return found ? ok('pdftotext', found) : warn('pdftotext', 'not found: reading PDF reports is off', 'install poppler-utils');
}

/** Language pairs machine translation needs, by package, and the mode names each installs. */
const PAIRS: { pkg: string; modes: RegExp }[] = [
  { pkg: 'apertium-eng-spa', modes: /^(eng-spa|spa-eng)\b.*\.mode$/ },
  { pkg: 'apertium-es-pt', modes: /^(es-pt|pt-es|spa-por|por-spa)\b.*\.mode$/ },
];

/** Apertium finds its modes under <prefix>/share/apertium/modes, the prefix being its binary's. */
export function checkApertium(): Check {
  const bin = onPath('apertium');
  if (!bin) return warn('apertium', 'not found: machine translation is off (items keep their own language)', 'install apertium, apertium-eng-spa and apertium-es-pt');
  const modesDir = path.join(path.dirname(path.dirname(fs.realpathSync(bin))), 'share', 'apertium', 'modes');
  let modes: string[] = [];
  try {
    modes = fs.readdirSync(modesDir);
  } catch {
    // no modes folder: no pairs
  }
  const missing = PAIRS.filter((p) => !modes.some((m) => p.modes.test(m))).map((p) => p.pkg);
  if (missing.length) {
    return warn('apertium', `${bin}, but ${missing.join(' and ')} missing (no modes in ${modesDir}): machine translation is off for ${missing.length === PAIRS.length ? 'every pair' : 'that pair'}`, `install ${missing.join(' ')}`);
  }
  return ok('apertium', `${bin} with ${PAIRS.map((p) => p.pkg).join(', ')}`);
}

/** The PostgreSQL client programs, for an archive on PostgreSQL only (backups with pg_dump, psql). */
export function checkPostgresClient(): Check {
  const missing = ['psql', 'pg_dump'].filter((n) => !onPath(n));
  return missing.length
    ? warn('postgres-client', `${missing.join(' and ')} not found: vric needs neither, but backups of the archive (pg_dump) and repairs (psql) do`, 'install postgresql-client')
    : ok('postgres-client', `${onPath('psql')}, ${onPath('pg_dump')}`);
}
