// `vric export`, `vric import`: backups and moving machines (retention is prune.ts).
// The export format is JSON Lines, one archived item an object, so it diffs, greps and streams.
import fs from 'node:fs';
import readline from 'node:readline';
import type { Command } from 'commander';
import type { Item } from '../core/types.js';
import { itemLine, parseItemLine } from '../archive/jsonl.js';
import { addCommonOptions, clock, makeLogger, withArchive, type CommonOptions } from './context.js';

const IMPORT_BATCH = 2000;

interface ExportOptions extends CommonOptions {
  out?: string;
}

export function registerBackup(program: Command): void {
  addCommonOptions(program.command('export').description('write every archived item as JSON Lines (stdout, or --out FILE)'))
    .option('--out <file>', 'write to a file (atomically) instead of stdout')
    .action((o: ExportOptions) => withArchive(o, 'export', async (archive) => {
      const logger = makeLogger(o);
      const target = o.out ? `${o.out}.tmp-${process.pid}` : undefined;
      const fd = target ? fs.openSync(target, 'w') : 1;
      let n = 0;
      let buf = '';
      for await (const item of archive.allItems()) {
        buf += itemLine(item);
        n++;
        if (buf.length > 1 << 20) {
          fs.writeSync(fd, buf);
          buf = '';
        }
      }
      fs.writeSync(fd, buf);
      if (target) {
        fs.fsyncSync(fd);
        fs.closeSync(fd);
        fs.renameSync(target, o.out!);
      }
      logger.info(`exported ${n} item${n === 1 ? '' : 's'}${o.out ? ` to ${o.out}` : ''}`);
      // The format is items only, one an object a line (a contract), so the date cannot travel with them.
      const pruned = await archive.prunedBefore();
      if (pruned) logger.info(`this archive was pruned before ${pruned.slice(0, 10)}; the export holds items only, not that date (vric migrate carries it)`);
    }, clock()()));

  addCommonOptions(program.command('import [file]').description('add items from a JSON Lines export (file or stdin); existing items are kept'))
    .action((file: string | undefined, o: CommonOptions) => withArchive(o, 'import', async (archive) => {
      const logger = makeLogger(o);
      const input = file ? fs.createReadStream(file) : process.stdin;
      const rl = readline.createInterface({ input, crlfDelay: Infinity });
      let batch: Item[] = [];
      let read = 0;
      let added = 0;
      let skipped = 0;
      let lineNo = 0;
      const importBatch = async () => {
        const n = await archive.importItems(batch);
        added += n.added;
        skipped += n.skipped;
        batch = [];
      };
      for await (const line of rl) {
        lineNo++;
        if (!line.trim()) continue;
        batch.push(parseItemLine(line, file ?? 'stdin', lineNo));
        read++;
        if (batch.length >= IMPORT_BATCH) await importBatch();
      }
      await importBatch();
      // Items dated before the archive's pruned-before date stay out, as they do when a feed still carries them.
      const pruned = skipped ? `, ${skipped} not stored (dated before ${(await archive.prunedBefore())?.slice(0, 10)}, the date this archive was pruned before)` : '';
      logger.info(`read ${read} item${read === 1 ? '' : 's'}: ${added} new, ${read - added - skipped} already in the archive${pruned}`, { read, added, skipped });
    }, clock()()));
}
