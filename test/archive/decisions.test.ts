// The editors' decisions in the archive, on both backends: kept as history, the latest per key in
// force, a change based on a stale view refused whole, an approval's digest kept; and on
// PostgreSQL, two editors deciding on the same item at once: exactly one wins, the other is told.
import { describe, expect, it } from 'vitest';
import type { DecisionChange } from '../../src/archive/archive.js';
import { openArchive } from '../../src/archive/open.js';
import type { NewDecision } from '../../src/core/decision-types.js';
import { editorialOf, inForce } from '../../src/select/decisions.js';
import { describeBackends } from '../helpers/pg.js';

const PERIOD = '2026-09..2026-10';

function change(subject: string, action: NewDecision['action'], value: NewDecision['value'], base: number, editor = 'ana'): DecisionChange {
  return { decision: { period: PERIOD, subject, action, lang: '', value, editor, at: '2026-11-02T06:00:00.000Z' }, base };
}

describeBackends('decisions in the archive', (backend) => {
  it('keeps every decision; the latest of a key is in force, and a cleared key is no decision', async () => {
    const archive = await openArchive(await backend.newSpec());
    try {
      const a = await archive.recordDecisions([change('item-1', 'exclude', { reason: 'off topic' }, 0)]);
      if (!('stored' in a)) throw new Error('refused');
      const first = a.stored[0]!;
      expect(first).toMatchObject({ period: PERIOD, subject: 'item-1', action: 'exclude', value: { reason: 'off topic' }, editor: 'ana', supersedes: 0 });
      const b = await archive.recordDecisions([change('item-1', 'exclude', { reason: 'a shop opening' }, first.id, 'luis')]);
      if (!('stored' in b)) throw new Error('refused');
      await archive.recordDecisions([change('item-2', 'include', { include: true }, 0)]);
      const history = await archive.decisionsOf(PERIOD);
      expect(history.map((d) => [d.subject, d.editor])).toEqual([['item-1', 'ana'], ['item-1', 'luis'], ['item-2', 'ana']]);
      expect(editorialOf(history).overrides.exclude).toEqual([{ id: 'item-1', reason: 'a shop opening' }]);
      // Another period sees none of them.
      expect(await archive.decisionsOf('2026-11')).toEqual([]);

      const cleared = await archive.recordDecisions([change('item-2', 'include', null, history[2]!.id)]);
      expect('stored' in cleared).toBe(true);
      expect(inForce(await archive.decisionsOf(PERIOD)).map((d) => d.subject)).toEqual(['item-1']);
    } finally {
      await archive.close();
    }
  });

  it('refuses a change based on a stale view, and stores nothing of its batch', async () => {
    const archive = await openArchive(await backend.newSpec());
    try {
      const a = await archive.recordDecisions([change('item-1', 'include', { include: true }, 0)]);
      if (!('stored' in a)) throw new Error('refused');
      // An exclusion replaces the include: both set the item's fate.
      const swap = await archive.recordDecisions([change('item-3', 'include', { include: true }, 0), change('item-1', 'exclude', { reason: 'x' }, a.stored[0]!.id)]);
      if (!('stored' in swap)) throw new Error('refused');
      // Based on the include, but the exclusion came since: refused, and item-4's include with it.
      const again = await archive.recordDecisions([change('item-4', 'include', { include: true }, 0), change('item-1', 'include', null, a.stored[0]!.id)]);
      if (!('stale' in again)) throw new Error('a stale change was stored');
      expect(again.stale.latest).toMatchObject({ id: swap.stored[1]!.id, action: 'exclude', editor: 'ana' });
      expect((await archive.decisionsOf(PERIOD)).map((d) => d.subject)).toEqual(['item-1', 'item-3', 'item-1']);
    } finally {
      await archive.close();
    }
  });

  it("keeps an approval's digest with the approval", async () => {
    const archive = await openArchive(await backend.newSpec());
    try {
      const snapshot = JSON.stringify({ digest: { title: 'VRIC Monitor | September to October 2026 — «sí»' } });
      const a = await archive.recordDecisions([change('', 'approve', { approved: true, revision: 0 }, 0)], snapshot);
      if (!('stored' in a)) throw new Error('refused');
      expect(await archive.approvedSnapshot(a.stored[0]!.id)).toBe(snapshot);
      expect(await archive.approvedSnapshot(a.stored[0]!.id + 1)).toBeUndefined();
    } finally {
      await archive.close();
    }
  });

  it('gives every decision of every period, oldest first, for a migration', async () => {
    const archive = await openArchive(await backend.newSpec());
    try {
      expect(await archive.allDecisions()).toEqual([]);
      await archive.recordDecisions([change('item-1', 'include', { include: true }, 0)]);
      const november = change('item-9', 'exclude', { reason: 'x' }, 0);
      await archive.recordDecisions([{ ...november, decision: { ...november.decision, period: '2026-11' } }]);
      await archive.recordDecisions([change('item-2', 'section', { section: 'iran' }, 0)]);
      const all = await archive.allDecisions();
      expect(all.map((d) => [d.period, d.subject])).toEqual([[PERIOD, 'item-1'], ['2026-11', 'item-9'], [PERIOD, 'item-2']]);
      expect(all.map((d) => d.id)).toEqual([...all.map((d) => d.id)].sort((a, b) => a - b));
    } finally {
      await archive.close();
    }
  });

  it('refuses, in the storing transaction, an approval that missed a decision and a decision on an approved period', async () => {
    const archive = await openArchive(await backend.newSpec());
    try {
      const a = await archive.recordDecisions([change('item-1', 'exclude', { reason: 'x' }, 0)]);
      if (!('stored' in a)) throw new Error('refused');
      // Another editor decides after this approval's view (revision: the first decision) was read.
      const b = await archive.recordDecisions([change('item-2', 'include', { include: true }, 0, 'luis')]);
      if (!('stored' in b)) throw new Error('refused');
      const late = await archive.recordDecisions([change('', 'approve', { approved: true, revision: a.stored[0]!.id }, 0)], '{}');
      if (!('stale' in late)) throw new Error('an approval that missed a decision was stored');
      expect(late.stale.latest).toMatchObject({ editor: 'luis', subject: 'item-2' });
      const ok = await archive.recordDecisions([change('', 'approve', { approved: true, revision: b.stored[0]!.id }, 0)], '{}');
      if (!('stored' in ok)) throw new Error('refused');
      // Approved: a decision is refused until the period is reopened.
      const frozen = await archive.recordDecisions([change('item-3', 'include', { include: true }, 0, 'luis')]);
      if (!('stale' in frozen)) throw new Error('a decision on an approved period was stored');
      expect(frozen.stale.latest).toMatchObject({ action: 'approve' });
      const reopen = await archive.recordDecisions([change('', 'approve', null, ok.stored[0]!.id)]);
      expect('stored' in reopen).toBe(true);
      expect('stored' in (await archive.recordDecisions([change('item-3', 'include', { include: true }, 0, 'luis')]))).toBe(true);
    } finally {
      await archive.close();
    }
  });

  if (backend.kind === 'postgres') {
    it('two editors on two connections deciding the same item at once: one is stored, the other refused', async () => {
      const spec = await backend.newSpec();
      const one = await openArchive(spec);
      const two = await openArchive(spec);
      try {
        for (let round = 0; round < 10; round++) {
          const subject = `item-${round}`;
          const [a, b] = await Promise.all([
            one.recordDecisions([change(subject, 'exclude', { reason: 'ana says' }, 0, 'ana')]),
            two.recordDecisions([change(subject, 'include', { include: true }, 0, 'luis')]),
          ]);
          const outcomes = [a, b].map((o) => ('stored' in o ? 'stored' : 'stale'));
          expect(outcomes.sort()).toEqual(['stale', 'stored']);
        }
        const history = await one.decisionsOf(PERIOD);
        expect(history).toHaveLength(10);
      } finally {
        await one.close();
        await two.close();
      }
    });
  }
});

describe('decisions on a key are told apart by action and language', () => {
  it('a summary in English and one in Spanish are two decisions in force', () => {
    const d = (id: number, lang: string, text: string) => ({ id, period: PERIOD, subject: 'x', action: 'summary' as const, lang, value: { text }, editor: 'ana', at: '', supersedes: 0 });
    expect(editorialOf([d(1, 'en', 'one'), d(2, 'es', 'uno'), d(3, 'en', 'One.')]).overrides.summary).toEqual([
      { id: 'x', lang: 'es', text: 'uno' },
      { id: 'x', lang: 'en', text: 'One.' },
    ]);
  });
});
