// An import's changes are based on the decisions as the import read them: when another editor
// decides on the same item between the import's reading and its writing, the whole import is
// refused as stale (exit 7) and nothing of it is stored, on both backends. The other editor is a
// real second decision, recorded in the archive at that moment.
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import type { Archive } from '../../src/archive/archive.js';
import { openArchive } from '../../src/archive/open.js';
import { loadConfig } from '../../src/config/load.js';
import { EXIT, VricError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/log.js';
import { parsePeriod } from '../../src/core/period.js';
import { importDecisions } from '../../src/pipeline/decisions-io.js';
import { parseDecisionsFile } from '../../src/select/decisions-file.js';
import { ROOT } from '../helpers/cli.js';
import { describeBackends } from '../helpers/pg.js';
import { suiteTmpDir } from '../helpers/tmp.js';
import { fetchSample, SAMPLE_ENV } from '../desk/desk-process.js';

const MEGASIS = 'https://efectococuyo.com/economia/megasis-inaugura-cuarto-local-valencia/';
const SWAP = 'https://www.infobae.com/economia/2026/10/02/el-banco-central-renovo-el-swap-con-china-por-usd-18000-millones/';
const MEGASIS_ID = '_JzUOXH90JJ97dsM9riGcH';

describeBackends('an import based on a stale view', (backend) => {
  let db: string;
  beforeAll(async () => {
    db = await fetchSample(backend.kind === 'sqlite' ? path.join(suiteTmpDir(), 'archive.sqlite') : await backend.newSpec());
  }, 60_000);

  it('is refused whole when another editor decides on one of its items meanwhile', async () => {
    const archive = await openArchive(db);
    try {
      const now = new Date(SAMPLE_ENV.VRIC_NOW);
      const period = parsePeriod('2026-09..2026-10', now);
      const config = await loadConfig(path.join(ROOT, 'sample/sources.yaml'));
      const file = parseDecisionsFile(`include:\n  - url: ${SWAP}\nexclude:\n  - url: ${MEGASIS}\n    reason: A shop opening\n`, 'decisions.yaml');
      let meddled = false;
      // Another editor's include of Megasis lands after the import has read the period.
      const racing: Archive = Object.create(archive, {
        recordDecisions: {
          value: async (...args: Parameters<Archive['recordDecisions']>) => {
            if (!meddled) {
              meddled = true;
              const other = await archive.recordDecisions([{ decision: { period: '2026-09..2026-10', subject: MEGASIS_ID, action: 'include', lang: '', value: { include: true }, editor: 'luis', at: now.toISOString() }, base: 0 }]);
              expect('stored' in other).toBe(true);
            }
            return archive.recordDecisions(...args);
          },
        },
      });
      const refused = await importDecisions({ config, archive: racing, period, now, logger: silentLogger }, file, 'ana').then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(VricError);
      expect((refused as VricError).exitCode).toBe(EXIT.stale);
      expect((refused as VricError).message).toMatch(/changed since you looked \(luis decided include on it at .*\): nothing was stored/);
      // Only luis's decision is there: the import's include of the swap went with its refused batch.
      const history = await archive.decisionsOf('2026-09..2026-10');
      expect(history.map((d) => [d.editor, d.action, d.subject])).toEqual([['luis', 'include', MEGASIS_ID]]);

      // Looked at again (read afresh), the same file is recorded: the exclusion replaces luis's include.
      const again = await importDecisions({ config, archive, period, now, logger: silentLogger }, file, 'ana');
      expect(again.stored.map((d) => [d.action, d.editor])).toEqual([['include', 'ana'], ['exclude', 'ana']]);
    } finally {
      await archive.close();
    }
  });
});
