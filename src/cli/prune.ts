// `vric prune --before DATE [--dry-run] [--yes] [--json]`: retention. Deleting is final, so the
// command first works out what it would delete (src/archive/prune-plan.ts) and refuses, deleting
// nothing, when that is more than half of the archive or anything dated within the last 30 days,
// unless the operator confirms with --yes.
import type { Command } from 'commander';
import { usageError } from '../core/errors.js';
import { formatTable } from '../core/table.js';
import type { PrunePlan } from '../archive/prune-plan.js';
import { addCommonOptions, clock, makeLogger, withArchive, type CommonOptions } from './context.js';

interface PruneOptions extends CommonOptions {
  before: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export function registerPrune(program: Command): void {
  addCommonOptions(program.command('prune').description('delete archived items dated before a date (retention); they are not stored again'))
    .requiredOption('--before <date>', 'YYYY-MM-DD (UTC); items dated earlier are deleted')
    .option('--dry-run', 'print how many items each source would lose, and delete nothing')
    .option('-y, --yes', 'confirm a prune of more than half of the archive or of items dated within the last 30 days')
    .option('--json', 'print the plan and the outcome as one JSON object')
    .action((o: PruneOptions) => {
      const now = clock()();
      const beforeIso = parseBefore(o.before, now);
      const logger = makeLogger(o);
      return withArchive(o, 'prune', async (archive) => {
        const { planPrune } = await import('../archive/prune-plan.js');
        const plan = await planPrune(archive, beforeIso, now);
        if (o.dryRun) {
          printPrune(o, plan, 0);
          logger.info(
            `dry run: pruning before ${o.before} would delete ${plural(plan.items, 'item')} of ${plan.archiveItems}` +
              (plan.needsYes.length ? `, and would need --yes: ${plan.needsYes.join('; ')}` : '') +
              '; nothing was deleted',
            { before: o.before, wouldDelete: plan.items, archiveItems: plan.archiveItems },
          );
          return;
        }
        if (plan.needsYes.length && !o.yes) {
          if (o.json) printPrune(o, plan, 0);
          throw usageError(
            `pruning before ${o.before} would delete ${plural(plan.items, 'item')}: ${plan.needsYes.join('; ')}. ` +
              `Nothing was deleted; see them per source with --dry-run, and add --yes to delete them`,
          );
        }
        const deleted = await archive.pruneBefore(beforeIso);
        const after = await archive.prunedBefore();
        printPrune(o, { ...plan, prunedBefore: after }, deleted);
        logger.info(`deleted ${plural(deleted, 'item')} dated before ${o.before}; items dated before ${(after ?? beforeIso).slice(0, 10)} will not be stored again`, {
          before: o.before,
          deleted,
          prunedBefore: after,
        });
        if (after && after > beforeIso) logger.info(`the archive was already pruned before ${after.slice(0, 10)}: that date stands (it is never moved back)`);
      }, now);
    });
}

/** The --before date as the instant it stands for; a date in the future would keep nothing that is collected until then. */
function parseBefore(before: string, now: Date): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(before) || Number.isNaN(Date.parse(before))) {
    throw usageError(`--before takes a date YYYY-MM-DD (got "${before}")`);
  }
  const iso = `${before}T00:00:00.000Z`;
  if (iso > now.toISOString()) {
    throw usageError(
      `--before ${before} is after today (${now.toISOString().slice(0, 10)}): items dated before it would not be stored until then; prune takes a date in the past`,
    );
  }
  return iso;
}

/** Data to stdout: the plan per source as a table, or with --json one object with the outcome. */
function printPrune(o: PruneOptions, plan: PrunePlan, deleted: number): void {
  if (o.json) {
    process.stdout.write(
      JSON.stringify({
        before: plan.beforeIso.slice(0, 10),
        dryRun: Boolean(o.dryRun),
        deleted,
        wouldDelete: plan.items,
        archiveItems: plan.archiveItems,
        recent: plan.recent,
        needsYes: plan.needsYes,
        sources: plan.bySource.map((s) => ({ id: s.sourceId, items: s.items })),
        prunedBefore: plan.prunedBefore ?? null,
      }) + '\n',
    );
    return;
  }
  if (!o.dryRun) return;
  process.stdout.write(formatTable(['source', 'items'], [...plan.bySource.map((s) => [s.sourceId, s.items]), ['total', plan.items]]));
}
