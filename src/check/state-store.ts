/**
 * The visited set: states bit-packed (packing.ts) back to back in one growing
 * Int32Array, found again through an open-addressing hash table of ids. No
 * strings, no per-state objects: the hash is computed over the packed words,
 * and a state costs its packed words plus its table slots.
 */
import { packingFor, widen, type Packing } from './packing.js';

/** The table grows past this load; linear probing stays short below it. */
const MAX_LOAD = 0.7;

export class StateStore {
  private packing: Packing;
  private data: Int32Array;
  private table: Int32Array;
  private mask: number;
  /** The state being looked up, packed. */
  private packed: Int32Array;
  count = 0;

  constructor(readonly width: number, initialCapacity = 1 << 12) {
    this.packing = packingFor(new Array<number>(width).fill(0));
    this.data = new Int32Array(initialCapacity * this.packing.words);
    this.packed = new Int32Array(this.packing.words);
    this.table = new Int32Array(tableSizeFor(initialCapacity)).fill(-1);
    this.mask = this.table.length - 1;
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
    let slot = hashWords(packed, 0, words) & mask;
    for (;;) {
      const id = table[slot]!;
      if (id < 0) break;
      let base = id * words;
      let k = 0;
      while (k < words && data[base++] === packed[k]) k++;
      if (k === words) return id;
      slot = (slot + 1) & mask;
    }
    const id = this.count++;
    if ((id + 1) * words > data.length) this.growData(this.count * 2);
    this.data.set(packed, id * words);
    table[slot] = id;
    if (this.count > table.length * MAX_LOAD) this.rebuildTable(table.length * 2);
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

  private growData(states: number): void {
    const grown = new Int32Array(states * this.packing.words);
    grown.set(this.data.subarray(0, this.count * this.packing.words));
    this.data = grown;
  }

  /** A state did not fit: re-encode every state with the wider packing. */
  private repack(widths: number[]): void {
    const from = this.packing;
    const to = packingFor(widths);
    const capacity = Math.max(this.count, 1 << 12);
    const data = new Int32Array(capacity * to.words);
    const state = new Int32Array(this.width);
    const packed = new Int32Array(to.words);
    for (let id = 0; id < this.count; id++) {
      from.unpack(this.data, id * from.words, state);
      to.pack(state, packed);
      data.set(packed, id * to.words);
    }
    this.packing = to;
    this.data = data;
    this.packed = new Int32Array(to.words);
    this.rebuildTable(this.table.length);
  }

  private rebuildTable(size: number): void {
    const table = new Int32Array(size).fill(-1);
    const mask = size - 1;
    const words = this.packing.words;
    for (let id = 0; id < this.count; id++) {
      let slot = hashWords(this.data, id * words, words) & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
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
