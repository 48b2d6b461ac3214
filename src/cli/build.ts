// `vric build --period SPEC`: the digest of a period from the archive, in every format asked for.
// Named for its command, as every file in cli/ is; the steps of a build are pipeline/build.ts.
import path from 'node:path';
import type { Command } from 'commander';
import type { Archive } from '../archive/archive.js';
import { resolveOutDir } from '../archive/spec.js';
import { usageError } from '../core/errors.js';
import { parsePeriod } from '../core/period.js';
import type { Period } from '../core/digest-types.js';
import type { BuildResult } from '../pipeline/build.js';
import type { RenderOptions } from '../render/render.js';
import { addCommonOptions, clock, makeLogger, parseList, readConfig, withArchive, type CommonOptions } from './context.js';
import type { SetExit } from './exit.js';
import { conventionalFile } from './files.js';

const FORMATS = ['html', 'md', 'json', 'rss'] as const;
const LANGS = ['en', 'es', 'pt'] as const;

export interface BuildCliOptions extends CommonOptions {
  period: string;
  format: string;
  out?: string;
  templates?: string;
  lang: string;
  notes?: string;
  overrides?: string;
  stateCap?: string;
  reason?: string;
  allowEmpty?: boolean;
}

export function addBuildOptions(cmd: Command): Command {
  return cmd
    .requiredOption('--period <spec>', 'YYYY-MM, YYYY-MM..YYYY-MM, YYYY-Qn, YYYY, last-month or current')
    .option('--format <list>', 'output formats: html,md,json,rss', 'html,md,json')
    .option('--out <dir>', 'output folder; the digest goes to <out>/<period>/ (default: out/ beside sources.yaml)')
    .option('--templates <dir>', 'folder of templates overriding the bundled ones by name')
    .option('--lang <code>', 'language of the digest labels: en, es or pt', 'en')
    .option('--notes <file>', 'editors\' notes in Markdown (default: notes/<period>.md beside sources.yaml, if present)')
    .option('--overrides <file>', 'editorial overrides (default: overrides.yaml beside sources.yaml, if present)')
    .option('--state-cap <share>', 'allow a different state-media cap for this build only (needs --reason)')
    .option('--reason <text>', 'why the cap is overridden; printed in the digest')
    .option('--allow-empty', 'write the digest even when no item is selected (otherwise exit 5 and nothing is written)');
}

export function registerBuild(program: Command, setExit: SetExit): void {
  addBuildOptions(addCommonOptions(program.command('build').description('build the digest of a period from the archive'))).action(
    async (o: BuildCliOptions) => {
      await runBuild(o);
      setExit(0);
    },
  );
}

export interface ParsedBuildOptions {
  period: Period;
  formats: RenderOptions['formats'];
  lang: RenderOptions['lang'];
  capOverride?: { cap: number; reason: string };
}

/** Checks build options before anything is done (exit 2 on a bad one). */
export function parseBuildOptions(o: BuildCliOptions, now: Date): ParsedBuildOptions {
  const period = parsePeriod(o.period, now);
  const formats = parseList(o.format);
  const bad = formats.filter((f) => !(FORMATS as readonly string[]).includes(f));
  if (bad.length || !formats.length) throw usageError(`--format takes a list of ${FORMATS.join(', ')} (got "${o.format}")`);
  if (!(LANGS as readonly string[]).includes(o.lang)) throw usageError(`--lang must be one of ${LANGS.join(', ')} (got "${o.lang}")`);
  const parsed: ParsedBuildOptions = { period, formats: formats as RenderOptions['formats'], lang: o.lang as RenderOptions['lang'] };
  const capOverride = parseCapOverride(o);
  if (capOverride) parsed.capOverride = capOverride;
  return parsed;
}

/** --state-cap with its --reason, for build, run and audit alike (exit 2 when either is off). */
export function parseCapOverride(o: { stateCap?: string; reason?: string }): { cap: number; reason: string } | undefined {
  if (o.stateCap === undefined) {
    if (o.reason) throw usageError('--reason goes with --state-cap');
    return undefined;
  }
  const cap = Number(o.stateCap);
  if (!(cap >= 0 && cap <= 1)) throw usageError(`--state-cap must be a share from 0 to 1 (got "${o.stateCap}")`);
  if (!o.reason?.trim()) throw usageError('--state-cap needs --reason "…": the digest states why the cap was changed');
  return { cap, reason: o.reason.trim() };
}

/** Builds under its own archive lock, or with the archive a caller (vric run) already holds. */
export async function runBuild(o: BuildCliOptions, held?: Archive, opts: { quietSummary?: boolean } = {}): Promise<BuildResult & { openHint: string }> {
  const logger = makeLogger(o);
  const now = clock()();
  const parsed = parseBuildOptions(o, now);
  const config = await readConfig(o);
  const { buildPeriod } = await import('../pipeline/build.js');
  const configDir = path.dirname(config.path);
  const notesFile = conventionalFile(o.notes, path.join(configDir, 'notes', `${parsed.period.slug}.md`));
  const overridesFile = conventionalFile(o.overrides, path.join(configDir, 'overrides.yaml'));
  const build = (archive: Archive) =>
    buildPeriod({
      config,
      archive,
      period: parsed.period,
      now,
      logger,
      outDir: resolveOutDir(o.out, config.path),
      formats: parsed.formats,
      lang: parsed.lang,
      ...(o.templates ? { templatesDir: o.templates } : {}),
      ...(notesFile ? { notesFile } : {}),
      ...(overridesFile ? { overridesFile } : {}),
      ...(parsed.capOverride ? { capOverride: parsed.capOverride } : {}),
      allowEmpty: o.allowEmpty ?? false,
    });
  const result = held ? await build(held) : await withArchive(o, 'build', build, now);
  const s = result.digest.stats;
  logger.info(
    `${result.digest.title}: ${s.total} items, ${s.stateMedia} from state media (${(s.stateShare * 100).toFixed(1)}%, cap ${(s.cap * 100).toFixed(0)}%), ${result.digest.excluded.length} excluded; ${result.review}`,
  );
  const html = result.files.find((f) => f.endsWith('.html') && !f.endsWith('index.html'));
  const openHint = `wrote ${result.files.length} file${result.files.length === 1 ? '' : 's'} to ${result.dir}${html ? `; open ${html}` : ''}`;
  if (!opts.quietSummary) logger.info(openHint);
  return { ...result, openHint };
}
