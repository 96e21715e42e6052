/**
 * The interpreter's domain vocabulary (src/model/vocabulary.ts) on states built
 * by hand: XArray entries of several orders, and the hashed keyed wait table
 * with the kernel's __wake_up_common() / wake_exceptional_entry_func() rules.
 */
import { describe, expect, it } from 'vitest';
import type { ModelConfig, SourceLoc, SpecModel, ThreadDef } from '../../src/model/ir.ts';
import { encodeEntry, layoutOf, type Layout } from '../../src/model/layout.ts';
import { StepFailure, Vocabulary, alignDown, type VocabEvent } from '../../src/model/vocabulary.ts';

const LOC: SourceLoc = { file: 'hand-built.ts', line: 7, col: 3 };
const OTHER_LOC: SourceLoc = { file: 'hand-built.ts', line: 42, col: 9 };

/** A layout for `threads` threads without locals or globals: pcs, then xa, then the queues. */
function tinyLayout(threads: number, indices: number, buckets = 1): Layout {
  const def: ThreadDef = { name: 'w', doc: '', params: [], locals: [], steps: [{ label: 'a', doc: '', body: [], loc: LOC }], loc: LOC };
  const spec: SpecModel = { name: 'Tiny', doc: '', file: 'tiny.ts', variants: ['v'], globals: [], helpers: [], threads: [def], invariants: [], models: [], usesBugOn: false };
  const model: ModelConfig = {
    name: 'm',
    doc: '',
    variant: 'v',
    indices,
    pmdOrder: 1,
    buckets,
    threads: Array.from({ length: threads }, (_, i) => ({ name: `w${i + 1}`, thread: 'w', params: {} })),
    expect: { kind: 'holds' },
    deadlock: false,
    termination: true,
    loc: LOC,
  };
  return layoutOf(spec, model);
}

function setup(threads: number, indices: number, buckets = 1): { layout: Layout; v: Vocabulary; s: Int32Array } {
  const layout = tinyLayout(threads, indices, buckets);
  const v = new Vocabulary(layout, [LOC, OTHER_LOC]);
  return { layout, v, s: new Int32Array(layout.size) };
}

const PTE = (pfn = 0, locked = false): number => encodeEntry(0, locked, false, false, false, pfn);
const PMD = (order: number, pfn = 0, locked = false): number => encodeEntry(order, locked, false, false, false, pfn);

function xa(layout: Layout, s: Int32Array): number[] {
  return Array.from({ length: layout.indices }, (_, i) => s[layout.xaOff + i]!);
}

function put(layout: Layout, s: Int32Array, index: number, entry: number): void {
  s[layout.xaOff + index] = entry;
}

interface Waiter {
  thread: number;
  key: number;
  exclusive: boolean;
}

/** Queue `b` as the layout comment describes it: length, then waiters thread | exclusive<<4 | key<<5. */
function queue(layout: Layout, s: Int32Array, b: number): Waiter[] {
  const base = layout.queueOff + b * (layout.queueCap + 1);
  return Array.from({ length: s[base]! }, (_, i) => {
    const w = s[base + 1 + i]!;
    return { thread: w & 15, key: w >>> 5, exclusive: ((w >>> 4) & 1) === 1 };
  });
}

/** WAKE_NEXT is nr_exclusive = 1, WAKE_ALL nr_exclusive = 0 (wake every exclusive waiter). */
const WAKE_NEXT_NR = 1;
const WAKE_ALL_NR = 0;

/** Runs a wake-up with the event log on and returns the threads it woke, in order. */
function wake(v: Vocabulary, s: Int32Array, key: number, all: boolean, keyFilter = true): number[] {
  const events: VocabEvent[] = [];
  v.events = events;
  try {
    v.wakeUp(s, key, all ? WAKE_ALL_NR : WAKE_NEXT_NR, keyFilter, 0);
  } finally {
    v.events = null;
  }
  expect(events).toHaveLength(1);
  const ev = events[0]!;
  if (ev.kind !== 'wake') throw new Error(`expected a wake event, got ${ev.kind}`);
  return ev.woken;
}

describe('entry encoding', () => {
  it('packs order, flags and pfn as layout.ts documents', () => {
    // bit 0 set for an entry; order at bit 1 (3 bits), locked 4, empty 5, zero 6, page 7, pfn from 8.
    // PMD (order 1) locked empty, pfn 3: 1 + 1*2 + 16 + 32 + 3*256 = 819.
    expect(encodeEntry(1, true, true, false, false, 3)).toBe(819);
    // A plain PTE, nothing set: just the presence bit.
    expect(encodeEntry(0, false, false, false, false, 0)).toBe(1);
    // zero flag alone: 1 + 64; page flag alone: 1 + 128.
    expect(encodeEntry(0, false, false, true, false, 0)).toBe(65);
    expect(encodeEntry(0, false, false, false, true, 0)).toBe(129);
  });
});

describe('findConflict (xas_find_conflict)', () => {
  it('finds a PTE entry anywhere inside the PMD range, from the aligned index', () => {
    const { layout, v, s } = setup(1, 4);
    put(layout, s, 1, PTE(7));
    // PMD range of order 1 containing 0 is [0, 2): index 1 holds the PTE.
    expect(v.findConflict(s, 0, 1, 0)).toBe(PTE(7));
    // Order 0 at index 0 sees only index 0: nothing.
    expect(v.findConflict(s, 0, 0, 0)).toBe(0);
    // The next PMD range [2, 4) is empty.
    expect(v.findConflict(s, 2, 1, 0)).toBe(0);
  });

  it('finds a PMD entry from an unaligned index, at order 0 and at the PMD order', () => {
    const { layout, v, s } = setup(1, 4);
    const pmd = PMD(1, 5, true);
    put(layout, s, 2, pmd);
    put(layout, s, 3, pmd);
    expect(v.findConflict(s, 3, 0, 0)).toBe(pmd);
    expect(v.findConflict(s, 3, 1, 0)).toBe(pmd);
    // An order-2 range [0, 4) containing 1 finds it too (indices 0, 1 are empty).
    expect(v.findConflict(s, 1, 2, 0)).toBe(pmd);
  });

  it('returns the FIRST present entry of the range', () => {
    const { layout, v, s } = setup(1, 8);
    put(layout, s, 5, PTE(1));
    put(layout, s, 6, PTE(2));
    put(layout, s, 7, PTE(3));
    // Order 2 around 7 is [4, 8): 4 is empty, 5 is the first present one.
    expect(v.findConflict(s, 7, 2, 0)).toBe(PTE(1));
    expect(v.findConflict(s, 6, 1, 0)).toBe(PTE(2));
  });

  it('does not move the index or change the state', () => {
    const { layout, v, s } = setup(1, 4);
    put(layout, s, 3, PTE(9, true));
    const before = Array.from(s);
    const index = 2;
    expect(v.findConflict(s, index, 1, 0)).toBe(PTE(9, true));
    expect(index).toBe(2);
    expect(Array.from(s)).toEqual(before);
    // load() at the caller's index still answers for that index, not for where the conflict was.
    expect(v.load(s, index, 0)).toBe(0);
  });

  it('fails with the step location for an index outside the model', () => {
    const { v, s } = setup(1, 4);
    expect(() => v.findConflict(s, 4, 0, 1)).toThrow(StepFailure);
    try {
      v.findConflict(s, 4, 0, 1);
    } catch (err) {
      expect((err as StepFailure).loc).toEqual(OTHER_LOC);
    }
  });

  // BUG (src/model/vocabulary.ts findConflict): the range check is applied to
  // alignDown(index, order), not to index. With indices 0..2, index 3 is out
  // of range — load(3) and findConflict(3, 0) fail — but findConflict(3, 1)
  // aligns to 2, passes the check and quietly answers for [2, 3).
  it('fails for an out-of-range index even when its aligned start is in range', () => {
    const { v, s } = setup(1, 3);
    expect(() => v.load(s, 3, 0)).toThrow(StepFailure);
    expect(() => v.findConflict(s, 3, 0, 0)).toThrow(StepFailure);
    expect(() => v.findConflict(s, 3, 1, 0)).toThrow(StepFailure);
  });
});

describe('store / erase (xas_store)', () => {
  it('stores a PMD entry over its whole aligned range, replacing the PTE entries in it', () => {
    const { layout, v, s } = setup(1, 4);
    put(layout, s, 1, PTE(1));
    put(layout, s, 2, PTE(2, true));
    put(layout, s, 3, PTE(3));
    const pmd = PMD(1, 4);
    // Stored from the unaligned index 3: covers [2, 4); index 1 is another range and stays.
    v.store(s, 3, pmd, 0);
    expect(xa(layout, s)).toEqual([0, PTE(1), pmd, pmd]);
  });

  it('stores an order-2 entry over [0, 4) from any index in it', () => {
    const { layout, v, s } = setup(1, 4);
    put(layout, s, 0, PTE(1));
    put(layout, s, 3, PTE(2));
    const big = PMD(2, 8);
    v.store(s, 2, big, 0);
    expect(xa(layout, s)).toEqual([big, big, big, big]);
  });

  it('replaces an overlapping PMD entry as a whole when a PTE entry is stored inside it (the model documents this)', () => {
    const { layout, v, s } = setup(1, 4);
    const pmd = PMD(1, 4);
    put(layout, s, 2, pmd);
    put(layout, s, 3, pmd);
    v.store(s, 3, PTE(6), 0);
    expect(xa(layout, s)).toEqual([0, 0, 0, PTE(6)]);
  });

  it('refuses an entry that does not fit the model, null, and XA_RETRY_ENTRY', () => {
    const { v, s } = setup(1, 3);
    // Order 1 at index 2 needs [2, 4), but the model has indices 0..2.
    expect(() => v.store(s, 2, PMD(1), 0)).toThrow(/does not fit/);
    expect(() => v.store(s, 0, 0, 0)).toThrow(StepFailure);
    expect(() => v.store(s, 0, -1, 0)).toThrow(StepFailure);
  });

  it('erases a multi-index entry from any index in its range', () => {
    for (const from of [2, 3]) {
      const { layout, v, s } = setup(1, 4);
      const pmd = PMD(1, 4);
      put(layout, s, 0, PTE(1));
      put(layout, s, 2, pmd);
      put(layout, s, 3, pmd);
      v.erase(s, from, 0);
      expect(xa(layout, s)).toEqual([PTE(1), 0, 0, 0]);
    }
  });

  it('erases a PTE entry without touching its neighbours, and erasing nothing is a no-op', () => {
    const { layout, v, s } = setup(1, 4);
    put(layout, s, 0, PTE(1));
    put(layout, s, 1, PTE(2));
    v.erase(s, 1, 0);
    expect(xa(layout, s)).toEqual([PTE(1), 0, 0, 0]);
    v.erase(s, 3, 0);
    expect(xa(layout, s)).toEqual([PTE(1), 0, 0, 0]);
  });
});

describe('alignDown', () => {
  it('clears the low order bits', () => {
    expect(alignDown(5, 1)).toBe(4);
    expect(alignDown(5, 0)).toBe(5);
    expect(alignDown(7, 2)).toBe(4);
    expect(alignDown(8, 2)).toBe(8);
    expect(alignDown(3, 3)).toBe(0);
    expect(alignDown(511, 9)).toBe(0);
    expect(alignDown(513, 9)).toBe(512);
  });

  it('agrees with `index & ~(2^order - 1)`, which the compiled steps use, negatives included', () => {
    for (let index = -20; index <= 20; index++) {
      for (let order = 0; order <= 4; order++) {
        expect(alignDown(index, order)).toBe(index & ~((1 << order) - 1));
      }
    }
  });
});

describe('the wait table', () => {
  it('queues exclusive waiters FIFO at the tail, a non-exclusive one at the head (__add_wait_queue)', () => {
    const { layout, v, s } = setup(3, 1);
    v.enqueue(s, 2, 0, true, 0); // [2]
    v.enqueue(s, 3, 0, false, 0); // [3, 2]: prepare_to_wait() adds at the head
    v.enqueue(s, 1, 0, true, 0); // [3, 2, 1]
    expect(queue(layout, s, 0)).toEqual([
      { thread: 3, key: 0, exclusive: false },
      { thread: 2, key: 0, exclusive: true },
      { thread: 1, key: 0, exclusive: true },
    ]);
  });

  it('WAKE_NEXT wakes the first matching exclusive waiter only, in FIFO order', () => {
    const { layout, v, s } = setup(3, 1);
    v.enqueue(s, 1, 0, true, 0);
    v.enqueue(s, 2, 0, true, 0);
    v.enqueue(s, 3, 0, true, 0);
    expect(wake(v, s, 0, false)).toEqual([1]);
    expect(queue(layout, s, 0).map((w) => w.thread)).toEqual([2, 3]);
    expect(wake(v, s, 0, false)).toEqual([2]);
    expect(wake(v, s, 0, false)).toEqual([3]);
    expect(queue(layout, s, 0)).toEqual([]);
    // An empty queue: nobody.
    expect(wake(v, s, 0, false)).toEqual([]);
  });

  it('WAKE_NEXT skips, and keeps in place, waiters with another key on the same queue', () => {
    const { layout, v, s } = setup(4, 1);
    v.enqueue(s, 1, 1, true, 0);
    v.enqueue(s, 2, 0, true, 0);
    v.enqueue(s, 3, 2, true, 0);
    v.enqueue(s, 4, 0, true, 0);
    expect(wake(v, s, 0, false)).toEqual([2]);
    // 1 and 3 were passed over but stay queued, in their order; 4 was never reached.
    expect(queue(layout, s, 0).map((w) => [w.thread, w.key])).toEqual([[1, 1], [3, 2], [4, 0]]);
  });

  it('WAKE_NEXT wakes every non-exclusive matching waiter it passes before the exclusive one, and none after it', () => {
    const { layout, v, s } = setup(5, 1);
    v.enqueue(s, 4, 0, true, 0); // [4]
    v.enqueue(s, 5, 0, true, 0); // [4, 5]
    v.enqueue(s, 1, 0, false, 0); // [1, 4, 5]: non-exclusive at the head
    v.enqueue(s, 2, 1, false, 0); // [2, 1, 4, 5]: another key: skipped, kept
    v.enqueue(s, 3, 0, false, 0); // [3, 2, 1, 4, 5]
    // 3 and 1 are woken on the way, 4 is the exclusive one: woken, the walk stops; 5 stays.
    expect(wake(v, s, 0, false)).toEqual([3, 1, 4]);
    expect(queue(layout, s, 0).map((w) => w.thread)).toEqual([2, 5]);
  });

  it('WAKE_NEXT with only non-exclusive matching waiters wakes them all', () => {
    const { layout, v, s } = setup(2, 1);
    v.enqueue(s, 1, 0, false, 0);
    v.enqueue(s, 2, 0, false, 0); // [2, 1]
    expect(wake(v, s, 0, false)).toEqual([2, 1]);
    expect(queue(layout, s, 0)).toEqual([]);
  });

  it('WAKE_ALL wakes every matching waiter, exclusive or not, and keeps the others', () => {
    const { layout, v, s } = setup(4, 1);
    v.enqueue(s, 1, 0, true, 0);
    v.enqueue(s, 2, 1, true, 0);
    v.enqueue(s, 3, 0, true, 0);
    v.enqueue(s, 4, 0, false, 0); // [4, 1, 2, 3]
    expect(wake(v, s, 0, true)).toEqual([4, 1, 3]);
    expect(queue(layout, s, 0).map((w) => w.thread)).toEqual([2]);
  });

  it('with one bucket every key shares one queue', () => {
    const { layout, v, s } = setup(3, 1, 1);
    v.enqueue(s, 1, 0, true, 0);
    v.enqueue(s, 2, 1, true, 0);
    v.enqueue(s, 3, 7, true, 0);
    expect(queue(layout, s, 0).map((w) => [w.thread, w.key])).toEqual([[1, 0], [2, 1], [3, 7]]);
  });

  it('with several buckets a key hashes to key % buckets, and a wake-up walks only that queue', () => {
    const { layout, v, s } = setup(3, 1, 2);
    v.enqueue(s, 1, 0, true, 0); // queue 0
    v.enqueue(s, 2, 1, true, 0); // queue 1
    v.enqueue(s, 3, 2, true, 0); // queue 0
    expect(queue(layout, s, 0).map((w) => w.thread)).toEqual([1, 3]);
    expect(queue(layout, s, 1).map((w) => w.thread)).toEqual([2]);
    // Without the key filter a wake-up takes whatever is on its queue: key 0's
    // queue holds 1 and 3 (key 2), but never 2, which sits on queue 1.
    expect(wake(v, s, 0, true, false)).toEqual([1, 3]);
    expect(queue(layout, s, 0)).toEqual([]);
    expect(queue(layout, s, 1).map((w) => w.thread)).toEqual([2]);
  });

  it('wakeUp with keyFilter=false wakes regardless of key (WAKE_NEXT: the first exclusive one on the queue)', () => {
    const { layout, v, s } = setup(2, 1);
    v.enqueue(s, 1, 1, true, 0);
    v.enqueue(s, 2, 0, true, 0);
    expect(wake(v, s, 0, false, false)).toEqual([1]);
    expect(queue(layout, s, 0).map((w) => w.thread)).toEqual([2]);
    // With the filter, the same wake-up would have taken 2 instead.
    const again = setup(2, 1);
    again.v.enqueue(again.s, 1, 1, true, 0);
    again.v.enqueue(again.s, 2, 0, true, 0);
    expect(wake(again.v, again.s, 0, false, true)).toEqual([2]);
  });

  it('enqueueing a thread that is already waiting fails with a StepFailure at the step', () => {
    const { v, s } = setup(2, 1, 2);
    v.enqueue(s, 1, 0, true, 0);
    expect(() => v.enqueue(s, 1, 0, true, 1)).toThrow(StepFailure);
    // Even on another key and another queue.
    let caught: unknown = null;
    try {
      v.enqueue(s, 1, 1, false, 1);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(StepFailure);
    expect((caught as StepFailure).loc).toEqual(OTHER_LOC);
    expect((caught as StepFailure).message).toMatch(/already on a wait queue/);
  });

  it('rejects a negative wait key', () => {
    const { v, s } = setup(1, 1);
    expect(() => v.enqueue(s, 1, -1, true, 0)).toThrow(StepFailure);
    expect(() => v.wakeUp(s, -1, WAKE_NEXT_NR, true, 0)).toThrow(StepFailure);
  });

  it('rejects a wake mode other than WAKE_NEXT (1) and WAKE_ALL (0)', () => {
    const { v, s } = setup(1, 1);
    expect(() => v.wakeUp(s, 0, 2, true, 0)).toThrow(StepFailure);
  });

  it('waitingMask has bit t-1 set for each waiting thread t, across queues; isWaiting agrees', () => {
    const { v, s } = setup(4, 1, 2);
    expect(v.waitingMask(s)).toBe(0);
    v.enqueue(s, 1, 0, true, 0); // queue 0
    v.enqueue(s, 3, 1, false, 0); // queue 1
    // threads 1 and 3: bits 0 and 2 = 0b101 = 5.
    expect(v.waitingMask(s)).toBe(5);
    expect([1, 2, 3, 4].map((t) => v.isWaiting(s, t))).toEqual([true, false, true, false]);
    v.enqueue(s, 4, 2, true, 0); // queue 0 again
    expect(v.waitingMask(s)).toBe(0b1101);
    wake(v, s, 0, false); // wakes 1 only
    expect(v.waitingMask(s)).toBe(0b1100);
  });
});
