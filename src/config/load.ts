// Loads and validates sources.yaml. Every problem is collected (not just the first), each
// naming the file, the line and the source id, and the whole load fails with exit code 2 so
// that nothing is fetched from a half-understood configuration.
import fs from 'node:fs';
import path from 'node:path';
import type { Node, YAMLMap } from 'yaml';
import { yamlModule } from '../core/lazy-yaml.js';
import { usageError } from '../core/errors.js';
import type { Config, FetchSettings, Policy, Source } from '../core/types.js';
import type { Ownership, SmmType } from '../core/vocabulary.js';
import {
  DEFAULT_STATE_THEMES,
  EVERY_BOUNDS,
  FETCH_KEYS,
  isCountryCode,
  isHttpUrl,
  isLanguage,
  isSlug,
  isTheme,
  OWNERSHIPS,
  POLICY_KEYS,
  SMM_TYPES,
  SOURCE_KEYS,
  TOP_LEVEL_KEYS,
  withinBounds,
} from './schema.js';
import { parseDuration } from './units.js';
import { cachedByFile } from '../core/file-cache.js';

class Problems {
  readonly list: string[] = [];
  constructor(
    private readonly file: string,
    private readonly lines: import('yaml').LineCounter,
  ) {}
  lineOf(node: Node | null | undefined): number | undefined {
    const offset = node?.range?.[0];
    return offset === undefined ? undefined : this.lines.linePos(offset).line;
  }
  add(node: Node | null | undefined, message: string, sourceId?: string) {
    const line = this.lineOf(node);
    const where = line === undefined ? this.file : `${this.file}:${line}`;
    const who = sourceId ? `source "${sourceId}": ` : '';
    this.list.push(`${where}: ${who}${message}`);
  }
}

/** Value node of `key` in a map, if present. */
function valueNode(map: YAMLMap, key: string): Node | undefined {
  const pair = map.items.find((p) => yamlModule().isScalar(p.key) && p.key.value === key);
  return (pair?.value ?? undefined) as Node | undefined;
}

function keyNodes(map: YAMLMap): { name: string; node: Node }[] {
  return map.items.map((p) => ({
    name: yamlModule().isScalar(p.key) ? String(p.key.value) : String(p.key),
    node: p.key as Node,
  }));
}

function checkKeys(map: YAMLMap, allowed: readonly string[], problems: Problems, what: string, id?: string) {
  for (const { name, node } of keyNodes(map)) {
    if (!allowed.includes(name)) {
      problems.add(node, `unknown key "${name}" in ${what} (expected one of: ${allowed.join(', ')})`, id);
    }
  }
}

const plain = (node: Node | undefined): unknown => (node ? node.toJSON() : undefined);

/** YAML reads `id: 500` or `name: 1984` as numbers; as ids and names they are text. */
const scalarText = (node: Node | undefined): unknown => {
  const v = plain(node);
  // The written form, so `id: 007` stays "007" rather than "7".
  if (typeof v === 'number' && yamlModule().isScalar(node)) return node.source ?? String(v);
  return v;
};

function readFetchBlock(node: Node | undefined, problems: Problems, id?: string): Partial<FetchSettings> {
  const out: Partial<FetchSettings> = {};
  if (node === undefined || (yamlModule().isScalar(node) && node.value === null)) return out;
  if (!yamlModule().isMap(node)) {
    problems.add(node, 'fetch must be a mapping of settings', id);
    return out;
  }
  checkKeys(node, Object.keys(FETCH_KEYS), problems, 'fetch', id);
  for (const [name, spec] of Object.entries(FETCH_KEYS)) {
    const v = valueNode(node, name);
    if (v === undefined) continue;
    const parsed = spec.parse(plain(v));
    if (parsed === undefined) problems.add(v, `fetch.${name} must be ${spec.expect}`, id);
    else if (spec.bounds && typeof parsed === 'number' && !withinBounds(parsed, spec.bounds)) {
      problems.add(v, `fetch.${name} must be ${spec.bounds.text} (got ${String(plain(v))})`, id);
    } else (out as Record<string, unknown>)[spec.key] = parsed;
  }
  return out;
}

function readPolicy(node: Node | undefined, problems: Problems): Policy {
  const policy: Policy = { stateMediaCap: 0.2, stateAllowedThemes: DEFAULT_STATE_THEMES, capScope: 'overall' };
  // Fetching needs no policy, so a file without one (a plain feed list) still loads; the build
  // says it is using the publication's 20% cap.
  if (node === undefined) return { ...policy, defaulted: true };
  if (!yamlModule().isMap(node)) {
    problems.add(node, 'policy must be a mapping with at least "stateMediaCap: 0.2"');
    return policy;
  }
  checkKeys(node, POLICY_KEYS, problems, 'policy');
  const cap = valueNode(node, 'stateMediaCap');
  const capValue = plain(cap);
  if (typeof capValue !== 'number' || !(capValue >= 0 && capValue <= 1)) {
    problems.add(cap ?? node, 'policy.stateMediaCap must be a number from 0 to 1 (0.2 means 20 percent)');
  } else policy.stateMediaCap = capValue;

  const themes = valueNode(node, 'stateAllowedThemes');
  if (themes) {
    const list = plain(themes);
    if (!Array.isArray(list) || !list.every((t) => typeof t === 'string' && isTheme(t))) {
      problems.add(themes, 'policy.stateAllowedThemes must be a list of themes (diplomatic, economic, energy, military, security, crime, health, politics, culture, technology)');
    } else policy.stateAllowedThemes = list;
  }
  const scope = valueNode(node, 'capScope');
  if (scope) {
    const v = plain(scope);
    if (v !== 'overall' && v !== 'section') problems.add(scope, 'policy.capScope must be "overall" or "section"');
    else policy.capScope = v;
  }
  const owners = valueNode(node, 'capOwners');
  if (owners) {
    const list = plain(owners);
    if (!Array.isArray(list) || !list.every((o) => typeof o === 'string' && isCountryCode(o))) {
      problems.add(owners, 'policy.capOwners must be a list of ISO country codes such as [VE, RU, IR, CN]');
    } else policy.capOwners = list;
  }
  return policy;
}

function readString(map: YAMLMap, key: string, problems: Problems, id: string | undefined, required: boolean) {
  const node = valueNode(map, key);
  const v = scalarText(node);
  if (v === undefined || v === null) {
    if (required) problems.add(map, `"${key}" is required`, id);
    return undefined;
  }
  if (typeof v !== 'string' || !v.trim()) {
    problems.add(node, `"${key}" must be a non-empty string`, id);
    return undefined;
  }
  return v.trim();
}

function readSource(node: Node, index: number, problems: Problems, configDir: string): Source | undefined {
  if (!yamlModule().isMap(node)) {
    problems.add(node, `sources[${index}] must be a mapping with id, name, url or file, language and ownership`);
    return undefined;
  }
  const rawId = scalarText(valueNode(node, 'id'));
  const id = typeof rawId === 'string' ? rawId : undefined;
  const label = id ?? `#${index + 1}`;
  const before = problems.list.length;
  checkKeys(node, SOURCE_KEYS, problems, 'a source', label);

  if (id === undefined) problems.add(node, '"id" is required (a unique slug such as rt-es)', label);
  else if (!isSlug(id)) problems.add(valueNode(node, 'id'), `id "${id}" must be a slug: lowercase letters, digits, '-', '_' or '.'`, label);

  const name = readString(node, 'name', problems, label, true);
  const url = readString(node, 'url', problems, label, false);
  const file = readString(node, 'file', problems, label, false);
  if (url && file) problems.add(node, 'give either "url" or "file", not both', label);
  if (!url && !file) problems.add(node, 'either "url" (http or https) or "file" (a path relative to the config) is required', label);
  if (url && !isHttpUrl(url)) problems.add(valueNode(node, 'url'), `url "${url}" must be an http or https address`, label);

  const language = readString(node, 'language', problems, label, true);
  if (language && !isLanguage(language)) problems.add(valueNode(node, 'language'), `language "${language}" must be an ISO 639-1 code such as es, pt or en`, label);

  const ownership = readString(node, 'ownership', problems, label, true);
  if (ownership && !OWNERSHIPS.includes(ownership as Ownership)) {
    problems.add(valueNode(node, 'ownership'), `ownership "${ownership}" must be one of: ${OWNERSHIPS.join(', ')}`, label);
  }
  const owner = readString(node, 'owner', problems, label, false);
  if (owner && !isCountryCode(owner)) problems.add(valueNode(node, 'owner'), `owner "${owner}" must be an ISO 3166 alpha-2 code in capitals, such as RU`, label);
  if (ownership === 'state' && !owner) problems.add(node, 'owner (the controlling state, e.g. RU) is required when ownership is state', label);

  const country = readString(node, 'country', problems, label, false);
  if (country && !isCountryCode(country) && country !== 'unknown') problems.add(valueNode(node, 'country'), `country "${country}" must be an ISO 3166 alpha-2 code in capitals`, label);

  const smm = readString(node, 'smm', problems, label, false);
  if (smm && !SMM_TYPES.includes(smm as SmmType)) problems.add(valueNode(node, 'smm'), `smm "${smm}" must be one of: ${SMM_TYPES.join(', ')}`, label);

  const tagsNode = valueNode(node, 'tags');
  const tags = plain(tagsNode) ?? [];
  if (!Array.isArray(tags) || !tags.every((t) => typeof t === 'string')) problems.add(tagsNode, 'tags must be a list of words', label);

  const enabledNode = valueNode(node, 'enabled');
  const enabled = plain(enabledNode) ?? true;
  if (typeof enabled !== 'boolean') problems.add(enabledNode, 'enabled must be true or false', label);

  const everyNode = valueNode(node, 'every');
  let everyMs: number | undefined;
  if (everyNode) {
    everyMs = parseDuration(plain(everyNode));
    if (everyMs === undefined) problems.add(everyNode, 'every must be a duration such as 6h or 1d', label);
    else if (!withinBounds(everyMs, EVERY_BOUNDS)) problems.add(everyNode, `every must be ${EVERY_BOUNDS.text} (got ${String(plain(everyNode))})`, label);
  }
  const fetch = readFetchBlock(valueNode(node, 'fetch'), problems, label);

  if (problems.list.length > before) return undefined;
  return {
    id: id!,
    name: name!,
    ...(url ? { url } : {}),
    ...(file ? { file: path.resolve(configDir, file) } : {}),
    language: language!,
    ownership: ownership as Ownership,
    ...(owner ? { owner } : {}),
    ...(country ? { country } : {}),
    ...(smm ? { smm: smm as SmmType } : {}),
    tags: tags as string[],
    enabled: enabled as boolean,
    fetch,
    ...(everyMs ? { everyMs } : {}),
    line: problems.lineOf(node),
  };
}

/** Parses the text of a sources.yaml; `file` names it in messages and anchors relative paths. */
export function parseConfig(text: string, file: string): Config {
  const lineCounter = new (yamlModule().LineCounter)();
  const doc = yamlModule().parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const display = path.relative(process.cwd(), file) || file;
  const problems = new Problems(display, lineCounter);
  for (const err of doc.errors) {
    const line = lineCounter.linePos(err.pos[0]).line;
    problems.list.push(`${display}${line ? `:${line}` : ''}: ${err.message.split('\n')[0]}`);
  }
  if (problems.list.length) throw usageError(`${display} is not valid YAML`, problems.list);

  const root = doc.contents as Node | null;
  if (!root || !yamlModule().isMap(root)) throw usageError(`${display} must be a mapping with "sources:" and "policy:"`);
  checkKeys(root, TOP_LEVEL_KEYS, problems, 'the top level');

  const sourcesNode = valueNode(root, 'sources');
  const sources: Source[] = [];
  if (!sourcesNode || !yamlModule().isSeq(sourcesNode)) {
    problems.add(sourcesNode ?? root, 'a top-level "sources:" list is required');
  } else {
    // Duplicates are found on the raw ids, so a clash is reported even when an entry has other faults.
    const firstLine = new Map<string, number | undefined>();
    sourcesNode.items.forEach((item, i) => {
      const node = item as Node;
      const rawId = yamlModule().isMap(node) ? scalarText(valueNode(node, 'id')) : undefined;
      if (typeof rawId === 'string') {
        if (firstLine.has(rawId)) {
          problems.add(node, `duplicate id (first used on line ${firstLine.get(rawId)})`, rawId);
          return;
        }
        firstLine.set(rawId, problems.lineOf(node));
      }
      const source = readSource(node, i, problems, path.dirname(file));
      if (source) sources.push(source);
    });
  }
  const policy = readPolicy(valueNode(root, 'policy'), problems);
  const fetchNode = valueNode(root, 'fetch');
  const fetch = readFetchBlock(fetchNode, problems);
  const contactLine = fetchNode && yamlModule().isMap(fetchNode) ? problems.lineOf(valueNode(fetchNode, 'contact')) : undefined;
  const classifyNode = valueNode(root, 'classify');
  const classify = plain(classifyNode);
  if (classify !== undefined && classify !== null && (typeof classify !== 'object' || Array.isArray(classify))) {
    problems.add(classifyNode, 'classify must be a mapping of lexicon additions');
  }
  if (problems.list.length) {
    const n = problems.list.length;
    throw usageError(`${display} has ${n} problem${n === 1 ? '' : 's'}; nothing was done`, problems.list);
  }
  return {
    path: file,
    sources,
    policy,
    fetch,
    ...(contactLine ? { contactLine } : {}),
    ...(classify ? { classify: classify as Record<string, unknown> } : {}),
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
