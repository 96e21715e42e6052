/**
 * How the checker's growable arrays grow. Doubling keeps copies rare while
 * arrays are small; past LARGE_BYTES an array grows by a quarter, because
 * growing allocates the new array while the old one is still held: at 10^8
 * states, doubling a 4.8 GiB array of packed states would need 9.6 GiB more
 * at once, a quarter only 1.2 GiB.
 */
const LARGE_BYTES = 256 * 2 ** 20;

/** The element count to grow an array of `length` elements of `bytesPerElement` to, so that it holds at least `needed`. */
export function grownLength(length: number, needed: number, bytesPerElement: number): number {
  let cap = Math.max(1, length);
  while (cap < needed) cap = cap * bytesPerElement >= LARGE_BYTES ? Math.ceil(cap * 1.25) : cap * 2;
  return cap;
}

/** Bytes the next growth of an array of `byteLength` bytes allocates (the new array, while the old one is held). */
export function nextGrowthBytes(byteLength: number): number {
  return byteLength >= LARGE_BYTES ? Math.ceil(byteLength * 1.25) : 2 * byteLength;
}
