// --explain: the terms behind each label, with where they were found.
import { describe, expect, it } from 'vitest';
import { createClassifier } from '../../src/classify/classify.js';

const classifier = createClassifier();

describe('explain', () => {
  const item = {
    id: 'e1',
    title: 'Opinion | Russian warships dock in Havana',
    summary: 'The frigate arrived with a nuclear submarine, the Kremlin said.',
    url: 'https://example.org/opinion/2026/warships-havana',
  };

  it('is absent unless asked for', () => {
    expect(classifier.classify(item).explain).toBeUndefined();
  });

  it('maps each label to the terms that fired and where', () => {
    const r = classifier.classify(item, { explain: true });
    expect(r.actors).toEqual(['RU']);
    expect(r.countries).toEqual(['CU']);
    const ex = r.explain ?? {};
    expect(ex['actor:RU']).toEqual(expect.arrayContaining([{ term: 'russian', where: 'title' }, { term: 'Kremlin', where: 'summary' }]));
    expect(ex['country:CU']).toEqual([{ term: 'Havana', where: 'title' }]);
    expect(ex['theme:military']).toEqual(expect.arrayContaining([{ term: 'warship*', where: 'title' }]));
    expect(ex['opinion']).toEqual(expect.arrayContaining([{ term: 'opinion', where: 'title' }, { term: 'opinion', where: 'url' }]));
    expect(ex['section']).toEqual([{ term: 'russian', where: 'title' }]);
    expect(ex['relevant']?.length).toBeGreaterThan(0);
    expect(ex['antiWestern']).toBeUndefined();
  });

  it('explains anti-Western with the own-voice terms only', () => {
    const r = classifier.classify(
      { id: 'e2', title: "Ortega praises 'heroic resistance' against the empire", summary: '' },
      { explain: true },
    );
    expect(r.antiWestern).toBe(true);
    expect(r.explain?.['antiWestern']).toEqual([{ term: 'the empire', where: 'title' }]);
  });

  it('explains medical diplomacy with the health words of the title', () => {
    const r = classifier.classify({ id: 'e3', title: 'Chinese vaccine doses land in Paraguay' }, { explain: true });
    expect(r.section).toBe('medical-diplomacy');
    expect(r.explain?.['section']).toEqual(expect.arrayContaining([{ term: 'vaccine*', where: 'title' }]));
  });
});
