/**
 * The packed visited set: states come back exactly as stored, across the
 * repacks that widen a position, and each distinct state gets one id.
 */
import { describe, expect, it } from 'vitest';
import { bitsFor, packingFor } from '../../src/check/packing.js';
import { StateStore } from '../../src/check/state-store.js';

describe('packing', () => {
  it('sizes positions by their zigzag encoding', () => {
    expect([0, 1, -1, 2, 3, -4, 1 << 20, -1 << 31, 0x7fffffff].map(bitsFor)).toEqual([0, 2, 1, 3, 3, 3, 22, 32, 32]);
  });

  it('round-trips values that fit and refuses one that does not', () => {
    const p = packingFor([0, 2, 3, 32, 7, 30]);
    const state = Int32Array.from([0, -1, 3, -123456789, 63, -(1 << 28)]);
    const out = new Int32Array(p.words);
    expect(p.pack(state, out)).toBe(true);
    const back = new Int32Array(state.length);
    p.unpack(out, 0, back);
    expect([...back]).toEqual([...state]);
    expect(p.pack(Int32Array.from([1, 0, 0, 0, 0, 0]), out)).toBe(false);
  });
});

describe('StateStore', () => {
  // Values grow as ids do, so the widths grow (and the store repacks) many times.
  const states: number[][] = [];
  for (let i = 0; i < 5000; i++) states.push([i % 7, i * 37 - 90000, (i * i) % 1001]);

  it.each([
    ['one segment', undefined],
    ['segments of 64 words, crossed hundreds of times and repacked across', 64],
  ])('gives each distinct state one id and returns it unchanged, through repacks (%s)', (_, segmentWords) => {
    const store = new StateStore(3, 4, segmentWords);
    states.forEach((s, i) => expect(store.intern(Int32Array.from(s))).toBe(~i));
    states.forEach((s, i) => expect(store.intern(Int32Array.from(s))).toBe(i));
    expect(store.count).toBe(states.length);
    states.forEach((s, i) => expect([...store.get(i)]).toEqual(s));
  });
});
