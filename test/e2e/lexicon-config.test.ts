// An analyst extends the lexicons from sources.yaml (the classify: block), without touching code.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { tmpDir } from '../helpers/tmp.js';

const ITEM = JSON.stringify({ id: 'z', title: 'Zhenhua Logistics abre una oficina en el puerto del Callao', lang: 'es' }) + '\n';

describe('lexicon additions in sources.yaml', () => {
  it('makes a company the classifier did not know an actor', async () => {
    const before = JSON.parse((await runCli(['classify'], { input: ITEM })).stdout);
    expect(before.actors).toEqual([]);
    expect(before.relevant).toBe(false);

    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    fs.writeFileSync(cfg, 'policy:\n  stateMediaCap: 0.2\nclassify:\n  actors:\n    CN:\n      state: [Zhenhua Logistics]\nsources: []\n');
    const r = await runCli(['classify', '--config', cfg, '--explain'], { input: ITEM });
    expect(r.code).toBe(0);
    const after = JSON.parse(r.stdout);
    expect(after).toMatchObject({ relevant: true, actors: ['CN'], countries: ['PE'], section: 'china' });
    expect(after.explain['actor:CN'][0]).toMatchObject({ term: 'Zhenhua Logistics', where: 'title' });
  });

  it('rejects an addition for an unknown actor when sources.yaml is read, naming its line', async () => {
    const d = tmpDir();
    const cfg = path.join(d, 'sources.yaml');
    fs.writeFileSync(cfg, 'policy:\n  stateMediaCap: 0.2\nclassify:\n  actors:\n    XX:\n      state: [Someone]\nsources: []\n');
    const r = await runCli(['classify', '--config', cfg], { input: ITEM });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`vric: ${cfg} has 1 problem; nothing was done\n  ${cfg}:5: unknown key "XX" in classify.actors (expected one of: VE, RU, IR, CN)\n`);
  });
});
