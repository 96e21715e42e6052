/**
 * The PMD downgrade of grab_mapping_entry() and dax_writeback_mapping_range() (fsync),
 * racing PTE and PMD faults, invalidation and truncate — fs/dax.c as of v5.4
 * (before v5.13).
 *
 * Downgrade: a PTE fault that finds an empty or zero PMD entry over its index
 * locks it (for a zero entry it then drops the i_pages lock to
 * unmap_mapping_pages() the huge zero page and retakes it), stores NULL over
 * the PMD range ("undo the PMD join"), wakes ALL waiters of the PMD key —
 * dax_wake_entry(xas, entry, true) — and inserts a locked empty PTE entry at
 * its own index.
 *
 * Why wake all: while the PMD entry is locked, every fault anywhere in its
 * range finds that same entry, and dax_entry_waitqueue() aligns the key of a
 * PMD entry, so all of them sleep on the one PMD key. After the downgrade
 * they want different things: each PTE fault now wants the PTE entry of its
 * own index, whose key is that index. A waiter that is woken relocks or
 * inserts the entry of its own index and wakes that index's key when it is
 * done — never the PMD key again. Woken one at a time, the first would take
 * the wake-up away to another key and the rest would sleep on the PMD key
 * with nobody left to wake it. Variant 'downgrade-wakes-one' shows it: a PMD
 * read fault leaves a zero PMD entry; a PTE write fault at index 1
 * downgrades it; two more PTE faults at index 1 sleep on the PMD key during
 * the unmap; the downgrade wakes one, which locks the new PTE entry of index
 * 1 (waiting for it on key 1 if it must) and wakes key 1 at its end; the
 * other sleeps on key 0 forever.
 *
 * fsync: dax_writeback_mapping_range() marks the DIRTY entries of its range
 * TOWRITE (tag_pages_for_writeback()), then walks them with
 * xas_for_each_marked(TOWRITE) and calls dax_writeback_one() with the walked
 * xa_state. If the entry is locked it calls get_unlocked_entry(xas, 0) on
 * that state; there
 * xas_find_conflict() looks only at the slots after the current one in the
 * state's order-0 range — none — and returns NULL (lib/xarray.c, v4.20 and
 * later), so writeback does not wait: "Entry got punched out",
 * put_unlocked_entry(NULL) wakes nobody, and the locked entry is skipped
 * (still tagged TOWRITE). This is the skip 6be3e21d25ca "fs/dax: don't skip
 * locked entries when scanning entries" (2025) names; mainline's writeback
 * still calls get_next_unlocked_entry() on the walked state. An unlocked
 * entry is locked (dax_lock_entry()), its TOWRITE mark cleared, flushed with
 * the lock dropped, stored unlocked, its DIRTY mark cleared, and one waiter
 * woken.
 *
 * "v5.4": get_unlocked_entry(xas, order) returns XA_RETRY_ENTRY for a
 * smaller entry (`entry && order < wanted`: the NULL check first) and the PMD
 * fault falls back. That is 23c84eb78375 "dax: Fix missed wakeup with PMD
 * faults" (Matthew Wilcox; v5.3-rc1, backported to 5.1.20 and 5.2.y) as
 * corrected by 6370740e5f8e "fs/dax: Fix pmd vs pte conflict detection" (Dan
 * Williams, v5.4-rc5, 5.3.8 stable; as merged, NULL counted as a conflict);
 * put_unlocked_entry() is the corrected one (`entry &&
 * !dax_is_conflict(entry)`, 61c30c98ef17 "dax: Fix missed wakeup in
 * put_unlocked_entry()", Jan Kara, v5.3-rc3). spec/dax-2019-chain.ts checks
 * each of these commits. (This variant was named "v5.2" before: 23c84eb78375
 * is not in the v5.2 release.) Without 23c84eb78375 these
 * models would fail on the seed bug (spec/dax-pmd-wakeup.ts) as soon as a PMD
 * fault meets a locked PTE entry. put_unlocked_entry() still always wakes
 * one: the 2021 wake-all after invalidation (237388320def) is not applied.
 *
 * Variants:
 *  - v5.4:                 as above.
 *  - downgrade-wakes-one:  the downgrade's dax_wake_entry(xas, entry, false).
 *  - invalidate-wakes-all: v5.4 plus 237388320def "dax: Wake up all waiters
 *                          after invalidating dax entry" (Vivek Goyal,
 *                          'dax-fixes-5.13-rc2'): __dax_invalidate_entry()
 *                          wakes all.
 * The last one is here because of what the model found when invalidation
 * joined the race: v5.4 loses a wake-up without any downgrade. A PMD fault
 * holds an empty PMD entry; an invalidation and PTE faults at indices 0 and
 * 1 all sleep on the PMD key; the PMD fault leaves a zero entry and wakes the
 * invalidation; the invalidation deletes the (clean) zero entry and
 * put_unlocked_entry() wakes one — the fault at index 1, which inserts its
 * own PTE entry and at its end wakes key 1; the fault at index 0 sleeps on
 * key 0 forever (model v5.4-invalidate-pmd). It is the 2021 bug of
 * spec/dax-invalidate-wakeup.ts reached through a PMD entry, and
 * 237388320def's wake-all fixes it too (model invalidate-wakes-all-invalidate-pmd). It
 * needs an invalidation that does not exclude faults: the 5.13-rc2 pull
 * says the hang "has not triggered on other filesystems since they hold a
 * lock over invalidation events" — virtiofs (v5.10+, with PMD faults) does
 * not. So the v5.4 models that must hold leave invalidation out; truncate
 * stays, since it never runs during a fault.
 *
 * What is modelled and what is not:
 *  - A fault is grab_mapping_entry(), then the rest of the fault folded into
 *    one step: dax_insert_entry() (a write gets a new block, pfn = the
 *    thread's `pfn`; a read of a hole gets the zero page) and
 *    dax_unlock_entry(). A zero PMD entry is downgraded with the lock
 *    dropped in between, as in the kernel.
 *  - A fault holds i_mmap_sem (ext4) / MMAPLOCK (xfs) shared, a truncate
 *    holds it exclusive: truncate never runs during a fault. Invalidation
 *    (dax_invalidate_mapping_entry_sync(), from invalidate_inode_pages2())
 *    and writeback take no such lock here — for invalidation, as in a
 *    filesystem that does not lock invalidation against faults.
 *  - Marks as the kernel keeps them: a write fault marks its entry DIRTY
 *    (dax_insert_entry(), no MAP_SYNC here); fsync tags DIRTY entries TOWRITE
 *    and clears TOWRITE, then DIRTY, on each entry it writes back; a store
 *    over an entry keeps its marks, a delete drops them. Invalidation deletes
 *    an entry only if it has neither mark (__dax_invalidate_entry() with
 *    trunc = false).
 */
import { defineSpec, thread, DIRTY, DONE, TOWRITE, type Entry, type Kernel, type Slot, type XaState } from 'daxspec';
import { dax_entry_waitqueue, dax_is_pmd_entry, dax_unlock_entry, dax_wake_entry, put_unlocked_entry } from './kernel/dax.js';
import { dax_has_block } from './kernel/entry.js';
import { skip_writeback } from './kernel/writeback.js';

type Variant = 'v5.4' | 'downgrade-wakes-one' | 'invalidate-wakes-all';
type K = Kernel<Variant, { i_mmap_sem: number }>;

/**
 * The pmd_downgrade branch of grab_mapping_entry(), under the i_pages lock,
 * `entry` being the locked PMD entry: dax_disassociate_entry();
 * xas_store(xas, NULL) "undo the PMD join"; dax_wake_entry(xas, entry, true)
 * — one waiter only in the downgrade-wakes-one mutant; then entry = NULL,
 * xas_set(xas, index) and a locked empty PTE entry is inserted at the
 * faulting index. Returns that PTE entry.
 * @replaces
 */
function pmd_downgrade(k: K, xa_index: number, entry: Entry): Entry {
  k.erase(xa_index);
  dax_wake_entry(k, xa_index, entry, k.variant !== 'downgrade-wakes-one');
  const pte = k.makeEntry({ order: 0, locked: true, empty: true });
  k.store(xa_index, pte);
  return pte;
}

/**
 * A PTE fault at `index`, a write (new block `pfn`) or a read: dax_iomap_pte_fault(),
 * with the PMD downgrade and the block fill the library's PTE fault leaves out.
 * @replaces
 */
const pte_fault = thread({
  params: { index: 0, write: 1, pfn: 2 },
  locals: { entry: null as Slot, xas: null as XaState | null },
  steps: {
    /** ext4_dax_huge_fault(): down_read(&EXT4_I(inode)->i_mmap_sem) (xfs_filemap_fault(): XFS_MMAPLOCK_SHARED). */
    down_read(k: K) {
      k.await(k.i_mmap_sem >= 0);
      k.i_mmap_sem = k.i_mmap_sem + 1; // down_read(i_mmap_sem)
    },
    /**
     * grab_mapping_entry(xas, mapping, 0): xas_lock_irq(); get_unlocked_entry(xas, 0);
     * downgrade an empty or zero PMD entry; lock the entry found (a PTE entry,
     * or a PMD entry with a block, used as is) or insert a locked empty PTE entry.
     */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry !== null && dax_is_pmd_entry(entry) && (entry.zero || entry.empty)) {
        t.entry = { ...entry, locked: true }; // dax_lock_entry(): keep it valid while the lock is dropped
        k.store(t.index, t.entry);
        if (entry.zero) {
          return 'unmap_mapping_pages';
        }
        t.entry = pmd_downgrade(k, t.index, t.entry);
        return 'dax_iomap_pte_fault';
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_iomap_pte_fault';
    },
    /** xas_unlock_irq(); unmap_mapping_pages() of the huge zero page; xas_reset(); xas_lock_irq(); then the rest of the downgrade. */
    unmap_mapping_pages(k: K, t) {
      k.BUG_ON(!k.load(t.index)!.locked);
      t.entry = pmd_downgrade(k, t.index, t.entry!);
    },
    /**
     * The rest of dax_iomap_pte_fault(): dax_insert_entry() swaps an empty or
     * zero entry for the new block's entry on a write, dax_load_hole() puts
     * the zero page in an empty entry on a read, a block entry stays; a write
     * marks the entry DIRTY; then dax_unlock_entry() and up_read(i_mmap_sem).
     */
    dax_iomap_pte_fault(k: K, t) {
      if (t.write === 1 && !dax_has_block(t.entry!)) {
        t.entry = k.makeEntry({ order: 0, locked: true, pfn: t.pfn });
      } else if (t.entry!.empty) {
        t.entry = k.makeEntry({ order: 0, locked: true, zero: true });
      }
      if (t.write === 1) {
        // dax_insert_entry(), dirty = write && !sync: the fault's xa_state walks to
        // the entry it holds (a PMD entry with a block is used as is), then
        // xas_set_mark(DIRTY). The state is on the fault's stack.
        t.xas = k.XA_STATE(t.index, 0);
        k.xas_load(t.xas);
        k.xas_set_mark(t.xas, DIRTY);
        t.xas = null;
      }
      dax_unlock_entry(k, t.index, t.entry!);
      k.i_mmap_sem = k.i_mmap_sem - 1; // up_read(i_mmap_sem)
      return DONE;
    },
  },
});

/** A PMD fault over the PMD range at `index` (PMD-aligned), a write (new block `pfn`) or a read: dax_iomap_pmd_fault(). */
const pmd_fault = thread({
  params: { index: 0, write: 0, pfn: 1 },
  locals: { entry: null as Slot, xas: null as XaState | null },
  steps: {
    /** down_read(i_mmap_sem) for the whole fault. */
    down_read(k: K) {
      k.await(k.i_mmap_sem >= 0);
      k.i_mmap_sem = k.i_mmap_sem + 1; // down_read(i_mmap_sem)
    },
    /** grab_mapping_entry(xas, mapping, PMD_ORDER): get_unlocked_entry(xas, PMD_ORDER); fall back on a smaller entry; lock or insert a locked empty PMD entry. */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, k.PMD_ORDER);
      if (entry !== null && entry.order < k.PMD_ORDER) {
        k.i_mmap_sem = k.i_mmap_sem - 1; // up_read(i_mmap_sem)
        return DONE; // XA_RETRY_ENTRY: VM_FAULT_FALLBACK, the PTE faults that follow are threads of their own
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
      return 'dax_iomap_pmd_fault';
    },
    /**
     * The rest of dax_iomap_pmd_fault(): a write swaps an empty or zero entry
     * for the new block's PMD entry (dax_insert_entry()), a read of a hole
     * puts the huge zero page in an empty entry (dax_pmd_load_hole()); a
     * write marks the entry DIRTY; then dax_unlock_entry() and
     * up_read(i_mmap_sem).
     */
    dax_iomap_pmd_fault(k: K, t) {
      if (t.write === 1 && !dax_has_block(t.entry!)) {
        t.entry = k.makeEntry({ order: k.PMD_ORDER, locked: true, pfn: t.pfn });
      } else if (t.entry!.empty) {
        t.entry = k.makeEntry({ order: k.PMD_ORDER, locked: true, zero: true });
      }
      if (t.write === 1) {
        // dax_insert_entry(): as in the PTE fault, through an xa_state of PMD order.
        t.xas = k.XA_STATE(t.index, k.PMD_ORDER);
        k.xas_load(t.xas);
        k.xas_set_mark(t.xas, DIRTY);
        t.xas = null;
      }
      dax_unlock_entry(k, t.index, t.entry!);
      k.i_mmap_sem = k.i_mmap_sem - 1; // up_read(i_mmap_sem)
      return DONE;
    },
  },
});

/**
 * fsync of [start, end]: dax_writeback_mapping_range().
 * tag_pages_for_writeback() marks the DIRTY entries of the range TOWRITE;
 * then, under the i_pages lock, an xas_for_each_marked(TOWRITE) walk hands
 * each entry to dax_writeback_one() with the *walked* xa_state, which drops
 * the lock to flush an entry and retakes it; the walk goes on under that
 * hold. A step here is one hold of the lock: the end of one entry's flush,
 * the walk's next step and the next entry's dax_writeback_one(). (The walk's
 * xas_pause() every XA_CHECK_SCHED entries never comes: a model has fewer.
 * After an entry it skips, the walk goes on in a step of its own; the models
 * write back one index, so that is the end of the walk.)
 */
const dax_writeback_mapping_range = thread({
  params: { start: 0, end: 0 },
  locals: { xas: null as XaState | null, entry: null as Slot, old_pfn: 0 },
  steps: {
    /** tag_pages_for_writeback(mapping, start, end): DIRTY → also TOWRITE, under one hold of the lock; XA_STATE(xas, start). */
    tag_pages_for_writeback(k: K, t) {
      k.tag_pages_for_writeback(t.start, t.end);
      t.xas = k.XA_STATE(t.start, 0);
    },
    /**
     * xas_lock_irq() (after a flush: xas_reset(); xas_lock_irq(); xas_store()
     * the flushed entry unlocked; xas_clear_mark(DIRTY); dax_wake_entry(xas,
     * entry, false)); the walk's next entry (xas_find_marked() from a fresh
     * state, xas_next_marked() from a walked one); dax_writeback_one(): a
     * locked entry gets get_unlocked_entry(xas, 0) on the walked state, whose
     * xas_find_conflict() looks only at the slots after the current one in
     * the state's order-0 range — none — and returns NULL: "Entry got punched
     * out", put_unlocked_entry(NULL) wakes nobody, and the entry is skipped,
     * still tagged TOWRITE. An unlocked one: dax_lock_entry(),
     * xas_clear_mark(TOWRITE), and the lock is dropped to flush it.
     */
    dax_writeback_one(k: K, t) {
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
          return k.schedule('get_unlocked_entry');
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
    /** get_unlocked_entry() looks again (from the top: the state was reset), then dax_writeback_one() goes on as above. */
    get_unlocked_entry(k: K, t) {
      const entry = k.xas_find_conflict(t.xas);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.xas!.xa_index, entry));
        k.xas_reset(t.xas);
        return k.schedule('get_unlocked_entry');
      }
      const skip = skip_writeback(k, t.xas, entry, t.old_pfn);
      if (skip) {
        put_unlocked_entry(k, t.xas!.xa_index, entry, false);
        return 'dax_writeback_one';
      }
      t.entry = entry;
      k.xas_store(t.xas, { ...t.entry!, locked: true });
      k.xas_clear_mark(t.xas, TOWRITE);
      return 'dax_writeback_one';
    },
  },
});

/** Invalidation of a clean entry at `index`: dax_invalidate_mapping_entry_sync() → __dax_invalidate_entry(mapping, index, false). */
const dax_invalidate_mapping_entry_sync = thread({
  params: { index: 0 },
  locals: { xas: null as XaState | null },
  steps: {
    /**
     * XA_STATE(xas, index); get_unlocked_entry(xas, 0); delete the entry unless
     * it is marked DIRTY or TOWRITE; put_unlocked_entry() wakes one waiter.
     * (The xa_state lives on the stack: a retry after sleeping starts afresh.)
     */
    __dax_invalidate_entry(k: K, t) {
      t.xas = k.XA_STATE(t.index, 0);
      const entry = k.xas_find_conflict(t.xas);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        t.xas = null;
        return k.schedule('__dax_invalidate_entry');
      }
      if (entry !== null && !k.xas_get_mark(t.xas, DIRTY) && !k.xas_get_mark(t.xas, TOWRITE)) {
        k.xas_store(t.xas, null);
      }
      t.xas = null;
      put_unlocked_entry(k, t.index, entry, k.variant === 'invalidate-wakes-all');
      return DONE;
    },
  },
});

/** Truncate of `index`, with i_mmap_sem held exclusive: dax_delete_mapping_entry() → __dax_invalidate_entry(mapping, index, true). */
const dax_delete_mapping_entry = thread({
  params: { index: 0 },
  locals: {},
  steps: {
    /** down_write(&EXT4_I(inode)->i_mmap_sem) (XFS_MMAPLOCK_EXCL). */
    down_write(k: K) {
      k.await(k.i_mmap_sem === 0);
      k.i_mmap_sem = -1; // down_write(i_mmap_sem)
    },
    /** get_unlocked_entry(xas, 0); delete the entry; put_unlocked_entry() wakes one waiter; up_write(). */
    __dax_invalidate_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('__dax_invalidate_entry');
      }
      if (entry !== null) {
        k.erase(t.index);
      }
      put_unlocked_entry(k, t.index, entry, k.variant === 'invalidate-wakes-all');
      k.i_mmap_sem = 0; // up_write(i_mmap_sem)
      return DONE;
    },
  },
});

/** A PMD read fault on a hole (zero PMD entry), two PTE write faults at index 1 (the first downgrades), fsync of index 1. */
const fsync_after_downgrade = [pmd_fault({ index: 0, write: 0 }), pte_fault({ index: 1, write: 1, pfn: 2 }), pte_fault({ index: 1, write: 1, pfn: 3 }), dax_writeback_mapping_range({ start: 1, end: 1 })];

export default defineSpec({
  name: 'DaxDowngradeWriteback',
  variants: ['v5.4', 'downgrade-wakes-one', 'invalidate-wakes-all'],
  globals: { i_mmap_sem: 0 },
  threads: { pte_fault, pmd_fault, dax_writeback_mapping_range, dax_invalidate_mapping_entry_sync, dax_delete_mapping_entry },
  configurations: [
    {
      doc: 'A PMD read fault on a hole (zero PMD entry), two PTE write faults at index 1 (the first downgrades), fsync of index 1.',
      variants: ['v5.4'],
      indices: 2,
      threads: fsync_after_downgrade,
    },
    {
      name: '6',
      doc: 'The same, plus a PTE read fault at index 0 and a truncate of index 1 (which can change the pfn fsync waits for).',
      variants: ['v5.4', 'downgrade-wakes-one'],
      indices: 2,
      threads: [...fsync_after_downgrade, pte_fault({ index: 0, write: 0 }), dax_delete_mapping_entry({ index: 1 })],
      expect: { 'downgrade-wakes-one': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'downgrade-waiters',
      doc: 'A PMD read fault on a hole, then three PTE write faults at index 1: two can sleep on the PMD key during the downgrade.',
      variants: ['v5.4', 'downgrade-wakes-one'],
      indices: 2,
      threads: [pmd_fault({ index: 0, write: 0 }), pte_fault({ index: 1, write: 1, pfn: 2 }), pte_fault({ index: 1, write: 1, pfn: 3 }), pte_fault({ index: 1, write: 1, pfn: 4 })],
      expect: { 'downgrade-wakes-one': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'invalidate-pmd',
      doc: 'Not the downgrade: invalidation of a clean PMD entry wakes one of the faults of several indices sleeping on the PMD key (the 2021 bug, through a PMD entry); fixed by 237388320def.',
      variants: ['v5.4', 'invalidate-wakes-all'],
      indices: 2,
      threads: [pmd_fault({ index: 0, write: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), pte_fault({ index: 1, write: 1, pfn: 2 }), pte_fault({ index: 0, write: 0 })],
      expect: { 'v5.4': { violates: 'NoLostWakeup' } },
    },
    {
      name: '7',
      doc: '237388320def applied, seven threads: the 6 configuration plus an invalidation of index 0.',
      variants: ['invalidate-wakes-all'],
      indices: 2,
      threads: [...fsync_after_downgrade, pte_fault({ index: 0, write: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_delete_mapping_entry({ index: 1 })],
    },
  ],
});
