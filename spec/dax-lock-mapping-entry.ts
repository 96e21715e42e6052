/**
 * dax_lock_mapping_entry() (memory-failure path, 2018; dax_lock_page() in
 * v5.0): a self-deadlock, then a consumed exclusive wake-up that was not
 * passed on, then the non-exclusive wait that replaced both.
 *
 * memory_failure() starts from a poisoned pfn, not from a file offset. It
 * takes page->mapping and page->index, takes the i_pages lock, checks that
 * the page is still in that mapping and locks the DAX entry at page->index,
 * sleeping while someone else holds it. Whatever it does after a sleep, it
 * must revalidate page->mapping: the page may have been truncated meanwhile.
 *
 * (a) Self-deadlock. c2a7d2a11552 "filesystem-dax: Introduce
 *     dax_lock_mapping_entry()" (Dan Williams; posted as "[PATCH v5 07/11]"
 *     on linux-mm, July 2018; radix-tree code) slept in
 *     __get_unlocked_mapping_entry(..., entry_wait_revalidate), which retakes
 *     the i_pages lock after schedule() and returns ERR_PTR(-EAGAIN); the
 *     caller then did `continue` — back to xa_lock_irq() with the lock still
 *     held. Barret Rhoden spotted it in review ("In the IS_ERR case, do you
 *     need to xa_unlock the mapping? It looks like you'll deadlock the next
 *     time around the loop.", linux-mm, 24 Sep 2018); Jan Kara's
 *     f52afc93cd01 "dax: Fix deadlock in dax_lock_mapping_entry()" (Fixes:
 *     c2a7d2a11552): "When dax_lock_mapping_entry() has to sleep to obtain
 *     entry lock, it will fail to unlock mapping->i_pages spinlock and thus
 *     immediately deadlock against itself when retrying to grab the entry
 *     lock again. Fix the problem by unlocking mapping->i_pages before
 *     retrying." (c2a7d2a11552's code read in its v5 posting and in that
 *     review; f52afc93cd01's diff was not seen, only its message.)
 *     The model makes the i_pages lock an owner variable (`xa_lock`): every
 *     step that takes it can run only while it is free. A spinning CPU is a
 *     step that is never enabled, so after the bad `continue` no step of any
 *     thread that needs i_pages can ever run: a state with no enabled step in
 *     which not every thread is done. That is TLC's deadlock, and the (a)
 *     models check it (`deadlock: true`). It is not a lost wake-up — nobody
 *     is asleep on a wait queue — and Termination would only say "something
 *     never ends", not that everything is stuck.
 *
 * (b) The consumed wake-up. Verified from the kernel history:
 *     9f32d221301c "dax: Convert dax_lock_mapping_entry to XArray" (Matthew
 *     Wilcox, part of the XArray conversion) slept in get_unlocked_entry(),
 *     an exclusive wait that loops under the lock until the entry is
 *     unlocked, and then
 *     checked "Did the page move while we slept?": if the pfn of the entry it
 *     got back was not the page's, it unlocked and retried — without
 *     put_unlocked_entry(). (Code read in the v14 posting of the series,
 *     "[PATCH v14 68/74] dax: Convert dax_lock_page to XArray", linux-mm,
 *     June 2018; the merged commit id is from the Fixes: tag of fda490d39fc0
 *     "dax: Fix dax_unlock_mapping_entry for PMD pages".) The exclusive
 *     wake-up it consumed was meant for the next waiter, which sleeps on.
 *     The fix is "dax: Avoid losing wakeup in dax_lock_mapping_entry", one of
 *     the commits of Matthew Wilcox's 'xarray-4.20-rc4' pull (merge
 *     e2125dac22f2, "We found some bugs in the DAX conversion to XArray");
 *     its own commit id was NOT verified (not found in the sources searched).
 *     The 4.20-rc fs/dax.c after it reads: get_unlocked_entry();
 *     xas_unlock_irq(); put_unlocked_entry(); continue. So the bug was real;
 *     it came with the XArray conversion and was fixed through Matthew
 *     Wilcox's pull before v4.20 was released (Jan Kara's 2018 patch is
 *     f52afc93cd01, the (a) fix, not this one).
 *     The design that replaced it, wait_entry_unlocked() (called from
 *     dax_lock_page() in v5.0 and later), waits non-exclusively, and says
 *     why:
 *     "Unlike get_unlocked_entry() there is no guarantee that this path ever
 *     successfully retrieves an unlocked entry before an inode dies. Perform
 *     a non-exclusive wait in case this path never successfully performs its
 *     own wake up." The commit that made that wait non-exclusive was not
 *     verified either.
 *
 * Variants (each is the memory-failure side; faults and truncate are the same
 * in all of them for what this model needs: PTE entries at one index):
 *  - retry-holding-lock:  c2a7d2a11552 (radix tree).
 *  - unlock-before-retry: f52afc93cd01 as its message describes it: the
 *                         same code plus xa_unlock_irq() before `continue`.
 *  - page-moved-retry:    9f32d221301c (XArray, before the 4.20-rc4 fix).
 *  - put-unlocked-entry:  "dax: Avoid losing wakeup in
 *                         dax_lock_mapping_entry" (v4.20-rc4).
 *  - wait-entry-unlocked: the non-exclusive wait_entry_unlocked().
 *
 * What the models say beyond the history: f52afc93cd01's code, which
 * revalidates page->mapping after every sleep, holds on the (b)
 * configuration — after a truncate it sees the page gone before it can sleep
 * again; it is the XArray loop inside get_unlocked_entry(), sleeping again
 * without revalidating, that lets memory_failure() take the refault's
 * wake-up and drop it.
 *
 * Truncate excludes faults: ext4/xfs take i_mmap_sem (MMAPLOCK) shared in
 * the fault and exclusive in truncate, so a truncate never waits behind a
 * fault's entry (memory_failure() takes no such lock). Without that
 * exclusion the models find the 2021 invalidation bug instead (truncate
 * deletes and wakes only one waiter; see spec/dax-invalidate-wakeup.ts) in
 * every variant with an exclusive wait; wait-entry-unlocked holds even then.
 *
 * State: one index (page->index = 0), the i_pages lock owner, and
 * page->mapping of the poisoned page (pfn 1) as a boolean: set by
 * dax_associate_entry() when a fault inserts the entry with that pfn, cleared
 * by dax_disassociate_entry() when truncate deletes it. pfns are the entries'
 * identities: a refault after truncate inserts a different pfn.
 */
import { defineSpec, thread, DONE, type Kernel, type Slot, type ThreadId } from 'daxspec';
import { dax_entry_waitqueue, dax_wake_entry, put_unlocked_entry } from './kernel/dax.js';
import { poisoned_pfn } from './kernel/memory-failure.js';

type Variant = 'retry-holding-lock' | 'unlock-before-retry' | 'page-moved-retry' | 'put-unlocked-entry' | 'wait-entry-unlocked';
type K = Kernel<Variant, { xa_lock: ThreadId | null; page_mapping: boolean; i_mmap_sem: number }>;

/** xa_lock_irq(&mapping->i_pages) / xas_lock_irq(): spin until the i_pages lock is free, then own it. */
function xa_lock_irq(k: K, self: ThreadId): void {
  k.await(k.xa_lock === null);
  k.xa_lock = self; // takes the i_pages lock
}

/** xa_unlock_irq(&mapping->i_pages) / xas_unlock_irq() */
function xa_unlock_irq(k: K, self: ThreadId): void {
  k.BUG_ON(k.xa_lock !== self);
  k.xa_lock = null; // drops the i_pages lock
}

/**
 * A PTE fault at `index` on a hole that allocates the block `pfn`:
 * grab_mapping_entry(), dax_insert_entry(), dax_unlock_entry(). The entry is
 * locked from grab_mapping_entry() to dax_unlock_entry(); dax_insert_entry()
 * swaps the empty entry for the block's entry while it stays locked.
 */
const dax_iomap_pte_fault = thread({
  params: { index: 0, pfn: 2 },
  locals: { entry: null as Slot },
  steps: {
    /** ext4_dax_huge_fault(): down_read(&EXT4_I(inode)->i_mmap_sem) (xfs_filemap_fault(): XFS_MMAPLOCK_SHARED) for the whole fault. */
    down_read(k: K) {
      k.await(k.i_mmap_sem >= 0);
      k.i_mmap_sem = k.i_mmap_sem + 1; // down_read(i_mmap_sem)
    },
    /** grab_mapping_entry(): under the i_pages lock, get_unlocked_entry(); lock the entry found, or insert a locked empty one. */
    grab_mapping_entry(k: K, t) {
      xa_lock_irq(k, t.self);
      const entry = k.load(t.index);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        xa_unlock_irq(k, t.self);
        return k.schedule('grab_mapping_entry');
      }
      if (entry === null) {
        t.entry = k.makeEntry({ order: 0, locked: true, empty: true });
      } else {
        t.entry = { ...entry, locked: true };
      }
      k.store(t.index, t.entry);
      xa_unlock_irq(k, t.self);
      return 'dax_insert_entry';
    },
    /** dax_insert_entry(): an empty entry becomes the new block's entry, still locked; dax_associate_entry() sets page->mapping. */
    dax_insert_entry(k: K, t) {
      xa_lock_irq(k, t.self);
      if (t.entry!.empty) {
        t.entry = k.makeEntry({ order: 0, locked: true, pfn: t.pfn });
        k.store(t.index, t.entry);
        if (t.pfn === poisoned_pfn()) {
          k.page_mapping = true; // page->mapping = mapping (the poisoned page)
        }
      }
      xa_unlock_irq(k, t.self);
    },
    /** dax_unlock_entry(): store the entry unlocked, then wake one waiter; the fault ends with up_read(i_mmap_sem). */
    dax_unlock_entry(k: K, t) {
      xa_lock_irq(k, t.self);
      k.BUG_ON(!k.load(t.index)!.locked);
      k.store(t.index, { ...t.entry!, locked: false });
      xa_unlock_irq(k, t.self);
      dax_wake_entry(k, t.index, t.entry!, false);
      k.i_mmap_sem = k.i_mmap_sem - 1; // up_read(i_mmap_sem)
      return DONE;
    },
  },
});

/**
 * Truncate of `index`: ext4_setattr() / xfs_setattr_size() take the
 * i_mmap_sem (MMAPLOCK) exclusive, so no fault runs meanwhile; then
 * truncate_pagecache() → dax_delete_mapping_entry() →
 * __dax_invalidate_entry(mapping, index, true).
 */
const dax_delete_mapping_entry = thread({
  params: { index: 0 },
  locals: {},
  steps: {
    /** down_write(&EXT4_I(inode)->i_mmap_sem) (XFS_MMAPLOCK_EXCL). */
    down_write(k: K) {
      k.await(k.i_mmap_sem === 0);
      k.i_mmap_sem = -1; // down_write(i_mmap_sem)
    },
    /** Under the lock: get_unlocked_entry(); dax_disassociate_entry() and delete it; put_unlocked_entry() wakes one waiter. */
    __dax_invalidate_entry(k: K, t) {
      xa_lock_irq(k, t.self);
      const entry = k.load(t.index);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        xa_unlock_irq(k, t.self);
        return k.schedule('__dax_invalidate_entry');
      }
      if (entry !== null) {
        if (entry.pfn === poisoned_pfn()) {
          k.page_mapping = false; // page->mapping = NULL (the poisoned page)
        }
        k.erase(t.index);
      }
      put_unlocked_entry(k, t.index, entry, false);
      xa_unlock_irq(k, t.self);
      k.i_mmap_sem = 0; // up_write(i_mmap_sem)
      return DONE;
    },
  },
});

/**
 * memory_failure_dev_pagemap() on the page `pfn` at page->index `index`:
 * dax_lock_mapping_entry(page) … dax_unlock_mapping_entry(page).
 */
const memory_failure_dev_pagemap = thread({
  params: { index: 0, pfn: 1 },
  locals: { entry: null as Slot },
  steps: {
    /**
     * The head of the for (;;) loop of dax_lock_mapping_entry():
     * READ_ONCE(page->mapping), xa_lock_irq(), `mapping != page->mapping`,
     * then the entry at page->index: lock it if unlocked, else wait.
     */
    dax_lock_mapping_entry(k: K, t) {
      xa_lock_irq(k, t.self);
      if (!k.page_mapping) {
        xa_unlock_irq(k, t.self);
        return DONE; // the page left the file: nothing to lock
      }
      const entry = k.load(t.index);
      if (entry === null) {
        xa_unlock_irq(k, t.self);
        return DONE;
      }
      if (entry.locked) {
        if (k.variant === 'wait-entry-unlocked') {
          k.prepareToWait(dax_entry_waitqueue(k, t.index, entry)); // wait_entry_unlocked(): non-exclusive
        } else {
          k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry)); // __get_unlocked_mapping_entry() / get_unlocked_entry()
        }
        xa_unlock_irq(k, t.self);
        return 'schedule';
      }
      t.entry = { ...entry, locked: true }; // lock_slot() / dax_lock_entry()
      k.store(t.index, t.entry);
      xa_unlock_irq(k, t.self);
      return 'dax_unlock_mapping_entry';
    },
    /** schedule(); finish_wait(); then what each variant does after the sleep. */
    schedule(k: K, t) {
      k.await(!k.isWaiting(t.self));
      if (k.variant === 'wait-entry-unlocked') {
        return 'dax_lock_mapping_entry'; // wait_entry_unlocked() returns unlocked: continue
      }
      xa_lock_irq(k, t.self);
      if (k.variant === 'retry-holding-lock') {
        return 'dax_lock_mapping_entry'; // ERR_PTR(-EAGAIN): continue, the i_pages lock still held
      }
      if (k.variant === 'unlock-before-retry') {
        xa_unlock_irq(k, t.self);
        return 'dax_lock_mapping_entry'; // f52afc93cd01: unlock, then continue
      }
      return 'get_unlocked_entry';
    },
    /** XArray get_unlocked_entry() after a sleep, still under the lock: look again, sleep again while locked. */
    get_unlocked_entry(k: K, t) {
      const entry = k.load(t.index);
      if (entry !== null && entry.locked) {
        k.prepareToWaitExclusive(dax_entry_waitqueue(k, t.index, entry));
        xa_unlock_irq(k, t.self);
        return 'schedule';
      }
      if (k.variant === 'page-moved-retry') {
        if (entry === null || entry.pfn !== t.pfn) {
          xa_unlock_irq(k, t.self);
          return 'dax_lock_mapping_entry'; // "Did the page move while we slept?": continue, no put_unlocked_entry()
        }
        t.entry = { ...entry, locked: true };
        k.store(t.index, t.entry);
        xa_unlock_irq(k, t.self);
        return 'dax_unlock_mapping_entry';
      }
      xa_unlock_irq(k, t.self);
      put_unlocked_entry(k, t.index, entry, false);
      return 'dax_lock_mapping_entry';
    },
    /** dax_unlock_mapping_entry(): after memory_failure() is done with the page, store the entry unlocked and wake one waiter. */
    dax_unlock_mapping_entry(k: K, t) {
      xa_lock_irq(k, t.self);
      k.BUG_ON(!k.load(t.index)!.locked);
      k.store(t.index, { ...t.entry!, locked: false });
      xa_unlock_irq(k, t.self);
      dax_wake_entry(k, t.index, t.entry!, false);
      return DONE;
    },
  },
});

/** (b): the poisoned page's fault, memory_failure(), a truncate, a refault and another fault. */
const page_moved = [dax_iomap_pte_fault({ index: 0, pfn: 1 }), memory_failure_dev_pagemap({ index: 0, pfn: 1 }), dax_delete_mapping_entry({ index: 0 }), dax_iomap_pte_fault({ index: 0, pfn: 2 }), dax_iomap_pte_fault({ index: 0, pfn: 3 })];

export default defineSpec({
  name: 'DaxLockMappingEntry',
  variants: ['retry-holding-lock', 'unlock-before-retry', 'page-moved-retry', 'put-unlocked-entry', 'wait-entry-unlocked'],
  globals: { xa_lock: null as ThreadId | null, page_mapping: false, i_mmap_sem: 0 },
  threads: { dax_iomap_pte_fault, dax_delete_mapping_entry, memory_failure_dev_pagemap },
  invariants: {
    /** page->mapping of the poisoned page is set exactly while its entry is in the file. */
    PageMappingMatchesEntry: (k: K) => k.page_mapping === (k.load(0) !== null && k.load(0)!.pfn === poisoned_pfn()),
  },
  configurations: [
    {
      name: 'a',
      doc: '(a) A fault maps the poisoned page and holds its entry; memory_failure() sleeps on it and, woken, retries (holding i_pages, or not).',
      variants: ['retry-holding-lock', 'unlock-before-retry'],
      indices: 1,
      threads: [dax_iomap_pte_fault({ index: 0, pfn: 1 }), memory_failure_dev_pagemap({ index: 0, pfn: 1 })],
      deadlock: true,
      expect: { 'retry-holding-lock': { violates: 'Deadlock' } },
    },
    {
      name: 'a-5',
      doc: '(a) The (b) configuration: the poisoned page\'s fault, memory_failure(), a truncate, a refault and another fault.',
      variants: ['retry-holding-lock', 'unlock-before-retry'],
      indices: 1,
      threads: page_moved,
      deadlock: true,
      expect: { 'retry-holding-lock': { violates: 'Deadlock' } },
    },
    {
      doc: '(b) memory_failure() sleeps on the poisoned page\'s entry; truncate deletes it, a refault maps pfn 2 and holds it, another fault queues behind memory_failure(); the refault\'s wake-up goes to memory_failure(), which sees another pfn and (page-moved-retry) retries without passing it on.',
      variants: ['page-moved-retry', 'put-unlocked-entry', 'wait-entry-unlocked'],
      indices: 1,
      threads: page_moved,
      expect: { 'page-moved-retry': { violates: 'NoLostWakeup' } },
    },
    {
      name: '6',
      doc: '(b) As above with a second fault waiting.',
      variants: ['page-moved-retry', 'put-unlocked-entry', 'wait-entry-unlocked'],
      indices: 1,
      threads: [...page_moved, dax_iomap_pte_fault({ index: 0, pfn: 4 })],
      expect: { 'page-moved-retry': { violates: 'NoLostWakeup' } },
    },
  ],
});
