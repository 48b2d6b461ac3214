// `vric migrate --from A --to B`: moves an archive between backends (SQLite ⇄ PostgreSQL): the
// items, then the editors' decisions with the digests their approvals froze; checks the counts at
// the end.
import type { Command } from 'commander';
import { EXIT, usageError, VricError } from '../core/errors.js';
import { addLogOptions, clock, makeLogger, requireArchive, type CommonOptions } from './context.js';
import { terminalProgress } from './progress.js';

interface MigrateOptions extends Pick<CommonOptions, 'quiet' | 'logFormat'> {
  from: string;
  to: string;
  json?: boolean;
}

export function registerMigrate(program: Command): void {
  addLogOptions(program
    .command('migrate')
    .description("copy every archived item and the editors' decisions from one archive to another (SQLite ⇄ PostgreSQL) and check the counts")
    .requiredOption('--from <archive>', 'the archive to read: a SQLite file or postgres://user@host/db')
    .requiredOption('--to <archive>', 'the archive to write (a SQLite file is created if missing; items already there are kept)')
    .option('--json', 'print the counts as one JSON object')
    .option('-q, --quiet', 'print nothing on success'))
    .action(async (o: MigrateOptions) => {
      const logger = makeLogger({ quiet: o.quiet || o.json });
      const [{ openArchive }, { acquireLock }, { describeSpec, isPostgresSpec }, { transferItems }, { transferDecisions }] = await Promise.all([
        import('../archive/open.js'),
        import('../archive/lock.js'),
        import('../archive/spec.js'),
        import('../archive/transfer.js'),
        import('../archive/transfer-decisions.js'),
      ]);
      if (o.from === o.to) throw usageError('--from and --to are the same archive');
      // Only the target may be created: a misspelt --from would otherwise copy nothing and succeed.
      requireArchive(o.from);
      const now = clock()();
      // SQLite archives are held under their run lock for the whole copy, so no fetch writes to
      // either one half-way (which would make the counts disagree).
      const locks = [o.from, o.to].filter((s) => !isPostgresSpec(s)).map((s) => acquireLock(s, 'migrate', now));
      const opened = [];
      const progress = terminalProgress('migrating', !o.quiet && !o.json && o.logFormat !== 'json');
      try {
        const from = await openArchive(o.from);
        opened.push(from);
        const to = await openArchive(o.to);
        opened.push(to);
        const r = await transferItems(from, to, (done, total) => progress.update(done, total));
        progress.end();
        // The decisions after the items they are about, and only when every item came across whole.
        const d = r.ok ? await transferDecisions(from, to) : undefined;
        if (o.json) process.stdout.write(JSON.stringify({ from: describeSpec(o.from), to: describeSpec(o.to), ...r, ...(d ? { decisions: d } : {}) }) + '\n');
        else {
          logger.info(
            `copied ${r.read} item${r.read === 1 ? '' : 's'} from ${describeSpec(o.from)} to ${describeSpec(o.to)}: ` +
              `${r.added} new, ${r.alreadyThere} already there` +
              (r.skipped ? `, ${r.skipped} not stored (dated before the target's pruned-before date)` : '') +
              (r.rejected ? `, ${r.rejected} rejected` : '') +
              `; the target now holds ${r.targetAfter}`,
          );
          if (r.prunedBefore) logger.info(`the target does not store items dated before ${r.prunedBefore.slice(0, 10)} (pruned before that date)`);
          if (d) {
            logger.info(
              `copied ${d.read} editors' decision${d.read === 1 ? '' : 's'}: ${d.added} new, ${d.alreadyThere} already there` +
                (d.snapshots ? `, ${d.snapshots} approval${d.snapshots === 1 ? '' : 's'} with the digest ${d.snapshots === 1 ? 'it' : 'they'} froze` : '') +
                (d.leftOut.length ? `, ${d.leftOut.reduce((n, x) => n + x.decisions, 0)} left out` : ''),
            );
          }
        }
        for (const x of d?.leftOut ?? []) logger.warn(`the decisions on ${x.period} were not copied: ${x.why}`);
        if (r.capped) logger.warn(`${r.capped} item${r.capped === 1 ? ' had' : 's had'} a title, summary or other field longer than vric keeps: stored cut to the limit`);
        for (const x of r.rejectedItems) logger.warn(`item ${x.id} not copied: ${x.reason}`);
        if (!r.ok) throw new VricError(`migration counts disagree: ${r.problems.join('; ')}`, EXIT.internal);
        if (d?.problems.length) throw new VricError(`the decisions were not all copied: ${d.problems.join('; ')}`, EXIT.internal);
        // Items an older, unchecked import let in are left behind, said and exit 3: never a silent loss.
        if (r.rejected) throw new VricError(`${r.rejected} item${r.rejected === 1 ? '' : 's'} of the source failed the item check and ${r.rejected === 1 ? 'was' : 'were'} not copied; every other item is in the target`, EXIT.partial);
        if (d?.leftOut.length) {
          const periods = d.leftOut.map((x) => x.period).join(', ');
          throw new VricError(`the decisions on ${periods} were not copied (the target holds other decisions on ${d.leftOut.length === 1 ? 'it' : 'them'}); every item and every other decision is in the target`, EXIT.partial);
        }
        if (!o.json) logger.info('counts checked: every item and every decision of the source is in the target');
      } finally {
        progress.end();
        await Promise.all(opened.map((a) => a.close()));
        for (const l of locks) l.release();
      }
    });
}
