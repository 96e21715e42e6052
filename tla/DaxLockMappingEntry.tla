------------------------ MODULE DaxLockMappingEntry -------------------------
(***************************************************************************)
(* dax_lock_mapping_entry() (memory-failure path, 2018; dax_lock_page() in *)
(* v5.0): a self-deadlock, then a consumed exclusive wake-up that was not  *)
(* passed on, then the non-exclusive wait that replaced both.              *)
(*                                                                         *)
(* memory_failure() starts from a poisoned pfn, not from a file offset. It *)
(* takes page->mapping and page->index, takes the i_pages lock, checks     *)
(* that the page is still in that mapping and locks the DAX entry at       *)
(* page->index, sleeping while someone else holds it. Whatever it does     *)
(* after a sleep, it must revalidate page->mapping: the page may have been *)
(* truncated meanwhile.                                                    *)
(*                                                                         *)
(* (a) Self-deadlock. c2a7d2a11552 "filesystem-dax: Introduce              *)
(* dax_lock_mapping_entry()" (Dan Williams; posted as "[PATCH v5 07/11]"   *)
(* on linux-mm, July 2018; radix-tree code) slept in                       *)
(* __get_unlocked_mapping_entry(..., entry_wait_revalidate), which retakes *)
(* the i_pages lock after schedule() and returns ERR_PTR(-EAGAIN); the     *)
(* caller then did `continue` -- back to xa_lock_irq() with the lock still *)
(* held. Barret Rhoden spotted it in review ("In the IS_ERR case, do you   *)
(* need to xa_unlock the mapping? It looks like you'll deadlock the next   *)
(* time around the loop.", linux-mm, 24 Sep 2018); Jan Kara's f52afc93cd01 *)
(* "dax: Fix deadlock in dax_lock_mapping_entry()" (Fixes: c2a7d2a11552):  *)
(* "When dax_lock_mapping_entry() has to sleep to obtain entry lock, it    *)
(* will fail to unlock mapping->i_pages spinlock and thus immediately      *)
(* deadlock against itself when retrying to grab the entry lock again. Fix *)
(* the problem by unlocking mapping->i_pages before retrying."             *)
(* (c2a7d2a11552's code read in its v5 posting and in that review;         *)
(* f52afc93cd01's diff was not seen, only its message.) The model makes    *)
(* the i_pages lock an owner variable (`xa_lock`): every step that takes   *)
(* it can run only while it is free. A spinning CPU is a step that is      *)
(* never enabled, so after the bad `continue` no step of any thread that   *)
(* needs i_pages can ever run: a state with no enabled step in which not   *)
(* every thread is done. That is TLC's deadlock, and the (a) models check  *)
(* it (`deadlock: true`). It is not a lost wake-up -- nobody is asleep on  *)
(* a wait queue -- and Termination would only say "something never ends",  *)
(* not that everything is stuck.                                           *)
(*                                                                         *)
(* (b) The consumed wake-up. Verified from the kernel history:             *)
(* 9f32d221301c "dax: Convert dax_lock_mapping_entry to XArray" (Matthew   *)
(* Wilcox, part of the XArray conversion) slept in get_unlocked_entry(),   *)
(* an exclusive wait that loops under the lock until the entry is          *)
(* unlocked, and then checked "Did the page move while we slept?": if the  *)
(* pfn of the entry it got back was not the page's, it unlocked and        *)
(* retried -- without put_unlocked_entry(). (Code read in the v14 posting  *)
(* of the series, "[PATCH v14 68/74] dax: Convert dax_lock_page to         *)
(* XArray", linux-mm, June 2018; the merged commit id is from the Fixes:   *)
(* tag of fda490d39fc0 "dax: Fix dax_unlock_mapping_entry for PMD pages".) *)
(* The exclusive wake-up it consumed was meant for the next waiter, which  *)
(* sleeps on. The fix is "dax: Avoid losing wakeup in                      *)
(* dax_lock_mapping_entry", one of the commits of Matthew Wilcox's         *)
(* 'xarray-4.20-rc4' pull (merge e2125dac22f2, "We found some bugs in the  *)
(* DAX conversion to XArray"); its own commit id was NOT verified (not     *)
(* found in the sources searched). The 4.20-rc fs/dax.c after it reads:    *)
(* get_unlocked_entry(); xas_unlock_irq(); put_unlocked_entry(); continue. *)
(* So the bug was real; it came with the XArray conversion and was fixed   *)
(* through Matthew Wilcox's pull before v4.20 was released (Jan Kara's     *)
(* 2018 patch is f52afc93cd01, the (a) fix, not this one). The design that *)
(* replaced it, wait_entry_unlocked() (called from dax_lock_page() in v5.0 *)
(* and later), waits non-exclusively, and says why: "Unlike                *)
(* get_unlocked_entry() there is no guarantee that this path ever          *)
(* successfully retrieves an unlocked entry before an inode dies. Perform  *)
(* a non-exclusive wait in case this path never successfully performs its  *)
(* own wake up." The commit that made that wait non-exclusive was not      *)
(* verified either.                                                        *)
(*                                                                         *)
(* Variants (each is the memory-failure side; faults and truncate are the  *)
(* same in all of them for what this model needs: PTE entries at one       *)
(* index):                                                                 *)
(*  - retry-holding-lock: c2a7d2a11552 (radix tree).                       *)
(*  - unlock-before-retry: f52afc93cd01 as its message describes it: the   *)
(*    same code plus xa_unlock_irq() before `continue`.                    *)
(*  - page-moved-retry: 9f32d221301c (XArray, before the 4.20-rc4 fix).    *)
(*  - put-unlocked-entry: "dax: Avoid losing wakeup in                     *)
(*    dax_lock_mapping_entry" (v4.20-rc4).                                 *)
(*  - wait-entry-unlocked: the non-exclusive wait_entry_unlocked().        *)
(*                                                                         *)
(* What the models say beyond the history: f52afc93cd01's code, which      *)
(* revalidates page->mapping after every sleep, holds on the (b)           *)
(* configuration -- after a truncate it sees the page gone before it can   *)
(* sleep again; it is the XArray loop inside get_unlocked_entry(),         *)
(* sleeping again without revalidating, that lets memory_failure() take    *)
(* the refault's wake-up and drop it.                                      *)
(*                                                                         *)
(* Truncate excludes faults: ext4/xfs take i_mmap_sem (MMAPLOCK) shared in *)
(* the fault and exclusive in truncate, so a truncate never waits behind a *)
(* fault's entry (memory_failure() takes no such lock). Without that       *)
(* exclusion the models find the 2021 invalidation bug instead (truncate   *)
(* deletes and wakes only one waiter; see spec/dax-invalidate-wakeup.ts)   *)
(* in every variant with an exclusive wait; wait-entry-unlocked holds even *)
(* then.                                                                   *)
(*                                                                         *)
(* State: one index (page->index = 0), the i_pages lock owner, and         *)
(* page->mapping of the poisoned page (pfn 1) as a boolean: set by         *)
(* dax_associate_entry() when a fault inserts the entry with that pfn,     *)
(* cleared by dax_disassociate_entry() when truncate deletes it. pfns are  *)
(* the entries' identities: a refault after truncate inserts a different   *)
(* pfn.                                                                    *)
(*                                                                         *)
(* Generated by daxspec from spec/dax-lock-mapping-entry.ts,               *)
(* spec/kernel/dax.ts, spec/kernel/memory-failure.ts: do not edit; run npm *)
(* run emit.                                                               *)
(***************************************************************************)
EXTENDS Integers, Sequences, DaxVocabulary

CONSTANTS
    Variant,         \* the code variant: "retry-holding-lock", "unlock-before-retry", "page-moved-retry", "put-unlocked-entry", "wait-entry-unlocked"
    PMD_ORDER,       \* a PMD entry covers 2^PMD_ORDER indices
    NrIndices,       \* the XArray holds indices 0 .. NrIndices - 1
    XA_RETRY_ENTRY,  \* get_unlocked_entry()'s conflict marker (a model value)
    ThreadKind,      \* ThreadKind[t]: the code path thread t runs
    ThreadName,      \* ThreadName[t]: its name in the model, for readers
    index,           \* index[t]: parameter of thread t
    pfn              \* pfn[t]: parameter of thread t

Threads == 1 .. Len(ThreadKind)

PG_PMD_COLOUR == 2 ^ PMD_ORDER - 1

dax_iomap_pte_fault_threads == {t \in Threads : ThreadKind[t] = "dax_iomap_pte_fault"}
dax_delete_mapping_entry_threads == {t \in Threads : ThreadKind[t] = "dax_delete_mapping_entry"}
memory_failure_dev_pagemap_threads == {t \in Threads : ThreadKind[t] = "memory_failure_dev_pagemap"}

VARIABLES
    pc,            \* pc[t]: the label thread t runs next ("Done" once it has returned)
    entry,         \* entry[t]: a local of thread t, an entry, Null or XA_RETRY_ENTRY
    xa_lock,       \* shared: a thread or Null
    page_mapping,  \* shared: a boolean
    i_mmap_sem,    \* shared: an integer
    xa,            \* the XArray: index -> entry or Null
    waitq,         \* the hashed wait table: bucket -> FIFO of [thread, key, exclusive]
    bug            \* the BUG_ON() that fired, or "none"

vars == <<pc, entry, xa_lock, page_mapping, i_mmap_sem, xa, waitq, bug>>

\* --------------------------------------------------------------------------
\* Helpers of the spec (pure functions)

\* dax_is_pmd_entry()
\* (spec/kernel/dax.ts:16)
dax_is_pmd_entry(entry_) ==
    entry_.order > 0

\* dax_entry_waitqueue(): the key is the xa_state's index, aligned down to
\* the PMD for a PMD entry.
\* (spec/kernel/dax.ts:21)
dax_entry_waitqueue(xa_index, entry_) ==
    IF dax_is_pmd_entry(entry_) THEN AlignDown(xa_index, PMD_ORDER) ELSE xa_index

\* memory_failure() in the models: the page it handles. The pfn of the
\* poisoned page memory_failure() handles: the models give that page's entry
\* pfn 1.
\* (spec/kernel/memory-failure.ts:4)
poisoned_pfn ==
    1

\* --------------------------------------------------------------------------
Init ==
    /\ pc = [t \in Threads |-> CASE ThreadKind[t] = "dax_iomap_pte_fault" -> "down_read"
                                        [] ThreadKind[t] = "dax_delete_mapping_entry" -> "down_write"
                                        [] ThreadKind[t] = "memory_failure_dev_pagemap" -> "dax_lock_mapping_entry"]
    /\ entry = [t \in Threads |-> Null]
    /\ xa_lock = Null
    /\ page_mapping = FALSE
    /\ i_mmap_sem = 0
    /\ xa = [i \in 0 .. NrIndices - 1 |-> Null]
    /\ waitq = [b \in 0 .. NrBuckets - 1 |-> <<>>]
    /\ bug = "none"

\* --------------------------------------------------------------------------
\* Thread dax_iomap_pte_fault: A PTE fault at `index` on a hole that
\* allocates the block `pfn`: grab_mapping_entry(), dax_insert_entry(),
\* dax_unlock_entry(). The entry is locked from grab_mapping_entry() to
\* dax_unlock_entry(); dax_insert_entry() swaps the empty entry for the
\* block's entry while it stays locked.
\* (spec/dax-lock-mapping-entry.ts:122)

\* ext4_dax_huge_fault(): down_read(&EXT4_I(inode)->i_mmap_sem)
\* (xfs_filemap_fault(): XFS_MMAPLOCK_SHARED) for the whole fault.
\* (spec/dax-lock-mapping-entry.ts:127)
dax_iomap_pte_fault_down_read(self) ==
    /\ pc[self] = "down_read"
    /\ i_mmap_sem >= 0
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ i_mmap_sem' = i_mmap_sem + 1
    /\ UNCHANGED <<entry, xa_lock, page_mapping, xa, waitq, bug>>

\* grab_mapping_entry(): under the i_pages lock, get_unlocked_entry(); lock
\* the entry found, or insert a locked empty one.
\* (spec/dax-lock-mapping-entry.ts:132)
dax_iomap_pte_fault_grab_mapping_entry(self) ==
    /\ pc[self] = "grab_mapping_entry"
    /\ xa_lock = Null
    /\ LET entry_ == xa[index[self]]
       IN  IF entry_ # Null /\ entry_.locked
           THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                /\ xa_lock' = Null
                /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                /\ bug' = IF self # self THEN "dax_iomap_pte_fault.grab_mapping_entry > xa_unlock_irq()" ELSE bug
                /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa>>
           ELSE IF entry_ = Null
                THEN /\ pc' = [pc EXCEPT ![self] = "dax_insert_entry"]
                     /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0]]
                     /\ xa_lock' = Null
                     /\ xa' = StoreEntry(xa, index[self], [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                     /\ bug' = IF self # self THEN "dax_iomap_pte_fault.grab_mapping_entry > xa_unlock_irq()#2" ELSE bug
                     /\ UNCHANGED <<page_mapping, i_mmap_sem, waitq>>
                ELSE /\ pc' = [pc EXCEPT ![self] = "dax_insert_entry"]
                     /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                     /\ xa_lock' = Null
                     /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                     /\ bug' = IF self # self THEN "dax_iomap_pte_fault.grab_mapping_entry > xa_unlock_irq()#2" ELSE bug
                     /\ UNCHANGED <<page_mapping, i_mmap_sem, waitq>>

\* dax_insert_entry(): an empty entry becomes the new block's entry, still
\* locked; dax_associate_entry() sets page->mapping.
\* (spec/dax-lock-mapping-entry.ts:150)
dax_iomap_pte_fault_dax_insert_entry(self) ==
    /\ pc[self] = "dax_insert_entry"
    /\ xa_lock = Null
    /\ IF entry[self].empty
       THEN IF pfn[self] = poisoned_pfn
            THEN /\ pc' = [pc EXCEPT ![self] = "dax_unlock_entry"]
                 /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                 /\ xa_lock' = Null
                 /\ page_mapping' = TRUE
                 /\ xa' = StoreEntry(xa, index[self], [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                 /\ bug' = IF self # self THEN "dax_iomap_pte_fault.dax_insert_entry > xa_unlock_irq()" ELSE bug
                 /\ UNCHANGED <<i_mmap_sem, waitq>>
            ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_entry"]
                 /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                 /\ xa_lock' = Null
                 /\ xa' = StoreEntry(xa, index[self], [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                 /\ bug' = IF self # self THEN "dax_iomap_pte_fault.dax_insert_entry > xa_unlock_irq()" ELSE bug
                 /\ UNCHANGED <<page_mapping, i_mmap_sem, waitq>>
       ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_entry"]
            /\ xa_lock' = Null
            /\ bug' = IF self # self THEN "dax_iomap_pte_fault.dax_insert_entry > xa_unlock_irq()" ELSE bug
            /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa, waitq>>

\* dax_unlock_entry(): store the entry unlocked, then wake one waiter; the
\* fault ends with up_read(i_mmap_sem).
\* (spec/dax-lock-mapping-entry.ts:162)
dax_iomap_pte_fault_dax_unlock_entry(self) ==
    /\ pc[self] = "dax_unlock_entry"
    /\ xa_lock = Null
    /\ LET entry_ == NonNull(entry[self])
       IN  /\ entry_ = entry_
           /\ pc' = [pc EXCEPT ![self] = "Done"]
           /\ xa_lock' = Null
           /\ i_mmap_sem' = i_mmap_sem - 1
           /\ xa' = StoreEntry(xa, index[self], [entry[self] EXCEPT !.locked = FALSE])
           /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
           /\ bug' = IF self # self THEN "dax_iomap_pte_fault.dax_unlock_entry > xa_unlock_irq()" ELSE (IF ~xa[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry" ELSE bug)
           /\ UNCHANGED <<entry, page_mapping>>

\* schedule() until woken, then grab_mapping_entry
\* (spec/dax-lock-mapping-entry.ts:138)
dax_iomap_pte_fault_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ UNCHANGED <<entry, xa_lock, page_mapping, i_mmap_sem, xa, waitq, bug>>

dax_iomap_pte_fault(self) ==
    \/ dax_iomap_pte_fault_down_read(self)
    \/ dax_iomap_pte_fault_grab_mapping_entry(self)
    \/ dax_iomap_pte_fault_dax_insert_entry(self)
    \/ dax_iomap_pte_fault_dax_unlock_entry(self)
    \/ dax_iomap_pte_fault_schedule(self)

\* --------------------------------------------------------------------------
\* Thread dax_delete_mapping_entry: Truncate of `index`: ext4_setattr() /
\* xfs_setattr_size() take the i_mmap_sem (MMAPLOCK) exclusive, so no fault
\* runs meanwhile; then truncate_pagecache() ? dax_delete_mapping_entry() ?
\* __dax_invalidate_entry(mapping, index, true).
\* (spec/dax-lock-mapping-entry.ts:180)

\* down_write(&EXT4_I(inode)->i_mmap_sem) (XFS_MMAPLOCK_EXCL).
\* (spec/dax-lock-mapping-entry.ts:185)
dax_delete_mapping_entry_down_write(self) ==
    /\ pc[self] = "down_write"
    /\ i_mmap_sem = 0
    /\ pc' = [pc EXCEPT ![self] = "__dax_invalidate_entry"]
    /\ i_mmap_sem' = -1
    /\ UNCHANGED <<entry, xa_lock, page_mapping, xa, waitq, bug>>

\* Under the lock: get_unlocked_entry(); dax_disassociate_entry() and delete
\* it; put_unlocked_entry() wakes one waiter.
\* (spec/dax-lock-mapping-entry.ts:190)
dax_delete_mapping_entry___dax_invalidate_entry(self) ==
    /\ pc[self] = "__dax_invalidate_entry"
    /\ xa_lock = Null
    /\ LET entry_ == xa[index[self]]
       IN  IF entry_ # Null /\ entry_.locked
           THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                /\ xa_lock' = Null
                /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                /\ bug' = IF self # self THEN "dax_delete_mapping_entry.__dax_invalidate_entry > xa_unlock_irq()" ELSE bug
                /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa>>
           ELSE IF entry_ # Null
                THEN IF entry_.pfn = poisoned_pfn
                     THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ xa_lock' = Null
                          /\ page_mapping' = FALSE
                          /\ i_mmap_sem' = 0
                          /\ xa' = EraseEntry(xa, index[self])
                          /\ waitq' = (IF entry_ # Null THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT) ELSE waitq)
                          /\ bug' = IF self # self THEN "dax_delete_mapping_entry.__dax_invalidate_entry > xa_unlock_irq()#2" ELSE bug
                          /\ UNCHANGED entry
                     ELSE /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ xa_lock' = Null
                          /\ i_mmap_sem' = 0
                          /\ xa' = EraseEntry(xa, index[self])
                          /\ waitq' = (IF entry_ # Null THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT) ELSE waitq)
                          /\ bug' = IF self # self THEN "dax_delete_mapping_entry.__dax_invalidate_entry > xa_unlock_irq()#2" ELSE bug
                          /\ UNCHANGED <<entry, page_mapping>>
                ELSE /\ pc' = [pc EXCEPT ![self] = "Done"]
                     /\ xa_lock' = Null
                     /\ i_mmap_sem' = 0
                     /\ waitq' = (IF entry_ # Null THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT) ELSE waitq)
                     /\ bug' = IF self # self THEN "dax_delete_mapping_entry.__dax_invalidate_entry > xa_unlock_irq()#2" ELSE bug
                     /\ UNCHANGED <<entry, page_mapping, xa>>

\* schedule() until woken, then __dax_invalidate_entry
\* (spec/dax-lock-mapping-entry.ts:196)
dax_delete_mapping_entry_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "__dax_invalidate_entry"]
    /\ UNCHANGED <<entry, xa_lock, page_mapping, i_mmap_sem, xa, waitq, bug>>

dax_delete_mapping_entry(self) ==
    \/ dax_delete_mapping_entry_down_write(self)
    \/ dax_delete_mapping_entry___dax_invalidate_entry(self)
    \/ dax_delete_mapping_entry_schedule(self)

\* --------------------------------------------------------------------------
\* Thread memory_failure_dev_pagemap: memory_failure_dev_pagemap() on the
\* page `pfn` at page->index `index`: dax_lock_mapping_entry(page) ?
\* dax_unlock_mapping_entry(page).
\* (spec/dax-lock-mapping-entry.ts:216)

\* The head of the for (;;) loop of dax_lock_mapping_entry():
\* READ_ONCE(page->mapping), xa_lock_irq(), `mapping != page->mapping`, then
\* the entry at page->index: lock it if unlocked, else wait.
\* (spec/dax-lock-mapping-entry.ts:225)
memory_failure_dev_pagemap_dax_lock_mapping_entry(self) ==
    /\ pc[self] = "dax_lock_mapping_entry"
    /\ xa_lock = Null
    /\ IF ~page_mapping
       THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
            /\ xa_lock' = Null
            /\ bug' = IF self # self THEN "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()" ELSE bug
            /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa, waitq>>
       ELSE LET entry_ == xa[index[self]]
            IN  IF entry_ = Null
                THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                     /\ xa_lock' = Null
                     /\ bug' = IF self # self THEN "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()#2" ELSE bug
                     /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa, waitq>>
                ELSE IF entry_.locked
                     THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                          /\ xa_lock' = Null
                          /\ waitq' = (IF Variant = "wait-entry-unlocked" THEN PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), FALSE) ELSE PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE))
                          /\ bug' = IF self # self THEN "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()#3" ELSE bug
                          /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa>>
                     ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_mapping_entry"]
                          /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                          /\ xa_lock' = Null
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ bug' = IF self # self THEN "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()#4" ELSE bug
                          /\ UNCHANGED <<page_mapping, i_mmap_sem, waitq>>

\* schedule(); finish_wait(); then what each variant does after the sleep.
\* (spec/dax-lock-mapping-entry.ts:251)
memory_failure_dev_pagemap_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ IF Variant = "wait-entry-unlocked"
       THEN /\ pc' = [pc EXCEPT ![self] = "dax_lock_mapping_entry"]
            /\ UNCHANGED <<entry, xa_lock, page_mapping, i_mmap_sem, xa, waitq, bug>>
       ELSE /\ xa_lock = Null
            /\ IF Variant = "retry-holding-lock"
               THEN /\ pc' = [pc EXCEPT ![self] = "dax_lock_mapping_entry"]
                    /\ xa_lock' = self
                    /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa, waitq, bug>>
               ELSE IF Variant = "unlock-before-retry"
                    THEN /\ pc' = [pc EXCEPT ![self] = "dax_lock_mapping_entry"]
                         /\ xa_lock' = Null
                         /\ bug' = IF self # self THEN "memory_failure_dev_pagemap.schedule > xa_unlock_irq()" ELSE bug
                         /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa, waitq>>
                    ELSE /\ pc' = [pc EXCEPT ![self] = "get_unlocked_entry"]
                         /\ xa_lock' = self
                         /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa, waitq, bug>>

\* XArray get_unlocked_entry() after a sleep, still under the lock: look
\* again, sleep again while locked.
\* (spec/dax-lock-mapping-entry.ts:267)
memory_failure_dev_pagemap_get_unlocked_entry(self) ==
    /\ pc[self] = "get_unlocked_entry"
    /\ LET entry_ == xa[index[self]]
       IN  IF entry_ # Null /\ entry_.locked
           THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                /\ xa_lock' = Null
                /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                /\ bug' = IF xa_lock # self THEN "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()" ELSE bug
                /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa>>
           ELSE IF Variant = "page-moved-retry"
                THEN IF entry_ = Null \/ entry_.pfn # pfn[self]
                     THEN /\ pc' = [pc EXCEPT ![self] = "dax_lock_mapping_entry"]
                          /\ xa_lock' = Null
                          /\ bug' = IF xa_lock # self THEN "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()#2" ELSE bug
                          /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa, waitq>>
                     ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_mapping_entry"]
                          /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                          /\ xa_lock' = Null
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ bug' = IF xa_lock # self THEN "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()#3" ELSE bug
                          /\ UNCHANGED <<page_mapping, i_mmap_sem, waitq>>
                ELSE /\ pc' = [pc EXCEPT ![self] = "dax_lock_mapping_entry"]
                     /\ xa_lock' = Null
                     /\ waitq' = (IF entry_ # Null THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT) ELSE waitq)
                     /\ bug' = IF xa_lock # self THEN "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()#4" ELSE bug
                     /\ UNCHANGED <<entry, page_mapping, i_mmap_sem, xa>>

\* dax_unlock_mapping_entry(): after memory_failure() is done with the page,
\* store the entry unlocked and wake one waiter.
\* (spec/dax-lock-mapping-entry.ts:289)
memory_failure_dev_pagemap_dax_unlock_mapping_entry(self) ==
    /\ pc[self] = "dax_unlock_mapping_entry"
    /\ xa_lock = Null
    /\ LET entry_ == NonNull(entry[self])
       IN  /\ entry_ = entry_
           /\ pc' = [pc EXCEPT ![self] = "Done"]
           /\ xa_lock' = Null
           /\ xa' = StoreEntry(xa, index[self], [entry[self] EXCEPT !.locked = FALSE])
           /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
           /\ bug' = IF self # self THEN "memory_failure_dev_pagemap.dax_unlock_mapping_entry > xa_unlock_irq()" ELSE (IF ~xa[index[self]].locked THEN "memory_failure_dev_pagemap.dax_unlock_mapping_entry" ELSE bug)
           /\ UNCHANGED <<entry, page_mapping, i_mmap_sem>>

memory_failure_dev_pagemap(self) ==
    \/ memory_failure_dev_pagemap_dax_lock_mapping_entry(self)
    \/ memory_failure_dev_pagemap_schedule(self)
    \/ memory_failure_dev_pagemap_get_unlocked_entry(self)
    \/ memory_failure_dev_pagemap_dax_unlock_mapping_entry(self)

\* --------------------------------------------------------------------------
\* Every thread has returned: stutter (not a deadlock).
Terminating ==
    /\ \A t \in Threads : pc[t] = "Done"
    /\ UNCHANGED vars

\* Thread ids in order, as the checker tries them.
Next ==
    \/ \E self \in Threads :
           \/ self \in dax_iomap_pte_fault_threads /\ dax_iomap_pte_fault(self)
           \/ self \in dax_delete_mapping_entry_threads /\ dax_delete_mapping_entry(self)
           \/ self \in memory_failure_dev_pagemap_threads /\ memory_failure_dev_pagemap(self)
    \/ Terminating

\* Weak fairness per thread, as the checker assumes.
Spec ==
    /\ Init
    /\ [][Next]_vars
    /\ \A self \in dax_iomap_pte_fault_threads : WF_vars(dax_iomap_pte_fault(self))
    /\ \A self \in dax_delete_mapping_entry_threads : WF_vars(dax_delete_mapping_entry(self))
    /\ \A self \in memory_failure_dev_pagemap_threads : WF_vars(memory_failure_dev_pagemap(self))

\* --------------------------------------------------------------------------
\* Properties

\* A thread is asleep while it is on a wait queue.
Sleeping(t) == IsWaiting(waitq, t)

\* Every waiter is eventually woken.
NoLostWakeup == \A t \in Threads : Sleeping(t) ~> ~Sleeping(t)

\* Every thread eventually returns.
Termination == <>(\A t \in Threads : pc[t] = "Done")

\* No BUG_ON() fired.
NoBUG == bug = "none"

\* An entry: its order, lock and state bits, and its block.
EntryValues == [order : Nat, locked : BOOLEAN, empty : BOOLEAN, zero : BOOLEAN, page : BOOLEAN, pfn : Nat]

\* Every variable holds a value of its type (an invariant of every model).
TypeOK ==
    /\ pc \in [Threads -> { "down_read",
                            "grab_mapping_entry",
                            "dax_insert_entry",
                            "dax_unlock_entry",
                            "schedule",
                            "down_write",
                            "__dax_invalidate_entry",
                            "dax_lock_mapping_entry",
                            "get_unlocked_entry",
                            "dax_unlock_mapping_entry",
                            "Done" }]
    /\ index \in [Threads -> Int]
    /\ pfn \in [Threads -> Int]
    /\ entry \in [Threads -> EntryValues \cup {Null, XA_RETRY_ENTRY}]
    /\ xa_lock \in Threads \cup {Null}
    /\ page_mapping \in BOOLEAN
    /\ i_mmap_sem \in Int
    /\ xa \in [0 .. NrIndices - 1 -> EntryValues \cup {Null}]
    /\ waitq \in [0 .. NrBuckets - 1 ->
                 Seq([thread : Threads, key : Nat, exclusive : BOOLEAN])]
    /\ bug \in { "none",
                 "dax_iomap_pte_fault.grab_mapping_entry > xa_unlock_irq()",
                 "dax_iomap_pte_fault.grab_mapping_entry > xa_unlock_irq()#2",
                 "dax_iomap_pte_fault.dax_insert_entry > xa_unlock_irq()",
                 "dax_iomap_pte_fault.dax_unlock_entry",
                 "dax_iomap_pte_fault.dax_unlock_entry > xa_unlock_irq()",
                 "dax_delete_mapping_entry.__dax_invalidate_entry > xa_unlock_irq()",
                 "dax_delete_mapping_entry.__dax_invalidate_entry > xa_unlock_irq()#2",
                 "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()",
                 "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()#2",
                 "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()#3",
                 "memory_failure_dev_pagemap.dax_lock_mapping_entry > xa_unlock_irq()#4",
                 "memory_failure_dev_pagemap.schedule > xa_unlock_irq()",
                 "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()",
                 "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()#2",
                 "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()#3",
                 "memory_failure_dev_pagemap.get_unlocked_entry > xa_unlock_irq()#4",
                 "memory_failure_dev_pagemap.dax_unlock_mapping_entry",
                 "memory_failure_dev_pagemap.dax_unlock_mapping_entry > xa_unlock_irq()" }

\* What TLC prints for each state of a trace (the .cfg's ALIAS): the
\* variables, and each thread by its name at the label it runs next.
Alias ==
    [ pc |-> pc,
      entry |-> entry,
      xa_lock |-> xa_lock,
      page_mapping |-> page_mapping,
      i_mmap_sem |-> i_mmap_sem,
      xa |-> xa,
      waitq |-> waitq,
      bug |-> bug,
      threads |-> [t \in Threads |-> ThreadName[t] \o " at " \o pc[t]] ]

\* (spec/dax-lock-mapping-entry.ts:310)
PageMappingMatchesEntry ==
    page_mapping = (xa[0] # Null /\ xa[0].pfn = poisoned_pfn)

=============================================================================
