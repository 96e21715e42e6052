----------------------- MODULE DaxDowngradeWriteback ------------------------
(***************************************************************************)
(* The PMD downgrade of grab_mapping_entry() and                           *)
(* dax_writeback_mapping_range() (fsync), racing PTE and PMD faults,       *)
(* invalidation and truncate -- fs/dax.c as of v5.4 (before v5.13).        *)
(*                                                                         *)
(* Downgrade: a PTE fault that finds an empty or zero PMD entry over its   *)
(* index locks it (for a zero entry it then drops the i_pages lock to      *)
(* unmap_mapping_pages() the huge zero page and retakes it), stores NULL   *)
(* over the PMD range ("undo the PMD join"), wakes ALL waiters of the PMD  *)
(* key -- dax_wake_entry(xas, entry, true) -- and inserts a locked empty   *)
(* PTE entry at its own index.                                             *)
(*                                                                         *)
(* Why wake all: while the PMD entry is locked, every fault anywhere in    *)
(* its range finds that same entry, and dax_entry_waitqueue() aligns the   *)
(* key of a PMD entry, so all of them sleep on the one PMD key. After the  *)
(* downgrade they want different things: each PTE fault now wants the PTE  *)
(* entry of its own index, whose key is that index. A waiter that is woken *)
(* relocks or inserts the entry of its own index and wakes that index's    *)
(* key when it is done -- never the PMD key again. Woken one at a time,    *)
(* the first would take the wake-up away to another key and the rest would *)
(* sleep on the PMD key with nobody left to wake it. Variant               *)
(* 'downgrade-wakes-one' shows it: a PMD read fault leaves a zero PMD      *)
(* entry; a PTE write fault at index 1 downgrades it; two more PTE faults  *)
(* at index 1 sleep on the PMD key during the unmap; the downgrade wakes   *)
(* one, which locks the new PTE entry of index 1 (waiting for it on key 1  *)
(* if it must) and wakes key 1 at its end; the other sleeps on key 0       *)
(* forever.                                                                *)
(*                                                                         *)
(* fsync: dax_writeback_mapping_range() marks the DIRTY entries of its     *)
(* range TOWRITE (tag_pages_for_writeback()), then walks them with         *)
(* xas_for_each_marked(TOWRITE) and calls dax_writeback_one() with the     *)
(* walked xa_state. If the entry is locked it calls                        *)
(* get_unlocked_entry(xas, 0) on that state; there xas_find_conflict()     *)
(* looks only at the slots after the current one in the state's order-0    *)
(* range -- none -- and returns NULL (lib/xarray.c, v4.20 and later), so   *)
(* writeback does not wait: "Entry got punched out",                       *)
(* put_unlocked_entry(NULL) wakes nobody, and the locked entry is skipped  *)
(* (still tagged TOWRITE). This is the skip 6be3e21d25ca "fs/dax: don't    *)
(* skip locked entries when scanning entries" (2025) names; mainline's     *)
(* writeback still calls get_next_unlocked_entry() on the walked state. An *)
(* unlocked entry is locked (dax_lock_entry()), its TOWRITE mark cleared,  *)
(* flushed with the lock dropped, stored unlocked, its DIRTY mark cleared, *)
(* and one waiter woken.                                                   *)
(*                                                                         *)
(* "v5.4": get_unlocked_entry(xas, order) returns XA_RETRY_ENTRY for a     *)
(* smaller entry (`entry && order < wanted`: the NULL check first) and the *)
(* PMD fault falls back. That is 23c84eb78375 "dax: Fix missed wakeup with *)
(* PMD faults" (Matthew Wilcox; v5.3-rc1, backported to 5.1.20 and 5.2.y)  *)
(* as corrected by 6370740e5f8e "fs/dax: Fix pmd vs pte conflict           *)
(* detection" (Dan Williams, v5.4-rc5, 5.3.8 stable; as merged, NULL       *)
(* counted as a conflict); put_unlocked_entry() is the corrected one       *)
(* (`entry && !dax_is_conflict(entry)`, 61c30c98ef17 "dax: Fix missed      *)
(* wakeup in put_unlocked_entry()", Jan Kara, v5.3-rc3).                   *)
(* spec/dax-2019-chain.ts checks each of these commits. (This variant was  *)
(* named "v5.2" before: 23c84eb78375 is not in the v5.2 release.) Without  *)
(* 23c84eb78375 these models would fail on the seed bug                    *)
(* (spec/dax-pmd-wakeup.ts) as soon as a PMD fault meets a locked PTE      *)
(* entry. put_unlocked_entry() still always wakes one: the 2021 wake-all   *)
(* after invalidation (237388320def) is not applied.                       *)
(*                                                                         *)
(* Variants:                                                               *)
(*  - v5.4: as above.                                                      *)
(*  - downgrade-wakes-one: the downgrade's dax_wake_entry(xas, entry,      *)
(*    false).                                                              *)
(*  - invalidate-wakes-all: v5.4 plus 237388320def "dax: Wake up all       *)
(*    waiters after invalidating dax entry" (Vivek Goyal,                  *)
(*    'dax-fixes-5.13-rc2'): __dax_invalidate_entry() wakes all. The last  *)
(*    one is here because of what the model found when invalidation joined *)
(*    the race: v5.4 loses a wake-up without any downgrade. A PMD fault    *)
(*    holds an empty PMD entry; an invalidation and PTE faults at indices  *)
(*    0 and 1 all sleep on the PMD key; the PMD fault leaves a zero entry  *)
(*    and wakes the invalidation; the invalidation deletes the (clean)     *)
(*    zero entry and put_unlocked_entry() wakes one -- the fault at index  *)
(*    1, which inserts its own PTE entry and at its end wakes key 1; the   *)
(*    fault at index 0 sleeps on key 0 forever (model                      *)
(*    v5.4-invalidate-pmd). It is the 2021 bug of                          *)
(*    spec/dax-invalidate-wakeup.ts reached through a PMD entry, and       *)
(*    237388320def's wake-all fixes it too (model                          *)
(*    invalidate-wakes-all-invalidate-pmd). It needs an invalidation that  *)
(*    does not exclude faults: the 5.13-rc2 pull says the hang "has not    *)
(*    triggered on other filesystems since they hold a lock over           *)
(*    invalidation events" -- virtiofs (v5.10+, with PMD faults) does not. *)
(*    So the v5.4 models that must hold leave invalidation out; truncate   *)
(*    stays, since it never runs during a fault.                           *)
(*                                                                         *)
(* What is modelled and what is not:                                       *)
(*  - A fault is grab_mapping_entry(), then the rest of the fault folded   *)
(*    into one step: dax_insert_entry() (a write gets a new block, pfn =   *)
(*    the thread's `pfn`; a read of a hole gets the zero page) and         *)
(*    dax_unlock_entry(). A zero PMD entry is downgraded with the lock     *)
(*    dropped in between, as in the kernel.                                *)
(*  - A fault holds i_mmap_sem (ext4) / MMAPLOCK (xfs) shared, a truncate  *)
(*    holds it exclusive: truncate never runs during a fault. Invalidation *)
(*    (dax_invalidate_mapping_entry_sync(), from                           *)
(*    invalidate_inode_pages2()) and writeback take no such lock here --   *)
(*    for invalidation, as in a filesystem that does not lock invalidation *)
(*    against faults.                                                      *)
(*  - Marks as the kernel keeps them: a write fault marks its entry DIRTY  *)
(*    (dax_insert_entry(), no MAP_SYNC here); fsync tags DIRTY entries     *)
(*    TOWRITE and clears TOWRITE, then DIRTY, on each entry it writes      *)
(*    back; a store over an entry keeps its marks, a delete drops them.    *)
(*    Invalidation deletes an entry only if it has neither mark            *)
(*    (__dax_invalidate_entry() with trunc = false).                       *)
(*                                                                         *)
(* Generated by daxspec from spec/dax-downgrade-writeback.ts,              *)
(* spec/kernel/dax.ts, spec/kernel/entry.ts, spec/kernel/writeback.ts: do  *)
(* not edit; run npm run emit.                                             *)
(***************************************************************************)
EXTENDS Integers, Sequences, DaxVocabulary

CONSTANTS
    Variant,         \* the code variant: "v5.4", "downgrade-wakes-one", "invalidate-wakes-all"
    PMD_ORDER,       \* a PMD entry covers 2^PMD_ORDER indices
    NrIndices,       \* the XArray holds indices 0 .. NrIndices - 1
    XA_RETRY_ENTRY,  \* get_unlocked_entry()'s conflict marker (a model value)
    ThreadKind,      \* ThreadKind[t]: the code path thread t runs
    ThreadName,      \* ThreadName[t]: its name in the model, for readers
    index,           \* index[t]: parameter of thread t
    write,           \* write[t]: parameter of thread t
    pfn,             \* pfn[t]: parameter of thread t
    start,           \* start[t]: parameter of thread t
    end              \* end[t]: parameter of thread t

Threads == 1 .. Len(ThreadKind)

PG_PMD_COLOUR == 2 ^ PMD_ORDER - 1

pte_fault_threads == {t \in Threads : ThreadKind[t] = "pte_fault"}
pmd_fault_threads == {t \in Threads : ThreadKind[t] = "pmd_fault"}
dax_writeback_mapping_range_threads == {t \in Threads : ThreadKind[t] = "dax_writeback_mapping_range"}
dax_invalidate_mapping_entry_sync_threads == {t \in Threads : ThreadKind[t] = "dax_invalidate_mapping_entry_sync"}
dax_delete_mapping_entry_threads == {t \in Threads : ThreadKind[t] = "dax_delete_mapping_entry"}

VARIABLES
    pc,          \* pc[t]: the label thread t runs next ("Done" once it has returned)
    entry,       \* entry[t]: a local of thread t, an entry, Null or XA_RETRY_ENTRY
    xas,         \* xas[t]: a local of thread t, an xa_state [index, order, node, offset] or Null
    old_pfn,     \* old_pfn[t]: a local of thread t, an integer
    i_mmap_sem,  \* shared: an integer
    xa,          \* the XArray: index -> entry or Null
    marks,       \* the marks of the entry at each index: index -> subset of {DIRTY, TOWRITE}
    waitq,       \* the hashed wait table: bucket -> FIFO of [thread, key, exclusive]
    bug          \* the BUG_ON() that fired, or "none"

vars == <<pc, entry, xas, old_pfn, i_mmap_sem, xa, marks, waitq, bug>>

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

\* An entry with a block behind it: neither dax_is_empty_entry() nor
\* dax_is_zero_entry().
\* (spec/kernel/entry.ts:9)
dax_has_block(entry_) ==
    ~entry_.empty /\ ~entry_.zero

\* --------------------------------------------------------------------------
Init ==
    /\ pc = [t \in Threads |-> CASE ThreadKind[t] = "pte_fault" -> "down_read"
                                        [] ThreadKind[t] = "pmd_fault" -> "down_read"
                                        [] ThreadKind[t] = "dax_writeback_mapping_range" -> "tag_pages_for_writeback"
                                        [] ThreadKind[t] = "dax_invalidate_mapping_entry_sync" -> "__dax_invalidate_entry"
                                        [] ThreadKind[t] = "dax_delete_mapping_entry" -> "down_write"]
    /\ entry = [t \in Threads |-> Null]
    /\ xas = [t \in Threads |-> Null]
    /\ old_pfn = [t \in Threads |-> 0]
    /\ i_mmap_sem = 0
    /\ xa = [i \in 0 .. NrIndices - 1 |-> Null]
    /\ marks = [i \in 0 .. NrIndices - 1 |-> {}]
    /\ waitq = [b \in 0 .. NrBuckets - 1 |-> <<>>]
    /\ bug = "none"

\* --------------------------------------------------------------------------
\* Thread pte_fault: A PTE fault at `index`, a write (new block `pfn`) or a
\* read: dax_iomap_pte_fault(), with the PMD downgrade and the block fill the
\* library's PTE fault leaves out.
\* (spec/dax-downgrade-writeback.ts:130)

\* ext4_dax_huge_fault(): down_read(&EXT4_I(inode)->i_mmap_sem)
\* (xfs_filemap_fault(): XFS_MMAPLOCK_SHARED).
\* (spec/dax-downgrade-writeback.ts:135)
pte_fault_down_read(self) ==
    /\ pc[self] = "down_read"
    /\ i_mmap_sem >= 0
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ i_mmap_sem' = i_mmap_sem + 1
    /\ UNCHANGED <<entry, xas, old_pfn, xa, marks, waitq, bug>>

\* grab_mapping_entry(xas, mapping, 0): xas_lock_irq();
\* get_unlocked_entry(xas, 0); downgrade an empty or zero PMD entry; lock the
\* entry found (a PTE entry, or a PMD entry with a block, used as is) or
\* insert a locked empty PTE entry.
\* (spec/dax-downgrade-writeback.ts:144)
pte_fault_grab_mapping_entry(self) ==
    /\ pc[self] = "grab_mapping_entry"
    /\ LET entry_ == FindConflict(xa, index[self], 0)
       IN  IF entry_ # Null /\ entry_.locked
           THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, bug>>
           ELSE IF entry_ # Null /\ dax_is_pmd_entry(entry_) /\ (entry_.zero \/ entry_.empty)
                THEN /\ ([entry_ EXCEPT !.locked = TRUE]) = ([entry_ EXCEPT !.locked = TRUE])
                     /\ IF entry_.zero
                        THEN /\ pc' = [pc EXCEPT ![self] = "unmap_mapping_pages"]
                             /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                             /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                             /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE])
                             /\ UNCHANGED <<xas, old_pfn, i_mmap_sem, waitq, bug>>
                        ELSE LET entry_2 == [entry_ EXCEPT !.locked = TRUE]
                                 wake_all == ~(Variant = "downgrade-wakes-one")
                                 pte == [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0]
                             IN  /\ pc' = [pc EXCEPT ![self] = "dax_iomap_pte_fault"]
                                 /\ entry' = [entry EXCEPT ![self] = pte]
                                 /\ xa' = StoreEntry(EraseEntry(StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE]), index[self]), index[self], pte)
                                 /\ marks' = StoreMarks(EraseEntry(StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE]), index[self]), EraseMarks(StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE]), StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE]), index[self]), index[self], pte)
                                 /\ waitq' = (IF wake_all THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_2), WAKE_ALL) ELSE WakeUp(waitq, dax_entry_waitqueue(index[self], entry_2), WAKE_NEXT))
                                 /\ UNCHANGED <<xas, old_pfn, i_mmap_sem, bug>>
                ELSE IF entry_ = Null
                     THEN /\ pc' = [pc EXCEPT ![self] = "dax_iomap_pte_fault"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0]]
                          /\ xa' = StoreEntry(xa, index[self], [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                          /\ marks' = StoreMarks(xa, marks, index[self], [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                          /\ UNCHANGED <<xas, old_pfn, i_mmap_sem, waitq, bug>>
                     ELSE /\ pc' = [pc EXCEPT ![self] = "dax_iomap_pte_fault"]
                          /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ UNCHANGED <<xas, old_pfn, i_mmap_sem, waitq, bug>>

\* xas_unlock_irq(); unmap_mapping_pages() of the huge zero page;
\* xas_reset(); xas_lock_irq(); then the rest of the downgrade.
\* (spec/dax-downgrade-writeback.ts:168)
pte_fault_unmap_mapping_pages(self) ==
    /\ pc[self] = "unmap_mapping_pages"
    /\ LET entry_ == NonNull(entry[self])
       IN  /\ entry_ = entry_
           /\ LET wake_all == ~(Variant = "downgrade-wakes-one")
                  pte == [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0]
              IN  /\ pc' = [pc EXCEPT ![self] = "dax_iomap_pte_fault"]
                  /\ entry' = [entry EXCEPT ![self] = pte]
                  /\ xa' = StoreEntry(EraseEntry(xa, index[self]), index[self], pte)
                  /\ marks' = StoreMarks(EraseEntry(xa, index[self]), EraseMarks(xa, marks, index[self]), index[self], pte)
                  /\ waitq' = (IF wake_all THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_ALL) ELSE WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT))
                  /\ bug' = IF ~xa[index[self]].locked THEN "pte_fault.unmap_mapping_pages" ELSE bug
                  /\ UNCHANGED <<xas, old_pfn, i_mmap_sem>>

\* The rest of dax_iomap_pte_fault(): dax_insert_entry() swaps an empty or
\* zero entry for the new block's entry on a write, dax_load_hole() puts the
\* zero page in an empty entry on a read, a block entry stays; a write marks
\* the entry DIRTY; then dax_unlock_entry() and up_read(i_mmap_sem).
\* (spec/dax-downgrade-writeback.ts:178)
pte_fault_dax_iomap_pte_fault(self) ==
    /\ pc[self] = "dax_iomap_pte_fault"
    /\ IF write[self] = 1 /\ ~dax_has_block(NonNull(entry[self]))
       THEN IF write[self] = 1
            THEN /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
                 /\ (XasLoadNext(xa, XaState(index[self], 0))) = (XasLoadNext(xa, XaState(index[self], 0)))
                 /\ (DIRTY) = (DIRTY)
                 /\ LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                    IN  /\ entry_ = entry_
                        /\ pc' = [pc EXCEPT ![self] = "Done"]
                        /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                        /\ xas' = [xas EXCEPT ![self] = Null]
                        /\ i_mmap_sem' = i_mmap_sem - 1
                        /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ marks' = StoreMarks(xa, XasSetMark(xa, marks, XasLoadNext(xa, XaState(index[self], 0)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                        /\ bug' = IF ~xa[index[self]].locked THEN "pte_fault.dax_iomap_pte_fault > dax_unlock_entry()" ELSE bug
                        /\ UNCHANGED old_pfn
            ELSE LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                 IN  /\ entry_ = entry_
                     /\ pc' = [pc EXCEPT ![self] = "Done"]
                     /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                     /\ i_mmap_sem' = i_mmap_sem - 1
                     /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                     /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                     /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                     /\ bug' = IF ~xa[index[self]].locked THEN "pte_fault.dax_iomap_pte_fault > dax_unlock_entry()" ELSE bug
                     /\ UNCHANGED <<xas, old_pfn>>
       ELSE IF entry[self].empty
            THEN IF write[self] = 1
                 THEN /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
                      /\ (XasLoadNext(xa, XaState(index[self], 0))) = (XasLoadNext(xa, XaState(index[self], 0)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0]]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ i_mmap_sem' = i_mmap_sem - 1
                             /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(xa, XasSetMark(xa, marks, XasLoadNext(xa, XaState(index[self], 0)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~xa[index[self]].locked THEN "pte_fault.dax_iomap_pte_fault > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED old_pfn
                 ELSE LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0]]
                          /\ i_mmap_sem' = i_mmap_sem - 1
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "pte_fault.dax_iomap_pte_fault > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<xas, old_pfn>>
            ELSE IF write[self] = 1
                 THEN /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
                      /\ (XasLoadNext(xa, XaState(index[self], 0))) = (XasLoadNext(xa, XaState(index[self], 0)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull(entry[self])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ i_mmap_sem' = i_mmap_sem - 1
                             /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(xa, XasSetMark(xa, marks, XasLoadNext(xa, XaState(index[self], 0)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~xa[index[self]].locked THEN "pte_fault.dax_iomap_pte_fault > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED <<entry, old_pfn>>
                 ELSE LET entry_ == NonNull(entry[self])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ i_mmap_sem' = i_mmap_sem - 1
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "pte_fault.dax_iomap_pte_fault > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<entry, xas, old_pfn>>

\* schedule() until woken, then grab_mapping_entry
\* (spec/dax-downgrade-writeback.ts:148)
pte_fault_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, waitq, bug>>

pte_fault(self) ==
    \/ pte_fault_down_read(self)
    \/ pte_fault_grab_mapping_entry(self)
    \/ pte_fault_unmap_mapping_pages(self)
    \/ pte_fault_dax_iomap_pte_fault(self)
    \/ pte_fault_schedule(self)

\* --------------------------------------------------------------------------
\* Thread pmd_fault: A PMD fault over the PMD range at `index` (PMD-aligned),
\* a write (new block `pfn`) or a read: dax_iomap_pmd_fault().
\* (spec/dax-downgrade-writeback.ts:201)

\* down_read(i_mmap_sem) for the whole fault.
\* (spec/dax-downgrade-writeback.ts:206)
pmd_fault_down_read(self) ==
    /\ pc[self] = "down_read"
    /\ i_mmap_sem >= 0
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ i_mmap_sem' = i_mmap_sem + 1
    /\ UNCHANGED <<entry, xas, old_pfn, xa, marks, waitq, bug>>

\* grab_mapping_entry(xas, mapping, PMD_ORDER): get_unlocked_entry(xas,
\* PMD_ORDER); fall back on a smaller entry; lock or insert a locked empty
\* PMD entry.
\* (spec/dax-downgrade-writeback.ts:211)
pmd_fault_grab_mapping_entry(self) ==
    /\ pc[self] = "grab_mapping_entry"
    /\ LET entry_ == FindConflict(xa, index[self], PMD_ORDER)
       IN  IF entry_ # Null /\ entry_.order < PMD_ORDER
           THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                /\ i_mmap_sem' = i_mmap_sem - 1
                /\ UNCHANGED <<entry, xas, old_pfn, xa, marks, waitq, bug>>
           ELSE IF entry_ # Null /\ entry_.locked
                THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                     /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                     /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, bug>>
                ELSE IF entry_ = Null
                     THEN /\ pc' = [pc EXCEPT ![self] = "dax_iomap_pmd_fault"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0]]
                          /\ xa' = StoreEntry(xa, index[self], [order |-> PMD_ORDER, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                          /\ marks' = StoreMarks(xa, marks, index[self], [order |-> PMD_ORDER, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                          /\ UNCHANGED <<xas, old_pfn, i_mmap_sem, waitq, bug>>
                     ELSE /\ pc' = [pc EXCEPT ![self] = "dax_iomap_pmd_fault"]
                          /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ UNCHANGED <<xas, old_pfn, i_mmap_sem, waitq, bug>>

\* The rest of dax_iomap_pmd_fault(): a write swaps an empty or zero entry
\* for the new block's PMD entry (dax_insert_entry()), a read of a hole puts
\* the huge zero page in an empty entry (dax_pmd_load_hole()); a write marks
\* the entry DIRTY; then dax_unlock_entry() and up_read(i_mmap_sem).
\* (spec/dax-downgrade-writeback.ts:236)
pmd_fault_dax_iomap_pmd_fault(self) ==
    /\ pc[self] = "dax_iomap_pmd_fault"
    /\ IF write[self] = 1 /\ ~dax_has_block(NonNull(entry[self]))
       THEN IF write[self] = 1
            THEN /\ (XaState(index[self], PMD_ORDER)) = (XaState(index[self], PMD_ORDER))
                 /\ (XasLoadNext(xa, XaState(index[self], PMD_ORDER))) = (XasLoadNext(xa, XaState(index[self], PMD_ORDER)))
                 /\ (DIRTY) = (DIRTY)
                 /\ LET entry_ == NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                    IN  /\ entry_ = entry_
                        /\ pc' = [pc EXCEPT ![self] = "Done"]
                        /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                        /\ xas' = [xas EXCEPT ![self] = Null]
                        /\ i_mmap_sem' = i_mmap_sem - 1
                        /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ marks' = StoreMarks(xa, XasSetMark(xa, marks, XasLoadNext(xa, XaState(index[self], PMD_ORDER)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                        /\ bug' = IF ~xa[index[self]].locked THEN "pmd_fault.dax_iomap_pmd_fault > dax_unlock_entry()" ELSE bug
                        /\ UNCHANGED old_pfn
            ELSE LET entry_ == NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                 IN  /\ entry_ = entry_
                     /\ pc' = [pc EXCEPT ![self] = "Done"]
                     /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                     /\ i_mmap_sem' = i_mmap_sem - 1
                     /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                     /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                     /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                     /\ bug' = IF ~xa[index[self]].locked THEN "pmd_fault.dax_iomap_pmd_fault > dax_unlock_entry()" ELSE bug
                     /\ UNCHANGED <<xas, old_pfn>>
       ELSE IF entry[self].empty
            THEN IF write[self] = 1
                 THEN /\ (XaState(index[self], PMD_ORDER)) = (XaState(index[self], PMD_ORDER))
                      /\ (XasLoadNext(xa, XaState(index[self], PMD_ORDER))) = (XasLoadNext(xa, XaState(index[self], PMD_ORDER)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0]]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ i_mmap_sem' = i_mmap_sem - 1
                             /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(xa, XasSetMark(xa, marks, XasLoadNext(xa, XaState(index[self], PMD_ORDER)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~xa[index[self]].locked THEN "pmd_fault.dax_iomap_pmd_fault > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED old_pfn
                 ELSE LET entry_ == NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0]]
                          /\ i_mmap_sem' = i_mmap_sem - 1
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "pmd_fault.dax_iomap_pmd_fault > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<xas, old_pfn>>
            ELSE IF write[self] = 1
                 THEN /\ (XaState(index[self], PMD_ORDER)) = (XaState(index[self], PMD_ORDER))
                      /\ (XasLoadNext(xa, XaState(index[self], PMD_ORDER))) = (XasLoadNext(xa, XaState(index[self], PMD_ORDER)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull(entry[self])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ i_mmap_sem' = i_mmap_sem - 1
                             /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(xa, XasSetMark(xa, marks, XasLoadNext(xa, XaState(index[self], PMD_ORDER)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~xa[index[self]].locked THEN "pmd_fault.dax_iomap_pmd_fault > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED <<entry, old_pfn>>
                 ELSE LET entry_ == NonNull(entry[self])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ i_mmap_sem' = i_mmap_sem - 1
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "pmd_fault.dax_iomap_pmd_fault > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<entry, xas, old_pfn>>

\* schedule() until woken, then grab_mapping_entry
\* (spec/dax-downgrade-writeback.ts:219)
pmd_fault_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, waitq, bug>>

pmd_fault(self) ==
    \/ pmd_fault_down_read(self)
    \/ pmd_fault_grab_mapping_entry(self)
    \/ pmd_fault_dax_iomap_pmd_fault(self)
    \/ pmd_fault_schedule(self)

\* --------------------------------------------------------------------------
\* Thread dax_writeback_mapping_range: fsync of [start, end]:
\* dax_writeback_mapping_range(). tag_pages_for_writeback() marks the DIRTY
\* entries of the range TOWRITE; then, under the i_pages lock, an
\* xas_for_each_marked(TOWRITE) walk hands each entry to dax_writeback_one()
\* with the *walked* xa_state, which drops the lock to flush an entry and
\* retakes it; the walk goes on under that hold. A step here is one hold of
\* the lock: the end of one entry's flush, the walk's next step and the next
\* entry's dax_writeback_one(). (The walk's xas_pause() every XA_CHECK_SCHED
\* entries never comes: a model has fewer. After an entry it skips, the walk
\* goes on in a step of its own; the models write back one index, so that is
\* the end of the walk.)
\* (spec/dax-downgrade-writeback.ts:268)

\* tag_pages_for_writeback(mapping, start, end): DIRTY ? also TOWRITE, under
\* one hold of the lock; XA_STATE(xas, start).
\* (spec/dax-downgrade-writeback.ts:273)
dax_writeback_mapping_range_tag_pages_for_writeback(self) ==
    /\ pc[self] = "tag_pages_for_writeback"
    /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
    /\ xas' = [xas EXCEPT ![self] = XaState(start[self], 0)]
    /\ marks' = TagPagesForWriteback(xa, marks, start[self], end[self])
    /\ UNCHANGED <<entry, old_pfn, i_mmap_sem, xa, waitq, bug>>

\* xas_lock_irq() (after a flush: xas_reset(); xas_lock_irq(); xas_store()
\* the flushed entry unlocked; xas_clear_mark(DIRTY); dax_wake_entry(xas,
\* entry, false)); the walk's next entry (xas_find_marked() from a fresh
\* state, xas_next_marked() from a walked one); dax_writeback_one(): a locked
\* entry gets get_unlocked_entry(xas, 0) on the walked state, whose
\* xas_find_conflict() looks only at the slots after the current one in the
\* state's order-0 range -- none -- and returns NULL: "Entry got punched
\* out", put_unlocked_entry(NULL) wakes nobody, and the entry is skipped,
\* still tagged TOWRITE. An unlocked one: dax_lock_entry(),
\* xas_clear_mark(TOWRITE), and the lock is dropped to flush it.
\* (spec/dax-downgrade-writeback.ts:289)
dax_writeback_mapping_range_dax_writeback_one(self) ==
    /\ pc[self] = "dax_writeback_one"
    /\ IF entry[self] # Null
       THEN /\ (XasReset(xas[self])) = (XasReset(xas[self]))
            /\ (XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE])) = (XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]))
            /\ (DIRTY) = (DIRTY)
            /\ LET xa_index == XasIndex(NonNull(XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE])))
               IN  /\ xa_index = xa_index
                   /\ LET entry_ == entry[self]
                      IN  /\ (TOWRITE) = (TOWRITE)
                          /\ LET entry_2 == XasFindMarked(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)
                             IN  /\ entry_2 = entry_2
                                 /\ (XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)) = (XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE))
                                 /\ (TOWRITE) = (TOWRITE)
                                 /\ IF entry_2 = Null
                                    THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                                         /\ entry' = [entry EXCEPT ![self] = Null]
                                         /\ xas' = [xas EXCEPT ![self] = Null]
                                         /\ xa' = XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE])
                                         /\ marks' = XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY)
                                         /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT)
                                         /\ UNCHANGED <<old_pfn, i_mmap_sem, bug>>
                                    ELSE IF entry_2.locked
                                         THEN LET found == XasFindConflict(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE))
                                              IN  /\ found = found
                                                  /\ (XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE))) = (XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)))
                                                  /\ IF found # Null /\ found.locked
                                                     THEN /\ (XasIndex(NonNull(XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE))))) = (XasIndex(NonNull(XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)))))
                                                          /\ pc' = [pc EXCEPT ![self] = "schedule"]
                                                          /\ entry' = [entry EXCEPT ![self] = Null]
                                                          /\ xas' = [xas EXCEPT ![self] = XasReset(XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)))]
                                                          /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                          /\ xa' = XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE])
                                                          /\ marks' = XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY)
                                                          /\ waitq' = PrepareToWait(WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT), self, dax_entry_waitqueue(XasIndex(NonNull(XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)))), found), TRUE)
                                                          /\ UNCHANGED <<i_mmap_sem, bug>>
                                                     ELSE LET old_pfn_ == entry_2.pfn
                                                              skip == found = Null \/ found.pfn # old_pfn_ \/ ~XasGetMark(XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), TOWRITE)
                                                          IN  IF skip
                                                              THEN LET xa_index_2 == XasIndex(NonNull(XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE))))
                                                                   IN  /\ xa_index_2 = xa_index_2
                                                                       /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                                                       /\ entry' = [entry EXCEPT ![self] = Null]
                                                                       /\ xas' = [xas EXCEPT ![self] = XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE))]
                                                                       /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                                       /\ xa' = XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE])
                                                                       /\ marks' = XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY)
                                                                       /\ waitq' = (IF found # Null THEN WakeUp(WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT), dax_entry_waitqueue(xa_index_2, found), WAKE_NEXT) ELSE WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT))
                                                                       /\ UNCHANGED <<i_mmap_sem, bug>>
                                                              ELSE /\ (TOWRITE) = (TOWRITE)
                                                                   /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                                                   /\ entry' = [entry EXCEPT ![self] = found]
                                                                   /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])]
                                                                   /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                                   /\ xa' = XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])
                                                                   /\ marks' = XasClearMark(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreMarks(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), TOWRITE)
                                                                   /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT)
                                                                   /\ UNCHANGED <<i_mmap_sem, bug>>
                                         ELSE /\ (TOWRITE) = (TOWRITE)
                                              /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                              /\ entry' = [entry EXCEPT ![self] = entry_2]
                                              /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])]
                                              /\ xa' = XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])
                                              /\ marks' = XasClearMark(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreMarks(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), TOWRITE)
                                              /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT)
                                              /\ UNCHANGED <<old_pfn, i_mmap_sem, bug>>
       ELSE /\ (TOWRITE) = (TOWRITE)
            /\ LET entry_2 == XasFindMarked(xa, marks, xas[self], end[self], TOWRITE)
               IN  /\ entry_2 = entry_2
                   /\ (XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)) = (XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))
                   /\ (TOWRITE) = (TOWRITE)
                   /\ IF entry_2 = Null
                      THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                           /\ xas' = [xas EXCEPT ![self] = Null]
                           /\ UNCHANGED <<entry, old_pfn, i_mmap_sem, xa, marks, waitq, bug>>
                      ELSE IF entry_2.locked
                           THEN LET found == XasFindConflict(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))
                                IN  /\ found = found
                                    /\ (XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))) = (XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)))
                                    /\ IF found # Null /\ found.locked
                                       THEN /\ (XasIndex(NonNull(XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))))) = (XasIndex(NonNull(XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)))))
                                            /\ pc' = [pc EXCEPT ![self] = "schedule"]
                                            /\ xas' = [xas EXCEPT ![self] = XasReset(XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)))]
                                            /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                            /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(XasIndex(NonNull(XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)))), found), TRUE)
                                            /\ UNCHANGED <<entry, i_mmap_sem, xa, marks, bug>>
                                       ELSE LET old_pfn_ == entry_2.pfn
                                                skip == found = Null \/ found.pfn # old_pfn_ \/ ~XasGetMark(marks, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), TOWRITE)
                                            IN  IF skip
                                                THEN LET xa_index_2 == XasIndex(NonNull(XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))))
                                                     IN  /\ xa_index_2 = xa_index_2
                                                         /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                                         /\ xas' = [xas EXCEPT ![self] = XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))]
                                                         /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                         /\ waitq' = (IF found # Null THEN WakeUp(waitq, dax_entry_waitqueue(xa_index_2, found), WAKE_NEXT) ELSE waitq)
                                                         /\ UNCHANGED <<entry, i_mmap_sem, xa, marks, bug>>
                                                ELSE /\ (TOWRITE) = (TOWRITE)
                                                     /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                                     /\ entry' = [entry EXCEPT ![self] = found]
                                                     /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])]
                                                     /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                     /\ xa' = XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])
                                                     /\ marks' = XasClearMark(XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreMarks(xa, marks, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), TOWRITE)
                                                     /\ UNCHANGED <<i_mmap_sem, waitq, bug>>
                           ELSE /\ (TOWRITE) = (TOWRITE)
                                /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                /\ entry' = [entry EXCEPT ![self] = entry_2]
                                /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])]
                                /\ xa' = XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])
                                /\ marks' = XasClearMark(XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreMarks(xa, marks, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), TOWRITE)
                                /\ UNCHANGED <<old_pfn, i_mmap_sem, waitq, bug>>

\* get_unlocked_entry() looks again (from the top: the state was reset), then
\* dax_writeback_one() goes on as above.
\* (spec/dax-downgrade-writeback.ts:324)
dax_writeback_mapping_range_get_unlocked_entry(self) ==
    /\ pc[self] = "get_unlocked_entry"
    /\ LET entry_ == XasFindConflict(xa, xas[self])
       IN  /\ entry_ = entry_
           /\ (XasFindConflictNext(xa, xas[self])) = (XasFindConflictNext(xa, xas[self]))
           /\ IF entry_ # Null /\ entry_.locked
              THEN /\ (XasIndex(NonNull(XasFindConflictNext(xa, xas[self])))) = (XasIndex(NonNull(XasFindConflictNext(xa, xas[self]))))
                   /\ pc' = [pc EXCEPT ![self] = "schedule"]
                   /\ xas' = [xas EXCEPT ![self] = XasReset(XasFindConflictNext(xa, xas[self]))]
                   /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(XasIndex(NonNull(XasFindConflictNext(xa, xas[self]))), entry_), TRUE)
                   /\ UNCHANGED <<entry, old_pfn, i_mmap_sem, xa, marks, bug>>
              ELSE LET old_pfn_ == old_pfn[self]
                       skip == entry_ = Null \/ entry_.pfn # old_pfn_ \/ ~XasGetMark(marks, XasFindConflictNext(xa, xas[self]), TOWRITE)
                   IN  IF skip
                       THEN LET xa_index == XasIndex(NonNull(XasFindConflictNext(xa, xas[self])))
                            IN  /\ xa_index = xa_index
                                /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                /\ xas' = [xas EXCEPT ![self] = XasFindConflictNext(xa, xas[self])]
                                /\ waitq' = (IF entry_ # Null THEN WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT) ELSE waitq)
                                /\ UNCHANGED <<entry, old_pfn, i_mmap_sem, xa, marks, bug>>
                       ELSE /\ (TOWRITE) = (TOWRITE)
                            /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                            /\ entry' = [entry EXCEPT ![self] = entry_]
                            /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(xa, XasFindConflictNext(xa, xas[self]), [entry_ EXCEPT !.locked = TRUE]), XasFindConflictNext(xa, xas[self]), [entry_ EXCEPT !.locked = TRUE])]
                            /\ xa' = XasStore(xa, XasFindConflictNext(xa, xas[self]), [entry_ EXCEPT !.locked = TRUE])
                            /\ marks' = XasClearMark(XasStore(xa, XasFindConflictNext(xa, xas[self]), [entry_ EXCEPT !.locked = TRUE]), XasStoreMarks(xa, marks, XasFindConflictNext(xa, xas[self]), [entry_ EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(xa, XasFindConflictNext(xa, xas[self]), [entry_ EXCEPT !.locked = TRUE]), XasFindConflictNext(xa, xas[self]), [entry_ EXCEPT !.locked = TRUE]), TOWRITE)
                            /\ UNCHANGED <<old_pfn, i_mmap_sem, waitq, bug>>

\* schedule() until woken, then get_unlocked_entry
\* (spec/dax-downgrade-writeback.ts:308)
dax_writeback_mapping_range_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "get_unlocked_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, waitq, bug>>

dax_writeback_mapping_range(self) ==
    \/ dax_writeback_mapping_range_tag_pages_for_writeback(self)
    \/ dax_writeback_mapping_range_dax_writeback_one(self)
    \/ dax_writeback_mapping_range_get_unlocked_entry(self)
    \/ dax_writeback_mapping_range_schedule(self)

\* --------------------------------------------------------------------------
\* Thread dax_invalidate_mapping_entry_sync: Invalidation of a clean entry at
\* `index`: dax_invalidate_mapping_entry_sync() ?
\* __dax_invalidate_entry(mapping, index, false).
\* (spec/dax-downgrade-writeback.ts:345)

\* XA_STATE(xas, index); get_unlocked_entry(xas, 0); delete the entry unless
\* it is marked DIRTY or TOWRITE; put_unlocked_entry() wakes one waiter. (The
\* xa_state lives on the stack: a retry after sleeping starts afresh.)
\* (spec/dax-downgrade-writeback.ts:354)
dax_invalidate_mapping_entry_sync___dax_invalidate_entry(self) ==
    /\ pc[self] = "__dax_invalidate_entry"
    /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
    /\ LET entry_ == XasFindConflict(xa, XaState(index[self], 0))
       IN  /\ entry_ = entry_
           /\ (XasFindConflictNext(xa, XaState(index[self], 0))) = (XasFindConflictNext(xa, XaState(index[self], 0)))
           /\ IF entry_ # Null /\ entry_.locked
              THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                   /\ xas' = [xas EXCEPT ![self] = Null]
                   /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                   /\ UNCHANGED <<entry, old_pfn, i_mmap_sem, xa, marks, bug>>
              ELSE IF entry_ # Null /\ ~XasGetMark(marks, XasFindConflictNext(xa, XaState(index[self], 0)), DIRTY) /\ ~XasGetMark(marks, XasFindConflictNext(xa, XaState(index[self], 0)), TOWRITE)
                   THEN /\ (XasStoreNext(XasStore(xa, XasFindConflictNext(xa, XaState(index[self], 0)), Null), XasFindConflictNext(xa, XaState(index[self], 0)), Null)) = (XasStoreNext(XasStore(xa, XasFindConflictNext(xa, XaState(index[self], 0)), Null), XasFindConflictNext(xa, XaState(index[self], 0)), Null))
                        /\ pc' = [pc EXCEPT ![self] = "Done"]
                        /\ xas' = [xas EXCEPT ![self] = Null]
                        /\ xa' = XasStore(xa, XasFindConflictNext(xa, XaState(index[self], 0)), Null)
                        /\ marks' = XasStoreMarks(xa, marks, XasFindConflictNext(xa, XaState(index[self], 0)), Null)
                        /\ waitq' = (IF entry_ # Null THEN (IF Variant = "invalidate-wakes-all" THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_ALL) ELSE WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)) ELSE waitq)
                        /\ UNCHANGED <<entry, old_pfn, i_mmap_sem, bug>>
                   ELSE /\ pc' = [pc EXCEPT ![self] = "Done"]
                        /\ xas' = [xas EXCEPT ![self] = Null]
                        /\ waitq' = (IF entry_ # Null THEN (IF Variant = "invalidate-wakes-all" THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_ALL) ELSE WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)) ELSE waitq)
                        /\ UNCHANGED <<entry, old_pfn, i_mmap_sem, xa, marks, bug>>

\* schedule() until woken, then __dax_invalidate_entry
\* (spec/dax-downgrade-writeback.ts:360)
dax_invalidate_mapping_entry_sync_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "__dax_invalidate_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, waitq, bug>>

dax_invalidate_mapping_entry_sync(self) ==
    \/ dax_invalidate_mapping_entry_sync___dax_invalidate_entry(self)
    \/ dax_invalidate_mapping_entry_sync_schedule(self)

\* --------------------------------------------------------------------------
\* Thread dax_delete_mapping_entry: Truncate of `index`, with i_mmap_sem held
\* exclusive: dax_delete_mapping_entry() ? __dax_invalidate_entry(mapping,
\* index, true).
\* (spec/dax-downgrade-writeback.ts:373)

\* down_write(&EXT4_I(inode)->i_mmap_sem) (XFS_MMAPLOCK_EXCL).
\* (spec/dax-downgrade-writeback.ts:378)
dax_delete_mapping_entry_down_write(self) ==
    /\ pc[self] = "down_write"
    /\ i_mmap_sem = 0
    /\ pc' = [pc EXCEPT ![self] = "__dax_invalidate_entry"]
    /\ i_mmap_sem' = -1
    /\ UNCHANGED <<entry, xas, old_pfn, xa, marks, waitq, bug>>

\* get_unlocked_entry(xas, 0); delete the entry; put_unlocked_entry() wakes
\* one waiter; up_write().
\* (spec/dax-downgrade-writeback.ts:383)
dax_delete_mapping_entry___dax_invalidate_entry(self) ==
    /\ pc[self] = "__dax_invalidate_entry"
    /\ LET entry_ == FindConflict(xa, index[self], 0)
       IN  IF entry_ # Null /\ entry_.locked
           THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, bug>>
           ELSE /\ pc' = [pc EXCEPT ![self] = "Done"]
                /\ i_mmap_sem' = 0
                /\ xa' = (IF entry_ # Null THEN EraseEntry(xa, index[self]) ELSE xa)
                /\ marks' = (IF entry_ # Null THEN EraseMarks(xa, marks, index[self]) ELSE marks)
                /\ waitq' = (IF entry_ # Null THEN (IF Variant = "invalidate-wakes-all" THEN WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_ALL) ELSE WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)) ELSE waitq)
                /\ UNCHANGED <<entry, xas, old_pfn, bug>>

\* schedule() until woken, then __dax_invalidate_entry
\* (spec/dax-downgrade-writeback.ts:387)
dax_delete_mapping_entry_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "__dax_invalidate_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, i_mmap_sem, xa, marks, waitq, bug>>

dax_delete_mapping_entry(self) ==
    \/ dax_delete_mapping_entry_down_write(self)
    \/ dax_delete_mapping_entry___dax_invalidate_entry(self)
    \/ dax_delete_mapping_entry_schedule(self)

\* --------------------------------------------------------------------------
\* Every thread has returned: stutter (not a deadlock).
Terminating ==
    /\ \A t \in Threads : pc[t] = "Done"
    /\ UNCHANGED vars

\* Thread ids in order, as the checker tries them.
Next ==
    \/ \E self \in Threads :
           \/ self \in pte_fault_threads /\ pte_fault(self)
           \/ self \in pmd_fault_threads /\ pmd_fault(self)
           \/ self \in dax_writeback_mapping_range_threads /\ dax_writeback_mapping_range(self)
           \/ self \in dax_invalidate_mapping_entry_sync_threads /\ dax_invalidate_mapping_entry_sync(self)
           \/ self \in dax_delete_mapping_entry_threads /\ dax_delete_mapping_entry(self)
    \/ Terminating

\* Weak fairness per thread, as the checker assumes.
Spec ==
    /\ Init
    /\ [][Next]_vars
    /\ \A self \in pte_fault_threads : WF_vars(pte_fault(self))
    /\ \A self \in pmd_fault_threads : WF_vars(pmd_fault(self))
    /\ \A self \in dax_writeback_mapping_range_threads : WF_vars(dax_writeback_mapping_range(self))
    /\ \A self \in dax_invalidate_mapping_entry_sync_threads : WF_vars(dax_invalidate_mapping_entry_sync(self))
    /\ \A self \in dax_delete_mapping_entry_threads : WF_vars(dax_delete_mapping_entry(self))

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
                            "unmap_mapping_pages",
                            "dax_iomap_pte_fault",
                            "schedule",
                            "dax_iomap_pmd_fault",
                            "tag_pages_for_writeback",
                            "dax_writeback_one",
                            "get_unlocked_entry",
                            "__dax_invalidate_entry",
                            "down_write",
                            "Done" }]
    /\ index \in [Threads -> Int]
    /\ write \in [Threads -> Int]
    /\ pfn \in [Threads -> Int]
    /\ start \in [Threads -> Int]
    /\ end \in [Threads -> Int]
    /\ entry \in [Threads -> EntryValues \cup {Null, XA_RETRY_ENTRY}]
    /\ xas \in [Threads -> [index : Nat, order : Nat, node : {"restart", "walked", "bounds"}, offset : Nat] \cup {Null}]
    /\ old_pfn \in [Threads -> Int]
    /\ i_mmap_sem \in Int
    /\ xa \in [0 .. NrIndices - 1 -> EntryValues \cup {Null}]
    /\ marks \in [0 .. NrIndices - 1 -> SUBSET {DIRTY, TOWRITE}]
    /\ waitq \in [0 .. NrBuckets - 1 ->
                 Seq([thread : Threads, key : Nat, exclusive : BOOLEAN])]
    /\ bug \in { "none",
                 "pte_fault.unmap_mapping_pages",
                 "pte_fault.dax_iomap_pte_fault > dax_unlock_entry()",
                 "pmd_fault.dax_iomap_pmd_fault > dax_unlock_entry()" }

\* What TLC prints for each state of a trace (the .cfg's ALIAS): the
\* variables, and each thread by its name at the label it runs next.
Alias ==
    [ pc |-> pc,
      entry |-> entry,
      xas |-> xas,
      old_pfn |-> old_pfn,
      i_mmap_sem |-> i_mmap_sem,
      xa |-> xa,
      marks |-> marks,
      waitq |-> waitq,
      bug |-> bug,
      threads |-> [t \in Threads |-> ThreadName[t] \o " at " \o pc[t]] ]

=============================================================================
