// `vric export`, `vric import`: backups and moving machines (retention is prune.ts).
// The export format is JSON Lines, one archived item an object, so it diffs, greps and streams.
import fs from 'node:fs';
import type { Command } from 'commander';
import { itemLine } from '../archive/jsonl.js';
import { errorMessage, EXIT, usageError, VricError } from '../core/errors.js';
import type { Logger } from '../core/log.js';
import { addCommonOptions, clock, makeLogger, readConfig, withArchive, type CommonOptions } from './context.js';

interface ExportOptions extends CommonOptions {
  out?: string;
}

export function registerBackup(program: Command): void {
  addCommonOptions(program.command('export').description('write every archived item as JSON Lines (stdout, or --out FILE)'))
    .option('--out <file>', 'write to a file (atomically) instead of stdout')
    .action((o: ExportOptions) => withArchive(o, 'export', async (archive) => {
      const logger = makeLogger(o);
      const target = o.out ? `${o.out}.tmp-${process.pid}` : undefined;
      const fd = target ? fs.openSync(target, 'w') : undefined;
      // stdout through its stream, waiting for the reader: a pipe's descriptor is non-blocking, so a
      // synchronous write to it fails (EAGAIN) once the reader falls behind; a file is written directly.
      const write =
        fd === undefined
          ? writeToStdout
          : async (text: string) => {
              fs.writeSync(fd, text);
              return true;
            };
      let n = 0;
      let buf = '';
      for await (const item of archive.allItems()) {
        buf += itemLine(item);
        n++;
        if (buf.length > 1 << 20) {
          if (!(await write(buf))) return; // the reader has gone (vric export | head): nothing more to say
          buf = '';
        }
      }
      if (!(await write(buf))) return;
      if (fd !== undefined) {
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fs.renameSync(target!, o.out!);
      }
      logger.info(`exported ${n} item${n === 1 ? '' : 's'}${o.out ? ` to ${o.out}` : ''}`);
      // The format is items only, one an object a line (a contract), so the date cannot travel with them.
      const pruned = await archive.prunedBefore();
      if (pruned) logger.info(`this archive was pruned before ${pruned.slice(0, 10)}; the export holds items only, not that date (vric migrate carries it)`);
    }, clock()()));

  addCommonOptions(program.command('import [file]').description('add items from a JSON Lines export (file or stdin); existing items are kept, bad lines are named and left out'))
    .action((file: string | undefined, o: CommonOptions) => withArchive(o, 'import', async (archive) => {
      const logger = makeLogger(o);
      const { importItems } = await import('../archive/import-items.js');
      const known = await knownSourceIds(o, logger);
      const where = file ?? 'stdin';
      const input = file ? fs.createReadStream(file) : process.stdin;
      const r = await importItems(archive, input, { where, ...(known ? { knownSources: known } : {}) });
      const valid = r.lines - r.rejected;
      // Items dated before the archive's pruned-before date stay out, as they do when a feed still carries them.
      const pruned = r.skipped ? `, ${r.skipped} not stored (dated before ${(await archive.prunedBefore())?.slice(0, 10)}, the date this archive was pruned before)` : '';
      const rejected = r.rejected ? `; ${r.rejected} line${r.rejected === 1 ? '' : 's'} rejected` : '';
      logger.info(`read ${valid} item${valid === 1 ? '' : 's'}: ${r.added} new, ${r.alreadyThere} already in the archive${pruned}${rejected}`, {
        read: valid,
        added: r.added,
        skipped: r.skipped,
        rejected: r.rejected,
        capped: r.capped,
      });
      if (r.capped) logger.warn(`${r.capped} item${r.capped === 1 ? ' had' : 's had'} a title, summary or other field longer than vric keeps: stored cut to the limit`);
      for (const [id, n] of r.unknownSources ?? []) {
        logger.warn(`${n} item${n === 1 ? '' : 's'} of a source sources.yaml does not list: stored; builds treat the source as independent until it is listed`, { source: id });
      }
      for (const line of r.rejectedLines) logger.warn(`not imported: ${line}`);
      if (r.rejected > r.rejectedLines.length) logger.warn(`not imported: ${r.rejected - r.rejectedLines.length} more line${r.rejected - r.rejectedLines.length === 1 ? '' : 's'}`);
      if (!r.rejected) return;
      if (valid === 0) throw usageError(`nothing imported: all ${r.rejected} line${r.rejected === 1 ? '' : 's'} of ${where} ${r.rejected === 1 ? 'was' : 'were'} rejected`);
      throw new VricError(`${r.rejected} of ${r.lines} lines of ${where} rejected; the other ${valid} were checked and stored (or already there)`, EXIT.partial);
    }, clock()()));
}

/**
 * The source ids sources.yaml lists, to name imported items of other sources; undefined (and
 * said) when it cannot be read: a backup can be restored before the configuration is fixed.
 */
async function knownSourceIds(o: CommonOptions, logger: Logger): Promise<Set<string> | undefined> {
  if (!fs.existsSync(o.config)) {
    logger.warn(`no ${o.config}: source ids are not checked against it`);
    return undefined;
  }
  try {
    return new Set((await readConfig(o)).sources.map((s) => s.id));
  } catch (e) {
    logger.warn(`${o.config} cannot be read (${errorMessage(e)}): source ids are not checked against it`);
    return undefined;
  }
}

/**
 * Writes to stdout and waits until the stream takes more. False when the reader has closed the pipe
 * (EPIPE): the export then stops, quietly, as Unix filters do.
 */
function writeToStdout(text: string): Promise<boolean> {
  const out = process.stdout;
  if (out.destroyed) return Promise.resolve(false);
  if (out.write(text)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => () => {
      out.off('drain', onDrain).off('error', onGone).off('close', onGone);
      resolve(ok);
    };
    const onDrain = done(true);
    const onGone = done(false);
    out.once('drain', onDrain).once('error', onGone).once('close', onGone);
  });
}
