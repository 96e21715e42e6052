/**
 * The 2019 PMD-vs-PTE wake-up and the chain of commits that fixed it, each
 * commit a variant, all checked on the same configurations.
 *
 * - 0e40de0338d0 "dax: Fix huge page faults" (Matthew Wilcox, v4.20): made
 *   get_unlocked_entry() find the entry with xas_find_conflict(), the first
 *   present entry of the range the xa_state covers, without moving its
 *   index. A PMD fault's index is PMD-aligned; finding a locked PTE entry
 *   elsewhere in the range it sleeps on the aligned key, which the PTE's
 *   owner never wakes (the seed bug, spec/dax-pmd-wakeup.ts). The fixes'
 *   Fixes: tags name b15cd800682f "dax: Convert page fault handlers to
 *   XArray", the conversion this mechanism came with. This variant is the
 *   code of v4.20 to v5.2.
 * - 23c84eb78375 "dax: Fix missed wakeup with PMD faults" (Wilcox, v5.3-rc1;
 *   backported to 5.1.20 and 5.2.y) as merged: get_unlocked_entry(xas,
 *   order) returns a conflict (XA_RETRY_ENTRY) when the entry found is
 *   smaller than `order`, and the PMD fault falls back instead of sleeping.
 *   But it tested the order before NULL, and dax_entry_order(NULL) is 0: an
 *   empty range is a conflict too, so a PMD fault never creates a PMD entry
 *   (invariant NoFallbackOnEmptyRange). And put_unlocked_entry() tested
 *   `entry && dax_is_conflict(entry)`: it woke nobody for a real entry, so an
 *   invalidation that deletes an entry strands the next waiter.
 * - 61c30c98ef17 "dax: Fix missed wakeup in put_unlocked_entry()" (Jan Kara,
 *   v5.3-rc3): `!dax_is_conflict(entry)`. The empty-range conflict remains.
 * - 6370740e5f8e "fs/dax: Fix pmd vs pte conflict detection" (Dan Williams,
 *   v5.4-rc5, 5.3.8 stable): the NULL check first. The fixed protocol (the
 *   seed's conflict-fallback-v5.4).
 *
 * dax_insert_pfn_mkwrite() (the MAP_SYNC fault's second half, from
 * dax_finish_sync_fault()) takes an xa_state of the fault's order, so for a
 * PMD fault it is PMD-aligned and calls get_unlocked_entry() on it like the
 * PMD fault does. Whether it could meet the same wrong-key sleep before
 * 23c84eb78375 is our inference from the code, never reported: the `mkwrite`
 * configuration asks it.
 *
 * Invalidation here is __dax_invalidate_entry() as in v4.20 to v5.12: it
 * wakes one waiter after deleting (237388320def, v5.13, made it wake all).
 */
import { defineSpec, thread, DONE, type Kernel, type Slot } from 'daxspec';
import { dax_entry_waitqueue, dax_is_pmd_entry, dax_unlock_entry, dax_wake_entry, pte_fault } from './kernel/dax.js';

type Variant = '0e40de0338d0' | '23c84eb78375' | '61c30c98ef17' | '6370740e5f8e';
type K = Kernel<Variant, { fallback_on_empty: boolean }>;

/**
 * get_unlocked_entry(xas, order)'s conflict test, from 23c84eb78375 on: is
 * the entry found smaller than wanted? As merged it came before the NULL
 * check, and dax_entry_order(NULL) is 0, so NULL counted as smaller until
 * 6370740e5f8e. 0e40de0338d0 has no such test.
 */
function dax_is_conflict_for(k: K, entry: Slot, order: number): boolean {
  if (k.variant === '0e40de0338d0') return false;
  if (entry === null) return k.variant !== '6370740e5f8e' && order > 0;
  return entry.order < order;
}

/** A PMD fault over the PMD range starting at `index` (PMD-aligned): grab_mapping_entry(xas, mapping, PMD_ORDER), fill, dax_unlock_entry(). */
const pmd_fault = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /** xas_lock_irq(); get_unlocked_entry(); fall back on a conflict or a PTE entry, else lock or insert a PMD entry. */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, k.PMD_ORDER);
      if (dax_is_conflict_for(k, entry, k.PMD_ORDER)) {
        // XA_RETRY_ENTRY: fall back to PTE faults without waiting. Falling
        // back over an empty range means no PMD entry can ever be created.
        if (entry === null) k.fallback_on_empty = true;
        return DONE;
      }
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry !== null && !dax_is_pmd_entry(entry)) {
        // 0e40de0338d0: an unlocked PTE entry; put_unlocked_entry(), fall back.
        dax_wake_entry(k, t.index, entry, false);
        return DONE;
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

/**
 * dax_insert_pfn_mkwrite(vmf, pfn, PMD_ORDER) at `index` (PMD-aligned by
 * XA_STATE_ORDER): get_unlocked_entry(); no entry, a conflict or an entry of
 * the wrong size → put_unlocked_entry() and VM_FAULT_NOPAGE (the fault is
 * retried); else mark it dirty, lock it, map it, dax_unlock_entry().
 */
const dax_insert_pfn_mkwrite = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    get_unlocked_entry(k: K, t) {
      const entry = k.findConflict(t.index, k.PMD_ORDER);
      if (dax_is_conflict_for(k, entry, k.PMD_ORDER)) {
        return DONE; // VM_FAULT_NOPAGE; put_unlocked_entry() ignores a conflict
      }
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('get_unlocked_entry');
      }
      if (entry === null) return DONE; // VM_FAULT_NOPAGE
      if (!dax_is_pmd_entry(entry)) {
        // 0e40de0338d0 only (later a PTE entry is a conflict): "Did we race
        // with someone splitting entry or so?" put_unlocked_entry(), VM_FAULT_NOPAGE.
        dax_wake_entry(k, t.index, entry, false);
        return DONE;
      }
      t.entry = { ...entry, locked: true };
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /** vmf_insert_pfn_pmd() done: dax_unlock_entry(). */
    dax_unlock_entry(k: K, t) {
      dax_unlock_entry(k, t.index, { ...t.entry!, empty: false });
      return DONE;
    },
  },
});

/** invalidate_inode_pages2() of `index`: __dax_invalidate_entry(mapping, index, false) of a clean entry. */
const dax_invalidate_mapping_entry_sync = thread({
  params: { index: 0 },
  locals: {},
  steps: {
    /** xas_lock_irq(); get_unlocked_entry(&xas, 0); if there is an entry, xas_store(&xas, NULL); put_unlocked_entry(). */
    __dax_invalidate_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('__dax_invalidate_entry');
      }
      if (entry !== null) {
        k.erase(t.index);
        // put_unlocked_entry(): wake the next waiter — except in
        // 23c84eb78375 as merged, whose inverted test woke only for a conflict.
        if (k.variant !== '23c84eb78375') dax_wake_entry(k, t.index, entry, false);
      }
      return DONE;
    },
  },
});

export default defineSpec({
  name: 'Dax2019Chain',
  variants: ['0e40de0338d0', '23c84eb78375', '61c30c98ef17', '6370740e5f8e'],
  globals: { fallback_on_empty: false },
  threads: { pte_fault, pmd_fault, dax_insert_pfn_mkwrite, dax_invalidate_mapping_entry_sync },
  invariants: {
    /** A PMD fault over an empty range creates a PMD entry: it falls back only over a smaller entry. */
    NoFallbackOnEmptyRange: (k: K) => !k.fallback_on_empty,
  },
  configurations: [
    {
      doc: 'The 2019 report: a PTE fault at index 1 and a PMD fault over [0, 2).',
      indices: 2,
      threads: [pte_fault({ index: 1 }), pmd_fault({ index: 0 })],
      expect: {
        '0e40de0338d0': { violates: 'NoLostWakeup' },
        '23c84eb78375': { violates: 'NoFallbackOnEmptyRange' },
        '61c30c98ef17': { violates: 'NoFallbackOnEmptyRange' },
      },
    },
    {
      name: 'pmd-alone',
      doc: 'One PMD fault over an empty range: it must create a PMD entry.',
      indices: 2,
      threads: [pmd_fault({ index: 0 })],
      expect: {
        '23c84eb78375': { violates: 'NoFallbackOnEmptyRange' },
        '61c30c98ef17': { violates: 'NoFallbackOnEmptyRange' },
      },
    },
    {
      name: 'invalidate',
      doc: 'A PTE fault holds index 0; two invalidations of index 0 wait for it. The first deletes the entry and must wake the second.',
      indices: 1,
      threads: [pte_fault({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 }), dax_invalidate_mapping_entry_sync({ index: 0 })],
      expect: { '23c84eb78375': { violates: 'NoLostWakeup' } },
    },
    {
      name: 'mkwrite',
      doc: 'MAP_SYNC: dax_insert_pfn_mkwrite() of a PMD at 0 after its PMD entry went away, and a PTE fault at index 1 inside the range.',
      indices: 2,
      threads: [pte_fault({ index: 1 }), dax_insert_pfn_mkwrite({ index: 0 })],
      expect: { '0e40de0338d0': { violates: 'NoLostWakeup' } },
    },
    {
      name: '6',
      doc: 'Two PMD ranges of 2 indices: PTE faults on three indices (two on index 1), a PMD fault on each range.',
      indices: 4,
      threads: [pte_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), pte_fault({ index: 3 }), pmd_fault({ index: 0 }), pmd_fault({ index: 2 })],
      expect: {
        '0e40de0338d0': { violates: 'NoLostWakeup' },
        '23c84eb78375': { violates: 'NoFallbackOnEmptyRange' },
        '61c30c98ef17': { violates: 'NoFallbackOnEmptyRange' },
      },
    },
    {
      name: 'mixed',
      doc: 'Two PMD faults, two PTE faults at index 1 and a MAP_SYNC PMD mkwrite in one range; nothing touches index 0, whose key would mask the bug (see the seed\'s buggy-masked). (No invalidation: deleting a PMD entry other threads sleep on and waking one is the 2021 bug, fixed in v5.13; see spec/dax-downgrade-writeback.ts.)',
      indices: 2,
      threads: [pmd_fault({ index: 0 }), pmd_fault({ index: 0 }), pte_fault({ index: 1 }), pte_fault({ index: 1 }), dax_insert_pfn_mkwrite({ index: 0 })],
      expect: {
        '0e40de0338d0': { violates: 'NoLostWakeup' },
        '23c84eb78375': { violates: 'NoFallbackOnEmptyRange' },
        '61c30c98ef17': { violates: 'NoFallbackOnEmptyRange' },
      },
    },
  ],
});
