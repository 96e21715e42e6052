/** The interpreter's vocabulary on the shared hand-worked cases. */
import { describe, expect, it } from 'vitest';
import { encodeEntry, type Layout } from '../../src/model/layout.js';
import { Vocabulary } from '../../src/model/vocabulary.js';
import { vocabularyCases, type E, type W } from '../fixtures/vocabulary-cases.js';

const THREADS = 4;

function layoutFor(indices: number, buckets: number): Layout {
  return {
    threads: [],
    indices,
    buckets,
    queueCap: THREADS,
    pcOff: 0,
    globals: new Map(),
    xaOff: 0,
    queueOff: indices,
    bugOff: -1,
    bugSites: [],
    size: indices + buckets * (THREADS + 1),
  };
}

const enc = (e: E | null): number => (e === null ? 0 : encodeEntry(e.order, !!e.locked, !!e.empty, !!e.zero, e.pfn ?? 0));
const waiter = (w: W): number => w.thread | (+w.exclusive << 4) | (w.key << 5);

function stateWith(layout: Layout, xa: (E | null)[], wq: W[][]): Int32Array {
  const s = new Int32Array(layout.size);
  xa.forEach((e, i) => (s[layout.xaOff + i] = enc(e)));
  wq.forEach((q, b) => {
    const base = layout.queueOff + b * (THREADS + 1);
    s[base] = q.length;
    q.forEach((w, i) => (s[base + 1 + i] = waiter(w)));
  });
  return s;
}

function queues(layout: Layout, s: Int32Array): number[][] {
  return Array.from({ length: layout.buckets }, (_, b) => {
    const base = layout.queueOff + b * (THREADS + 1);
    return Array.from({ length: s[base]! }, (_, i) => s[base + 1 + i]!);
  });
}

describe('vocabulary (interpreter)', () => {
  it.each(vocabularyCases.map((c) => [c.name, c] as const))('%s', (_, c) => {
    const indices = 'xa' in c ? c.xa.length : 4;
    const layout = layoutFor(indices, c.buckets);
    const v = new Vocabulary(layout, [{ file: 'test', line: 1, col: 1 }]);
    switch (c.op) {
      case 'findConflict':
        expect(v.findConflict(stateWith(layout, c.xa, []), c.index, c.order, 0)).toBe(enc(c.expect));
        break;
      case 'store': {
        const s = stateWith(layout, c.xa, []);
        v.store(s, c.index, enc(c.entry), 0);
        expect(Array.from(s.subarray(0, indices))).toEqual(c.expect.map(enc));
        break;
      }
      case 'erase': {
        const s = stateWith(layout, c.xa, []);
        v.erase(s, c.index, 0);
        expect(Array.from(s.subarray(0, indices))).toEqual(c.expect.map(enc));
        break;
      }
      case 'alignDown':
        expect(v.alignDown(c.index, c.order)).toBe(c.expect);
        break;
      case 'prepareToWait': {
        const s = stateWith(layout, [], c.wq);
        v.enqueue(s, c.thread, c.key, c.exclusive, 0);
        expect(queues(layout, s)).toEqual(c.expect.map((q) => q.map(waiter)));
        break;
      }
      case 'wakeUp': {
        const s = stateWith(layout, [], c.wq);
        v.wakeUp(s, c.key, c.all ? 0 : 1, c.keyFilter, 0);
        expect(queues(layout, s)).toEqual(c.expect.map((q) => q.map(waiter)));
        break;
      }
      case 'isWaiting':
        expect(v.isWaiting(stateWith(layout, [], c.wq), c.thread)).toBe(c.expect);
        break;
    }
  });
});
