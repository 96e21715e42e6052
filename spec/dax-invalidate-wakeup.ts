/**
 * The 2021 lost wake-up after invalidating a DAX entry (fs/dax.c v4.10 ..
 * v5.12: until c6dcf52c23d2 "mm: Invalidate DAX radix tree entries only if
 * appropriate", v4.10-rc2, the delete path woke all; seen with virtiofs DAX
 * and `make -j`).
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
import { defineSpec, thread, DONE, type Kernel } from 'daxspec';
import { dax_entry_waitqueue, put_unlocked_entry, pte_fault } from './kernel/dax.js';

type Variant = 'buggy' | 'fixed';
type K = Kernel<Variant>;

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
        return k.schedule('__dax_invalidate_entry');
      }
      if (entry !== null) {
        k.erase(t.index);
      }
      put_unlocked_entry(k, t.index, entry, k.variant === 'fixed');
      return DONE;
    },
  },
});

export default defineSpec({
  name: 'DaxInvalidateWakeup',
  variants: ['buggy', 'fixed'],
  threads: { pte_fault, dax_invalidate_mapping_entry_sync },
  configurations: [
    {
      doc: 'The report: a fault holds the entry at an index, three invalidations A, B, C of that index wait for it.',
      indices: 1,
      threads: [pte_fault({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 })],
      expect: { buggy: { violates: 'NoLostWakeup' } },
    },
    {
      name: '8',
      doc: 'Two indices sharing one hashed queue: two faults and three invalidations at index 0, one fault and two invalidations at index 1.',
      indices: 2,
      threads: [
        pte_fault({ index: 0 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }),
        dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }),
        dax_invalidate_mapping_entry_sync({ index: 1 }), dax_invalidate_mapping_entry_sync({ index: 1 }),
      ],
      expect: { buggy: { violates: 'NoLostWakeup' } },
    },
  ],
});
