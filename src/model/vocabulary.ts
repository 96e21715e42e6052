/**
 * The domain vocabulary as the interpreter runs it: XArray entries and
 * orders, find-conflict, the hashed keyed wait table, exclusive waits, wake
 * one / wake all with the kernel's key filter. The rows of operations.ts
 * call these methods and give each operation's TLA+ rendering; the tests
 * hold the two to the rows' hand-worked cases.
 *
 * Every function works on a state vector in place (see layout.ts).
 */
import type { SourceLoc } from './ir.js';
import { CONFLICT, ENTRY_SHIFT, ENTRY_WIDTH, MAX_KEY, XAS_BOUNDS, XAS_RESTART, XAS_WALKED, encodeEntry, encodeXas, entryField, xasParts, type Layout } from './layout.js';
import { MARK_BITS, type Mark } from './operations.js';

/** Thrown by a step that goes wrong at run time; the checker reports it as DSX005 with the source location. */
export class StepFailure extends Error {
  constructor(message: string, readonly loc: SourceLoc) {
    super(message);
  }
}

export function alignDown(index: number, order: number): number {
  const size = 1 << order;
  return index - (((index % size) + size) % size);
}

/** What a step did, recorded only while a trace is being explained (never during exploration). */
export type VocabEvent =
  | { kind: 'store'; index: number; entry: number }
  | { kind: 'erase'; index: number }
  /** The entry over first..last got (`set`) or lost a mark. */
  | { kind: 'mark'; first: number; last: number; mark: Mark; set: boolean }
  | { kind: 'wait'; thread: number; key: number; exclusive: boolean }
  | { kind: 'wake'; key: number; all: boolean; keyFilter: boolean; woken: number[] }
  /** An assignment to a global that the spec put in words (`// up_write()`). */
  | { kind: 'said'; global: string; words: string };

/** The operations a compiled step calls. `locs` maps a location id (from codegen) to its source location. */
export class Vocabulary {
  private readonly qStride: number;
  /** Set to an array to record what steps do (trace explanation); null while exploring. */
  events: VocabEvent[] | null = null;

  constructor(readonly layout: Layout, private readonly locs: SourceLoc[]) {
    this.qStride = layout.queueCap + 1;
  }

  fail(locId: number, message: string): never {
    throw new StepFailure(message, this.locs[locId]!);
  }

  private checkIndex(index: number, locId: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= this.layout.indices) {
      this.fail(locId, `index ${index} is outside the model's indices 0..${this.layout.indices - 1}`);
    }
  }

  /** xas_find_conflict(): the first present entry in the aligned range of `order` around `index`. */
  findConflict(s: Int32Array, index: number, order: number, locId: number): number {
    this.checkOrder(order, locId);
    const start = alignDown(index, order);
    const end = Math.min(start + (1 << order), this.layout.indices);
    this.checkIndex(index, locId);
    for (let i = start; i < end; i++) {
      const e = s[this.layout.xaOff + i]!;
      if (e !== 0) return e;
    }
    return 0;
  }

  load(s: Int32Array, index: number, locId: number): number {
    this.checkIndex(index, locId);
    return s[this.layout.xaOff + index]!;
  }

  /** xas_store(): the entry covers its whole aligned range. */
  store(s: Int32Array, index: number, entry: number, locId: number): void {
    if (entry === 0) this.fail(locId, 'storing null: use k.erase(index) to remove an entry');
    if (entry === CONFLICT) this.fail(locId, 'storing XA_RETRY_ENTRY into the XArray');
    const order = entryField(entry, 'order');
    const start = alignDown(index, order);
    const end = start + (1 << order);
    if (end > this.layout.indices) this.fail(locId, `an order-${order} entry at ${start} does not fit in indices 0..${this.layout.indices - 1}`);
    this.checkIndex(index, locId);
    // The new entry keeps the marks of what it replaces (see StoreMarks in operations.ts).
    const kept = this.marksIn(s, start, end);
    // A smaller or larger entry overlapping the range is replaced as a whole.
    for (let i = start; i < end; i++) this.eraseAt(s, i);
    for (let i = start; i < end; i++) s[this.layout.xaOff + i] = entry;
    if (this.layout.marksOff >= 0) for (let i = start; i < end; i++) s[this.layout.marksOff + i] = kept;
    this.events?.push({ kind: 'store', index: start, entry });
  }

  /** xas_store(xas, NULL) over the entry covering `index`. */
  erase(s: Int32Array, index: number, locId: number): void {
    this.checkIndex(index, locId);
    this.eraseAt(s, index);
    this.events?.push({ kind: 'erase', index });
  }

  /** Erases the entry covering `index` and its marks (xas_init_marks()). */
  private eraseAt(s: Int32Array, index: number): void {
    const e = s[this.layout.xaOff + index]!;
    if (e === 0) return;
    this.forCovered(index, e, (i) => {
      s[this.layout.xaOff + i] = 0;
      if (this.layout.marksOff >= 0) s[this.layout.marksOff + i] = 0;
    });
  }

  /** Calls `f` for each index of the entry `e` covering `index`. */
  private forCovered(index: number, e: number, f: (i: number) => void): void {
    const order = entryField(e, 'order');
    const start = alignDown(index, order);
    for (let i = start; i < start + (1 << order) && i < this.layout.indices; i++) f(i);
  }

  /** The marks (MARK_BITS) of index i; none in a spec without marks. */
  private marksAt(s: Int32Array, i: number): number {
    return this.layout.marksOff >= 0 && i >= 0 && i < this.layout.indices ? s[this.layout.marksOff + i]! : 0;
  }

  /** The union of the marks of indices start .. end - 1. */
  private marksIn(s: Int32Array, start: number, end: number): number {
    let m = 0;
    for (let i = start; i < end; i++) m |= this.marksAt(s, i);
    return m;
  }

  field(e: number, shift: number, width: number, locId: number, name: string): number {
    if (e === 0) this.fail(locId, `reading .${name} of a null entry`);
    if (e === CONFLICT) this.fail(locId, `reading .${name} of XA_RETRY_ENTRY`);
    return (e >>> shift) & ((1 << width) - 1);
  }

  makeEntry(order: number, locked: number, empty: number, zero: number, page: number, pfn: number, locId: number): number {
    if (order < 0 || order > 6) this.fail(locId, `entry order ${order} is outside 0..6`);
    if (pfn < 0 || pfn >= 1 << ENTRY_WIDTH.pfn) this.fail(locId, `pfn ${pfn} is outside 0..${(1 << ENTRY_WIDTH.pfn) - 1}`);
    return encodeEntry(order, locked !== 0, empty !== 0, zero !== 0, page !== 0, pfn);
  }

  withField(e: number, field: keyof typeof ENTRY_SHIFT, value: number, locId: number): number {
    const shift = ENTRY_SHIFT[field];
    const width = ENTRY_WIDTH[field];
    this.field(e, shift, width, locId, field);
    if (value < 0 || value >= 1 << width) this.fail(locId, `${field} = ${value} does not fit an entry`);
    const mask = ((1 << width) - 1) << shift;
    return (e & ~mask) | (value << shift);
  }

  /** `index & ~(2^order - 1)`. */
  alignDown(index: number, order: number, locId: number): number {
    this.checkOrder(order, locId);
    return alignDown(index, order);
  }

  /** TLC computes 2^order: a natural exponent, a power within its 32-bit integers. */
  private checkOrder(order: number, locId: number): void {
    if (order < 0) this.fail(locId, `2^${order}: the exponent must be a natural number (TLC stops here too)`);
    if (order > 30) this.fail(locId, `2^${order} does not fit in 32 bits (TLC stops here too: its integers are 32-bit)`);
  }

  /** An arithmetic result, which must fit the checker's int32 state (TLA+ would not wrap it). */
  int32(v: number, locId: number): number {
    if ((v | 0) !== v) this.fail(locId, `integer overflow: ${v} does not fit in 32 bits`);
    return v;
  }

  /** TLA+'s %: defined for a positive divisor only (TLC stops on any other), the result in 0 .. b - 1. */
  mod(a: number, b: number, locId: number): number {
    if (b <= 0) this.fail(locId, `${a} % ${b}: the divisor of % must be positive (TLC stops here too)`);
    return ((a % b) + b) % b;
  }

  nonNull(v: number, locId: number): number {
    if (v === 0) this.fail(locId, 'the value is null here (the `!` assertion failed)');
    return v;
  }

  bucketOf(key: number): number {
    return key % this.layout.buckets;
  }

  /**
   * prepare_to_wait_exclusive() adds the waiter at the tail of its key's hashed
   * queue; prepare_to_wait() (non-exclusive) at the head (__add_wait_queue),
   * so a wake-one walk meets non-exclusive waiters first.
   */
  enqueue(s: Int32Array, thread: number, key: number, exclusive: boolean, locId: number): void {
    if (key < 0 || key >= MAX_KEY || !Number.isInteger(key)) this.fail(locId, `wait key ${key} is outside 0..${MAX_KEY - 1}`);
    if (this.isWaiting(s, thread)) this.fail(locId, 'the thread is already on a wait queue (prepare_to_wait twice without sleeping)');
    const base = this.layout.queueOff + this.bucketOf(key) * this.qStride;
    const len = s[base]!;
    const waiter = thread | (+exclusive << 4) | (key << 5);
    if (exclusive) {
      s[base + 1 + len] = waiter;
    } else {
      for (let i = len; i > 0; i--) s[base + 1 + i] = s[base + i]!;
      s[base + 1] = waiter;
    }
    s[base] = len + 1;
    this.events?.push({ kind: 'wait', thread, key, exclusive });
  }

  /**
   * __wake_up(wq, mode, nr_exclusive, key) with wake_exceptional_entry_func():
   * waiters whose key differs are skipped (if `keyFilter`) and stay queued;
   * matching waiters are woken and removed; stop after `nrExclusive`
   * exclusive ones (1 = WAKE_NEXT; 0 = WAKE_ALL: never stop).
   */
  wakeUp(s: Int32Array, key: number, nrExclusive: number, keyFilter: boolean, locId: number): void {
    if (key < 0 || key >= MAX_KEY || !Number.isInteger(key)) this.fail(locId, `wait key ${key} is outside 0..${MAX_KEY - 1}`);
    const base = this.layout.queueOff + this.bucketOf(key) * this.qStride;
    const len = s[base]!;
    let kept = 0;
    if (nrExclusive !== 0 && nrExclusive !== 1) this.fail(locId, `wake mode ${nrExclusive}: use WAKE_NEXT or WAKE_ALL`);
    const all = nrExclusive === 0;
    let nr = nrExclusive;
    let i = 0;
    const woken: number[] | null = this.events ? [] : null;
    for (; i < len; i++) {
      const w = s[base + 1 + i]!;
      if (keyFilter && w >>> 5 !== key) {
        s[base + 1 + kept++] = w;
        continue;
      }
      woken?.push(w & 15);
      if ((w >>> 4) & 1 && nr !== 0 && --nr === 0) {
        i++;
        break;
      }
    }
    for (; i < len; i++) s[base + 1 + kept++] = s[base + 1 + i]!;
    for (let j = kept; j < len; j++) s[base + 1 + j] = 0;
    s[base] = kept;
    if (woken) this.events!.push({ kind: 'wake', key, all, keyFilter, woken });
  }

  say(global: string, words: string): void {
    this.events?.push({ kind: 'said', global, words });
  }

  isWaiting(s: Int32Array, thread: number): boolean {
    const { buckets, queueOff } = this.layout;
    for (let b = 0; b < buckets; b++) {
      const base = queueOff + b * this.qStride;
      const len = s[base]!;
      for (let i = 1; i <= len; i++) if ((s[base + i]! & 15) === thread) return true;
    }
    return false;
  }

  /** Bit t-1 set for each waiting thread t. */
  waitingMask(s: Int32Array): number {
    const { buckets, queueOff } = this.layout;
    let mask = 0;
    for (let b = 0; b < buckets; b++) {
      const base = queueOff + b * this.qStride;
      const len = s[base]!;
      for (let i = 1; i <= len; i++) mask |= 1 << ((s[base + i]! & 15) - 1);
    }
    return mask;
  }

  // xa_state operations, in a one-node XArray (every model index fits one
  // node of 64 slots): a multi-index entry is its first slot plus sibling
  // slots, and a walked state stands on a slot (`offset`).

  /** The entry covering i; null past the model's indices (the file ends there). */
  private at(s: Int32Array, i: number): number {
    return i >= 0 && i < this.layout.indices ? s[this.layout.xaOff + i]! : 0;
  }

  /** The slot a lookup of i lands on: the first slot of the entry covering i (i when empty). */
  private slotOf(s: Int32Array, i: number): number {
    const e = this.at(s, i);
    return e === 0 ? i : alignDown(i, entryField(e, 'order'));
  }

  /** The first slot in lo..hi holding an entry's first slot (not a sibling), or -1; with `mark`, only entries that have it. */
  private firstHead(s: Int32Array, lo: number, hi: number, mark = 0): number {
    for (let j = Math.max(lo, 0); j <= hi && j < this.layout.indices; j++) {
      const e = s[this.layout.xaOff + j]!;
      if (e !== 0 && alignDown(j, entryField(e, 'order')) === j && (mark === 0 || (this.marksAt(s, j) & mark) !== 0)) return j;
    }
    return -1;
  }

  private xas(x: number, locId: number): { index: number; order: number; node: number; offset: number } {
    if (x === 0) this.fail(locId, 'the xa_state is null: set it first with t.xas = k.XA_STATE(index, order)');
    return xasParts(x);
  }

  /** XA_STATE_ORDER(): a fresh state at `index` aligned down to `order`. */
  xaState(index: number, order: number, locId: number): number {
    if (order < 0 || order > 6) this.fail(locId, `xa_state order ${order} is outside 0..6`);
    if (!Number.isInteger(index) || index < 0 || index > 4000) this.fail(locId, `xa_state index ${index} is outside 0..4000`);
    return encodeXas(alignDown(index, order), order, XAS_RESTART, 0);
  }

  xaIndex(x: number, locId: number): number {
    return this.xas(x, locId).index;
  }

  xasLoad(s: Int32Array, x: number, locId: number): number {
    const a = this.xas(x, locId);
    return this.at(s, a.node === XAS_WALKED ? a.offset : a.index);
  }

  xasLoadNext(s: Int32Array, x: number, locId: number): number {
    const a = this.xas(x, locId);
    return a.node === XAS_WALKED ? x : encodeXas(a.index, a.order, XAS_WALKED, this.slotOf(s, a.index));
  }

  /** Where xas_find_conflict() finds its entry, or -1 (see the TLA+ XasConflictSlot). */
  private conflictSlot(s: Int32Array, x: number, locId: number): number {
    const a = this.xas(x, locId);
    if (a.node === XAS_WALKED) return this.firstHead(s, a.offset + 1, alignDown(a.offset, a.order) + (1 << a.order) - 1);
    const base = alignDown(a.index, a.order);
    return this.at(s, base) !== 0 ? this.slotOf(s, base) : this.firstHead(s, base + 1, base + (1 << a.order) - 1);
  }

  xasFindConflict(s: Int32Array, x: number, locId: number): number {
    const j = this.conflictSlot(s, x, locId);
    return j < 0 ? 0 : this.at(s, j);
  }

  xasFindConflictNext(s: Int32Array, x: number, locId: number): number {
    const a = this.xas(x, locId);
    const j = this.conflictSlot(s, x, locId);
    const offset = j >= 0 ? j : alignDown(a.node === XAS_WALKED ? a.offset : a.index, a.order);
    return encodeXas(a.index, a.order, XAS_WALKED, offset);
  }

  xasSet(x: number, index: number, locId: number): number {
    const a = this.xas(x, locId);
    if (!Number.isInteger(index) || index < 0 || index > 4000) this.fail(locId, `xa_state index ${index} is outside 0..4000`);
    return encodeXas(index, a.order, XAS_RESTART, 0);
  }

  xasReset(x: number, locId: number): number {
    const a = this.xas(x, locId);
    return encodeXas(a.index, a.order, XAS_RESTART, 0);
  }

  /** xas_pause(): a walked state moves past the entry it stands on (its sibling slots too) and restarts there. */
  xasPause(s: Int32Array, x: number, locId: number): number {
    const a = this.xas(x, locId);
    if (a.node !== XAS_WALKED) return x;
    const e = this.at(s, a.offset);
    return encodeXas(a.index + (e === 0 ? 1 : 1 << entryField(e, 'order')), a.order, XAS_RESTART, 0);
  }

  private position(s: Int32Array, a: { index: number; node: number; offset: number }): number {
    return a.node === XAS_WALKED ? a.offset : this.slotOf(s, a.index);
  }

  /** xas_store() through the state: at the slot it stands on (or the slot of its index). */
  xasStore(s: Int32Array, x: number, entry: number, locId: number): void {
    const a = this.xas(x, locId);
    const p = this.position(s, a);
    if (entry === 0) {
      if (p < this.layout.indices) this.erase(s, p, locId);
    } else {
      this.store(s, p, entry, locId);
    }
  }

  xasStoreNext(s: Int32Array, x: number, entry: number, locId: number): number {
    const a = this.xas(x, locId);
    const offset = a.node === XAS_WALKED ? (entry === 0 ? a.offset : alignDown(a.offset, entryField(entry, 'order'))) : this.slotOf(s, a.index);
    return encodeXas(a.index, a.order, XAS_WALKED, offset);
  }

  xasRetryNext(x: number, entry: number, locId: number): number {
    return entry === CONFLICT ? this.xasReset(x, locId) : x;
  }

  private checkMax(max: number, locId: number): void {
    if (!Number.isInteger(max) || max < 0 || max >= this.layout.indices) {
      this.fail(locId, `walk limit ${max} is outside the model's indices 0..${this.layout.indices - 1} (for "to the end of the file" write the last index)`);
    }
  }

  /** Does the restarted walk take the entry at index i (present, and with `mark` if one is asked for)? */
  private takesAt(s: Int32Array, i: number, mark: number): boolean {
    return this.at(s, i) !== 0 && (mark === 0 || (this.marksAt(s, i) & mark) !== 0);
  }

  /** Where xas_find() / xas_next_entry() (with `mark`: xas_find_marked() / xas_next_marked()) finds its entry: the slot, or -1 (see the TLA+ XasFindSlotIn). */
  private findSlot(s: Int32Array, a: { index: number; node: number }, max: number, mark: number): number {
    if (a.node === XAS_BOUNDS || a.index > max) return -1;
    if (a.node === XAS_RESTART && this.takesAt(s, a.index, mark)) return this.slotOf(s, a.index);
    return this.firstHead(s, a.index + 1, max, mark);
  }

  /** The next entry of a walk up to `max`; `mark` (MARK_BITS) for a marked walk, 0 for any entry. */
  xasFind(s: Int32Array, x: number, max: number, locId: number, mark = 0): number {
    this.checkMax(max, locId);
    const j = this.findSlot(s, this.xas(x, locId), max, mark);
    return j < 0 ? 0 : this.at(s, j);
  }

  xasFindNext(s: Int32Array, x: number, max: number, locId: number, mark = 0): number {
    this.checkMax(max, locId);
    const a = this.xas(x, locId);
    if (a.node === XAS_BOUNDS) return x;
    if (a.index > max) return encodeXas(a.index, a.order, XAS_BOUNDS, 0);
    if (a.node === XAS_RESTART && this.takesAt(s, a.index, mark)) return encodeXas(a.index, a.order, XAS_WALKED, this.slotOf(s, a.index));
    const j = this.firstHead(s, a.index + 1, max, mark);
    return j < 0 ? encodeXas(max + 1, a.order, XAS_BOUNDS, 0) : encodeXas(j, a.order, XAS_WALKED, j);
  }

  // Marks. A state that has not walked is invalid to the mark operations
  // (xas_invalid()): get says false, set and clear do nothing.

  xaGetMark(s: Int32Array, index: number, mark: number, locId: number): number {
    this.checkIndex(index, locId);
    return (this.marksAt(s, index) & mark) !== 0 ? 1 : 0;
  }

  xasGetMark(s: Int32Array, x: number, mark: number, locId: number): number {
    const a = this.xas(x, locId);
    return a.node === XAS_WALKED && (this.marksAt(s, a.offset) & mark) !== 0 ? 1 : 0;
  }

  xasSetMark(s: Int32Array, x: number, mark: number, locId: number): void {
    const a = this.xas(x, locId);
    if (a.node === XAS_WALKED) this.setMark(s, a.offset, mark, true);
  }

  xasClearMark(s: Int32Array, x: number, mark: number, locId: number): void {
    const a = this.xas(x, locId);
    if (a.node === XAS_WALKED) this.setMark(s, a.offset, mark, false);
  }

  /** Sets or clears `mark` on every index of the entry covering `index` (an empty slot takes no mark). */
  private setMark(s: Int32Array, index: number, mark: number, set: boolean): void {
    const e = this.at(s, index);
    if (e === 0) return;
    const before = this.marksAt(s, index);
    this.forCovered(index, e, (i) => (s[this.layout.marksOff + i] = set ? before | mark : before & ~mark));
    if (this.events !== null && (before & mark) !== (set ? mark : 0)) {
      const first = alignDown(index, entryField(e, 'order'));
      const name = (Object.keys(MARK_BITS) as Mark[]).find((m) => MARK_BITS[m] === mark)!;
      this.events.push({ kind: 'mark', first, last: Math.min(first + (1 << entryField(e, 'order')), this.layout.indices) - 1, mark: name, set });
    }
  }

  /** tag_pages_for_writeback(): every DIRTY entry with an index in lo..hi gets TOWRITE, over all its indices. */
  tagPagesForWriteback(s: Int32Array, lo: number, hi: number, locId: number): void {
    this.checkIndex(lo, locId);
    this.checkMax(hi, locId);
    for (let j = lo; j <= hi; j++) {
      if ((this.marksAt(s, j) & MARK_BITS.DIRTY) !== 0) this.setMark(s, j, MARK_BITS.TOWRITE, true);
    }
  }
}
