/**
 * The visited set: states bit-packed (packing.ts) back to back in one growing
 * Int32Array, found again through an open-addressing hash table. No strings,
 * no per-state objects: the hash is computed over the packed words, and a
 * state costs its packed words plus its table slots.
 *
 * A slot holds the state's full 32-bit hash beside its id, in one pair of
 * words: a probe reads the packed state (a cache miss into a large array)
 * only when the hashes match, so looking up a new state, which walks a run
 * of occupied slots, touches the table alone; growing the table rehashes
 * nothing.
 *
 * The packed states live in segments of 2^shift states (about 16 MiB each):
 * the first grows by doubling up to that size, later ones are added whole.
 * One array of all states would have to be copied into a larger one as it
 * grows, with both held at once: at 10^8 states that transient, not the
 * states themselves, is what passes the memory budget.
 */
import { grownLength } from './growth.js';
import { packingFor, widen, type Packing } from './packing.js';

/** The table grows past this load; linear probing stays short below it. */
const MAX_LOAD = 0.7;

/** Words per segment of packed states, at most (2^22 words: 16 MiB). */
const SEGMENT_WORDS = 1 << 22;

export class StateStore {
  private packing: Packing;
  /** Packed states: state id lives in segments[id >>> shift] at word (id & segmentMask) * words. */
  private segments: Int32Array[];
  private shift: number;
  private segmentMask: number;
  /** Slot i is table[2i] (hash) and table[2i + 1] (id, -1 when empty). */
  private table: Int32Array;
  /** Slots - 1 (a power of two minus one). */
  private mask: number;
  /** The state being looked up, packed. */
  private packed: Int32Array;
  count = 0;

  /** `segmentWords`: words per segment at most (a power of two; small in tests, to cross segments early). */
  constructor(readonly width: number, initialCapacity = 1 << 12, private readonly segmentWords = SEGMENT_WORDS) {
    this.packing = packingFor(new Array<number>(width).fill(0));
    this.shift = segmentShift(this.packing.words, segmentWords);
    this.segmentMask = (1 << this.shift) - 1;
    this.segments = [new Int32Array(Math.min(initialCapacity, 1 << this.shift) * this.packing.words)];
    this.packed = new Int32Array(this.packing.words);
    this.table = emptyTable(tableSizeFor(initialCapacity));
    this.mask = this.table.length / 2 - 1;
  }

  /** Packed 32-bit words per state. */
  get wordsPerState(): number {
    return this.packing.words;
  }

  /**
   * The id of `state`, adding it if new. Returns id for a known state and
   * ~id (negative) for a new one: no result object per call in the hot loop.
   */
  intern(state: Int32Array): number {
    if (!this.packing.pack(state, this.packed)) {
      this.repack(widen(this.packing.widths, state));
      this.packing.pack(state, this.packed);
    }
    const packed = this.packed;
    const words = this.packing.words;
    const segments = this.segments;
    const shift = this.shift;
    const segmentMask = this.segmentMask;
    const table = this.table;
    const mask = this.mask;
    const hash = hashWords(packed, 0, words) | 0;
    let slot = hash & mask;
    for (;;) {
      const id = table[2 * slot + 1]!;
      if (id < 0) break;
      if (table[2 * slot] === hash) {
        const data = segments[id >>> shift]!;
        let base = (id & segmentMask) * words;
        let k = 0;
        while (k < words && data[base++] === packed[k]) k++;
        if (k === words) return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    this.makeRoomFor(id);
    this.segments[id >>> shift]!.set(packed, (id & segmentMask) * words);
    table[2 * slot] = hash;
    table[2 * slot + 1] = id;
    if (this.count > (mask + 1) * MAX_LOAD) this.rebuildTable(2 * (mask + 1));
    return ~id;
  }

  /** Copies state `id` into `out`. */
  load(id: number, out: Int32Array): void {
    this.packing.unpack(this.segments[id >>> this.shift]!, (id & this.segmentMask) * this.packing.words, out);
  }

  get(id: number): Int32Array {
    const out = new Int32Array(this.width);
    this.load(id, out);
    return out;
  }

  /** Bytes held, for the statistics. */
  get bytes(): number {
    return this.segments.reduce((sum, segment) => sum + segment.byteLength, 0) + this.table.byteLength;
  }

  /** Bytes its next growth allocates while the old array is still held: the table's (it doubles), or a segment. */
  get nextGrowthBytes(): number {
    return Math.max(2 * this.segments[this.segments.length - 1]!.byteLength, 2 * this.table.byteLength);
  }

  /** Makes sure state `id`'s segment exists and holds it (ids come in order). */
  private makeRoomFor(id: number): void {
    const words = this.packing.words;
    const at = id >>> this.shift;
    if (at === this.segments.length) {
      this.segments.push(new Int32Array((1 << this.shift) * words));
      return;
    }
    const last = this.segments[at]!;
    const offset = (id & this.segmentMask) * words;
    if (offset + words <= last.length) return;
    // Only the first segment grows (by doubling, up to a whole segment).
    const grown = new Int32Array(Math.min(grownLength(last.length / words, (id & this.segmentMask) + 1, 4 * words), 1 << this.shift) * words);
    grown.set(last);
    this.segments[at] = grown;
  }

  /** A state did not fit: re-encode every state with the wider packing (and hash them again). */
  private repack(widths: number[]): void {
    const to = packingFor(widths);
    const { packing: from, segments: fromSegments, shift: fromShift, segmentMask: fromMask } = this;
    this.packing = to;
    this.shift = segmentShift(to.words, this.segmentWords);
    this.segmentMask = (1 << this.shift) - 1;
    this.segments = [new Int32Array(Math.min(Math.max(this.count, 1 << 12), 1 << this.shift) * to.words)];
    this.packed = new Int32Array(to.words);
    const state = new Int32Array(this.width);
    const packed = this.packed;
    const table = emptyTable(this.mask + 1);
    for (let id = 0; id < this.count; id++) {
      from.unpack(fromSegments[id >>> fromShift]!, (id & fromMask) * from.words, state);
      to.pack(state, packed);
      this.makeRoomFor(id);
      this.segments[id >>> this.shift]!.set(packed, (id & this.segmentMask) * to.words);
      place(table, this.mask, hashWords(packed, 0, to.words) | 0, id);
    }
    this.table = table;
  }

  /** A table of `slots` slots holding every state, from the hashes already stored. */
  private rebuildTable(slots: number): void {
    const table = emptyTable(slots);
    const mask = slots - 1;
    const old = this.table;
    for (let i = 1; i < old.length; i += 2) if (old[i]! >= 0) place(table, mask, old[i - 1]!, old[i]!);
    this.table = table;
    this.mask = mask;
  }
}

/** log2 of the states a segment holds: as many as fit in `segmentWords`. */
function segmentShift(words: number, segmentWords: number): number {
  return 31 - Math.clz32(Math.max(1, Math.floor(segmentWords / words)));
}

function emptyTable(slots: number): Int32Array {
  const table = new Int32Array(2 * slots);
  for (let i = 1; i < table.length; i += 2) table[i] = -1;
  return table;
}

/** Puts (hash, id) in the first free slot from hash's own. */
function place(table: Int32Array, mask: number, hash: number, id: number): void {
  let slot = hash & mask;
  while (table[2 * slot + 1]! >= 0) slot = (slot + 1) & mask;
  table[2 * slot] = hash;
  table[2 * slot + 1] = id;
}

function tableSizeFor(states: number): number {
  let size = 16;
  while (size * MAX_LOAD < states) size *= 2;
  return size;
}

/** murmur3-style 32-bit hash of words[off .. off + n). */
export function hashWords(words: Int32Array, off: number, n: number): number {
  let h = 0x9747b28c ^ n;
  for (let i = off; i < off + n; i++) {
    let k = Math.imul(words[i]!, 0xcc9e2d51);
    k = (k << 15) | (k >>> 17);
    k = Math.imul(k, 0x1b873593);
    h ^= k;
    h = (h << 13) | (h >>> 19);
    h = (Math.imul(h, 5) + 0xe6546b64) | 0;
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}
