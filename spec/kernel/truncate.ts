/**
 * dax_delete_mapping_range() as mainline has it since the fix of
 * 6be3e21d25ca (2025): a truncate of [start, last] walks the range with
 * xas_for_each(), sleeps in wait_entry_unlocked_exclusive() on a locked
 * entry, and deletes every entry, waking all of its waiters; then
 * truncate_inode_pages_range() finds no DAX entry left. Shared by
 * spec/dax-delete-range-pause.ts (which replaces the rewind before the sleep
 * with the first version's xas_pause()) and spec/dax-lock-folio.ts (which
 * replaces dax_disassociate_entry() to clear the folio's mapping).
 */
import { DONE, thread, WAKE_ALL, type Entry, type Kernel, type Slot, type ThreadId, type XaState } from 'daxspec';
import { dax_entry_waitqueue } from './dax.js';

type K = Kernel<string, { xa_lock: ThreadId | null; invalidate_lock: number }>;

/**
 * wait_entry_unlocked_exclusive() before it sleeps: xas_reset(), so that the
 * reload after waking reads the entry waited for again.
 */
export function wait_entry_unlocked_exclusive_rewind(k: K, xas: XaState | null): void {
  k.xas_reset(xas);
}

/** dax_disassociate_entry(): nothing to undo in a model without folio->mapping (a spec with one replaces this). */
export function dax_disassociate_entry(k: K, entry: Entry): void {}

/** A truncate of [start, last]: filemap_invalidate_lock(), dax_break_layout() → dax_delete_mapping_range(), truncate_inode_pages_range(). */
export const truncate = thread({
  params: { start: 0, last: 0 },
  locals: { xas: null as XaState | null, entry: null as Slot },
  steps: {
    /** filemap_invalidate_lock(); XA_STATE(xas, start); xas_lock_irq(); xas_for_each(&xas, entry, last): the first entry. */
    xas_for_each(k: K, t) {
      k.await(k.invalidate_lock === 0 && k.xa_lock === null);
      k.invalidate_lock = -1;
      k.xa_lock = t.self;
      t.xas = k.XA_STATE(t.start, 0);
      t.entry = k.xas_find(t.xas, t.last);
      return 'loop_body';
    },
    /**
     * The walk's body: wait_entry_unlocked_exclusive() while the entry is
     * locked (exclusive, key from the state's index, rewind the state, drop
     * the lock, sleep); then dax_disassociate_entry(), xas_store(&xas, NULL),
     * dax_wake_entry(WAKE_ALL), and xas_next_entry().
     */
    loop_body(k: K, t) {
      if (t.entry === null) return 'truncate_inode_pages_range';
      const entry = t.entry;
      if (entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.xas!.xa_index, entry));
        wait_entry_unlocked_exclusive_rewind(k, t.xas);
        k.xa_lock = null;
        return 'schedule';
      }
      dax_disassociate_entry(k, entry);
      k.xas_store(t.xas, null);
      k.wakeUp(dax_entry_waitqueue(k, t.xas!.xa_index, entry), WAKE_ALL);
      t.entry = k.xas_next_entry(t.xas, t.last);
      return 'loop_body';
    },
    /** schedule(); finish_wait(); xas_lock_irq(); entry = xas_load(xas) — and `if (!entry) continue;` in the caller. */
    schedule(k: K, t) {
      k.await(!k.isWaiting(t.self) && k.xa_lock === null);
      k.xa_lock = t.self;
      t.entry = k.xas_load(t.xas);
      if (t.entry === null) {
        t.entry = k.xas_next_entry(t.xas, t.last);
      }
      return 'loop_body';
    },
    /** xas_unlock_irq(); truncate_folio_batch_exceptionals(): a DAX entry still in the range is a WARN; then filemap_invalidate_unlock(). */
    truncate_inode_pages_range(k: K, t) {
      t.xas = k.XA_STATE(t.start, 0);
      const left = k.xas_find(t.xas, t.last);
      k.BUG_ON(left !== null);
      k.xa_lock = null;
      k.invalidate_lock = 0;
      return DONE;
    },
  },
});
