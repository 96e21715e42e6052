/**
 * fs/dax.c helpers and code paths shared by the specs, as they stand from the
 * XArray conversion (b15cd800682f, v4.20) on: written once here, imported by
 * name (`import { dax_unlock_entry, pte_fault } from './kernel/dax.js'`).
 * What a spec varies stays in the spec; what is here has no variant. A spec
 * whose variant changes one of these functions declares its own, marked
 * `@replaces`, and the rest of this file then calls that one (see
 * spec/dax-pmd-wakeup.ts). dax_is_pmd_entry() and dax_entry_waitqueue() mean
 * the same in the radix-tree code before the conversion (spec/dax-4k-holes.ts).
 */
import { DONE, thread, WAKE_ALL, WAKE_NEXT, type Entry, type Kernel, type Slot } from 'daxspec';

type K = Kernel;

/** dax_is_pmd_entry() */
export function dax_is_pmd_entry(entry: Entry): boolean {
  return entry.order > 0;
}

/** dax_entry_waitqueue(): the key is the xa_state's index, aligned down to the PMD for a PMD entry. */
export function dax_entry_waitqueue(k: K, xa_index: number, entry: Entry): number {
  if (dax_is_pmd_entry(entry)) {
    return k.alignDown(xa_index, k.PMD_ORDER);
  }
  return xa_index;
}

/** dax_wake_entry(xas, entry, mode): wake the next waiter of the entry's key, or (`wake_all`) every one. */
export function dax_wake_entry(k: K, xa_index: number, entry: Entry, wake_all: boolean): void {
  if (wake_all) {
    k.wakeUp(dax_entry_waitqueue(k, xa_index, entry), WAKE_ALL);
  } else {
    k.wakeUp(dax_entry_waitqueue(k, xa_index, entry), WAKE_NEXT);
  }
}

/**
 * put_unlocked_entry(xas, entry, mode): we were woken but did not lock the
 * entry, so pass the wake-up on — for a real entry only, never for NULL.
 * Before v5.13 there is no mode: `wake_all` false.
 */
export function put_unlocked_entry(k: K, xa_index: number, entry: Slot, wake_all: boolean): void {
  if (entry !== null) {
    dax_wake_entry(k, xa_index, entry, wake_all);
  }
}

/** dax_unlock_entry(): store the entry given unlocked (BUG_ON(!dax_is_locked(old))), then wake the next waiter. */
export function dax_unlock_entry(k: K, xa_index: number, entry: Entry): void {
  k.BUG_ON(!k.load(xa_index)!.locked);
  k.store(xa_index, { ...entry, locked: false });
  dax_wake_entry(k, xa_index, entry, false);
}

/**
 * The end of grab_mapping_entry()'s PMD downgrade, under the xa_lock:
 * xas_store(xas, NULL) over the locked PMD entry, dax_wake_entry(xas, entry,
 * WAKE_ALL), xas_set(xas, index); then a new locked empty PTE entry.
 */
export function pmd_downgrade(k: K, xa_index: number, entry: Entry): Entry {
  k.erase(xa_index);
  dax_wake_entry(k, xa_index, entry, true);
  const pte = k.makeEntry({ order: 0, locked: true, empty: true });
  k.store(xa_index, pte);
  return pte;
}

/** A PTE fault at `index` that maps storage: grab_mapping_entry(xas, mapping, 0), fill, dax_unlock_entry(). */
export const pte_fault = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /** xas_lock_irq(); get_unlocked_entry(xas, 0); lock the entry found (dax_lock_entry()) or insert a locked empty one. */
    grab_mapping_entry(k: K, t) {
      const entry = k.findConflict(t.index, 0);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      return 'dax_unlock_entry';
    },
    /** The fault maps storage (dax_insert_entry() fills an empty entry) and is done with the entry. */
    dax_unlock_entry(k: K, t) {
      dax_unlock_entry(k, t.index, { ...t.entry!, empty: false });
      return DONE;
    },
  },
});
