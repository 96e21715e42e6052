/**
 * Mainline (v6.x, 2025) fs/dax.c: the memory-failure path's NON-EXCLUSIVE
 * wait, racing PTE and PMD faults, writeback and dax_delete_mapping_range().
 * The question: is every waiter — the exclusive ones of faults, writeback and
 * truncate, and the non-exclusive memory-failure one — eventually woken?
 *
 * Memory failure locks a DAX entry in two ways, both sleeping in
 * wait_entry_unlocked() while the entry is locked:
 *  - dax_lock_folio(folio) (from mf_generic_kill_procs(); dax_lock_page()
 *    until "mm: Convert DAX lock/unlock page to lock/unlock folio", Jane Chu
 *    and Matthew Wilcox, posted September 2023, merged id not verified): loop
 *    { read folio->mapping; none → give up; xas_lock_irq(); mapping changed
 *    → unlock, retry; xas_set(folio->index); xas_load(); locked →
 *    wait_entry_unlocked(), retry; else dax_lock_entry() }, and later
 *    dax_unlock_folio() → dax_unlock_entry(), which wakes one.
 *  - dax_lock_mapping_entry(mapping, index) (from mf_dax_kill_procs(), the
 *    filesystem's notify_failure path; "fsdax: introduce
 *    dax_lock_mapping_entry()", Shiyang Ruan, 2022, merged id not verified):
 *    the same loop by (mapping, index), except that an entry that is absent,
 *    a zero entry or an empty one is not locked: it returns the cookie ~0
 *    ("not an error case"), and dax_unlock_mapping_entry() does nothing for
 *    that cookie — no store, no wake-up.
 *
 * wait_entry_unlocked() queues with prepare_to_wait() — non-exclusive, at the
 * head of the queue — drops the i_pages lock, sleeps, and returns; it never
 * passes a wake-up on. Its comment says why the wait is not exclusive: unlike
 * get_unlocked_entry(), this path may never retrieve an unlocked entry (and
 * so never do a wake-up of its own), so it must not consume one of the
 * exclusive wake-ups meant for the faults queued behind it. A wake-one
 * (__wake_up() with nr_exclusive 1) wakes every non-exclusive waiter it meets
 * with the key and stops after the first exclusive one.
 *
 * Variants:
 *  - mainline:       as above (v6.x, 2025 — the code read is that of the
 *                    2022 and 2023 postings; unchanged in mainline as far as
 *                    read, not checked line by line against v6.16).
 *  - exclusive-wait: a mutant: wait_entry_unlocked() with
 *                    prepare_to_wait_exclusive(), still never passing the
 *                    wake-up on (what get_unlocked_entry() callers must do
 *                    with put_unlocked_entry()).
 *  - unlock-no-wake: a mutant: dax_unlock_folio() and
 *                    dax_unlock_mapping_entry() store the entry unlocked but
 *                    wake no one (dax_unlock_entry() without its
 *                    dax_wake_entry()): whoever queued behind memory
 *                    failure's own hold of the entry sleeps on.
 *
 * The other paths, as in mainline 2025:
 *  - PTE and PMD faults: filemap_invalidate_lock_shared() for the whole fault
 *    (xfs and ext4 DAX faults), grab_mapping_entry() → get_next_unlocked_entry()
 *    (exclusive wait; a PMD fault falls back on a smaller entry), fill, mark
 *    DIRTY on a write, dax_unlock_entry() (wake one). PMD faults here are
 *    writes, so no zero PMD entry is ever made and no PTE fault downgrades
 *    one (the downgrade is spec/dax-downgrade-writeback.ts); a BUG_ON says so
 *    if a configuration ever reached it.
 *  - truncate: filemap_invalidate_lock(), dax_delete_mapping_range(): an
 *    xas_for_each() walk under the i_pages lock that waits for a locked entry
 *    with wait_entry_unlocked_exclusive() (exclusive, with xas_reset(): the
 *    fixed version, see spec/dax-delete-range-pause.ts), deletes every entry
 *    (dax_disassociate_entry() clears folio->mapping) and wakes ALL of its
 *    key; then truncate_folio_batch_exceptionals()'s WARN on an entry left,
 *    as a BUG_ON.
 *  - writeback: dax_writeback_mapping_range(): tag_pages_for_writeback(),
 *    then an xas_for_each_marked(TOWRITE) walk calling dax_writeback_one()
 *    on the walked xa_state: lock, clear TOWRITE, flush with the lock
 *    dropped, store unlocked, clear DIRTY, wake one. A locked entry gets
 *    get_next_unlocked_entry() on the walked state, which returns NULL for an
 *    order-0 state (our reading of lib/xarray.c, as in
 *    spec/dax-downgrade-writeback.ts): skipped, no wait.
 *
 * Faults succeed: one that fails, or a PMD fault that falls back after
 * grab_mapping_entry(), unlocking an entry still empty, is not modelled.
 *
 * What is simplified: one mapping, so "mapping != folio->mapping" is
 * "folio->mapping is NULL", a boolean `folio_mapping` set by
 * dax_associate_entry() when a fault inserts the poisoned pfn and cleared by
 * dax_disassociate_entry() when truncate deletes it. (2025's "fs/dax:
 * properly refcount fs dax pages" series (Popple) moves when folio->mapping
 * is cleared to the folio's last put; not modelled, not verified.) The
 * device-dax (S_ISCHR) early return, rcu_read_lock() and the work memory
 * failure does while holding the entry (collect_procs(), unmap_and_kill())
 * are left out: they take no entry lock and wake no one.
 */
import { defineSpec, thread, DIRTY, DONE, TOWRITE, WAKE_ALL, type Entry, type Kernel, type Slot, type ThreadId, type XaState } from 'daxspec';
import { dax_entry_waitqueue, dax_is_pmd_entry, dax_unlock_entry, dax_wake_entry, put_unlocked_entry } from './kernel/dax.js';
import { poisoned_pfn } from './kernel/memory-failure.js';
import { truncate } from './kernel/truncate.js';
import { dax_has_block } from './kernel/entry.js';
import { skip_writeback } from './kernel/writeback.js';
import { xa_lock_free } from './kernel/xa-lock.js';

type Variant = 'mainline' | 'exclusive-wait' | 'unlock-no-wake';
/**
 * xa_lock: the i_pages lock, held by truncate's walk across its steps (it is
 * dropped only to sleep); every other thread takes and drops it within a
 * step, so its steps run only while it is free.
 * invalidate_lock: 0 free, -1 held by truncate, n > 0 held shared by n faults.
 * folio_mapping: folio->mapping of the poisoned page is set.
 */
type K = Kernel<Variant, { xa_lock: ThreadId | null; invalidate_lock: number; folio_mapping: boolean }>;

/**
 * wait_entry_unlocked(xas, entry): prepare_to_wait() on the entry's key — a
 * non-exclusive waiter, at the head of the queue — then xas_unlock_irq();
 * schedule(); finish_wait(). The mutant waits exclusively.
 */
function wait_entry_unlocked(k: K, xa_index: number, entry: Slot): void {
  if (k.variant === 'exclusive-wait') {
    k.prepareToWaitExclusive(dax_entry_waitqueue(k, xa_index, entry!));
  } else {
    k.prepareToWait(dax_entry_waitqueue(k, xa_index, entry!));
  }
}

/**
 * dax_unlock_folio() / dax_unlock_mapping_entry() of the entry memory failure
 * locked: dax_unlock_entry(), which wakes one; the mutant only stores.
 */
function mf_unlock_entry(k: K, xa_index: number, entry: Slot): void {
  if (k.variant === 'unlock-no-wake') {
    k.BUG_ON(!k.load(xa_index)!.locked);
    k.store(xa_index, { ...entry!, locked: false });
  } else {
    dax_unlock_entry(k, xa_index, entry!);
  }
}

/** A PTE fault at `index`, a write (new block `pfn`) or a read of a hole (the zero page): dax_iomap_pte_fault(). */
const dax_iomap_pte_fault = thread({
  params: { index: 0, write: true, pfn: 2 },
  locals: { entry: null as Slot, xas: null as XaState | null },
  steps: {
    /** filemap_invalidate_lock_shared() for the whole fault: no fault runs while truncate holds it. */
    invalidate_lock_shared(k: K) {
      k.await(k.invalidate_lock >= 0);
      k.invalidate_lock = k.invalidate_lock + 1;
    },
    /**
     * grab_mapping_entry(xas, mapping, 0): xas_lock_irq();
     * get_next_unlocked_entry(xas, 0) (exclusive wait while locked); lock the
     * entry found (a PTE entry, or a PMD entry with a block, used as is) or
     * insert a locked empty PTE entry.
     */
    grab_mapping_entry(k: K, t) {
      xa_lock_free(k);
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      // Out of this model's scope: a zero or empty PMD entry would be downgraded.
      k.BUG_ON(entry !== null && dax_is_pmd_entry(entry) && !dax_has_block(entry));
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /**
     * The rest of the fault: a write puts the new block in an empty or zero
     * entry (dax_insert_entry(), dax_associate_entry()) and marks it DIRTY, a
     * read of a hole puts the zero page in an empty entry (dax_load_hole());
     * dax_unlock_entry() wakes one; filemap_invalidate_unlock_shared().
     */
    dax_unlock_entry(k: K, t) {
      xa_lock_free(k);
      if (t.write && !dax_has_block(t.entry!)) {
        t.entry = k.makeEntry({ order: 0, locked: true, pfn: t.pfn });
        if (t.pfn === poisoned_pfn()) {
          k.folio_mapping = true; // dax_associate_entry(): folio->mapping = mapping
        }
      } else if (t.entry!.empty) {
        t.entry = k.makeEntry({ order: 0, locked: true, zero: true });
      }
      if (t.write) {
        k.store(t.index, t.entry!);
        t.xas = k.XA_STATE(t.index, 0);
        k.xas_load(t.xas);
        k.xas_set_mark(t.xas, DIRTY);
        t.xas = null;
      }
      dax_unlock_entry(k, t.index, t.entry!);
      k.invalidate_lock = k.invalidate_lock - 1;
      return DONE;
    },
  },
});

/** A PMD write fault over the PMD range at `index` (aligned), new block `pfn`: dax_iomap_pmd_fault(). */
const dax_iomap_pmd_fault = thread({
  params: { index: 0, pfn: 3 },
  locals: { entry: null as Slot, xas: null as XaState | null },
  steps: {
    /** filemap_invalidate_lock_shared() for the whole fault. */
    invalidate_lock_shared(k: K) {
      k.await(k.invalidate_lock >= 0);
      k.invalidate_lock = k.invalidate_lock + 1;
    },
    /** grab_mapping_entry(xas, mapping, PMD_ORDER): fall back on a smaller entry; wait exclusively while locked; lock or insert a locked empty PMD entry. */
    grab_mapping_entry(k: K, t) {
      xa_lock_free(k);
      const entry = k.findConflict(t.index, k.PMD_ORDER);
      if (entry !== null && entry.order < k.PMD_ORDER) {
        k.invalidate_lock = k.invalidate_lock - 1;
        return DONE; // XA_RETRY_ENTRY: VM_FAULT_FALLBACK (the PTE faults that follow are threads of their own)
      }
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: k.PMD_ORDER, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /** dax_insert_entry() of the new block (dax_associate_entry()), DIRTY; dax_unlock_entry(); filemap_invalidate_unlock_shared(). */
    dax_unlock_entry(k: K, t) {
      xa_lock_free(k);
      if (!dax_has_block(t.entry!)) {
        t.entry = k.makeEntry({ order: k.PMD_ORDER, locked: true, pfn: t.pfn });
        if (t.pfn === poisoned_pfn()) {
          k.folio_mapping = true; // dax_associate_entry()
        }
      }
      k.store(t.index, t.entry!);
      t.xas = k.XA_STATE(t.index, k.PMD_ORDER);
      k.xas_load(t.xas);
      k.xas_set_mark(t.xas, DIRTY);
      t.xas = null;
      dax_unlock_entry(k, t.index, t.entry!);
      k.invalidate_lock = k.invalidate_lock - 1;
      return DONE;
    },
  },
});

/** mf_generic_kill_procs() on the poisoned page at folio->index `index`: dax_lock_folio() … dax_unlock_folio(). */
const mf_generic_kill_procs = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /**
     * One round of dax_lock_folio()'s loop: folio->mapping gone → return 0
     * (-EBUSY); xas_lock_irq(); xas_set(folio->index); xas_load(); locked →
     * wait_entry_unlocked(); else dax_lock_entry().
     */
    dax_lock_folio(k: K, t) {
      xa_lock_free(k);
      if (!k.folio_mapping) {
        return DONE;
      }
      const entry = k.load(t.index);
      if (entry !== null && entry.locked) {
        wait_entry_unlocked(k, t.index, entry);
        return k.schedule('dax_lock_folio');
      }
      k.BUG_ON(entry === null); // folio->mapping is set only while its entry is in the file
      t.entry = { ...entry!, locked: true };
      k.store(t.index, t.entry);
      return 'dax_unlock_folio';
    },
    /** Poison handled: dax_unlock_folio() → dax_unlock_entry() (wake one). */
    dax_unlock_folio(k: K, t) {
      xa_lock_free(k);
      mf_unlock_entry(k, t.index, t.entry);
      return DONE;
    },
  },
});

/** mf_dax_kill_procs() at file offset `index`: dax_lock_mapping_entry() … dax_unlock_mapping_entry(). */
const mf_dax_kill_procs = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /**
     * One round of dax_lock_mapping_entry()'s loop: xas_lock_irq();
     * xas_set(index); xas_load(); locked → wait_entry_unlocked(); absent, zero
     * or empty → the cookie ~0, nothing locked (and dax_unlock_mapping_entry()
     * will do nothing); else dax_lock_entry().
     */
    dax_lock_mapping_entry(k: K, t) {
      xa_lock_free(k);
      const entry = k.load(t.index);
      if (entry !== null && entry.locked) {
        wait_entry_unlocked(k, t.index, entry);
        return k.schedule('dax_lock_mapping_entry');
      }
      if (entry === null || !dax_has_block(entry)) {
        return DONE; // cookie ~0: dax_unlock_mapping_entry() returns at once
      }
      t.entry = { ...entry!, locked: true };
      k.store(t.index, t.entry);
      return 'dax_unlock_mapping_entry';
    },
    /** dax_unlock_mapping_entry() → dax_unlock_entry() (wake one). */
    dax_unlock_mapping_entry(k: K, t) {
      xa_lock_free(k);
      mf_unlock_entry(k, t.index, t.entry);
      return DONE;
    },
  },
});

/**
 * fsync of [start, end]: dax_writeback_mapping_range(). A step is one hold of
 * the i_pages lock: the end of one entry's flush, the walk's next step and
 * the next entry's dax_writeback_one() up to dropping the lock to flush.
 */
const dax_writeback_mapping_range = thread({
  params: { start: 0, end: 0 },
  locals: { xas: null as XaState | null, entry: null as Slot, old_pfn: 0 },
  steps: {
    /** tag_pages_for_writeback(mapping, start, end): DIRTY → also TOWRITE; XA_STATE(xas, start). */
    tag_pages_for_writeback(k: K, t) {
      xa_lock_free(k);
      k.tag_pages_for_writeback(t.start, t.end);
      t.xas = k.XA_STATE(t.start, 0);
    },
    /**
     * After a flush: xas_reset(); xas_store() the entry unlocked;
     * xas_clear_mark(DIRTY); dax_wake_entry(WAKE_NEXT). Then the walk's next
     * TOWRITE entry and dax_writeback_one(): a locked one gets
     * get_next_unlocked_entry() on the walked state (NULL for order 0: "Entry
     * got punched out", skipped); an unlocked one is locked, its TOWRITE
     * cleared, and the lock dropped to flush it.
     */
    dax_writeback_one(k: K, t) {
      xa_lock_free(k);
      if (t.entry !== null) {
        k.xas_reset(t.xas);
        k.xas_store(t.xas, { ...t.entry, locked: false });
        k.xas_clear_mark(t.xas, DIRTY);
        dax_wake_entry(k, t.xas!.xa_index, t.entry, false);
        t.entry = null;
      }
      const entry = k.xas_find_marked(t.xas, t.end, TOWRITE);
      if (entry === null) {
        t.xas = null; // xas_unlock_irq(): the walk is over
        return DONE;
      }
      if (entry.locked) {
        t.old_pfn = entry.pfn;
        const found = k.xas_find_conflict(t.xas);
        if (found !== null && found.locked) {
          k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.xas!.xa_index, found));
          k.xas_reset(t.xas);
          return k.schedule('dax_writeback_one');
        }
        const skip = skip_writeback(k, t.xas, found, t.old_pfn);
        if (skip) {
          put_unlocked_entry(k, t.xas!.xa_index, found, false);
          return 'dax_writeback_one';
        }
        t.entry = found;
      } else {
        t.entry = entry;
      }
      k.xas_store(t.xas, { ...t.entry!, locked: true });
      k.xas_clear_mark(t.xas, TOWRITE);
      return 'dax_writeback_one';
    },
  },
});

/**
 * dax_disassociate_entry(): the poisoned page's folio loses its mapping
 * (folio->mapping = NULL).
 * @replaces
 */
function dax_disassociate_entry(k: K, entry: Entry): void {
  if (entry.pfn === poisoned_pfn()) {
    k.folio_mapping = false; // dax_disassociate_entry(): folio->mapping = NULL
  }
}

export default defineSpec({
  name: 'DaxLockFolio',
  variants: ['mainline', 'exclusive-wait', 'unlock-no-wake'],
  globals: { xa_lock: null as ThreadId | null, invalidate_lock: 0, folio_mapping: false },
  threads: { dax_iomap_pte_fault, dax_iomap_pmd_fault, mf_generic_kill_procs, mf_dax_kill_procs, dax_writeback_mapping_range, truncate },
  configurations: [
    {
      name: 'hole',
      variants: ['mainline', 'exclusive-wait'],
      doc: 'A read fault of a hole holds the empty entry at 0; mf_dax_kill_procs() and a write fault wait; the read leaves a zero entry, which dax_lock_mapping_entry() does not lock.',
      indices: 1,
      threads: [dax_iomap_pte_fault({ index: 0, write: false, pfn: 0 }), mf_dax_kill_procs({ index: 0 }), dax_iomap_pte_fault({ index: 0, write: true, pfn: 2 })],
      expect: { 'exclusive-wait': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'folio',
      doc: 'A write fault maps the poisoned page at 0; fsync, dax_lock_folio() and a truncate of 0 race, with a read fault of 0.',
      indices: 1,
      threads: [dax_iomap_pte_fault({ index: 0, write: true, pfn: 1 }), dax_writeback_mapping_range({ start: 0, end: 0 }), mf_generic_kill_procs({ index: 0 }), truncate({ start: 0, last: 0 }), dax_iomap_pte_fault({ index: 0, write: false, pfn: 0 })],
      expect: { 'unlock-no-wake': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'pmd',
      doc: 'A PMD write fault maps the poisoned page over [0, 2); a PTE write fault at 1, dax_lock_mapping_entry() at 1 (key aligned to 0) and dax_lock_folio() at 0 wait on it; fsync of [0, 1].',
      indices: 2,
      threads: [dax_iomap_pmd_fault({ index: 0, pfn: 1 }), dax_iomap_pte_fault({ index: 1, write: true, pfn: 2 }), mf_dax_kill_procs({ index: 1 }), mf_generic_kill_procs({ index: 0 }), dax_writeback_mapping_range({ start: 0, end: 1 })],
      expect: { 'unlock-no-wake': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'mixed',
      variants: ['mainline', 'exclusive-wait'],
      doc: 'Everything at index 0: a read of the hole, a write fault mapping the poisoned page, both memory-failure paths, fsync and a truncate.',
      indices: 1,
      threads: [dax_iomap_pte_fault({ index: 0, write: false, pfn: 0 }), dax_iomap_pte_fault({ index: 0, write: true, pfn: 1 }), mf_dax_kill_procs({ index: 0 }), mf_generic_kill_procs({ index: 0 }), dax_writeback_mapping_range({ start: 0, end: 0 }), truncate({ start: 0, last: 0 })],
      expect: { 'exclusive-wait': { violates: 'NoLostWakeup' } },
    },
  ],
});
