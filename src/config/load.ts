// Loads and validates sources.yaml. Every problem is collected (not just the first), each
// naming the file, the line and the source id, and the whole load fails with exit code 2 so
// that nothing is fetched from a half-understood configuration. What each key may hold is
// sources-schema.ts's; this file reads the file, asks the schema, and says where.
import fs from 'node:fs';
import path from 'node:path';
import { valibot } from './lazy-valibot.js';
import { usageError } from '../core/errors.js';
import type { Config, Source } from '../core/config-types.js';
import { cachedByFile } from '../core/file-cache.js';
import { issueLines } from './schema-issues.js';
import { shownPath } from './shown-path.js';
import { DEFAULT_STATE_THEMES } from './schema.js';
import { sourcesFileSchema, TEXT_KEYS, type SourceEntry, type SourcesFile } from './sources-schema.js';
import { parsePositioned, type DataPath, type PositionedYaml } from './yaml-positions.js';

const isMapping = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** YAML reads `id: 500` or `name: 1984` as numbers; as ids and names they are text, as written. */
function numbersAsWritten(data: Record<string, unknown>, yaml: PositionedYaml) {
  if (!Array.isArray(data.sources)) return;
  data.sources.forEach((entry, i) => {
    if (!isMapping(entry)) return;
    for (const key of TEXT_KEYS) {
      if (typeof entry[key] === 'number') entry[key] = yaml.writtenAt(['sources', i, key]) ?? String(entry[key]);
    }
  });
}

/** The source an issue is about, as messages name it: its id, or its place in the list. */
function sourceLabel(data: Record<string, unknown>, p: DataPath): string | undefined {
  if (p[0] !== 'sources' || typeof p[1] !== 'number') return undefined;
  const entry = (data.sources as unknown[])[p[1]];
  const id = isMapping(entry) ? entry.id : undefined;
  return typeof id === 'string' ? id.trim() : `#${p[1] + 1}`;
}

/** A second entry with an id already used: reported at the second, naming the first's line. */
function duplicateIds(data: Record<string, unknown>, yaml: PositionedYaml, where: (line: number | undefined) => string) {
  const out: string[] = [];
  const firstLine = new Map<string, number | undefined>();
  if (!Array.isArray(data.sources)) return out;
  data.sources.forEach((entry, i) => {
    const id = isMapping(entry) && typeof entry.id === 'string' ? entry.id : undefined;
    if (id === undefined) return;
    const line = yaml.lineOf(['sources', i]);
    if (firstLine.has(id)) out.push(`${where(line)}: source "${id}": duplicate id (first used on line ${firstLine.get(id)})`);
    else firstLine.set(id, line);
  });
  return out;
}

/** Parses the text of a sources.yaml; `file` names it in messages and anchors relative paths. */
export function parseConfig(text: string, file: string): Config {
  const display = shownPath(file);
  const where = (line: number | undefined) => (line === undefined ? display : `${display}:${line}`);
  const parsed = parsePositioned(text);
  if ('error' in parsed) throw usageError(`${display} is not valid YAML`, [`${where(parsed.error.line)}: ${parsed.error.message}`]);
  const { yaml } = parsed;
  const data = yaml.data;
  if (!isMapping(data)) throw usageError(`${display} must be a mapping with "sources:" and "policy:"`);
  numbersAsWritten(data, yaml);

  const result = valibot().safeParse(sourcesFileSchema(), data);
  const problems = result.success
    ? []
    : issueLines(result.issues, yaml).map(({ line, path: p, message }) => {
        const label = sourceLabel(data, p);
        return `${where(line)}: ${label ? `source "${label}": ` : ''}${message}`;
      });
  problems.push(...duplicateIds(data, yaml, where));
  if (!result.success || problems.length) {
    const n = problems.length;
    throw usageError(`${display} has ${n} problem${n === 1 ? '' : 's'}; nothing was done`, problems);
  }
  return toConfig(result.output, file, yaml);
}

function toConfig(file: SourcesFile, configPath: string, yaml: PositionedYaml): Config {
  const dir = path.dirname(configPath);
  const sources = file.sources.map((s, i) => toSource(s, dir, yaml.lineOf(['sources', i])));
  const contactLine = file.fetch.contact !== undefined ? yaml.lineOf(['fetch', 'contact']) : undefined;
  const policy: Config['policy'] = file.policy
    ? {
        stateMediaCap: file.policy.stateMediaCap,
        stateAllowedThemes: file.policy.stateAllowedThemes,
        capScope: file.policy.capScope,
        ...(file.policy.capOwners ? { capOwners: file.policy.capOwners } : {}),
      }
    : { stateMediaCap: 0.2, stateAllowedThemes: DEFAULT_STATE_THEMES, capScope: 'overall', defaulted: true };
  return {
    path: configPath,
    sources,
    policy,
    fetch: file.fetch,
    ...(contactLine ? { contactLine } : {}),
    ...(file.classify ? { classify: file.classify } : {}),
  };
}

function toSource(s: SourceEntry, dir: string, line: number | undefined): Source {
  return {
    id: s.id,
    name: s.name,
    ...(s.url ? { url: s.url } : {}),
    ...(s.file ? { file: path.resolve(dir, s.file) } : {}),
    language: s.language,
    ownership: s.ownership,
    ...(s.owner ? { owner: s.owner } : {}),
    ...(s.country ? { country: s.country } : {}),
    ...(s.smm ? { smm: s.smm } : {}),
    tags: s.tags,
    enabled: s.enabled,
    fetch: s.fetch,
    ...(s.every ? { everyMs: s.every } : {}),
    line,
  };
}

/**
 * Reads and validates sources.yaml (exit code 2 on any problem). A file that validated before and
 * has not changed since is taken from the per-user cache: a feed list of 1,000 sources costs about
 * 200 ms to parse with positions, on every fetch and build.
 */
export function loadConfig(configPath: string): Config {
  const file = path.resolve(configPath);
  return cachedByFile(file, 'config', () => readAndParse(configPath, file));
}

function readAndParse(configPath: string, file: string): Config {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : String(code);
    throw usageError(`cannot read the configuration ${configPath}: ${why} (use --config PATH)`);
  }
  return parseConfig(text, file);
}
