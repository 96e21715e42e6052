/**
 * The visited set: states stored back to back in one growing Int32Array,
 * found again through an open-addressing hash table of ids. No strings, no
 * per-state objects: the hash is computed over the int32 words.
 */

export class StateStore {
  private data: Int32Array;
  /** hash of state id, so growing the table needs no rehash of the words. */
  private hashes: Int32Array;
  private table: Int32Array;
  private mask: number;
  count = 0;

  constructor(readonly width: number, initialCapacity = 1 << 14) {
    this.data = new Int32Array(initialCapacity * width);
    this.hashes = new Int32Array(initialCapacity);
    this.table = new Int32Array(initialCapacity * 2).fill(-1);
    this.mask = this.table.length - 1;
  }

  /**
   * The id of `state`, adding it if new. Returns id for a known state and
   * ~id (negative) for a new one: no result object per call in the hot loop.
   */
  intern(state: Int32Array): number {
    const w = this.width;
    const hash = hashWords(state, w) | 0;
    let slot = hash & this.mask;
    for (;;) {
      const id = this.table[slot]!;
      if (id < 0) break;
      if (this.hashes[id] === hash && this.equals(id, state)) return id;
      slot = (slot + 1) & this.mask;
    }
    const id = this.count++;
    if ((id + 1) * w > this.data.length) {
      const grown = new Int32Array(this.data.length * 2);
      grown.set(this.data);
      this.data = grown;
      const grownHashes = new Int32Array(this.hashes.length * 2);
      grownHashes.set(this.hashes);
      this.hashes = grownHashes;
    }
    this.data.set(state, id * w);
    this.hashes[id] = hash;
    this.table[slot] = id;
    if (this.count * 2 > this.table.length * 0.7) this.rehash();
    return ~id;
  }

  /** Copies state `id` into `out`. */
  load(id: number, out: Int32Array): void {
    const base = id * this.width;
    for (let i = 0; i < this.width; i++) out[i] = this.data[base + i]!;
  }

  get(id: number): Int32Array {
    return this.data.slice(id * this.width, (id + 1) * this.width);
  }

  /** Bytes held, for the statistics. */
  get bytes(): number {
    return this.data.byteLength + this.hashes.byteLength + this.table.byteLength;
  }

  private equals(id: number, state: Int32Array): boolean {
    const base = id * this.width;
    for (let i = 0; i < this.width; i++) if (this.data[base + i] !== state[i]) return false;
    return true;
  }

  private rehash(): void {
    const table = new Int32Array(this.table.length * 2).fill(-1);
    const mask = table.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id]! & mask;
      while (table[slot]! >= 0) slot = (slot + 1) & mask;
      table[slot] = id;
    }
    this.table = table;
    this.mask = mask;
  }
}

/** murmur3-style 32-bit hash of the first `n` words. */
export function hashWords(words: Int32Array, n: number): number {
  let h = 0x9747b28c ^ n;
  for (let i = 0; i < n; i++) {
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
