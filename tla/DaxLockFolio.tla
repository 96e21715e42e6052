---------------------------- MODULE DaxLockFolio ----------------------------
(***************************************************************************)
(* Mainline (v6.x, 2025) fs/dax.c: the memory-failure path's NON-EXCLUSIVE *)
(* wait, racing PTE and PMD faults, writeback and                          *)
(* dax_delete_mapping_range(). The question: is every waiter -- the        *)
(* exclusive ones of faults, writeback and truncate, and the non-exclusive *)
(* memory-failure one -- eventually woken?                                 *)
(*                                                                         *)
(* Memory failure locks a DAX entry in two ways, both sleeping in          *)
(* wait_entry_unlocked() while the entry is locked:                        *)
(*  - dax_lock_folio(folio) (from mf_generic_kill_procs(); dax_lock_page() *)
(*    until "mm: Convert DAX lock/unlock page to lock/unlock folio", Jane  *)
(*    Chu and Matthew Wilcox, posted September 2023, merged id not         *)
(*    verified): loop { read folio->mapping; none ? give up;               *)
(*    xas_lock_irq(); mapping changed ? unlock, retry;                     *)
(*    xas_set(folio->index); xas_load(); locked ? wait_entry_unlocked(),   *)
(*    retry; else dax_lock_entry() }, and later dax_unlock_folio() ?       *)
(*    dax_unlock_entry(), which wakes one.                                 *)
(*  - dax_lock_mapping_entry(mapping, index) (from mf_dax_kill_procs(),    *)
(*    the filesystem's notify_failure path; "fsdax: introduce              *)
(*    dax_lock_mapping_entry()", Shiyang Ruan, 2022, merged id not         *)
(*    verified): the same loop by (mapping, index), except that an entry   *)
(*    that is absent, a zero entry or an empty one is not locked: it       *)
(*    returns the cookie ~0 ("not an error case"), and                     *)
(*    dax_unlock_mapping_entry() does nothing for that cookie -- no store, *)
(*    no wake-up.                                                          *)
(*                                                                         *)
(* wait_entry_unlocked() queues with prepare_to_wait() -- non-exclusive,   *)
(* at the head of the queue -- drops the i_pages lock, sleeps, and         *)
(* returns; it never passes a wake-up on. Its comment says why the wait is *)
(* not exclusive: unlike get_unlocked_entry(), this path may never         *)
(* retrieve an unlocked entry (and so never do a wake-up of its own), so   *)
(* it must not consume one of the exclusive wake-ups meant for the faults  *)
(* queued behind it. A wake-one (__wake_up() with nr_exclusive 1) wakes    *)
(* every non-exclusive waiter it meets with the key and stops after the    *)
(* first exclusive one.                                                    *)
(*                                                                         *)
(* Variants:                                                               *)
(*  - mainline: as above (v6.x, 2025 -- the code read is that of the 2022  *)
(*    and 2023 postings; unchanged in mainline as far as read, not checked *)
(*    line by line against v6.16).                                         *)
(*  - exclusive-wait: a mutant: wait_entry_unlocked() with                 *)
(*    prepare_to_wait_exclusive(), still never passing the wake-up on      *)
(*    (what get_unlocked_entry() callers must do with                      *)
(*    put_unlocked_entry()).                                               *)
(*  - unlock-no-wake: a mutant: dax_unlock_folio() and                     *)
(*    dax_unlock_mapping_entry() store the entry unlocked but wake no one  *)
(*    (dax_unlock_entry() without its dax_wake_entry()): whoever queued    *)
(*    behind memory failure's own hold of the entry sleeps on.             *)
(*                                                                         *)
(* The other paths, as in mainline 2025:                                   *)
(*  - PTE and PMD faults: filemap_invalidate_lock_shared() for the whole   *)
(*    fault (xfs and ext4 DAX faults), grab_mapping_entry() ?              *)
(*    get_next_unlocked_entry() (exclusive wait; a PMD fault falls back on *)
(*    a smaller entry), fill, mark DIRTY on a write, dax_unlock_entry()    *)
(*    (wake one). PMD faults here are writes, so no zero PMD entry is ever *)
(*    made and no PTE fault downgrades one (the downgrade is               *)
(*    spec/dax-downgrade-writeback.ts); a BUG_ON says so if a              *)
(*    configuration ever reached it.                                       *)
(*  - truncate: filemap_invalidate_lock(), dax_delete_mapping_range(): an  *)
(*    xas_for_each() walk under the i_pages lock that waits for a locked   *)
(*    entry with wait_entry_unlocked_exclusive() (exclusive, with          *)
(*    xas_reset(): the fixed version, see spec/dax-delete-range-pause.ts), *)
(*    deletes every entry (dax_disassociate_entry() clears folio->mapping) *)
(*    and wakes ALL of its key; then truncate_folio_batch_exceptionals()'s *)
(*    WARN on an entry left, as a BUG_ON.                                  *)
(*  - writeback: dax_writeback_mapping_range(): tag_pages_for_writeback(), *)
(*    then an xas_for_each_marked(TOWRITE) walk calling                    *)
(*    dax_writeback_one() on the walked xa_state: lock, clear TOWRITE,     *)
(*    flush with the lock dropped, store unlocked, clear DIRTY, wake one.  *)
(*    A locked entry gets get_next_unlocked_entry() on the walked state,   *)
(*    which returns NULL for an order-0 state (our reading of              *)
(*    lib/xarray.c, as in spec/dax-downgrade-writeback.ts): skipped, no    *)
(*    wait.                                                                *)
(*                                                                         *)
(* Faults succeed: one that fails, or a PMD fault that falls back after    *)
(* grab_mapping_entry(), unlocking an entry still empty, is not modelled.  *)
(*                                                                         *)
(* What is simplified: one mapping, so "mapping != folio->mapping" is      *)
(* "folio->mapping is NULL", a boolean `folio_mapping` set by              *)
(* dax_associate_entry() when a fault inserts the poisoned pfn and cleared *)
(* by dax_disassociate_entry() when truncate deletes it. (2025's "fs/dax:  *)
(* properly refcount fs dax pages" series (Popple) moves when              *)
(* folio->mapping is cleared to the folio's last put; not modelled, not    *)
(* verified.) The device-dax (S_ISCHR) early return, rcu_read_lock() and   *)
(* the work memory failure does while holding the entry (collect_procs(),  *)
(* unmap_and_kill()) are left out: they take no entry lock and wake no     *)
(* one.                                                                    *)
(*                                                                         *)
(* Generated by daxspec from spec/dax-lock-folio.ts, spec/kernel/dax.ts,   *)
(* spec/kernel/memory-failure.ts, spec/kernel/truncate.ts,                 *)
(* spec/kernel/entry.ts, spec/kernel/writeback.ts, spec/kernel/xa-lock.ts: *)
(* do not edit; run npm run emit.                                          *)
(***************************************************************************)
EXTENDS Integers, Sequences, DaxVocabulary

CONSTANTS
    Variant,         \* the code variant: "mainline", "exclusive-wait", "unlock-no-wake"
    PMD_ORDER,       \* a PMD entry covers 2^PMD_ORDER indices
    NrIndices,       \* the XArray holds indices 0 .. NrIndices - 1
    XA_RETRY_ENTRY,  \* get_unlocked_entry()'s conflict marker (a model value)
    ThreadKind,      \* ThreadKind[t]: the code path thread t runs
    ThreadName,      \* ThreadName[t]: its name in the model, for readers
    index,           \* index[t]: parameter of thread t
    write,           \* write[t]: parameter of thread t
    pfn,             \* pfn[t]: parameter of thread t
    start,           \* start[t]: parameter of thread t
    end,             \* end[t]: parameter of thread t
    last             \* last[t]: parameter of thread t

Threads == 1 .. Len(ThreadKind)

PG_PMD_COLOUR == 2 ^ PMD_ORDER - 1

dax_iomap_pte_fault_threads == {t \in Threads : ThreadKind[t] = "dax_iomap_pte_fault"}
dax_iomap_pmd_fault_threads == {t \in Threads : ThreadKind[t] = "dax_iomap_pmd_fault"}
mf_generic_kill_procs_threads == {t \in Threads : ThreadKind[t] = "mf_generic_kill_procs"}
mf_dax_kill_procs_threads == {t \in Threads : ThreadKind[t] = "mf_dax_kill_procs"}
dax_writeback_mapping_range_threads == {t \in Threads : ThreadKind[t] = "dax_writeback_mapping_range"}
truncate_threads == {t \in Threads : ThreadKind[t] = "truncate"}

VARIABLES
    pc,               \* pc[t]: the label thread t runs next ("Done" once it has returned)
    entry,            \* entry[t]: a local of thread t, an entry, Null or XA_RETRY_ENTRY
    xas,              \* xas[t]: a local of thread t, an xa_state [index, order, node, offset] or Null
    old_pfn,          \* old_pfn[t]: a local of thread t, an integer
    xa_lock,          \* shared: a thread or Null
    invalidate_lock,  \* shared: an integer
    folio_mapping,    \* shared: a boolean
    xa,               \* the XArray: index -> entry or Null
    marks,            \* the marks of the entry at each index: index -> subset of {DIRTY, TOWRITE}
    waitq,            \* the hashed wait table: bucket -> FIFO of [thread, key, exclusive]
    bug               \* the BUG_ON() that fired, or "none"

vars == <<pc, entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>

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

\* An entry with a block behind it: neither dax_is_empty_entry() nor
\* dax_is_zero_entry().
\* (spec/kernel/entry.ts:9)
dax_has_block(entry_) ==
    ~entry_.empty /\ ~entry_.zero

\* --------------------------------------------------------------------------
Init ==
    /\ pc = [t \in Threads |-> CASE ThreadKind[t] = "dax_iomap_pte_fault" -> "invalidate_lock_shared"
                                        [] ThreadKind[t] = "dax_iomap_pmd_fault" -> "invalidate_lock_shared"
                                        [] ThreadKind[t] = "mf_generic_kill_procs" -> "dax_lock_folio"
                                        [] ThreadKind[t] = "mf_dax_kill_procs" -> "dax_lock_mapping_entry"
                                        [] ThreadKind[t] = "dax_writeback_mapping_range" -> "tag_pages_for_writeback"
                                        [] ThreadKind[t] = "truncate" -> "xas_for_each"]
    /\ entry = [t \in Threads |-> Null]
    /\ xas = [t \in Threads |-> Null]
    /\ old_pfn = [t \in Threads |-> 0]
    /\ xa_lock = Null
    /\ invalidate_lock = 0
    /\ folio_mapping = FALSE
    /\ xa = [i \in 0 .. NrIndices - 1 |-> Null]
    /\ marks = [i \in 0 .. NrIndices - 1 |-> {}]
    /\ waitq = [b \in 0 .. NrBuckets - 1 |-> <<>>]
    /\ bug = "none"

\* --------------------------------------------------------------------------
\* Thread dax_iomap_pte_fault: A PTE fault at `index`, a write (new block
\* `pfn`) or a read of a hole (the zero page): dax_iomap_pte_fault().
\* (spec/dax-lock-folio.ts:128)

\* filemap_invalidate_lock_shared() for the whole fault: no fault runs while
\* truncate holds it.
\* (spec/dax-lock-folio.ts:133)
dax_iomap_pte_fault_invalidate_lock_shared(self) ==
    /\ pc[self] = "invalidate_lock_shared"
    /\ invalidate_lock >= 0
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ invalidate_lock' = invalidate_lock + 1
    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, folio_mapping, xa, marks, waitq, bug>>

\* grab_mapping_entry(xas, mapping, 0): xas_lock_irq();
\* get_next_unlocked_entry(xas, 0) (exclusive wait while locked); lock the
\* entry found (a PTE entry, or a PMD entry with a block, used as is) or
\* insert a locked empty PTE entry.
\* (spec/dax-lock-folio.ts:143)
dax_iomap_pte_fault_grab_mapping_entry(self) ==
    /\ pc[self] = "grab_mapping_entry"
    /\ xa_lock = Null
    /\ LET entry_ == FindConflict(xa, index[self], 0)
       IN  IF entry_ # Null /\ entry_.locked
           THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
           ELSE IF entry_ = Null
                THEN /\ pc' = [pc EXCEPT ![self] = "dax_unlock_entry"]
                     /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0]]
                     /\ xa' = StoreEntry(xa, index[self], [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                     /\ marks' = StoreMarks(xa, marks, index[self], [order |-> 0, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                     /\ bug' = IF entry_ # Null /\ dax_is_pmd_entry(entry_) /\ ~dax_has_block(entry_) THEN "dax_iomap_pte_fault.grab_mapping_entry" ELSE bug
                     /\ UNCHANGED <<xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq>>
                ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_entry"]
                     /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                     /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                     /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE])
                     /\ bug' = IF entry_ # Null /\ dax_is_pmd_entry(entry_) /\ ~dax_has_block(entry_) THEN "dax_iomap_pte_fault.grab_mapping_entry" ELSE bug
                     /\ UNCHANGED <<xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq>>

\* The rest of the fault: a write puts the new block in an empty or zero
\* entry (dax_insert_entry(), dax_associate_entry()) and marks it DIRTY, a
\* read of a hole puts the zero page in an empty entry (dax_load_hole());
\* dax_unlock_entry() wakes one; filemap_invalidate_unlock_shared().
\* (spec/dax-lock-folio.ts:166)
dax_iomap_pte_fault_dax_unlock_entry(self) ==
    /\ pc[self] = "dax_unlock_entry"
    /\ xa_lock = Null
    /\ IF write[self] /\ ~dax_has_block(NonNull(entry[self]))
       THEN IF pfn[self] = poisoned_pfn
            THEN IF write[self]
                 THEN /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
                      /\ (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], 0))) = (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], 0)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ invalidate_lock' = invalidate_lock - 1
                             /\ folio_mapping' = TRUE
                             /\ xa' = StoreEntry(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasSetMark(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), StoreMarks(xa, marks, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], 0)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]))[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED <<old_pfn, xa_lock>>
                 ELSE LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                          /\ invalidate_lock' = invalidate_lock - 1
                          /\ folio_mapping' = TRUE
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<xas, old_pfn, xa_lock>>
            ELSE IF write[self]
                 THEN /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
                      /\ (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], 0))) = (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], 0)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ invalidate_lock' = invalidate_lock - 1
                             /\ xa' = StoreEntry(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasSetMark(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), StoreMarks(xa, marks, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], 0)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]))[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED <<old_pfn, xa_lock, folio_mapping>>
                 ELSE LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                          /\ invalidate_lock' = invalidate_lock - 1
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<xas, old_pfn, xa_lock, folio_mapping>>
       ELSE IF entry[self].empty
            THEN IF write[self]
                 THEN /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
                      /\ (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])), XaState(index[self], 0))) = (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])), XaState(index[self], 0)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0]]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ invalidate_lock' = invalidate_lock - 1
                             /\ xa' = StoreEntry(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])), XasSetMark(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])), StoreMarks(xa, marks, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])), XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])), XaState(index[self], 0)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~StoreEntry(xa, index[self], NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0]))[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED <<old_pfn, xa_lock, folio_mapping>>
                 ELSE LET entry_ == NonNull([order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> 0, locked |-> TRUE, empty |-> FALSE, zero |-> TRUE, page |-> FALSE, pfn |-> 0]]
                          /\ invalidate_lock' = invalidate_lock - 1
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<xas, old_pfn, xa_lock, folio_mapping>>
            ELSE IF write[self]
                 THEN /\ (XaState(index[self], 0)) = (XaState(index[self], 0))
                      /\ (XasLoadNext(StoreEntry(xa, index[self], NonNull(entry[self])), XaState(index[self], 0))) = (XasLoadNext(StoreEntry(xa, index[self], NonNull(entry[self])), XaState(index[self], 0)))
                      /\ (DIRTY) = (DIRTY)
                      /\ LET entry_ == NonNull(entry[self])
                         IN  /\ entry_ = entry_
                             /\ pc' = [pc EXCEPT ![self] = "Done"]
                             /\ xas' = [xas EXCEPT ![self] = Null]
                             /\ invalidate_lock' = invalidate_lock - 1
                             /\ xa' = StoreEntry(StoreEntry(xa, index[self], NonNull(entry[self])), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ marks' = StoreMarks(StoreEntry(xa, index[self], NonNull(entry[self])), XasSetMark(StoreEntry(xa, index[self], NonNull(entry[self])), StoreMarks(xa, marks, index[self], NonNull(entry[self])), XasLoadNext(StoreEntry(xa, index[self], NonNull(entry[self])), XaState(index[self], 0)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                             /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                             /\ bug' = IF ~StoreEntry(xa, index[self], NonNull(entry[self]))[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                             /\ UNCHANGED <<entry, old_pfn, xa_lock, folio_mapping>>
                 ELSE LET entry_ == NonNull(entry[self])
                      IN  /\ entry_ = entry_
                          /\ pc' = [pc EXCEPT ![self] = "Done"]
                          /\ invalidate_lock' = invalidate_lock - 1
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                          /\ bug' = IF ~xa[index[self]].locked THEN "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                          /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, folio_mapping>>

\* schedule() until woken, then grab_mapping_entry
\* (spec/dax-lock-folio.ts:148)
dax_iomap_pte_fault_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>

dax_iomap_pte_fault(self) ==
    \/ dax_iomap_pte_fault_invalidate_lock_shared(self)
    \/ dax_iomap_pte_fault_grab_mapping_entry(self)
    \/ dax_iomap_pte_fault_dax_unlock_entry(self)
    \/ dax_iomap_pte_fault_schedule(self)

\* --------------------------------------------------------------------------
\* Thread dax_iomap_pmd_fault: A PMD write fault over the PMD range at
\* `index` (aligned), new block `pfn`: dax_iomap_pmd_fault().
\* (spec/dax-lock-folio.ts:191)

\* filemap_invalidate_lock_shared() for the whole fault.
\* (spec/dax-lock-folio.ts:196)
dax_iomap_pmd_fault_invalidate_lock_shared(self) ==
    /\ pc[self] = "invalidate_lock_shared"
    /\ invalidate_lock >= 0
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ invalidate_lock' = invalidate_lock + 1
    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, folio_mapping, xa, marks, waitq, bug>>

\* grab_mapping_entry(xas, mapping, PMD_ORDER): fall back on a smaller entry;
\* wait exclusively while locked; lock or insert a locked empty PMD entry.
\* (spec/dax-lock-folio.ts:201)
dax_iomap_pmd_fault_grab_mapping_entry(self) ==
    /\ pc[self] = "grab_mapping_entry"
    /\ xa_lock = Null
    /\ LET entry_ == FindConflict(xa, index[self], PMD_ORDER)
       IN  IF entry_ # Null /\ entry_.order < PMD_ORDER
           THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                /\ invalidate_lock' = invalidate_lock - 1
                /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, folio_mapping, xa, marks, waitq, bug>>
           ELSE IF entry_ # Null /\ entry_.locked
                THEN /\ pc' = [pc EXCEPT ![self] = "schedule"]
                     /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], entry_), TRUE)
                     /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
                ELSE IF entry_ = Null
                     THEN /\ pc' = [pc EXCEPT ![self] = "dax_unlock_entry"]
                          /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0]]
                          /\ xa' = StoreEntry(xa, index[self], [order |-> PMD_ORDER, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                          /\ marks' = StoreMarks(xa, marks, index[self], [order |-> PMD_ORDER, locked |-> TRUE, empty |-> TRUE, zero |-> FALSE, page |-> FALSE, pfn |-> 0])
                          /\ UNCHANGED <<xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq, bug>>
                     ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_entry"]
                          /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                          /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE])
                          /\ UNCHANGED <<xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq, bug>>

\* dax_insert_entry() of the new block (dax_associate_entry()), DIRTY;
\* dax_unlock_entry(); filemap_invalidate_unlock_shared().
\* (spec/dax-lock-folio.ts:221)
dax_iomap_pmd_fault_dax_unlock_entry(self) ==
    /\ pc[self] = "dax_unlock_entry"
    /\ xa_lock = Null
    /\ NonNull(entry[self]) # Null
    /\ IF ~dax_has_block(NonNull(entry[self]))
       THEN IF pfn[self] = poisoned_pfn
            THEN /\ (XaState(index[self], PMD_ORDER)) = (XaState(index[self], PMD_ORDER))
                 /\ (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], PMD_ORDER))) = (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], PMD_ORDER)))
                 /\ (DIRTY) = (DIRTY)
                 /\ LET entry_ == NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                    IN  /\ entry_ = entry_
                        /\ pc' = [pc EXCEPT ![self] = "Done"]
                        /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                        /\ xas' = [xas EXCEPT ![self] = Null]
                        /\ invalidate_lock' = invalidate_lock - 1
                        /\ folio_mapping' = TRUE
                        /\ xa' = StoreEntry(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ marks' = StoreMarks(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasSetMark(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), StoreMarks(xa, marks, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], PMD_ORDER)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                        /\ bug' = IF ~StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]))[index[self]].locked THEN "dax_iomap_pmd_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                        /\ UNCHANGED <<old_pfn, xa_lock>>
            ELSE /\ (XaState(index[self], PMD_ORDER)) = (XaState(index[self], PMD_ORDER))
                 /\ (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], PMD_ORDER))) = (XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], PMD_ORDER)))
                 /\ (DIRTY) = (DIRTY)
                 /\ LET entry_ == NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])
                    IN  /\ entry_ = entry_
                        /\ pc' = [pc EXCEPT ![self] = "Done"]
                        /\ entry' = [entry EXCEPT ![self] = [order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]]
                        /\ xas' = [xas EXCEPT ![self] = Null]
                        /\ invalidate_lock' = invalidate_lock - 1
                        /\ xa' = StoreEntry(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ marks' = StoreMarks(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasSetMark(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), StoreMarks(xa, marks, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XasLoadNext(StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]])), XaState(index[self], PMD_ORDER)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                        /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                        /\ bug' = IF ~StoreEntry(xa, index[self], NonNull([order |-> PMD_ORDER, locked |-> TRUE, empty |-> FALSE, zero |-> FALSE, page |-> FALSE, pfn |-> pfn[self]]))[index[self]].locked THEN "dax_iomap_pmd_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                        /\ UNCHANGED <<old_pfn, xa_lock, folio_mapping>>
       ELSE /\ (XaState(index[self], PMD_ORDER)) = (XaState(index[self], PMD_ORDER))
            /\ (XasLoadNext(StoreEntry(xa, index[self], NonNull(entry[self])), XaState(index[self], PMD_ORDER))) = (XasLoadNext(StoreEntry(xa, index[self], NonNull(entry[self])), XaState(index[self], PMD_ORDER)))
            /\ (DIRTY) = (DIRTY)
            /\ LET entry_ == NonNull(entry[self])
               IN  /\ entry_ = entry_
                   /\ pc' = [pc EXCEPT ![self] = "Done"]
                   /\ xas' = [xas EXCEPT ![self] = Null]
                   /\ invalidate_lock' = invalidate_lock - 1
                   /\ xa' = StoreEntry(StoreEntry(xa, index[self], NonNull(entry[self])), index[self], [entry_ EXCEPT !.locked = FALSE])
                   /\ marks' = StoreMarks(StoreEntry(xa, index[self], NonNull(entry[self])), XasSetMark(StoreEntry(xa, index[self], NonNull(entry[self])), StoreMarks(xa, marks, index[self], NonNull(entry[self])), XasLoadNext(StoreEntry(xa, index[self], NonNull(entry[self])), XaState(index[self], PMD_ORDER)), DIRTY), index[self], [entry_ EXCEPT !.locked = FALSE])
                   /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_), WAKE_NEXT)
                   /\ bug' = IF ~StoreEntry(xa, index[self], NonNull(entry[self]))[index[self]].locked THEN "dax_iomap_pmd_fault.dax_unlock_entry > dax_unlock_entry()" ELSE bug
                   /\ UNCHANGED <<entry, old_pfn, xa_lock, folio_mapping>>

\* schedule() until woken, then grab_mapping_entry
\* (spec/dax-lock-folio.ts:210)
dax_iomap_pmd_fault_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "grab_mapping_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>

dax_iomap_pmd_fault(self) ==
    \/ dax_iomap_pmd_fault_invalidate_lock_shared(self)
    \/ dax_iomap_pmd_fault_grab_mapping_entry(self)
    \/ dax_iomap_pmd_fault_dax_unlock_entry(self)
    \/ dax_iomap_pmd_fault_schedule(self)

\* --------------------------------------------------------------------------
\* Thread mf_generic_kill_procs: mf_generic_kill_procs() on the poisoned page
\* at folio->index `index`: dax_lock_folio() ? dax_unlock_folio().
\* (spec/dax-lock-folio.ts:242)

\* One round of dax_lock_folio()'s loop: folio->mapping gone ? return 0
\* (-EBUSY); xas_lock_irq(); xas_set(folio->index); xas_load(); locked ?
\* wait_entry_unlocked(); else dax_lock_entry().
\* (spec/dax-lock-folio.ts:251)
mf_generic_kill_procs_dax_lock_folio(self) ==
    /\ pc[self] = "dax_lock_folio"
    /\ xa_lock = Null
    /\ IF ~folio_mapping
       THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
            /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>
       ELSE LET entry_ == xa[index[self]]
            IN  IF entry_ # Null /\ entry_.locked
                THEN IF Variant = "exclusive-wait"
                     THEN /\ NonNull(entry_) # Null
                          /\ pc' = [pc EXCEPT ![self] = "schedule"]
                          /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], NonNull(entry_)), TRUE)
                          /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
                     ELSE /\ NonNull(entry_) # Null
                          /\ pc' = [pc EXCEPT ![self] = "schedule"]
                          /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], NonNull(entry_)), FALSE)
                          /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
                ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_folio"]
                     /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                     /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                     /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE])
                     /\ bug' = IF entry_ = Null THEN "mf_generic_kill_procs.dax_lock_folio" ELSE bug
                     /\ UNCHANGED <<xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq>>

\* Poison handled: dax_unlock_folio() ? dax_unlock_entry() (wake one).
\* (spec/dax-lock-folio.ts:267)
mf_generic_kill_procs_dax_unlock_folio(self) ==
    /\ pc[self] = "dax_unlock_folio"
    /\ xa_lock = Null
    /\ LET entry_ == entry[self]
       IN  IF Variant = "unlock-no-wake"
           THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                /\ bug' = IF ~xa[index[self]].locked THEN "mf_generic_kill_procs.dax_unlock_folio > mf_unlock_entry()" ELSE bug
                /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq>>
           ELSE LET entry_2 == NonNull(entry_)
                IN  /\ entry_2 = entry_2
                    /\ pc' = [pc EXCEPT ![self] = "Done"]
                    /\ xa' = StoreEntry(xa, index[self], [entry_2 EXCEPT !.locked = FALSE])
                    /\ marks' = StoreMarks(xa, marks, index[self], [entry_2 EXCEPT !.locked = FALSE])
                    /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_2), WAKE_NEXT)
                    /\ bug' = IF ~xa[index[self]].locked THEN "mf_generic_kill_procs.dax_unlock_folio > mf_unlock_entry() > dax_unlock_entry()" ELSE bug
                    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping>>

\* schedule() until woken, then dax_lock_folio
\* (spec/dax-lock-folio.ts:259)
mf_generic_kill_procs_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "dax_lock_folio"]
    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>

mf_generic_kill_procs(self) ==
    \/ mf_generic_kill_procs_dax_lock_folio(self)
    \/ mf_generic_kill_procs_dax_unlock_folio(self)
    \/ mf_generic_kill_procs_schedule(self)

\* --------------------------------------------------------------------------
\* Thread mf_dax_kill_procs: mf_dax_kill_procs() at file offset `index`:
\* dax_lock_mapping_entry() ? dax_unlock_mapping_entry().
\* (spec/dax-lock-folio.ts:276)

\* One round of dax_lock_mapping_entry()'s loop: xas_lock_irq();
\* xas_set(index); xas_load(); locked ? wait_entry_unlocked(); absent, zero
\* or empty ? the cookie ~0, nothing locked (and dax_unlock_mapping_entry()
\* will do nothing); else dax_lock_entry().
\* (spec/dax-lock-folio.ts:286)
mf_dax_kill_procs_dax_lock_mapping_entry(self) ==
    /\ pc[self] = "dax_lock_mapping_entry"
    /\ xa_lock = Null
    /\ LET entry_ == xa[index[self]]
       IN  IF entry_ # Null /\ entry_.locked
           THEN IF Variant = "exclusive-wait"
                THEN /\ NonNull(entry_) # Null
                     /\ pc' = [pc EXCEPT ![self] = "schedule"]
                     /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], NonNull(entry_)), TRUE)
                     /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
                ELSE /\ NonNull(entry_) # Null
                     /\ pc' = [pc EXCEPT ![self] = "schedule"]
                     /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(index[self], NonNull(entry_)), FALSE)
                     /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
           ELSE IF entry_ = Null \/ ~dax_has_block(entry_)
                THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                     /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>
                ELSE /\ pc' = [pc EXCEPT ![self] = "dax_unlock_mapping_entry"]
                     /\ entry' = [entry EXCEPT ![self] = [entry_ EXCEPT !.locked = TRUE]]
                     /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = TRUE])
                     /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = TRUE])
                     /\ UNCHANGED <<xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq, bug>>

\* dax_unlock_mapping_entry() ? dax_unlock_entry() (wake one).
\* (spec/dax-lock-folio.ts:301)
mf_dax_kill_procs_dax_unlock_mapping_entry(self) ==
    /\ pc[self] = "dax_unlock_mapping_entry"
    /\ xa_lock = Null
    /\ LET entry_ == entry[self]
       IN  IF Variant = "unlock-no-wake"
           THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                /\ xa' = StoreEntry(xa, index[self], [entry_ EXCEPT !.locked = FALSE])
                /\ marks' = StoreMarks(xa, marks, index[self], [entry_ EXCEPT !.locked = FALSE])
                /\ bug' = IF ~xa[index[self]].locked THEN "mf_dax_kill_procs.dax_unlock_mapping_entry > mf_unlock_entry()" ELSE bug
                /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq>>
           ELSE LET entry_2 == NonNull(entry_)
                IN  /\ entry_2 = entry_2
                    /\ pc' = [pc EXCEPT ![self] = "Done"]
                    /\ xa' = StoreEntry(xa, index[self], [entry_2 EXCEPT !.locked = FALSE])
                    /\ marks' = StoreMarks(xa, marks, index[self], [entry_2 EXCEPT !.locked = FALSE])
                    /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(index[self], entry_2), WAKE_NEXT)
                    /\ bug' = IF ~xa[index[self]].locked THEN "mf_dax_kill_procs.dax_unlock_mapping_entry > mf_unlock_entry() > dax_unlock_entry()" ELSE bug
                    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping>>

\* schedule() until woken, then dax_lock_mapping_entry
\* (spec/dax-lock-folio.ts:291)
mf_dax_kill_procs_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "dax_lock_mapping_entry"]
    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>

mf_dax_kill_procs(self) ==
    \/ mf_dax_kill_procs_dax_lock_mapping_entry(self)
    \/ mf_dax_kill_procs_dax_unlock_mapping_entry(self)
    \/ mf_dax_kill_procs_schedule(self)

\* --------------------------------------------------------------------------
\* Thread dax_writeback_mapping_range: fsync of [start, end]:
\* dax_writeback_mapping_range(). A step is one hold of the i_pages lock: the
\* end of one entry's flush, the walk's next step and the next entry's
\* dax_writeback_one() up to dropping the lock to flush.
\* (spec/dax-lock-folio.ts:314)

\* tag_pages_for_writeback(mapping, start, end): DIRTY ? also TOWRITE;
\* XA_STATE(xas, start).
\* (spec/dax-lock-folio.ts:319)
dax_writeback_mapping_range_tag_pages_for_writeback(self) ==
    /\ pc[self] = "tag_pages_for_writeback"
    /\ xa_lock = Null
    /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
    /\ xas' = [xas EXCEPT ![self] = XaState(start[self], 0)]
    /\ marks' = TagPagesForWriteback(xa, marks, start[self], end[self])
    /\ UNCHANGED <<entry, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, waitq, bug>>

\* After a flush: xas_reset(); xas_store() the entry unlocked;
\* xas_clear_mark(DIRTY); dax_wake_entry(WAKE_NEXT). Then the walk's next
\* TOWRITE entry and dax_writeback_one(): a locked one gets
\* get_next_unlocked_entry() on the walked state (NULL for order 0: "Entry
\* got punched out", skipped); an unlocked one is locked, its TOWRITE
\* cleared, and the lock dropped to flush it.
\* (spec/dax-lock-folio.ts:332)
dax_writeback_mapping_range_dax_writeback_one(self) ==
    /\ pc[self] = "dax_writeback_one"
    /\ xa_lock = Null
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
                                         /\ UNCHANGED <<old_pfn, xa_lock, invalidate_lock, folio_mapping, bug>>
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
                                                          /\ UNCHANGED <<xa_lock, invalidate_lock, folio_mapping, bug>>
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
                                                                       /\ UNCHANGED <<xa_lock, invalidate_lock, folio_mapping, bug>>
                                                              ELSE /\ (TOWRITE) = (TOWRITE)
                                                                   /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                                                   /\ entry' = [entry EXCEPT ![self] = found]
                                                                   /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])]
                                                                   /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                                   /\ xa' = XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])
                                                                   /\ marks' = XasClearMark(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreMarks(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), TOWRITE)
                                                                   /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT)
                                                                   /\ UNCHANGED <<xa_lock, invalidate_lock, folio_mapping, bug>>
                                         ELSE /\ (TOWRITE) = (TOWRITE)
                                              /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                              /\ entry' = [entry EXCEPT ![self] = entry_2]
                                              /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])]
                                              /\ xa' = XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])
                                              /\ marks' = XasClearMark(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreMarks(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasClearMark(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreMarks(xa, marks, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), DIRTY), XasStoreNext(XasStore(xa, XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), XasReset(xas[self]), [entry[self] EXCEPT !.locked = FALSE]), end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), TOWRITE)
                                              /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(xa_index, entry_), WAKE_NEXT)
                                              /\ UNCHANGED <<old_pfn, xa_lock, invalidate_lock, folio_mapping, bug>>
       ELSE /\ (TOWRITE) = (TOWRITE)
            /\ LET entry_2 == XasFindMarked(xa, marks, xas[self], end[self], TOWRITE)
               IN  /\ entry_2 = entry_2
                   /\ (XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)) = (XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))
                   /\ (TOWRITE) = (TOWRITE)
                   /\ IF entry_2 = Null
                      THEN /\ pc' = [pc EXCEPT ![self] = "Done"]
                           /\ xas' = [xas EXCEPT ![self] = Null]
                           /\ UNCHANGED <<entry, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>
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
                                            /\ UNCHANGED <<entry, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
                                       ELSE LET old_pfn_ == entry_2.pfn
                                                skip == found = Null \/ found.pfn # old_pfn_ \/ ~XasGetMark(marks, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), TOWRITE)
                                            IN  IF skip
                                                THEN LET xa_index_2 == XasIndex(NonNull(XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))))
                                                     IN  /\ xa_index_2 = xa_index_2
                                                         /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                                         /\ xas' = [xas EXCEPT ![self] = XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE))]
                                                         /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                         /\ waitq' = (IF found # Null THEN WakeUp(waitq, dax_entry_waitqueue(xa_index_2, found), WAKE_NEXT) ELSE waitq)
                                                         /\ UNCHANGED <<entry, xa_lock, invalidate_lock, folio_mapping, xa, marks, bug>>
                                                ELSE /\ (TOWRITE) = (TOWRITE)
                                                     /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                                     /\ entry' = [entry EXCEPT ![self] = found]
                                                     /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])]
                                                     /\ old_pfn' = [old_pfn EXCEPT ![self] = entry_2.pfn]
                                                     /\ xa' = XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE])
                                                     /\ marks' = XasClearMark(XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreMarks(xa, marks, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(xa, XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), XasFindConflictNext(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE)), [found EXCEPT !.locked = TRUE]), TOWRITE)
                                                     /\ UNCHANGED <<xa_lock, invalidate_lock, folio_mapping, waitq, bug>>
                           ELSE /\ (TOWRITE) = (TOWRITE)
                                /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
                                /\ entry' = [entry EXCEPT ![self] = entry_2]
                                /\ xas' = [xas EXCEPT ![self] = XasStoreNext(XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])]
                                /\ xa' = XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE])
                                /\ marks' = XasClearMark(XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreMarks(xa, marks, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasStoreNext(XasStore(xa, XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), XasFindMarkedNext(xa, marks, xas[self], end[self], TOWRITE), [entry_2 EXCEPT !.locked = TRUE]), TOWRITE)
                                /\ UNCHANGED <<old_pfn, xa_lock, invalidate_lock, folio_mapping, waitq, bug>>

\* schedule() until woken, then dax_writeback_one
\* (spec/dax-lock-folio.ts:352)
dax_writeback_mapping_range_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self)
    /\ pc' = [pc EXCEPT ![self] = "dax_writeback_one"]
    /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>

dax_writeback_mapping_range(self) ==
    \/ dax_writeback_mapping_range_tag_pages_for_writeback(self)
    \/ dax_writeback_mapping_range_dax_writeback_one(self)
    \/ dax_writeback_mapping_range_schedule(self)

\* --------------------------------------------------------------------------
\* Thread truncate: A truncate of [start, last]: filemap_invalidate_lock(),
\* dax_break_layout() ? dax_delete_mapping_range(),
\* truncate_inode_pages_range().
\* (spec/kernel/truncate.ts:28)

\* filemap_invalidate_lock(); XA_STATE(xas, start); xas_lock_irq();
\* xas_for_each(&xas, entry, last): the first entry.
\* (spec/kernel/truncate.ts:33)
truncate_xas_for_each(self) ==
    /\ pc[self] = "xas_for_each"
    /\ invalidate_lock = 0 /\ xa_lock = Null
    /\ (XaState(start[self], 0)) = (XaState(start[self], 0))
    /\ pc' = [pc EXCEPT ![self] = "loop_body"]
    /\ entry' = [entry EXCEPT ![self] = XasFind(xa, XaState(start[self], 0), last[self])]
    /\ xas' = [xas EXCEPT ![self] = XasFindNext(xa, XaState(start[self], 0), last[self])]
    /\ xa_lock' = self
    /\ invalidate_lock' = -1
    /\ UNCHANGED <<old_pfn, folio_mapping, xa, marks, waitq, bug>>

\* The walk's body: wait_entry_unlocked_exclusive() while the entry is locked
\* (exclusive, key from the state's index, rewind the state, drop the lock,
\* sleep); then dax_disassociate_entry(), xas_store(&xas, NULL),
\* dax_wake_entry(WAKE_ALL), and xas_next_entry().
\* (spec/kernel/truncate.ts:47)
truncate_loop_body(self) ==
    /\ pc[self] = "loop_body"
    /\ IF entry[self] = Null
       THEN /\ pc' = [pc EXCEPT ![self] = "truncate_inode_pages_range"]
            /\ UNCHANGED <<entry, xas, old_pfn, xa_lock, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>
       ELSE LET entry_ == entry[self]
            IN  IF entry_.locked
                THEN /\ (XasIndex(NonNull(xas[self]))) = (XasIndex(NonNull(xas[self])))
                     /\ pc' = [pc EXCEPT ![self] = "schedule"]
                     /\ xas' = [xas EXCEPT ![self] = XasReset(xas[self])]
                     /\ xa_lock' = Null
                     /\ waitq' = PrepareToWait(waitq, self, dax_entry_waitqueue(XasIndex(NonNull(xas[self])), entry_), TRUE)
                     /\ UNCHANGED <<entry, old_pfn, invalidate_lock, folio_mapping, xa, marks, bug>>
                ELSE IF entry_.pfn = poisoned_pfn
                     THEN /\ (XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null)) = (XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null))
                          /\ (XasIndex(NonNull(XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null)))) = (XasIndex(NonNull(XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null))))
                          /\ pc' = [pc EXCEPT ![self] = "loop_body"]
                          /\ entry' = [entry EXCEPT ![self] = XasFind(XasStore(xa, xas[self], Null), XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null), last[self])]
                          /\ xas' = [xas EXCEPT ![self] = XasFindNext(XasStore(xa, xas[self], Null), XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null), last[self])]
                          /\ folio_mapping' = FALSE
                          /\ xa' = XasStore(xa, xas[self], Null)
                          /\ marks' = XasStoreMarks(xa, marks, xas[self], Null)
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(XasIndex(NonNull(XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null))), entry_), WAKE_ALL)
                          /\ UNCHANGED <<old_pfn, xa_lock, invalidate_lock, bug>>
                     ELSE /\ (XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null)) = (XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null))
                          /\ (XasIndex(NonNull(XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null)))) = (XasIndex(NonNull(XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null))))
                          /\ pc' = [pc EXCEPT ![self] = "loop_body"]
                          /\ entry' = [entry EXCEPT ![self] = XasFind(XasStore(xa, xas[self], Null), XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null), last[self])]
                          /\ xas' = [xas EXCEPT ![self] = XasFindNext(XasStore(xa, xas[self], Null), XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null), last[self])]
                          /\ xa' = XasStore(xa, xas[self], Null)
                          /\ marks' = XasStoreMarks(xa, marks, xas[self], Null)
                          /\ waitq' = WakeUp(waitq, dax_entry_waitqueue(XasIndex(NonNull(XasStoreNext(XasStore(xa, xas[self], Null), xas[self], Null))), entry_), WAKE_ALL)
                          /\ UNCHANGED <<old_pfn, xa_lock, invalidate_lock, folio_mapping, bug>>

\* schedule(); finish_wait(); xas_lock_irq(); entry = xas_load(xas) -- and
\* `if (!entry) continue;` in the caller.
\* (spec/kernel/truncate.ts:63)
truncate_schedule(self) ==
    /\ pc[self] = "schedule"
    /\ ~IsWaiting(waitq, self) /\ xa_lock = Null
    /\ (XasLoad(xa, xas[self])) = (XasLoad(xa, xas[self]))
    /\ (XasLoadNext(xa, xas[self])) = (XasLoadNext(xa, xas[self]))
    /\ IF XasLoad(xa, xas[self]) = Null
       THEN /\ pc' = [pc EXCEPT ![self] = "loop_body"]
            /\ entry' = [entry EXCEPT ![self] = XasFind(xa, XasLoadNext(xa, xas[self]), last[self])]
            /\ xas' = [xas EXCEPT ![self] = XasFindNext(xa, XasLoadNext(xa, xas[self]), last[self])]
            /\ xa_lock' = self
            /\ UNCHANGED <<old_pfn, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>
       ELSE /\ pc' = [pc EXCEPT ![self] = "loop_body"]
            /\ entry' = [entry EXCEPT ![self] = XasLoad(xa, xas[self])]
            /\ xas' = [xas EXCEPT ![self] = XasLoadNext(xa, xas[self])]
            /\ xa_lock' = self
            /\ UNCHANGED <<old_pfn, invalidate_lock, folio_mapping, xa, marks, waitq, bug>>

\* xas_unlock_irq(); truncate_folio_batch_exceptionals(): a DAX entry still
\* in the range is a WARN; then filemap_invalidate_unlock().
\* (spec/kernel/truncate.ts:73)
truncate_truncate_inode_pages_range(self) ==
    /\ pc[self] = "truncate_inode_pages_range"
    /\ (XaState(start[self], 0)) = (XaState(start[self], 0))
    /\ LET left == XasFind(xa, XaState(start[self], 0), last[self])
       IN  /\ left = left
           /\ pc' = [pc EXCEPT ![self] = "Done"]
           /\ xas' = [xas EXCEPT ![self] = XasFindNext(xa, XaState(start[self], 0), last[self])]
           /\ xa_lock' = Null
           /\ invalidate_lock' = 0
           /\ bug' = IF left # Null THEN "truncate.truncate_inode_pages_range" ELSE bug
           /\ UNCHANGED <<entry, old_pfn, folio_mapping, xa, marks, waitq>>

truncate(self) ==
    \/ truncate_xas_for_each(self)
    \/ truncate_loop_body(self)
    \/ truncate_schedule(self)
    \/ truncate_truncate_inode_pages_range(self)

\* --------------------------------------------------------------------------
\* Every thread has returned: stutter (not a deadlock).
Terminating ==
    /\ \A t \in Threads : pc[t] = "Done"
    /\ UNCHANGED vars

\* Thread ids in order, as the checker tries them.
Next ==
    \/ \E self \in Threads :
           \/ self \in dax_iomap_pte_fault_threads /\ dax_iomap_pte_fault(self)
           \/ self \in dax_iomap_pmd_fault_threads /\ dax_iomap_pmd_fault(self)
           \/ self \in mf_generic_kill_procs_threads /\ mf_generic_kill_procs(self)
           \/ self \in mf_dax_kill_procs_threads /\ mf_dax_kill_procs(self)
           \/ self \in dax_writeback_mapping_range_threads /\ dax_writeback_mapping_range(self)
           \/ self \in truncate_threads /\ truncate(self)
    \/ Terminating

\* Weak fairness per thread, as the checker assumes.
Spec ==
    /\ Init
    /\ [][Next]_vars
    /\ \A self \in dax_iomap_pte_fault_threads : WF_vars(dax_iomap_pte_fault(self))
    /\ \A self \in dax_iomap_pmd_fault_threads : WF_vars(dax_iomap_pmd_fault(self))
    /\ \A self \in mf_generic_kill_procs_threads : WF_vars(mf_generic_kill_procs(self))
    /\ \A self \in mf_dax_kill_procs_threads : WF_vars(mf_dax_kill_procs(self))
    /\ \A self \in dax_writeback_mapping_range_threads : WF_vars(dax_writeback_mapping_range(self))
    /\ \A self \in truncate_threads : WF_vars(truncate(self))

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
    /\ pc \in [Threads -> { "invalidate_lock_shared",
                            "grab_mapping_entry",
                            "dax_unlock_entry",
                            "schedule",
                            "dax_lock_folio",
                            "dax_unlock_folio",
                            "dax_lock_mapping_entry",
                            "dax_unlock_mapping_entry",
                            "tag_pages_for_writeback",
                            "dax_writeback_one",
                            "xas_for_each",
                            "loop_body",
                            "truncate_inode_pages_range",
                            "Done" }]
    /\ index \in [Threads -> Int]
    /\ write \in [Threads -> BOOLEAN]
    /\ pfn \in [Threads -> Int]
    /\ start \in [Threads -> Int]
    /\ end \in [Threads -> Int]
    /\ last \in [Threads -> Int]
    /\ entry \in [Threads -> EntryValues \cup {Null, XA_RETRY_ENTRY}]
    /\ xas \in [Threads -> [index : Nat, order : Nat, node : {"restart", "walked", "bounds"}, offset : Nat] \cup {Null}]
    /\ old_pfn \in [Threads -> Int]
    /\ xa_lock \in Threads \cup {Null}
    /\ invalidate_lock \in Int
    /\ folio_mapping \in BOOLEAN
    /\ xa \in [0 .. NrIndices - 1 -> EntryValues \cup {Null}]
    /\ marks \in [0 .. NrIndices - 1 -> SUBSET {DIRTY, TOWRITE}]
    /\ waitq \in [0 .. NrBuckets - 1 ->
                 Seq([thread : Threads, key : Nat, exclusive : BOOLEAN])]
    /\ bug \in { "none",
                 "dax_iomap_pte_fault.grab_mapping_entry",
                 "dax_iomap_pte_fault.dax_unlock_entry > dax_unlock_entry()",
                 "dax_iomap_pmd_fault.dax_unlock_entry > dax_unlock_entry()",
                 "mf_generic_kill_procs.dax_lock_folio",
                 "mf_generic_kill_procs.dax_unlock_folio > mf_unlock_entry()",
                 "mf_generic_kill_procs.dax_unlock_folio > mf_unlock_entry() > dax_unlock_entry()",
                 "mf_dax_kill_procs.dax_unlock_mapping_entry > mf_unlock_entry()",
                 "mf_dax_kill_procs.dax_unlock_mapping_entry > mf_unlock_entry() > dax_unlock_entry()",
                 "truncate.truncate_inode_pages_range" }

\* What TLC prints for each state of a trace (the .cfg's ALIAS): the
\* variables, and each thread by its name at the label it runs next.
Alias ==
    [ pc |-> pc,
      entry |-> entry,
      xas |-> xas,
      old_pfn |-> old_pfn,
      xa_lock |-> xa_lock,
      invalidate_lock |-> invalidate_lock,
      folio_mapping |-> folio_mapping,
      xa |-> xa,
      marks |-> marks,
      waitq |-> waitq,
      bug |-> bug,
      threads |-> [t \in Threads |-> ThreadName[t] \o " at " \o pc[t]] ]

=============================================================================
