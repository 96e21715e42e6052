import { describe, expect, it } from 'vitest';
import { grownLength, nextGrowthBytes } from '../../src/check/growth.js';

const MiB = 2 ** 20;

describe('array growth', () => {
  it('doubles a small array until it holds what is needed', () => {
    expect(grownLength(4096, 4097, 4)).toBe(8192);
    expect(grownLength(4096, 20000, 4)).toBe(32768);
    expect(grownLength(4096, 100, 4)).toBe(4096);
  });

  it('grows an array past 256 MiB by a quarter, so the new one is not twice the old', () => {
    const length = (512 * MiB) / 4;
    const grown = grownLength(length, length + 1, 4);
    expect(grown).toBe(Math.ceil(length * 1.25));
    expect(grownLength(length, 3 * length, 4)).toBeGreaterThanOrEqual(3 * length);
    expect(nextGrowthBytes(512 * MiB)).toBe(640 * MiB);
    expect(nextGrowthBytes(MiB)).toBe(2 * MiB);
  });
});
