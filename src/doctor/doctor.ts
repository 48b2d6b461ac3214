// `vric doctor` as one short function of named checks, in the order an operator fixes things:
// the config, then where data goes, then what is optional.
import { isPostgresSpec, resolveDbSpec, resolveOutDir } from '../archive/spec.js';
import { fail, type Check } from './check.js';
import { checkApertium, checkChromium, checkPdftotext, checkPostgresClient } from './components.js';
import { checkArchive, checkCache, checkConfig, checkContact, checkLock, checkOutput } from './setup.js';

export interface DoctorOptions {
  configPath: string;
  /** --db as given (else $VRIC_DB, else beside sources.yaml). */
  db?: string;
  /** --out as given (else out/ beside sources.yaml). */
  out?: string;
}

export async function runDoctor(o: DoctorOptions): Promise<Check[]> {
  const { check: config, config: loaded } = checkConfig(o.configPath);
  const db = resolveDbSpec(o.db, o.configPath);
  return [
    config,
    loaded ? checkContact(loaded) : fail('contact', 'not checked: sources.yaml did not load', 'fix the config first'),
    await checkArchive(db),
    checkOutput(resolveOutDir(o.out, o.configPath)),
    checkLock(db),
    checkCache(),
    ...(isPostgresSpec(db) ? [checkPostgresClient()] : []),
    checkChromium(),
    checkApertium(),
    checkPdftotext(),
  ];
}
