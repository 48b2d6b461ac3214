// `vric sources list|status|check|discover`: what is configured, how each feed is doing,
// whether the config and feeds work, and where a site's feeds are.
import type { Command } from 'commander';
import { EXIT } from '../core/errors.js';
import type { Source } from '../core/config-types.js';
import { SMM_STATE } from '../config/schema.js';
import { addCommonOptions, addLogOptions, clock, makeLogger, readConfig, withArchive, type CommonOptions } from './context.js';
import type { SetExit } from './exit.js';
import { formatTable } from '../core/table.js';

interface SourcesOptions extends CommonOptions {
  json?: boolean;
}

const DEAD_AFTER_FAILURES = 5;

export function registerSources(program: Command, setExit: SetExit): void {
  const sources = program.command('sources').description('list, check and inspect the configured sources');

  addCommonOptions(sources.command('list').description('list the sources with ownership and health'))
    .option('--json', 'print JSON')
    .action(async (o: SourcesOptions) => {
      await sourcesStatus(o, false);
    });

  addCommonOptions(
    sources
      .command('status')
      .description('health of every source: last success, failing since, failed attempts, backoff, items in the last 30 days; exit 3 when any enabled source is failing'),
  )
    .option('--json', 'print JSON')
    .action(async (o: SourcesOptions) => setExit(await sourcesStatus(o, true)));

  addCommonOptions(sources.command('check').description('validate sources.yaml and probe each enabled feed once, storing nothing'), { db: false })
    .option('--json', 'print JSON')
    .action(async (o: SourcesOptions) => setExit(await sourcesCheck(o)));

  addLogOptions(sources.command('discover <url>').description('print the feed addresses a web page advertises'))
    .action(async (url: string) => {
      const { discoverFeeds } = await import('../fetch/discover.js');
      const { effectiveSettings } = await import('../fetch/settings.js');
      const feeds = await discoverFeeds(url, effectiveSettings({}));
      if (!feeds.length) {
        makeLogger({}).warn(`${url} advertises no feeds`);
        setExit(EXIT.partial);
      }
      for (const f of feeds) process.stdout.write(f + '\n');
    });
}

function ownershipLabel(s: Source): string {
  return s.ownership === 'state' ? `state (${s.owner})` : s.ownership;
}

/**
 * The sources with their health. `vric sources status` is also a monitoring probe: it comes to
 * exit 3 (partial) when any enabled source is failing (backed off or not), else 0.
 */
async function sourcesStatus(o: SourcesOptions, onlyHealth: boolean): Promise<number> {
  const config = await readConfig(o);
  const now = clock()();
  const { failedAttempts, isFailing } = await import('../pipeline/failure-report.js');
  return withArchive(o, 'sources', async (archive) => {
    const health = new Map((await archive.sourceHealth(now)).map((h) => [h.sourceId, h]));
    // Failed attempts in a row come from the fetch log, read only for the sources failing.
    const attempts = new Map<string, number>();
    for (const h of health.values()) if (isFailing(h)) attempts.set(h.sourceId, await failedAttempts(archive, h));
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
        ownership: s.ownership,
        /** The state that owns a state outlet; null for the others. */
        owner: s.owner ?? null,
        language: s.language,
        enabled: s.enabled,
        status,
        // Times end in At, as in fetch --json and the archive (README, "Field names").
        lastSuccessAt: h?.lastSuccessAt ?? null,
        /** The backoff weight of the failing streak (a 404 counts for 3); failedAttempts counts attempts. */
        failures: h?.consecutiveFailures ?? 0,
        failingSince: h?.failingSince ?? null,
        failedAttempts: attempts.get(s.id) ?? 0,
        nextAttemptAt: backedOff ? h!.nextAttemptAt! : null,
        lastError: h?.lastError ?? null,
        warning: h?.warning ?? null,
        itemsLast30Days: h?.itemsLast30Days ?? 0,
        totalItems: h?.totalItems ?? 0,
      };
    });
    const failing = rows.some((r) => r.enabled && r.failures > 0);
    const exitCode = failing ? EXIT.partial : EXIT.ok;
    if (o.json) {
      process.stdout.write(JSON.stringify({ sources: rows }, null, 2) + '\n');
      return exitCode;
    }
    if (onlyHealth) {
      process.stdout.write(
        formatTable(
          ['id', 'status', 'last success', 'failing since', 'failed attempts', 'backed off until', 'items 30d', 'last error or warning'],
          rows.map((r) => [
            r.id,
            r.status,
            r.lastSuccessAt?.slice(0, 16) ?? '-',
            r.failingSince?.slice(0, 16) ?? '-',
            r.failedAttempts,
            r.nextAttemptAt?.slice(0, 16) ?? '-',
            r.itemsLast30Days,
            [r.lastError, r.warning].filter(Boolean).join('; '),
          ]),
        ),
      );
    } else {
      process.stdout.write(
        formatTable(
          ['id', 'name', 'ownership', 'lang', 'status', 'items 30d', 'items'],
          rows.map((r, i) => [r.id, r.name, ownershipLabel(config.sources[i]!), r.language, r.status, r.itemsLast30Days, r.totalItems]),
        ),
      );
    }
    return exitCode;
  }, now);
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
  // Probe with no stored state: force, nothing written anywhere. No logger: each result is printed
  // once, in the table or the JSON below, not also as a log line per source.
  const { results } = await fetchSources(enabled, {
    settings: effectiveSettings(config.fetch),
    states: new Map(),
    now: clock(),
    force: true,
  });
  const failed = results.filter((r) => r.status === 'error');
  if (o.json) {
    // `id` as in every other data record (fetch --json, sources list --json).
    process.stdout.write(JSON.stringify({ warnings, sources: results.map(({ sourceId, items, ...r }) => ({ id: sourceId, ...r, items: items.length })) }) + '\n');
  } else if (!o.quiet || failed.length) {
    process.stdout.write(
      formatTable(
        ['id', 'status', 'http', 'items', 'ms', 'reason'],
        results.map((r) => [r.sourceId, r.status, r.httpStatus ?? '-', r.items.length, Math.round(r.durationMs), [r.error, r.movedTo && `moved to ${r.movedTo}`, r.feedLinks?.length && `feeds: ${r.feedLinks.join(' ')}`, ...(r.warnings ?? [])].filter(Boolean).join('; ')]),
      ),
    );
  }
  return failed.length ? EXIT.partial : EXIT.ok;
}
