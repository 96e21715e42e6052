/**
 * The 2016–17 lost wake-up with DAX 4k holes (radix-tree era, fs/dax.c and
 * mm/filemap.c of v4.7 .. v4.10-rc).
 *
 * A read fault on a hole locks (or inserts) an empty DAX entry; faults that
 * find it locked sleep on the entry's key. dax_load_hole() then calls
 * find_or_create_page(), whose page_cache_tree_insert() replaces the locked
 * empty entry by a locked 4k page and calls dax_wake_mapping_entry_waiter()
 * with wake_all = false. From then on the index is locked by the page lock,
 * not the DAX entry lock: the woken fault takes lock_page() and ends with
 * unlock_page(), never waking the DAX wait queue again, so the other sleepers
 * sleep forever.
 *
 * Introduced by ac401cc78242 "dax: New fault locking" (v4.7); fixed by
 * 965d004af540 "dax: fix deadlock with DAX 4k holes" (Ross Zwisler, January
 * 2017, Cc: stable 4.7+), which passes wake_all = true in
 * page_cache_tree_insert().
 *
 * Variants:
 *  - buggy: page_cache_tree_insert() wakes one waiter.
 *  - fixed: it wakes all of them; they all move on to the page lock.
 *
 * How the page is modelled: the 4k hole page in the radix tree is a page
 * entry (`page: true`, not a DAX value entry), and that page's PG_locked bit
 * is its `locked` field. radix_tree_exceptional_entry() tells the two apart,
 * and every DAX-locking check of the kernel is guarded by it, so the page's
 * lock bit is never taken for a DAX entry lock. lock_page() sleeps on the
 * page's own wait queue, which is correct and not what this model is about:
 * it is modelled as a blocking step (k.await), not as a DAX wait queue.
 *
 * A fault is dax_iomap_fault() for a read of a hole: grab_mapping_entry(),
 * dax_load_hole(), and put_locked_mapping_entry() at its end.
 */
import { defineSpec, thread, DONE, WAKE_ALL, WAKE_NEXT, type Entry, type Kernel, type Slot } from 'daxspec';
import { dax_entry_waitqueue, dax_is_pmd_entry } from './kernel/dax.js';

type Variant = 'buggy' | 'fixed';
type K = Kernel<Variant>;

/** radix_tree_exceptional_entry(): a DAX entry, as opposed to a page in the slot (the hole page). */
function radix_tree_exceptional_entry(entry: Entry): boolean {
  return !entry.page;
}

/**
 * find_or_create_page() → add_to_page_cache_lru() → page_cache_tree_insert():
 * under mapping->tree_lock, wake the waiters of the locked empty DAX entry and
 * replace it with a new, locked, zero-filled page.
 */
function page_cache_tree_insert(k: K, index: number, p: Entry): Entry {
  k.BUG_ON(!(p.locked && p.empty)); // WARN_ON_ONCE(p != dax_radix_locked_entry(0, RADIX_DAX_EMPTY))
  if (k.variant === 'fixed') {
    k.wakeUp(dax_entry_waitqueue(k, index, p), WAKE_ALL);
  } else {
    k.wakeUp(dax_entry_waitqueue(k, index, p), WAKE_NEXT);
  }
  const page = k.makeEntry({ order: 0, page: true, locked: true });
  k.store(index, page);
  return page;
}

/** A read fault on a hole at `index`: dax_iomap_fault() → grab_mapping_entry(), dax_load_hole(), put_locked_mapping_entry(). */
const dax_iomap_fault = thread({
  params: { index: 0 },
  locals: { entry: null as Slot },
  steps: {
    /**
     * spin_lock_irq(&mapping->tree_lock); get_unlocked_mapping_entry(): sleep
     * on a locked DAX entry; else insert a locked empty entry, lock the DAX
     * entry found, or — a page — get_page() and go to lock_page().
     */
    grab_mapping_entry(k: K, t) {
      const entry = k.load(t.index);
      if (entry !== null && radix_tree_exceptional_entry(entry) && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        return k.schedule('grab_mapping_entry');
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true });
        k.store(t.index, t.entry);
        return 'dax_load_hole';
      }
      if (!radix_tree_exceptional_entry(entry)) {
        return 'lock_page'; // "Normal page in radix tree?": get_page(); spin_unlock_irq(); lock_page()
      }
      t.entry = { ...entry, locked: true }; // lock_slot()
      k.store(t.index, t.entry);
      return 'dax_load_hole';
    },
    /**
     * grab_mapping_entry(): lock_page() on the hole page (sleeps on the
     * page's own wait queue while another fault holds it); then
     * dax_load_hole(): "Hole page already exists? Return it", finish_fault().
     */
    lock_page(k: K, t) {
      const page = k.load(t.index)!;
      k.await(!page.locked);
      t.entry = { ...page, locked: true };
      k.store(t.index, t.entry);
      return 'put_locked_mapping_entry';
    },
    /**
     * dax_load_hole() with a locked DAX entry: find_or_create_page(), which
     * replaces it by a locked page (page_cache_tree_insert()); finish_fault().
     */
    dax_load_hole(k: K, t) {
      t.entry = page_cache_tree_insert(k, t.index, t.entry!);
    },
    /** put_locked_mapping_entry(): the entry is a page, so unlock_page(); put_page(). */
    put_locked_mapping_entry(k: K, t) {
      k.BUG_ON(radix_tree_exceptional_entry(t.entry!)); // a read of a hole always ends on the page
      k.store(t.index, { ...t.entry!, locked: false });
      return DONE;
    },
  },
});

/** The report: three read faults on the same hole. */
const three_faults_on_one_hole = [dax_iomap_fault({ index: 0 }), dax_iomap_fault({ index: 0 }), dax_iomap_fault({ index: 0 })];
const four_faults_on_hole_0 = [...three_faults_on_one_hole, dax_iomap_fault({ index: 0 })];
const three_faults_on_hole_1 = [dax_iomap_fault({ index: 1 }), dax_iomap_fault({ index: 1 }), dax_iomap_fault({ index: 1 })];

export default defineSpec({
  name: 'Dax4kHoles',
  variants: ['buggy', 'fixed'],
  threads: { dax_iomap_fault },
  configurations: [
    {
      doc: 'The report: three read faults on the same hole; the one not woken sleeps forever.',
      indices: 1,
      threads: three_faults_on_one_hole,
      expect: { buggy: { violates: 'NoLostWakeup' } },
    },
    {
      name: '7',
      doc: 'Two holes whose keys share one hashed queue: four read faults on index 0, three on index 1.',
      indices: 2,
      threads: [...four_faults_on_hole_0, ...three_faults_on_hole_1],
      expect: { buggy: { violates: 'NoLostWakeup' } },
    },
  ],
});
