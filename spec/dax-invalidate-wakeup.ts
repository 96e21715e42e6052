/**
 * The 2021 lost wake-up after invalidating a DAX entry (fs/dax.c v4.7 .. v5.12;
 * seen with virtiofs DAX and `make -j`).
 *
 * __dax_invalidate_entry() waits for the entry with get_unlocked_entry(),
 * deletes it with xas_store(NULL), and ends with put_unlocked_entry(), which
 * wakes one waiter — and only if the entry it was given is not NULL. With a
 * fault holding the entry and invalidations A, B, C waiting for it: the fault
 * unlocks and wakes A; A deletes the entry and wakes B; B finds no entry, so
 * its put_unlocked_entry(NULL) wakes nobody; C sleeps forever.
 *
 * Fixed by Vivek Goyal's 237388320def "dax: Wake up all waiters after
 * invalidating dax entry" (v5.13-rc2; Fixes: ac401cc78242 "dax: New fault
 * locking"), after 698ab77aebff "dax: Add an enum for specifying dax wakup
 * mode" and 4c3d043d271d "dax: Add a wakeup mode parameter to
 * put_unlocked_entry()": put_unlocked_entry(xas, entry, mode), WAKE_ALL in
 * __dax_invalidate_entry() and WAKE_NEXT at every other call.
 *
 * Variants:
 *  - buggy: v5.12, put_unlocked_entry() always wakes the next waiter.
 *  - fixed: v5.13, __dax_invalidate_entry() wakes all waiters.
 *
 * A fault is a PTE read fault: grab_mapping_entry(xas, mapping, 0), then
 * dax_unlock_entry() at its end (the fill of an empty entry folded in). Its
 * entry is clean, so an invalidation deletes it, as in the report
 * (invalidate_inode_pages2() → dax_invalidate_mapping_entry_sync()).
 */
import { defineSpec, thread, DONE, WAKE_ALL, WAKE_NEXT, type Entry, type Kernel, type Slot } from 'daxspec';

type Variant = 'buggy' | 'fixed';
type K = Kernel<Variant>;

/** dax_is_pmd_entry() */
function dax_is_pmd_entry(entry: Entry): boolean {
  return entry.order > 0;
}

/** dax_entry_waitqueue(): the key is the xa_state's index, aligned down to the PMD for a PMD entry. */
function dax_entry_waitqueue(k: K, xa_index: number, entry: Entry): number {
  if (dax_is_pmd_entry(entry)) {
    return k.alignDown(xa_index, k.PMD_ORDER);
  }
  return xa_index;
}

/**
 * put_unlocked_entry(xas, entry, mode): wake the next waiter (or, with
 * `wake_all`, every waiter) — only for a real entry, never for NULL.
 * v5.12 has no mode argument: it always wakes the next one.
 */
function put_unlocked_entry(k: K, xa_index: number, entry: Slot, wake_all: boolean): void {
  if (entry !== null) {
    if (wake_all) {
      k.wakeUp(dax_entry_waitqueue(k, xa_index, entry), WAKE_ALL);
    } else {
      k.wakeUp(dax_entry_waitqueue(k, xa_index, entry), WAKE_NEXT);
    }
  }
}

/** dax_unlock_entry(): store the (now filled) entry unlocked, then wake the next waiter. */
function dax_unlock_entry(k: K, xa_index: number, entry: Entry): void {
  k.BUG_ON(!k.load(xa_index)!.locked);
  k.store(xa_index, { ...entry, locked: false, empty: false });
  k.wakeUp(dax_entry_waitqueue(k, xa_index, entry), WAKE_NEXT);
}

/** A PTE fault at `index`: grab_mapping_entry(xas, mapping, 0), fill, dax_unlock_entry(). */
const pte_fault = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /** xas_lock_irq(); get_unlocked_entry(xas, 0); lock the entry found (dax_lock_entry()) or insert a locked empty one. */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return 'schedule';
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /** get_unlocked_entry(): schedule() until woken, finish_wait(), xas_lock_irq() and look again. */
    schedule(k: K, t) {
      k.await(!k.isWaiting(t.self));
      return 'grab_mapping_entry';
    },
    /** The fault is done with the entry. */
    dax_unlock_entry(k: K, t) {
      dax_unlock_entry(k, t.index, t.entry!);
      return DONE;
    },
  },
});

/** invalidate_inode_pages2() of `index`: dax_invalidate_mapping_entry_sync() → __dax_invalidate_entry(mapping, index, false). */
const dax_invalidate_mapping_entry_sync = thread({
  params: { index: 0 },
  locals: {},
  steps: {
    /**
     * xas_lock_irq(); get_unlocked_entry(&xas, 0); if there is an entry,
     * xas_store(&xas, NULL); then put_unlocked_entry() — WAKE_NEXT in v5.12,
     * WAKE_ALL with the fix; xas_unlock_irq().
     */
    __dax_invalidate_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return 'schedule';
      }
      if (entry !== null) {
        k.erase(t.index);
      }
      put_unlocked_entry(k, t.index, entry, k.variant === 'fixed');
      return DONE;
    },
    /** get_unlocked_entry(): schedule() until woken, finish_wait(), xas_lock_irq() and look again. */
    schedule(k: K, t) {
      k.await(!k.isWaiting(t.self));
      return '__dax_invalidate_entry';
    },
  },
});

export default defineSpec({
  name: 'DaxInvalidateWakeup',
  variants: ['buggy', 'fixed'],
  threads: { pte_fault, dax_invalidate_mapping_entry_sync },
  models: [
    {
      name: 'buggy',
      doc: 'The report: a fault holds the entry at an index, three invalidations A, B, C of that index wait for it.',
      variant: 'buggy',
      indices: 1,
      threads: [pte_fault({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 })],
      expect: { violates: 'NoLostWakeup' },
    },
    {
      name: 'fixed',
      doc: 'The report: a fault holds the entry at an index, three invalidations A, B, C of that index wait for it.',
      variant: 'fixed',
      indices: 1,
      threads: [pte_fault({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 })],
      expect: 'holds',
    },
    {
      name: 'buggy-8',
      doc: 'Two indices sharing one hashed queue: two faults and three invalidations at index 0, one fault and two invalidations at index 1.',
      variant: 'buggy',
      indices: 2,
      threads: [
        pte_fault({ index: 0 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }),
        dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }),
        dax_invalidate_mapping_entry_sync({ index: 1 }), dax_invalidate_mapping_entry_sync({ index: 1 }),
      ],
      expect: { violates: 'NoLostWakeup' },
    },
    {
      name: 'fixed-8',
      doc: 'Two indices sharing one hashed queue: two faults and three invalidations at index 0, one fault and two invalidations at index 1.',
      variant: 'fixed',
      indices: 2,
      threads: [
        pte_fault({ index: 0 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }),
        dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }),
        dax_invalidate_mapping_entry_sync({ index: 1 }), dax_invalidate_mapping_entry_sync({ index: 1 }),
      ],
      expect: 'holds',
    },
  ],
});
