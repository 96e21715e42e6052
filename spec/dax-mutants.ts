/**
 * Mutation check of the fixed entry-lock protocol: fs/dax.c with
 * 23c84eb78375 "dax: Fix missed wakeup with PMD faults" (conflict fallback;
 * v5.3-rc1, backported to 5.1.20 and 5.2.y) as corrected by 61c30c98ef17 "dax:
 * Fix missed wakeup in put_unlocked_entry()" (v5.3-rc3) and 6370740e5f8e
 * "fs/dax: Fix pmd vs pte conflict detection" (v5.4-rc5), and with v5.13's
 * 237388320def "dax: Wake up all waiters after invalidating dax entry". Each variant other than
 * 'fixed' is one plausible one-line mistake; a mutant that no model catches is
 * a finding about the protocol (or about our configurations), not a pass.
 *
 * Variants:
 *  - fixed:                     the protocol as shipped; must hold everywhere.
 *  - no-put-unlocked-entry:     __dax_invalidate_entry() without its
 *                               put_unlocked_entry() — in this protocol the
 *                               only call, and the one that wakes the waiters
 *                               of an entry it deleted. 23c84eb78375 as merged
 *                               did this to every call (it tested
 *                               `entry && dax_is_conflict(entry)`, so
 *                               put_unlocked_entry() woke nobody) until
 *                               61c30c98ef17 fixed the condition.
 *  - wake-one-after-invalidate: put_unlocked_entry(&xas, entry, WAKE_NEXT)
 *                               after invalidating (the v5.12 code).
 *  - unaligned-pmd-key:         dax_entry_waitqueue() keys a PMD entry by the
 *                               xa_state's index without `& ~PG_PMD_COLOUR`.
 *  - no-key-filter:             __wake_up() without
 *                               wake_exceptional_entry_func()'s key compare:
 *                               a wake-up wakes waiters of any key on the
 *                               hashed queue (every model uses one queue).
 *                               NOT CAUGHT by any configuration tried (the
 *                               nine below, and in trials nine threads on
 *                               three PTE indices): its models expect 'holds'.
 *
 * Why no-key-filter is not caught: a waiter woken for another key is not
 * lost, it rechecks its own entry under the xa_lock. If that entry is still
 * locked it queues again at the tail, and the entry's holder will later call
 * dax_unlock_entry(), which wakes the head of the same (shared) queue: the
 * wasted wake-up is replaced. The only paths that go on without waking
 * anybody — an invalidation that finds NULL, a PMD fault that finds a smaller
 * entry — see their entry gone, and every deletion of an entry another thread
 * may wait for (invalidation, PMD downgrade) wakes all waiters, which without
 * the filter means every waiter on the queue. So with FIFO queues the key
 * filter saves spurious wake-ups (a thundering herd) but no wake-up depends on
 * it. (The seed's pmd-aligned-keys fix, where entries of one PMD range share
 * a key, holds for what looks like the same reason.)
 *
 * Threads: PTE faults (grab_mapping_entry(xas, mapping, 0) with the PMD
 * downgrade), PMD faults (grab_mapping_entry(xas, mapping, PMD_ORDER), falling
 * back on XA_RETRY_ENTRY), and invalidations (__dax_invalidate_entry() of a
 * clean entry). A fault ends with dax_unlock_entry(); what it leaves in the
 * entry is the PMD fault's `fill` parameter: 0 maps storage (a real PMD
 * entry), 1 maps the huge zero page (dax_pmd_load_hole(): a zero PMD entry),
 * 2 falls back after grabbing (the empty entry is unlocked as it is). PTE
 * faults map storage.
 */
import { defineSpec, thread, DONE, WAKE_ALL, WAKE_NEXT, type Entry, type Kernel, type Slot } from 'daxspec';
import { dax_is_pmd_entry, dax_unlock_entry, pmd_downgrade, put_unlocked_entry } from './kernel/dax.js';

type Variant = 'fixed' | 'no-put-unlocked-entry' | 'wake-one-after-invalidate' | 'unaligned-pmd-key' | 'no-key-filter';
type K = Kernel<Variant>;

/**
 * dax_entry_waitqueue(): the key is the xa_state's index, aligned down to the
 * PMD when the entry is a PMD entry — not aligned in the unaligned-pmd-key
 * mutant.
 * @replaces
 */
function dax_entry_waitqueue(k: K, xa_index: number, entry: Entry): number {
  if (k.variant !== 'unaligned-pmd-key' && dax_is_pmd_entry(entry)) {
    return k.alignDown(xa_index, k.PMD_ORDER);
  }
  return xa_index;
}

/**
 * dax_wake_entry(xas, entry, mode): __wake_up(wq, TASK_NORMAL, WAKE_ALL ? 0 : 1,
 * &key) with the key filter of wake_exceptional_entry_func() — without it in
 * the no-key-filter mutant.
 * @replaces
 */
function dax_wake_entry(k: K, xa_index: number, entry: Entry, wake_all: boolean): void {
  const key = dax_entry_waitqueue(k, xa_index, entry);
  if (k.variant === 'no-key-filter') {
    if (wake_all) {
      k.wakeUpAnyKey(key, WAKE_ALL);
    } else {
      k.wakeUpAnyKey(key, WAKE_NEXT);
    }
  } else if (wake_all) {
    k.wakeUp(key, WAKE_ALL);
  } else {
    k.wakeUp(key, WAKE_NEXT);
  }
}

/**
 * A PTE fault at `index`: grab_mapping_entry(xas, mapping, 0), fill, dax_unlock_entry();
 * with the PMD downgrade, which the library's PTE fault leaves out.
 * @replaces
 */
const pte_fault = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /**
     * xas_lock_irq(); get_unlocked_entry(xas, 0); an empty or zero PMD entry
     * is downgraded (locked first; a zero one is unmapped with the xa_lock
     * dropped); any other entry is locked as is (a real PMD entry serves the
     * PTE fault); no entry: insert a locked empty PTE entry.
     */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry !== null && dax_is_pmd_entry(entry) && entry.zero) {
        t.entry = { ...entry, locked: true }; // dax_lock_entry(): keep it valid while the xa_lock is dropped
        k.store(t.index, t.entry);
        return 'unmap_mapping_pages';
      }
      if (entry !== null && dax_is_pmd_entry(entry) && entry.empty) {
        t.entry = pmd_downgrade(k, t.index, entry);
        return 'dax_unlock_entry';
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /** xas_unlock_irq(); unmap_mapping_pages() of the zero PMD; xas_reset(); xas_lock_irq(); then the downgrade. */
    unmap_mapping_pages(k: K, t) {
      t.entry = pmd_downgrade(k, t.index, t.entry!);
    },
    /** The fault maps storage (dax_insert_entry()) and is done with the entry. */
    dax_unlock_entry(k: K, t) {
      dax_unlock_entry(k, t.index, { ...t.entry!, empty: false, zero: false });
      return DONE;
    },
  },
});

/** A PMD fault over the PMD range starting at `index` (PMD-aligned): grab_mapping_entry(xas, mapping, PMD_ORDER). */
const pmd_fault = thread({
  params: { index: 0, fill: 0 },
  locals: { entry: null as Slot },
  steps: {
    /**
     * xas_lock_irq(); get_unlocked_entry(xas, PMD_ORDER): XA_RETRY_ENTRY for
     * a smaller entry in the range — fall back without waiting; else lock the
     * PMD entry found or insert a locked empty one.
     */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, k.PMD_ORDER);
      if (entry !== null && entry.order < k.PMD_ORDER) {
        return DONE; // dax_is_conflict(): goto fallback
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
    /**
     * dax_iomap_pmd_fault() ends: dax_insert_entry() of storage (fill 0) or of
     * the huge zero page (fill 1, dax_pmd_load_hole()), or a fallback after
     * the grab (fill 2) that leaves the entry as it was; dax_unlock_entry().
     */
    dax_unlock_entry(k: K, t) {
      if (t.fill === 2) {
        dax_unlock_entry(k, t.index, t.entry!);
      } else {
        dax_unlock_entry(k, t.index, { ...t.entry!, empty: false, zero: t.fill === 1 });
      }
      return DONE;
    },
  },
});

/** An invalidation of a clean entry at `index`: __dax_invalidate_entry(mapping, index, false). */
const dax_invalidate_mapping_entry_sync = thread({
  params: { index: 0 },
  locals: {},
  steps: {
    /**
     * xas_lock_irq(); get_unlocked_entry(&xas, 0); if there is an entry,
     * xas_store(&xas, NULL) (the whole PMD entry if it is one);
     * put_unlocked_entry(&xas, entry, WAKE_ALL); xas_unlock_irq().
     */
    __dax_invalidate_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('__dax_invalidate_entry');
      }
      if (entry !== null) {
        k.erase(t.index);
      }
      if (k.variant !== 'no-put-unlocked-entry') {
        put_unlocked_entry(k, t.index, entry, k.variant !== 'wake-one-after-invalidate');
      }
      return DONE;
    },
  },
});

/** The configurations, each shared by the fixed protocol and the mutants checked on it (see the models' docs). */
const invalidate = [pte_fault({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 })];
const pmd_pte = [pmd_fault({ index: 0 }), pte_fault({ index: 1 })];
const downgrade_empty = [pmd_fault({ index: 0, fill: 2 }), pte_fault({ index: 1 }), pte_fault({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 1 })];
const downgrade_zero = [pmd_fault({ index: 0, fill: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 0 }), pmd_fault({ index: 0 })];
const mixed = [pmd_fault({ index: 0, fill: 2 }), pmd_fault({ index: 0, fill: 1 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 1 })];
const two_ranges = [pmd_fault({ index: 0, fill: 2 }), pmd_fault({ index: 2, fill: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 0 }), pte_fault({ index: 3 }), pte_fault({ index: 2 }), dax_invalidate_mapping_entry_sync({ index: 1 }), dax_invalidate_mapping_entry_sync({ index: 2 })];
const ptes = [pte_fault({ index: 0 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 1 })];
const pmd_order_2 = [pmd_fault({ index: 0, fill: 2 }), pmd_fault({ index: 0, fill: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 2 }), pte_fault({ index: 3 }), pte_fault({ index: 1 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 3 })];

export default defineSpec({
  name: 'DaxMutants',
  variants: ['fixed', 'no-put-unlocked-entry', 'wake-one-after-invalidate', 'unaligned-pmd-key', 'no-key-filter'],
  threads: { pte_fault, pmd_fault, dax_invalidate_mapping_entry_sync },
  // Every configuration under the fixed protocol and under each mutant; a
  // mutant is caught where its expected verdict is a violation. No
  // configuration catches no-key-filter (see the comment at the top).
  configurations: [
    {
      name: 'invalidate-2',
      doc: 'A fault holds index 0; two invalidations of index 0 wait for it.',
      indices: 1,
      threads: [pte_fault({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 })],
      expect: { 'no-put-unlocked-entry': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'invalidate',
      doc: 'A fault holds index 0; three invalidations of index 0 wait for it (the 2021 report).',
      indices: 1,
      threads: invalidate,
      expect: { 'no-put-unlocked-entry': { violates: 'NoLostWakeup' }, 'wake-one-after-invalidate': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'pmd-pte',
      doc: 'A PMD fault over [0, 2) and a PTE fault at index 1 inside it (the 2019 report).',
      indices: 2,
      threads: pmd_pte,
      expect: { 'unaligned-pmd-key': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'downgrade-empty',
      doc: 'A PMD fault over [0, 2) that falls back after the grab (leaving an empty PMD entry), PTE faults at 1 and 0 (downgrade), an invalidation of index 1.',
      indices: 2,
      threads: downgrade_empty,
      expect: { 'no-put-unlocked-entry': { violates: 'NoLostWakeup' }, 'wake-one-after-invalidate': { violates: 'NoLostWakeup' }, 'unaligned-pmd-key': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'downgrade-zero',
      doc: 'A PMD read fault on a hole over [0, 2) (zero PMD entry), PTE faults at 1 and 0 (downgrade with the unmap), a second PMD fault mapping storage.',
      indices: 2,
      threads: downgrade_zero,
      expect: { 'unaligned-pmd-key': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'mixed',
      doc: 'One PMD range [0, 2): two PMD faults (fallback after grab, hole), three PTE faults, an invalidation of each index.',
      indices: 2,
      threads: mixed,
      expect: { 'no-put-unlocked-entry': { violates: 'NoLostWakeup' }, 'wake-one-after-invalidate': { violates: 'NoLostWakeup' }, 'unaligned-pmd-key': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'two-ranges',
      doc: 'Two PMD ranges sharing one hashed queue: a PMD fault on each, two PTE faults in each, an invalidation in each.',
      indices: 4,
      threads: two_ranges,
      expect: { 'no-put-unlocked-entry': { violates: 'NoLostWakeup' }, 'wake-one-after-invalidate': { violates: 'NoLostWakeup' }, 'unaligned-pmd-key': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'ptes',
      doc: 'Two PTE indices sharing one hashed queue: two faults and an invalidation at each.',
      indices: 2,
      threads: ptes,
      expect: { 'no-put-unlocked-entry': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'pmd-order-2',
      doc: 'One PMD range of 4 indices (PMD_ORDER 2): two PMD faults (fallback after grab, hole), PTE faults at 1, 2, 3 and 1, invalidations of 0 and 3.',
      indices: 4,
      PMD_ORDER: 2,
      threads: pmd_order_2,
      expect: { 'no-put-unlocked-entry': { violates: 'NoLostWakeup' }, 'wake-one-after-invalidate': { violates: 'NoLostWakeup' }, 'unaligned-pmd-key': { violates: 'NoLostWakeup' } },
    },
  ],
});
