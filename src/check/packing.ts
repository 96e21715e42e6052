/**
 * Bit-packing of the checker's state vectors, so that the visited set stores a
 * state in a few 32-bit words instead of one word per variable. Each position
 * of the vector is stored zigzag-encoded (small negatives stay small) in as
 * many bits as the largest value seen there needs — a constant position costs
 * nothing — and never straddles two words. Widths are learnt: they start from
 * the initial state and grow when a state does not fit (the store then
 * repacks what it holds; widths settle within the first BFS levels).
 * pack/unpack are generated per set of widths, like the step functions.
 */

export interface Packing {
  /** Bits per position of the state vector (0..32). */
  readonly widths: readonly number[];
  /** Packed words per state. */
  readonly words: number;
  /** Packs `state` into out[0 .. words); false (out is garbage) when a value does not fit its width. */
  readonly pack: (state: Int32Array, out: Int32Array) => boolean;
  /** Unpacks the state at src[off .. off + words) into `state`. */
  readonly unpack: (src: Int32Array, off: number, state: Int32Array) => void;
}

/** Bits the zigzag encoding of `v` needs. */
export function bitsFor(v: number): number {
  const z = ((v << 1) ^ (v >> 31)) >>> 0;
  return 32 - Math.clz32(z);
}

/** The widths `state` needs, at least `widths`. */
export function widen(widths: readonly number[], state: Int32Array): number[] {
  return widths.map((w, i) => Math.max(w, bitsFor(state[i]!)));
}

export function packingFor(widths: readonly number[]): Packing {
  // Assign positions to words first-fit in vector order.
  const place: { word: number; shift: number }[] = [];
  let word = 0;
  let used = 0;
  for (const w of widths) {
    if (w === 0) {
      place.push({ word: -1, shift: 0 });
      continue;
    }
    if (used + w > 32) {
      word++;
      used = 0;
    }
    place.push({ word, shift: used });
    used += w;
  }
  const words = used === 0 && word === 0 ? 1 : word + 1;

  const pack: string[] = ['let z = 0, bad = 0;'];
  for (let k = 0; k < words; k++) pack.push(`let w${k} = 0;`);
  const unpack: string[] = ['let z = 0;'];
  for (let k = 0; k < words; k++) unpack.push(`const w${k} = src[off + ${k}];`);
  widths.forEach((w, i) => {
    const { word: k, shift } = place[i]!;
    pack.push(`z = s[${i}]; z = (z << 1) ^ (z >> 31);`);
    if (w < 32) pack.push(`bad |= z >>> ${w};`);
    if (w === 0) {
      unpack.push(`s[${i}] = 0;`);
      return;
    }
    pack.push(`w${k} |= z << ${shift};`);
    const mask = w === 32 ? -1 : (1 << w) - 1;
    unpack.push(`z = (w${k} >>> ${shift}) & ${mask}; s[${i}] = (z >>> 1) ^ -(z & 1);`);
  });
  for (let k = 0; k < words; k++) pack.push(`out[${k}] = w${k};`);
  pack.push('return bad === 0;');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const packFn = new Function('s', 'out', pack.join('\n')) as Packing['pack'];
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const unpackFn = new Function('src', 'off', 's', unpack.join('\n')) as Packing['unpack'];
  return { widths: [...widths], words, pack: packFn, unpack: unpackFn };
}
