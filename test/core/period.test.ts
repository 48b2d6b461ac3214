import { describe, expect, it } from 'vitest';
import { parsePeriod, periodBounds } from '../../src/core/period.js';

const now = new Date('2026-11-23T10:00:00Z');

describe('period specs', () => {
  it.each([
    ['2021-08', '2021-08-01', '2021-08-31', 'August 2021', '2021-08'],
    ['2021-08..2021-09', '2021-08-01', '2021-09-30', 'August to September 2021', '2021-08_2021-09'],
    ['2021-Q3', '2021-07-01', '2021-09-30', 'July to September 2021', '2021-07_2021-09'],
    ['2024', '2024-01-01', '2024-12-31', 'January to December 2024', '2024-01_2024-12'],
    ['2021-12..2022-01', '2021-12-01', '2022-01-31', 'December 2021 to January 2022', '2021-12_2022-01'],
    ['2024-02', '2024-02-01', '2024-02-29', 'February 2024', '2024-02'],
    ['last-month', '2026-10-01', '2026-10-31', 'October 2026', '2026-10'],
    ['current', '2026-11-01', '2026-11-30', 'November 2026', '2026-11'],
  ])('%s', (spec, start, end, label, slug) => {
    expect(parsePeriod(spec, now)).toMatchObject({ start, end, label, slug });
  });

  it('last-month crosses the year in January', () => {
    expect(parsePeriod('last-month', new Date('2027-01-05T00:00:00Z')).label).toBe('December 2026');
  });

  it('gives half-open instant bounds', () => {
    expect(periodBounds(parsePeriod('2021-12', now))).toEqual({
      startIso: '2021-12-01T00:00:00.000Z',
      endExclusiveIso: '2022-01-01T00:00:00.000Z',
    });
  });

  it('refuses a period wholly after this month, but takes one that reaches into it', () => {
    expect(() => parsePeriod('2026-12', now)).toThrow(/lies wholly in the future: today is 2026-11-23/);
    expect(() => parsePeriod('2027', now)).toThrow(expect.objectContaining({ exitCode: 2 }));
    expect(() => parsePeriod('2027-01..2027-02', now)).toThrow(/January to February 2027/);
    expect(parsePeriod('2026-10..2026-12', now).label).toBe('October to December 2026');
    expect(parsePeriod('2026', now).to).toBe('2026-12');
    expect(parsePeriod('2026-Q4', now).from).toBe('2026-10');
  });

  it.each(['2021-13', '21-08', '2021-09..2021-08', 'lastmonth', '2021-Q5', ''])('rejects %j with exit code 2', (spec) => {
    expect(() => parsePeriod(spec, now)).toThrow(expect.objectContaining({ exitCode: 2 }));
  });
});
