/**
 * 2025: an entry survives dax_delete_mapping_range() because
 * wait_entry_unlocked_exclusive() called xas_pause() (mainline v6.15-rc,
 * XFS + DAX; xfstests generic/068 fired the WARN in
 * truncate_folio_batch_exceptionals()).
 *
 * 6be3e21d25ca "fs/dax: don't skip locked entries when scanning entries"
 * (Alistair Popple, 2025) made the xas_for_each() walks of fs/dax.c wait for
 * a locked entry instead of skipping it: wait_entry_unlocked_exclusive()
 * sleeps exclusively on the entry's key, and after waking reloads the entry
 * with xas_load(). Before dropping the lock it called xas_pause(), which
 * moves the xa_state past the current entry; the reload then read the *next*
 * index, so the entry waited for was never deleted (and the next one, if
 * any, was deleted in its place). The fix, "fs/dax: fix \"don't skip locked
 * entries when scanning entries\"" (Popple, 23 May 2025; upstream
 * dd59137bfe70, Fixes: 6be3e21d25ca), calls xas_reset() instead: the same
 * safety for dropping the lock, without moving the index.
 *
 * Variants:
 *  - xas_pause: 6be3e21d25ca as merged.
 *  - xas_reset: with dd59137bfe70.
 *
 * Who holds the entry while truncate walks: writeback. A fault cannot (the
 * filesystem's invalidate lock, XFS's MMAPLOCK, keeps faults out while
 * truncate runs), but dax_writeback_one() locks the entry, drops the i_pages
 * lock to flush it, and unlocks it with a wake-one. The truncate path is
 * dax_break_layout() → dax_delete_mapping_range() → (later)
 * truncate_inode_pages_range(), whose truncate_folio_batch_exceptionals()
 * WARNs on a DAX entry that is still there: modelled as a BUG_ON.
 */
import { defineSpec, thread, DONE, WAKE_ALL, WAKE_NEXT, type Kernel, type Slot, type ThreadId, type XaState } from 'daxspec';
import { dax_entry_waitqueue, dax_is_pmd_entry } from './kernel/dax.js';
import { truncate } from './kernel/truncate.js';
import { xa_lock_free } from './kernel/xa-lock.js';

type Variant = 'xas_pause' | 'xas_reset';
/**
 * xa_lock: the i_pages lock, held by truncate's walk across its steps (it is
 * dropped only to sleep); a step of another thread runs only while it is free.
 * invalidate_lock: 0 free, -1 held by truncate, n > 0 held shared by n faults.
 */
type K = Kernel<Variant, { xa_lock: ThreadId | null; invalidate_lock: number }>;

/**
 * A PTE read fault at `index` under filemap_invalidate_lock_shared(): grab_mapping_entry(), fill, dax_unlock_entry().
 * (The library's PTE fault takes no invalidate lock.)
 * @replaces
 */
const pte_fault = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /** filemap_invalidate_lock_shared(): no fault runs while truncate holds the lock. */
    invalidate_lock_shared(k: K) {
      k.await(k.invalidate_lock >= 0);
      k.invalidate_lock = k.invalidate_lock + 1;
    },
    /** xas_lock_irq(); get_next_unlocked_entry(xas, 0); lock the entry found or insert a locked empty one. */
    grab_mapping_entry(k: K, t) {
      xa_lock_free(k);
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true, pfn: t.index + 1 });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /** dax_unlock_entry() of the filled entry (wake one), then filemap_invalidate_unlock_shared(). */
    dax_unlock_entry(k: K, t) {
      xa_lock_free(k);
      k.store(t.index, { ...t.entry!, locked: false, empty: false });
      k.wakeUp(dax_entry_waitqueue(k, t.index, t.entry!), WAKE_NEXT);
      k.invalidate_lock = k.invalidate_lock - 1;
      return DONE;
    },
  },
});

/** fsync/sync: dax_writeback_one() on the entry at `index`, found by the TOWRITE walk. */
const dax_writeback_one = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /** Under the lock: nothing to write if the entry is gone (or, before 2025, locked); else lock it and drop the lock to flush. */
    dax_lock_entry(k: K, t) {
      xa_lock_free(k);
      const entry = k.load(t.index);
      if (entry === null || entry.locked) return DONE;
      t.entry = { ...entry, locked: true };
      k.store(t.index, t.entry);
    },
    /** dax_flush() done: xas_lock_irq(); xas_store() the entry unlocked; dax_wake_entry(WAKE_NEXT). */
    dax_unlock_entry(k: K, t) {
      xa_lock_free(k);
      k.store(t.index, { ...t.entry!, locked: false });
      k.wakeUp(dax_entry_waitqueue(k, t.index, t.entry!), WAKE_NEXT);
      return DONE;
    },
  },
});

/**
 * wait_entry_unlocked_exclusive() before it sleeps: xas_pause() in
 * 6be3e21d25ca as merged, which moves the state past the entry waited for,
 * so the reload after waking reads the next one; xas_reset() in the fix.
 * @replaces
 */
function wait_entry_unlocked_exclusive_rewind(k: K, xas: XaState | null): void {
  if (k.variant === 'xas_pause') {
    k.xas_pause(xas);
  } else {
    k.xas_reset(xas);
  }
}

/** The report's shape: a fault mapped index 0, writeback holds it while truncate walks [0, 1]. */
const oneEntry = [pte_fault({ index: 0 }), dax_writeback_one({ index: 0 }), truncate({ start: 0, last: 1 })];
/** Two mapped entries: with xas_pause the entry after the one waited for is deleted in its place. */
const twoEntries = [pte_fault({ index: 0 }), pte_fault({ index: 1 }), dax_writeback_one({ index: 0 }), truncate({ start: 0, last: 1 })];

export default defineSpec({
  name: 'DaxDeleteRangePause',
  variants: ['xas_pause', 'xas_reset'],
  globals: { xa_lock: null as ThreadId | null, invalidate_lock: 0 },
  threads: { pte_fault, dax_writeback_one, truncate },
  configurations: [
    {
      doc: "The report's shape: a fault mapped index 0, writeback holds it while truncate walks [0, 1].",
      indices: 2,
      threads: oneEntry,
      expect: { xas_pause: { violates: 'BUG_ON' } },
    },
    {
      name: 'two',
      doc: 'Entries at 0 and 1: xas_pause deletes 1 in place of the 0 it waited for.',
      indices: 2,
      threads: twoEntries,
      expect: { xas_pause: { violates: 'BUG_ON' } },
    },
  ],
});
