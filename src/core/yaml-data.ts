// Data files in YAML (lexicons, word lists) are for people to read and edit; their parsed values
// are cached as JSON (see file-cache.ts), which saves about 200 ms a run.
import fs from 'node:fs';
import { yamlModule } from './lazy-yaml.js';
import { cachedByFile } from './file-cache.js';

/** The parsed content of a YAML data file (YAML errors are thrown as the yaml package reports them). */
export function readYamlData(file: string): unknown {
  return cachedByFile(file, 'yaml', () => yamlModule().parse(fs.readFileSync(file, 'utf8')));
}
