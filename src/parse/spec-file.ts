/**
 * Refuses a spec path before anything reads it: only a regular file of a
 * sane size is opened. A FIFO would block the read forever, /dev/zero would
 * fill memory, and a directory would fail deep inside TypeScript.
 */
import { statSync, type Stats } from 'node:fs';
import { SpecError } from '../model/errors.js';

/** Far above any spec (the largest shipped one is under 30 KB), far below trouble. */
export const MAX_SPEC_BYTES = 2 * 2 ** 20;

const EXAMPLE = 'e.g. daxspec check spec/dax-pmd-wakeup.ts';

function kindOf(st: Stats): string {
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** Throws DSX007 unless `file` (symlinks followed) is a regular .ts file of at most MAX_SPEC_BYTES. */
export function assertSpecFile(file: string): void {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SpecError('DSX007', `no such spec file: ${file}`, null, `give the path of a spec's .ts file, ${EXAMPLE}`);
    if (code === 'EACCES') throw new SpecError('DSX007', `${file} cannot be read (permission denied)`, null, 'make it readable, or copy the spec somewhere you can read');
    if (code === 'ENOTDIR') throw new SpecError('DSX007', `no such spec file: ${file} (a part of the path is not a directory)`, null, EXAMPLE);
    throw new SpecError('DSX007', `${file} cannot be opened (${code ?? String(err)})`, null, EXAMPLE);
  }
  if (!st.isFile()) throw new SpecError('DSX007', `${file} is ${kindOf(st)}, not a spec file`, null, `give the path of a spec's .ts file, ${EXAMPLE}`);
  if (!/\.(ts|mts)$/.test(file)) {
    throw new SpecError('DSX007', `${file} is not a TypeScript file`, null, 'a spec is a .ts module that ends with export default defineSpec({...}); see spec/dax-pmd-wakeup.ts');
  }
  if (st.size > MAX_SPEC_BYTES) {
    throw new SpecError('DSX007', `${file} is ${(st.size / 2 ** 20).toFixed(1)} MiB; a spec is a small TypeScript module (at most ${MAX_SPEC_BYTES / 2 ** 20} MiB)`, null, 'is this the right file? split a spec that really is this large into several');
  }
}
