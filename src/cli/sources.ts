// `vric sources list|status|check|discover`: what is configured, how each feed is doing,
// whether the config and feeds work, and where a site's feeds are.
import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import type { Source } from '../core/types.js';
import { SMM_STATE } from '../config/schema.js';
import { addCommonOptions, archiveSpec, clock, makeLogger, readConfig, type CommonOptions } from './context.js';
import type { SetExit } from './commands.js';
import { formatTable } from '../core/table.js';

interface SourcesOptions extends CommonOptions {
  json?: boolean;
}

const DEAD_AFTER_FAILURES = 5;

export function registerSources(program: Command, setExit: SetExit): void {
  const sources = program.command('sources').description('list, check and inspect the configured sources');

  addCommonOptions(sources.command('list').description('list the sources with ownership and health'))
    .option('--json', 'print JSON')
    .action((o: SourcesOptions) => sourcesStatus(o, false));

  addCommonOptions(sources.command('status').description('health of every source: last success, failures, backoff, items in the last 30 days'))
    .option('--json', 'print JSON')
    .action((o: SourcesOptions) => sourcesStatus(o, true));

  addCommonOptions(sources.command('check').description('validate sources.yaml and probe each enabled feed once, storing nothing'), { db: false })
    .option('--json', 'print JSON')
    .action(async (o: SourcesOptions) => setExit(await sourcesCheck(o)));

  sources
    .command('discover <url>')
    .description('print the feed addresses a web page advertises')
    .action(async (url: string) => {
      const { discoverFeeds } = await import('../fetch/fetcher.js');
      const { effectiveSettings } = await import('../fetch/settings.js');
      const feeds = await discoverFeeds(url, effectiveSettings({}));
      if (!feeds.length) {
        process.stderr.write(`vric: ${url} advertises no feeds\n`);
        setExit(EXIT.partial);
      }
      for (const f of feeds) process.stdout.write(f + '\n');
    });
}

function ownershipLabel(s: Source): string {
  return s.ownership === 'state' ? `state (${s.owner})` : s.ownership;
}

async function sourcesStatus(o: SourcesOptions, onlyHealth: boolean): Promise<void> {
  const config = await readConfig(o);
  const now = clock()();
  const { openArchive } = await import('../archive/open.js');
  const archive = await openArchive(archiveSpec(o.db, o.config, 'sources'));
  try {
    const health = new Map((await archive.sourceHealth(now)).map((h) => [h.sourceId, h]));
    const rows = config.sources.map((s) => {
      const h = health.get(s.id);
      const backedOff = h?.nextAttemptAt && h.nextAttemptAt > now.toISOString() && h.consecutiveFailures > 0;
      const status = !s.enabled
        ? 'disabled'
        : !h
          ? 'never fetched'
          : h.consecutiveFailures >= DEAD_AFTER_FAILURES
            ? 'DEAD?'
            : h.consecutiveFailures > 0
              ? 'failing'
              : 'ok';
      return {
        id: s.id,
        name: s.name,
        ownership: ownershipLabel(s),
        language: s.language,
        enabled: s.enabled,
        status,
        lastSuccess: h?.lastSuccessAt ?? null,
        failures: h?.consecutiveFailures ?? 0,
        nextAttempt: backedOff ? h!.nextAttemptAt! : null,
        lastError: h?.lastError ?? null,
        itemsLast30Days: h?.itemsLast30Days ?? 0,
        totalItems: h?.totalItems ?? 0,
      };
    });
    if (o.json) {
      process.stdout.write(JSON.stringify({ sources: rows }, null, 2) + '\n');
      return;
    }
    if (onlyHealth) {
      process.stdout.write(
        formatTable(
          ['id', 'status', 'last success', 'failures', 'backed off until', 'items 30d', 'last error'],
          rows.map((r) => [r.id, r.status, r.lastSuccess?.slice(0, 16) ?? '-', r.failures, r.nextAttempt?.slice(0, 16) ?? '-', r.itemsLast30Days, r.lastError ?? '']),
        ),
      );
    } else {
      process.stdout.write(
        formatTable(
          ['id', 'name', 'ownership', 'lang', 'status', 'items 30d', 'items'],
          rows.map((r) => [r.id, r.name, r.ownership, r.language, r.status, r.itemsLast30Days, r.totalItems]),
        ),
      );
    }
  } finally {
    await archive.close();
  }
}

/** Config warnings that are not errors: the SMM class and the ownership disagree. */
export function smmWarnings(sources: Source[]): string[] {
  const out: string[] = [];
  for (const s of sources) {
    if (!s.smm) continue;
    const smmSaysState = SMM_STATE.includes(s.smm);
    if (smmSaysState && s.ownership !== 'state') {
      out.push(`source "${s.id}" (line ${s.line}): smm ${s.smm} is state-controlled, but ownership is ${s.ownership}; it will not count toward the cap`);
    }
    if (!smmSaysState && s.ownership === 'state') {
      out.push(`source "${s.id}" (line ${s.line}): smm ${s.smm} is editorially independent, but ownership is state; it will count toward the cap`);
    }
  }
  return out;
}

async function sourcesCheck(o: SourcesOptions): Promise<number> {
  const logger = makeLogger(o);
  const config = await readConfig(o);
  const { fetchSources } = await import('../fetch/fetcher.js');
  const { effectiveSettings } = await import('../fetch/settings.js');
  const { contactWarnings } = await import('../config/contact.js');
  const warnings = [...contactWarnings(config), ...smmWarnings(config.sources)];
  for (const w of warnings) logger.warn(w);
  const enabled = config.sources.filter((s) => s.enabled);
  // Probe with no stored state: force, nothing written anywhere.
  const { results } = await fetchSources(enabled, {
    settings: effectiveSettings(config.fetch),
    states: new Map(),
    now: clock(),
    force: true,
    logger,
  });
  const failed = results.filter((r) => r.status === 'error');
  if (o.json) {
    process.stdout.write(JSON.stringify({ warnings, sources: results.map(({ items, ...r }) => ({ ...r, items: items.length })) }) + '\n');
  } else if (!o.quiet || failed.length) {
    process.stdout.write(
      formatTable(
        ['id', 'status', 'http', 'items', 'ms', 'reason'],
        results.map((r) => [r.sourceId, r.status, r.httpStatus ?? '-', r.items.length, Math.round(r.durationMs), [r.error, r.movedTo && `moved to ${r.movedTo}`, r.feedLinks?.length && `feeds: ${r.feedLinks.join(' ')}`].filter(Boolean).join('; ')]),
      ),
    );
  }
  return failed.length ? EXIT.partial : EXIT.ok;
}
