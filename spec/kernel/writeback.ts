/**
 * fs/dax.c writeback helpers shared by the specs (dax_writeback_one(), from
 * the XArray conversion on), imported by name. (spec/dax-downgrade-writeback.ts
 * still has its own copy of skip_writeback(); switching it to this one is a
 * follow-up.)
 */
import { TOWRITE, type Kernel, type Slot, type XaState } from 'daxspec';

/**
 * dax_writeback_one() with what get_unlocked_entry() / get_next_unlocked_entry()
 * returned for a locked entry, still under the lock: skip it
 * (put_unlocked_entry(), on to the next) if it "got punched out /
 * reallocated" (gone, or another pfn) or "another fsync thread may have
 * already done this entry" (no TOWRITE mark). Its WARN_ON_ONCE() on an empty
 * or zero entry cannot fire in the models: those have pfn 0, a tagged entry a
 * block.
 */
export function skip_writeback(k: Kernel, xas: XaState | null, entry: Slot, old_pfn: number): boolean {
  return entry === null || entry.pfn !== old_pfn || !k.xas_get_mark(xas, TOWRITE);
}
