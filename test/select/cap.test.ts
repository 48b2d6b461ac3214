import { describe, expect, it } from 'vitest';
import { VricError } from '../../src/core/errors.js';
import { capFraction, maxStateItems } from '../../src/select/cap.js';

describe('maxStateItems: floor(cap / (1 − cap) × N)', () => {
  it.each([
    [0, 0],
    [1, 0],
    [3, 0],
    [4, 1], // 0.2 / 0.8 × 4 is 0.9999999999999998 in floating point: must still be 1
    [5, 1],
    [8, 2],
    [13, 3], // the worked example of docs/policy.md
    [100, 25],
  ])('cap 0.2 with %i non-state items allows %i state items', (n, expected) => {
    expect(maxStateItems(n, 0.2)).toBe(expected);
  });

  it('keeps state/all at or under the cap, and no further item would fit', () => {
    // Caps k/20 (0.05, 0.1, …, 0.95) checked in integers: S·(20−k) ≤ k·N < (S+1)·(20−k).
    for (let k = 1; k < 20; k++) {
      const cap = k / 20;
      for (let n = 0; n <= 200; n++) {
        const s = maxStateItems(n, cap);
        expect(s * (20 - k)).toBeLessThanOrEqual(k * n);
        expect((s + 1) * (20 - k)).toBeGreaterThan(k * n);
      }
    }
  });

  it('is exact at the float traps of other caps', () => {
    expect(maxStateItems(9, 0.1)).toBe(1);
    expect(maxStateItems(3, 0.25)).toBe(1);
    expect(maxStateItems(7, 0.3)).toBe(3);
    expect(maxStateItems(3, 0.5)).toBe(3);
    expect(maxStateItems(17, 0.15)).toBe(3);
    expect(maxStateItems(2, 0.333333333)).toBe(1); // one third, as an editor would type it
    expect(maxStateItems(2, 0.33)).toBe(0); // 0.33 is not a third: 0.33/0.67 × 2 = 0.985…
  });

  it('allows none at cap 0 and all at cap 1 or more', () => {
    expect(maxStateItems(100, 0)).toBe(0);
    expect(maxStateItems(0, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(maxStateItems(3, 1)).toBe(Number.POSITIVE_INFINITY);
    expect(maxStateItems(3, 1.5)).toBe(Number.POSITIVE_INFINITY);
  });

  it('rejects a cap that is not a share, as a usage error', () => {
    for (const bad of [-0.1, Number.NaN, Number.POSITIVE_INFINITY]) {
      let caught: unknown;
      try {
        maxStateItems(4, bad);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(VricError);
      expect((caught as VricError).exitCode).toBe(2);
      expect((caught as VricError).message).toMatch(/from 0 to 1/);
    }
  });
});

describe('capFraction', () => {
  it('finds the simplest fraction of a decimal cap', () => {
    expect(capFraction(0.2)).toEqual({ p: 1, q: 5 });
    expect(capFraction(0.25)).toEqual({ p: 1, q: 4 });
    expect(capFraction(0.15)).toEqual({ p: 3, q: 20 });
    expect(capFraction(0.333333333)).toEqual({ p: 1, q: 3 });
    expect(capFraction(0)).toEqual({ p: 0, q: 1 });
  });
});
