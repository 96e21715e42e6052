--------------------------- MODULE DaxVocabulary ---------------------------
(***************************************************************************)
(* The XArray / wait-queue vocabulary of daxspec models, in TLA+.          *)
(* Generated from src/model/operations.ts (npm run emit), whose rows also  *)
(* give the interpreter's reading of each operation; the tests hold the    *)
(* two to the same hand-worked cases.                                      *)
(*                                                                         *)
(* An XArray is a function from indices to entries or Null; a multi-index  *)
(* entry of order k appears at every index of its aligned 2^k range. An    *)
(* entry is a record [order, locked, empty, zero, page, pfn]. The wait     *)
(* table is a function from hash buckets to FIFO sequences of waiters      *)
(* [thread, key, exclusive].                                               *)
(***************************************************************************)
EXTENDS Integers, Sequences, TLC

CONSTANTS
    Null,       \* no entry / no thread (a model value)
    NrBuckets   \* hashed wait-queue heads; 1 = every key collides

\* index & ~(2^order - 1)
AlignDown(i, order) == i - (i % (2 ^ order))

\* The aligned range of `order` that contains i.
RangeOf(i, order) == AlignDown(i, order) .. AlignDown(i, order) + 2 ^ order - 1

\* xas_find_conflict(): the first present entry in the aligned range of
\* `order` around i (Null if none); the xa_state's index does not move.
FindConflict(xa, i, order) ==
    LET present == {j \in RangeOf(i, order) : j \in DOMAIN xa /\ xa[j] # Null}
    IN  IF present = {}
        THEN Null
        ELSE xa[CHOOSE j \in present : \A m \in present : j =< m]

\* The indices the entry covering i spans (none when i is empty).
Covered(xa, i) == IF xa[i] = Null THEN {} ELSE RangeOf(i, xa[i].order)

\* xas_store(xas, NULL): erase the entry covering i, over its whole range;
\* its marks go with it (xas_init_marks()).
EraseEntry(xa, i) ==
    LET gone == Covered(xa, i)
    IN  [j \in DOMAIN xa |-> IF j \in gone THEN Null ELSE xa[j]]
EraseMarks(xa, marks, i) ==
    LET gone == Covered(xa, i)
    IN  [j \in DOMAIN marks |-> IF j \in gone THEN {} ELSE marks[j]]

\* xas_store(): e covers its aligned range; entries overlapping that range
\* are replaced as a whole. Marks: the new entry keeps the marks of the
\* entries it replaces (xas_store() of a non-NULL entry leaves the marks of
\* its slot alone; over several slots, xas_squash_marks() gathers them on
\* the first). The rest of a larger entry it replaces loses them: the
\* model erases that entry.
StoreEntry(xa, i, e) ==
    LET range == RangeOf(i, e.order)
        gone  == UNION {Covered(xa, j) : j \in range}
    IN  [j \in DOMAIN xa |-> IF j \in range THEN e
                             ELSE IF j \in gone THEN Null
                             ELSE xa[j]]
StoreMarks(xa, marks, i, e) ==
    LET range == RangeOf(i, e.order)
        gone  == UNION {Covered(xa, j) : j \in range}
        kept  == UNION {marks[j] : j \in range}
    IN  [j \in DOMAIN marks |-> IF j \in range THEN kept
                                ELSE IF j \in gone THEN {}
                                ELSE marks[j]]

\* The hashed wait-queue head of a key (one mapping: hash(entry_start)).
Bucket(key) == key % NrBuckets

\* prepare_to_wait_exclusive() joins the queue at its tail; prepare_to_wait()
\* (non-exclusive) at its head (__add_wait_queue).
PrepareToWait(wq, t, key, exclusive) ==
    LET w == [thread |-> t, key |-> key, exclusive |-> exclusive]
    IN  [wq EXCEPT ![Bucket(key)] = IF exclusive THEN Append(@, w) ELSE <<w>> \o @]

\* nr_exclusive of __wake_up(): wake one exclusive waiter, or all of them.
WAKE_NEXT == 1
WAKE_ALL == 0

\* The walk of __wake_up_common() with wake_exceptional_entry_func(): a
\* waiter with another key is skipped and stays queued (when `filter`);
\* a matching waiter is woken and leaves the queue; the walk stops after
\* waking `nr` exclusive waiters (never, for nr = 0).
RECURSIVE WakeWalk(_, _, _, _)
WakeWalk(q, key, nr, filter) ==
    IF q = <<>>
    THEN <<>>
    ELSE LET w == Head(q)
         IN  IF filter /\ w.key # key
             THEN <<w>> \o WakeWalk(Tail(q), key, nr, filter)
             ELSE IF w.exclusive /\ nr = 1
                  THEN Tail(q)
                  ELSE WakeWalk(Tail(q), key,
                                IF w.exclusive /\ nr > 1 THEN nr - 1 ELSE nr,
                                filter)

\* __wake_up(wq, TASK_NORMAL, nr, &key) on the key's hashed queue.
WakeUp(wq, key, nr) == [wq EXCEPT ![Bucket(key)] = WakeWalk(@, key, nr, TRUE)]

\* The same walk without the key filter (a mutant).
WakeUpAnyKey(wq, key, nr) == [wq EXCEPT ![Bucket(key)] = WakeWalk(@, key, nr, FALSE)]

\* Is thread t on a wait queue (asleep, not yet woken)?
IsWaiting(wq, t) == \E b \in DOMAIN wq : \E n \in 1 .. Len(wq[b]) : wq[b][n].thread = t

\* An xa_state is a record [index, order, node, offset] in a one-node
\* XArray: node is "restart" (fresh, reset or paused), "walked" (standing
\* on slot `offset`) or "bounds" (a walk ran past its end).
\* XA_STATE_ORDER(): a fresh state at i aligned down to `order`.
XaState(i, order) == [index |-> AlignDown(i, order), order |-> order, node |-> "restart", offset |-> 0]

\* xas->xa_index.
XasIndex(s) == s.index

\* The entry covering i; Null past the model's indices (the file ends there).
At(xa, i) == IF i \in DOMAIN xa THEN xa[i] ELSE Null

\* The slot a lookup of i lands on: the first slot of the entry covering i
\* (i itself when it is empty).
SlotOf(xa, i) == IF At(xa, i) = Null THEN i ELSE AlignDown(i, xa[i].order)

\* xas_load(): a walked state reloads the slot it stands on; any other
\* walks to the slot of its index, which it then stands on.
XasLoad(xa, s) == IF s.node = "walked" THEN At(xa, s.offset) ELSE At(xa, s.index)
XasLoadNext(xa, s) ==
    IF s.node = "walked" THEN s ELSE [s EXCEPT !.node = "walked", !.offset = SlotOf(xa, s.index)]

\* The first slot in lo..hi that holds the first slot of an entry (not a
\* sibling slot of a multi-index entry), or -1; FirstHeadIn only among the
\* slots in `ok`.
FirstHeadIn(xa, lo, hi, ok) ==
    LET heads == {j \in lo .. hi : j \in ok /\ At(xa, j) # Null /\ AlignDown(j, xa[j].order) = j}
    IN  IF heads = {} THEN -1 ELSE CHOOSE j \in heads : \A m \in heads : j =< m
FirstHead(xa, lo, hi) == FirstHeadIn(xa, lo, hi, DOMAIN xa)

\* xas_find_conflict(): a fresh state looks at the whole aligned range of its
\* order (the entry covering its first slot, else the first entry after it);
\* a walked state looks only at the slots after the one it stands on, up to
\* the end of that range: none at all for order 0. The index never moves.
XasConflictSlot(xa, s) ==
    IF s.node = "walked"
    THEN FirstHead(xa, s.offset + 1, AlignDown(s.offset, s.order) + 2 ^ s.order - 1)
    ELSE LET base == AlignDown(s.index, s.order)
         IN  IF At(xa, base) # Null THEN SlotOf(xa, base)
             ELSE FirstHead(xa, base + 1, base + 2 ^ s.order - 1)
XasFindConflict(xa, s) ==
    LET j == XasConflictSlot(xa, s) IN IF j = -1 THEN Null ELSE xa[j]
XasFindConflictNext(xa, s) ==
    LET j == XasConflictSlot(xa, s)
    IN  [s EXCEPT !.node = "walked",
                  !.offset = IF j # -1 THEN j
                             ELSE AlignDown(IF s.node = "walked" THEN s.offset ELSE s.index, s.order)]

\* xas_set() moves the index and restarts; xas_reset() only restarts.
XasSet(s, i) == [s EXCEPT !.index = i, !.node = "restart", !.offset = 0]
XasReset(s) == [s EXCEPT !.node = "restart", !.offset = 0]

\* xas_pause(): a walked state moves its index past the entry it stands on
\* (over its sibling slots) and restarts there; any other is left alone.
XasPause(xa, s) ==
    IF s.node # "walked" THEN s
    ELSE [s EXCEPT !.index = @ + (IF At(xa, s.offset) = Null THEN 1 ELSE 2 ^ xa[s.offset].order),
                   !.node = "restart", !.offset = 0]

\* xas_store() through the state: at the slot it stands on, or the slot of
\* its index; storing Null erases the whole entry there (and its marks).
\* The state then stands on the stored slot.
XasPosition(xa, s) == IF s.node = "walked" THEN s.offset ELSE SlotOf(xa, s.index)
XasStore(xa, s, e) ==
    IF e # Null THEN StoreEntry(xa, XasPosition(xa, s), e)
    ELSE IF XasPosition(xa, s) \in DOMAIN xa THEN EraseEntry(xa, XasPosition(xa, s))
    ELSE xa
XasStoreMarks(xa, marks, s, e) ==
    IF e # Null THEN StoreMarks(xa, marks, XasPosition(xa, s), e)
    ELSE IF XasPosition(xa, s) \in DOMAIN xa THEN EraseMarks(xa, marks, XasPosition(xa, s))
    ELSE marks
XasStoreNext(xa, s, e) ==
    [s EXCEPT !.node = "walked",
              !.offset = IF s.node # "walked" THEN SlotOf(xa, s.index)
                         ELSE IF e = Null THEN s.offset ELSE AlignDown(s.offset, e.order)]

\* xas_retry(): on XA_RETRY_ENTRY (`retry`) the walk restarts (xas_reset).
XasRetryNext(s, retry) == IF retry THEN XasReset(s) ELSE s

\* xas_find() and xas_next_entry() (one meaning in a one-node XArray): the
\* next entry of a walk up to `max`. A restarted state (fresh, reset or
\* paused) first looks at its own index, so a walk resumes where
\* xas_pause() left it; a walked state moves to the next entry after its
\* index, over sibling slots. Past `max` the walk ends ("bounds"). The *In
\* forms see only entries at the indices in `ok` (a marked walk).
XasFindSlotIn(xa, s, max, ok) ==
    IF s.node = "bounds" \/ s.index > max THEN -1
    ELSE IF s.node = "restart" /\ At(xa, s.index) # Null /\ s.index \in ok THEN SlotOf(xa, s.index)
    ELSE FirstHeadIn(xa, s.index + 1, max, ok)
XasFindIn(xa, s, max, ok) ==
    LET j == XasFindSlotIn(xa, s, max, ok) IN IF j = -1 THEN Null ELSE xa[j]
XasFindNextIn(xa, s, max, ok) ==
    IF s.node = "bounds" THEN s
    ELSE IF s.index > max THEN [s EXCEPT !.node = "bounds", !.offset = 0]
    ELSE IF s.node = "restart" /\ At(xa, s.index) # Null /\ s.index \in ok
         THEN [s EXCEPT !.node = "walked", !.offset = SlotOf(xa, s.index)]
    ELSE LET j == FirstHeadIn(xa, s.index + 1, max, ok)
         IN  IF j = -1 THEN [s EXCEPT !.index = max + 1, !.node = "bounds", !.offset = 0]
             ELSE [s EXCEPT !.index = j, !.node = "walked", !.offset = j]
XasFind(xa, s, max) == XasFindIn(xa, s, max, DOMAIN xa)
XasFindNext(xa, s, max) == XasFindNextIn(xa, s, max, DOMAIN xa)

\* PAGECACHE_TAG_DIRTY and PAGECACHE_TAG_TOWRITE. `marks` maps each index to
\* the set of marks of the entry there (every index of a multi-index entry
\* holds its marks, as `xa` holds the entry); an empty index has none.
DIRTY == "DIRTY"
TOWRITE == "TOWRITE"
MarksAt(marks, i) == IF i \in DOMAIN marks THEN marks[i] ELSE {}
MarkedIndices(marks, m) == {j \in DOMAIN marks : m \in marks[j]}

\* xas_find_marked() and xas_next_marked(), the steps of
\* xas_for_each_marked(): xas_find() / xas_next_entry() over the entries
\* that have mark m.
XasFindMarked(xa, marks, s, max, m) == XasFindIn(xa, s, max, MarkedIndices(marks, m))
XasFindMarkedNext(xa, marks, s, max, m) == XasFindNextIn(xa, s, max, MarkedIndices(marks, m))

\* xas_get_mark(), xas_set_mark(), xas_clear_mark(): on the entry the state
\* stands on (all its indices). A state that has not walked (fresh, reset,
\* paused, or past the end of a walk) is invalid to them: get says FALSE,
\* set and clear do nothing (xas_invalid()). An empty slot takes no mark
\* (as xa_set_mark() refuses it; DAX never marks one).
XasMarked(xa, s) == IF s.node = "walked" /\ At(xa, s.offset) # Null THEN Covered(xa, s.offset) ELSE {}
XasGetMark(marks, s, m) == s.node = "walked" /\ m \in MarksAt(marks, s.offset)
XasSetMark(xa, marks, s, m) ==
    LET on == XasMarked(xa, s) IN [j \in DOMAIN marks |-> IF j \in on THEN marks[j] \cup {m} ELSE marks[j]]
XasClearMark(xa, marks, s, m) ==
    LET on == XasMarked(xa, s) IN [j \in DOMAIN marks |-> IF j \in on THEN marks[j] \ {m} ELSE marks[j]]

\* tag_pages_for_writeback(mapping, lo, hi): every entry with an index in
\* lo..hi marked DIRTY is marked TOWRITE too (all its indices). The kernel
\* walks with xas_for_each_marked() and drops the lock every XA_CHECK_SCHED
\* (4096) entries; a model has fewer, so this is one hold of the lock.
TagPagesForWriteback(xa, marks, lo, hi) ==
    LET dirty == {j \in lo .. hi : j \in DOMAIN marks /\ DIRTY \in marks[j]}
        on    == UNION {Covered(xa, j) : j \in dirty}
    IN  [j \in DOMAIN marks |-> IF j \in on THEN marks[j] \cup {TOWRITE} ELSE marks[j]]

\* A spec's `v!`: v, which must not be Null. TLC stops here, as the
\* interpreter does, rather than carry a Null on that a C caller could
\* not have had.
NonNull(v) == IF v = Null THEN Assert(FALSE, "the value is null here (the ! assertion failed)") ELSE v

=============================================================================
