// The state-media cap as arithmetic. With N non-state items in the digest and a cap c, the
// largest number S of state items with S / (S + N) ≤ c is S = floor(c / (1 − c) × N).
//
// Computed with integers, not floats: 0.2 / 0.8 × 4 is 0.9999999999999998 in floating point,
// which would floor to 0 where the rule allows 1. The cap is first turned into the simplest
// fraction p/q within 1e-9 of it (0.2 → 1/5, 0.25 → 1/4, 0.333333333 → 1/3), then
// S = floor(p × N / (q − p)) is exact.
import { usageError } from '../core/errors.js';

/** Simplest fraction p/q within `tolerance` of x (continued-fraction convergents), x in [0, 1]. */
export function capFraction(x: number, tolerance = 1e-9): { p: number; q: number } {
  // Convergents h/k with h₋₁ = 1, h₋₂ = 0, k₋₁ = 0, k₋₂ = 1.
  let h = 1;
  let hPrev = 0;
  let k = 0;
  let kPrev = 1;
  let v = x;
  for (let step = 0; step < 64; step++) {
    const a = Math.floor(v);
    [hPrev, h] = [h, a * h + hPrev];
    [kPrev, k] = [k, a * k + kPrev];
    if (Math.abs(x - h / k) <= tolerance) break;
    const rest = v - a;
    if (rest < 1e-15) break;
    v = 1 / rest;
  }
  return { p: h, q: k };
}

/** Rejects a cap that is not a share: the message names where it came from. */
export function checkCap(cap: number, where = 'state-media cap'): void {
  if (typeof cap !== 'number' || !Number.isFinite(cap) || cap < 0) {
    throw usageError(`${where} must be a number from 0 to 1 (0.2 = 20%), got ${String(cap)}`);
  }
}

/** Most state items allowed beside `nonState` non-state items: cap 0 → none, cap ≥ 1 → no limit. */
export function maxStateItems(nonState: number, cap: number): number {
  checkCap(cap);
  if (cap >= 1) return Number.POSITIVE_INFINITY;
  if (cap === 0 || nonState <= 0) return 0;
  const { p, q } = capFraction(cap);
  if (p >= q) return Number.POSITIVE_INFINITY;
  return Number((BigInt(p) * BigInt(nonState)) / BigInt(q - p));
}
