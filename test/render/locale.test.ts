import { describe, expect, test } from 'vitest';
import { formatDate, loadLocale, percent } from '../../src/render/locale.js';
import { bundledTemplatesDir } from '../../src/render/templates.js';

describe('formatDate (formatted days are cached per locale)', () => {
  test('each locale and style prints its own text for the same day, whatever was formatted before', async () => {
    const en = await loadLocale('en', bundledTemplatesDir());
    const es = await loadLocale('es', bundledTemplatesDir());
    const day = '2026-09-05T10:00:00Z';
    expect(formatDate(day, en)).toBe('5 Sep 2026');
    expect(formatDate(day, es, true)).toBe('5 de septiembre de 2026');
    expect(formatDate(day, en, true)).toBe('5 September 2026');
    expect(formatDate(day, es)).toBe(formatDate('2026-09-05T23:59:59Z', es));
    expect(formatDate(day, en)).toBe('5 Sep 2026');
  });
  test('the UTC day counts, not the offset the feed wrote', async () => {
    const en = await loadLocale('en', bundledTemplatesDir());
    expect(formatDate('2026-09-05T22:30:00-03:00', en)).toBe('6 Sep 2026');
    expect(formatDate('not a date', en)).toBe('');
    expect(formatDate(undefined, en)).toBe('');
  });
  test('a locale whose date pattern differs gets its own text for a day another locale cached', async () => {
    const en = await loadLocale('en', bundledTemplatesDir());
    const custom = { ...en, dateFormat: 'yyyy-MM-dd' };
    expect(formatDate('2026-09-05T10:00:00Z', en)).toBe('5 Sep 2026');
    expect(formatDate('2026-09-05T10:00:00Z', custom)).toBe('2026-09-05');
  });
});

test('percent uses each language’s number format', async () => {
  const en = await loadLocale('en', bundledTemplatesDir());
  const es = await loadLocale('es', bundledTemplatesDir());
  expect(percent(0.183, en)).toBe('18.3%');
  expect(percent(0.183, es)).toMatch(/^18,3\s?%$/);
  expect(percent(0.183, en)).toBe('18.3%');
});
