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
 */
import { grownLength, nextGrowthBytes } from './growth.js';
import { packingFor, widen, type Packing } from './packing.js';

/** The table grows past this load; linear probing stays short below it. */
const MAX_LOAD = 0.7;

export class StateStore {
  private packing: Packing;
  private data: Int32Array;
  /** Slot i is table[2i] (hash) and table[2i + 1] (id, -1 when empty). */
  private table: Int32Array;
  /** Slots - 1 (a power of two minus one). */
  private mask: number;
  /** The state being looked up, packed. */
  private packed: Int32Array;
  count = 0;

  constructor(readonly width: number, initialCapacity = 1 << 12) {
    this.packing = packingFor(new Array<number>(width).fill(0));
    this.data = new Int32Array(initialCapacity * this.packing.words);
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
    const data = this.data;
    const table = this.table;
    const mask = this.mask;
    const hash = hashWords(packed, 0, words) | 0;
    let slot = hash & mask;
    for (;;) {
      const id = table[2 * slot + 1]!;
      if (id < 0) break;
      if (table[2 * slot] === hash) {
        let base = id * words;
        let k = 0;
        while (k < words && data[base++] === packed[k]) k++;
        if (k === words) return id;
      }
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    if ((id + 1) * words > data.length) this.growData(grownLength(data.length / words, id + 1, 4 * words));
    this.data.set(packed, id * words);
    table[2 * slot] = hash;
    table[2 * slot + 1] = id;
    if (this.count > (mask + 1) * MAX_LOAD) this.rebuildTable(2 * (mask + 1));
    return ~id;
  }

  /** Copies state `id` into `out`. */
  load(id: number, out: Int32Array): void {
    this.packing.unpack(this.data, id * this.packing.words, out);
  }

  get(id: number): Int32Array {
    const out = new Int32Array(this.width);
    this.load(id, out);
    return out;
  }

  /** Bytes held, for the statistics. */
  get bytes(): number {
    return this.data.byteLength + this.table.byteLength;
  }

  /** Bytes its next growth allocates while the old array is still held: the states' array's next size, or the table's (it doubles). */
  get nextGrowthBytes(): number {
    return Math.max(nextGrowthBytes(this.data.byteLength), 2 * this.table.byteLength);
  }

  private growData(states: number): void {
    const grown = new Int32Array(states * this.packing.words);
    grown.set(this.data.subarray(0, this.count * this.packing.words));
    this.data = grown;
  }

  /** A state did not fit: re-encode every state with the wider packing (and hash them again). */
  private repack(widths: number[]): void {
    const from = this.packing;
    const to = packingFor(widths);
    const capacity = Math.max(this.count, 1 << 12);
    const data = new Int32Array(capacity * to.words);
    const state = new Int32Array(this.width);
    const packed = new Int32Array(to.words);
    const table = emptyTable(this.mask + 1);
    for (let id = 0; id < this.count; id++) {
      from.unpack(this.data, id * from.words, state);
      to.pack(state, packed);
      data.set(packed, id * to.words);
      place(table, this.mask, hashWords(packed, 0, to.words) | 0, id);
    }
    this.packing = to;
    this.data = data;
    this.packed = new Int32Array(to.words);
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
