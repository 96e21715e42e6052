/**
 * The 2019 PMD-vs-PTE lost wake-up (fs/dax.c after the XArray conversion,
 * v5.1) and the two fixes argued on the list.
 *
 * A PMD fault's xa_state index is PMD-aligned. xas_find_conflict() finds a
 * locked PTE entry elsewhere in the range without moving that index, and
 * dax_entry_waitqueue() aligns only PMD entries, so the fault sleeps on the
 * aligned key while the PTE's owner wakes its own index.
 *
 * Introduced by b15cd800682f "dax: Convert page fault handlers to XArray"
 * (v4.20; named in the Fixes: tag of the fix below).
 *
 * Variants:
 *  - buggy:             v5.1.
 *  - pmd-aligned-keys:  Dan Williams' "brute force" fix — every key is the
 *                       PMD-aligned index, PTE entry or not.
 *  - conflict-fallback: Matthew Wilcox's fix, 23c84eb78375 "dax: Fix missed
 *                       wakeup with PMD faults" (merged for v5.3, backported
 *                       to 5.2.y): get_unlocked_entry(xas, order) returns
 *                       XA_RETRY_ENTRY for a smaller entry and the PMD fault
 *                       falls back without sleeping.
 *
 * A fault's life is two steps: grab_mapping_entry() (find, lock or insert,
 * under the xa_lock) and dax_unlock_entry() at the end of the fault (the fill
 * of an empty entry by dax_insert_entry() is folded into it). A fallback ends
 * the PMD fault; the PTE faults that follow are modelled as PTE threads.
 */
import { defineSpec, thread, DONE, type Entry, type Kernel, type Slot } from 'daxspec';
import { dax_is_pmd_entry, dax_unlock_entry, pte_fault, put_unlocked_entry } from './kernel/dax.js';

type Variant = 'buggy' | 'pmd-aligned-keys' | 'conflict-fallback-v5.4';
type K = Kernel<Variant>;

/**
 * dax_entry_waitqueue(): the wait key is the xa_state's index, aligned to the
 * PMD only when the entry found is a PMD entry — or always, with the
 * pmd-aligned-keys fix. It replaces the library's one, so the PTE fault,
 * put_unlocked_entry() and dax_unlock_entry() from spec/kernel/dax.ts sleep
 * and wake on these keys too.
 * @replaces
 */
function dax_entry_waitqueue(k: K, xa_index: number, entry: Entry): number {
  if (k.variant === 'pmd-aligned-keys' || dax_is_pmd_entry(entry)) {
    return k.alignDown(xa_index, k.PMD_ORDER);
  }
  return xa_index;
}

/** A PMD fault over the PMD range starting at `index` (PMD-aligned): grab_mapping_entry(xas, mapping, PMD_ORDER), then dax_unlock_entry(). */
const pmd_fault = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /** xas_lock_irq(); get_unlocked_entry(); fall back over a PTE entry, else lock or insert. */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, k.PMD_ORDER);
      if (k.variant === 'conflict-fallback-v5.4' && entry !== null && entry.order < k.PMD_ORDER) {
        return DONE; // XA_RETRY_ENTRY: fall back to PTE faults without waiting
      }
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry !== null && !dax_is_pmd_entry(entry)) {
        put_unlocked_entry(k, t.index, entry, false);
        return DONE; // fallback
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: k.PMD_ORDER, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /** The fault is done with the entry. */
    dax_unlock_entry(k: K, t) {
      dax_unlock_entry(k, t.index, { ...t.entry!, empty: false });
      return DONE;
    },
  },
});

export default defineSpec({
  name: 'DaxPmdWakeup',
  variants: ['buggy', 'pmd-aligned-keys', 'conflict-fallback-v5.4'],
  threads: { pte_fault, pmd_fault },
  configurations: [
    {
      doc: 'The report: a PTE fault at index 1 and a PMD fault over [0, 2).',
      indices: 2,
      threads: [pte_fault({ index: 1 }), pmd_fault({ index: 0 })],
      expect: { buggy: { violates: 'NoLostWakeup' } },
    },
    {
      name: '6',
      doc: 'Two PMD ranges of 2 indices: PTE faults on three indices (two on index 1), a PMD fault on each range.',
      indices: 4,
      threads: [pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 3 }), pmd_fault({ index: 0 }), pmd_fault({ index: 2 })],
      expect: { buggy: { violates: 'NoLostWakeup' } },
    },
    {
      name: '8',
      doc: 'One PMD range of 4 indices (PMD_ORDER 2): two PTE faults on each of 1, 2, 3, two PMD faults; nothing touches index 0.',
      indices: 4,
      PMD_ORDER: 2,
      threads: [pte_fault({ index: 1 }), pte_fault({ index: 2 }), pte_fault({ index: 3 }), pte_fault({ index: 1 }), pte_fault({ index: 2 }), pte_fault({ index: 3 }), pmd_fault({ index: 0 }), pmd_fault({ index: 0 })],
      expect: { buggy: { violates: 'NoLostWakeup' } },
    },
    {
      name: 'masked',
      doc: 'The report plus a PTE fault at the aligned index 0: xas_find_conflict() returns the first present entry, and that fault wakes key 0, so the bug hides.',
      variants: ['buggy'],
      indices: 2,
      threads: [pte_fault({ index: 1 }), pmd_fault({ index: 0 }), pte_fault({ index: 0 })],
    },
    // The thread's open question: with pmd-aligned-keys, every waiter in a PMD
    // range shares one key, so wake-one may wake a waiter for another index,
    // which finds its entry still locked and sleeps again without passing the
    // wake-up on. Can that strand a waiter?
    {
      name: 'question-one-range',
      doc: 'pmd-aligned-keys: two PTE faults on each index of one 2-index range; every waiter shares key 0.',
      variants: ['pmd-aligned-keys'],
      indices: 2,
      threads: [pte_fault({ index: 0 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 })],
    },
    {
      name: 'question-wide-range',
      doc: 'pmd-aligned-keys: a 4-index range (PMD_ORDER 2), two PTE faults on each of three indices.',
      variants: ['pmd-aligned-keys'],
      indices: 4,
      PMD_ORDER: 2,
      threads: [pte_fault({ index: 0 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 3 }), pte_fault({ index: 3 })],
    },
    {
      name: 'question-with-pmd',
      doc: 'pmd-aligned-keys: PTE waiters on both indices of a range plus two PMD faults on it.',
      variants: ['pmd-aligned-keys'],
      indices: 2,
      threads: [pte_fault({ index: 0 }), pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), pmd_fault({ index: 0 }), pmd_fault({ index: 0 })],
    },
    {
      name: 'question-collisions',
      doc: 'pmd-aligned-keys: two ranges whose keys (0 and 2) share one hashed queue (buckets: 1).',
      variants: ['pmd-aligned-keys'],
      indices: 4,
      buckets: 1,
      threads: [pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 2 }), pte_fault({ index: 3 }), pte_fault({ index: 3 }), pmd_fault({ index: 0 })],
    },
    {
      name: 'question-no-collisions',
      doc: 'The same threads with 4 hashed queues: keys 0 and 2 no longer share a queue.',
      variants: ['pmd-aligned-keys'],
      indices: 4,
      buckets: 4,
      threads: [pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 2 }), pte_fault({ index: 3 }), pte_fault({ index: 3 }), pmd_fault({ index: 0 })],
    },
  ],
});
