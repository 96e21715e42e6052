--------------------------- MODULE DaxVocabulary ---------------------------
(***************************************************************************)
(* The XArray / wait-queue vocabulary of daxspec models, in TLA+.          *)
(* Generated from src/model/operations.ts (npm run emit), whose rows also  *)
(* give the interpreter's reading of each operation; the tests hold the    *)
(* two to the same hand-worked cases.                                      *)
(*                                                                         *)
(* An XArray is a function from indices to entries or Null; a multi-index  *)
(* entry of order k appears at every index of its aligned 2^k range. An    *)
(* entry is a record [order, locked, empty, zero, pfn]. The wait table is  *)
(* a function from hash buckets to FIFO sequences of waiters               *)
(* [thread, key, exclusive].                                               *)
(***************************************************************************)
EXTENDS Integers, Sequences

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

\* xas_store(xas, NULL): erase the entry covering i, over its whole range.
EraseEntry(xa, i) ==
    LET gone == Covered(xa, i)
    IN  [j \in DOMAIN xa |-> IF j \in gone THEN Null ELSE xa[j]]

\* xas_store(): e covers its aligned range; entries overlapping that range
\* are replaced as a whole.
StoreEntry(xa, i, e) ==
    LET range == RangeOf(i, e.order)
        gone  == UNION {Covered(xa, j) : j \in range}
    IN  [j \in DOMAIN xa |-> IF j \in range THEN e
                             ELSE IF j \in gone THEN Null
                             ELSE xa[j]]

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

=============================================================================
