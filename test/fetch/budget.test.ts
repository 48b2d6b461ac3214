import { describe, expect, it } from 'vitest';
import { ByteBudget } from '../../src/fetch/budget.js';

const settled = async <T>(p: Promise<T>): Promise<boolean> => {
  let done = false;
  void p.then(() => (done = true));
  await new Promise((r) => setImmediate(r));
  return done;
};

describe('ByteBudget', () => {
  it('admits bodies while they fit, then in arrival order as bytes are given back', async () => {
    const b = new ByteBudget(100);
    const r1 = await b.take(60);
    const r2 = await b.take(40);
    const third = b.take(30);
    const fourth = b.take(10);
    expect(await settled(third)).toBe(false);
    r1();
    expect(await settled(third)).toBe(true);
    // 40 + 30 + 10 fit: the fourth follows the third in.
    expect(await settled(fourth)).toBe(true);
    r2();
    r2(); // giving back twice changes nothing
    const fifth = b.take(70);
    expect(await settled(fifth)).toBe(false);
    (await third)();
    expect(await settled(fifth)).toBe(true);
  });

  it('lets a body larger than the whole budget through alone', async () => {
    const b = new ByteBudget(100);
    const big = await b.take(500);
    const small = b.take(1);
    expect(await settled(small)).toBe(false);
    big();
    expect(await settled(small)).toBe(true);
  });
});
