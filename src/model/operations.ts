/**
 * The domain vocabulary, one row per operation: what a spec calls
 * (`k.name(...)`), its argument and result kinds, what shared state it reads
 * or writes, how the compiled checker calls it (a direct call of a
 * Vocabulary method, so the hot loop does no table lookup), its TLA+
 * operator with the definition that tla/DaxVocabulary.tla is generated
 * from, and hand-worked cases that the tests run on both the interpreter and
 * TLC. Parsing, the IR (`{ kind: 'vocab', op, args }`), the compiler and the
 * emitter all read this table; adding an operation is a row plus its cases.
 */
import type { Mark, ValueType } from './ir.js';
import { CONFLICT } from './layout.js';

/** The kinds of value an operation takes. `wakeMode` is WAKE_NEXT / WAKE_ALL; `mark` is DIRTY / TOWRITE. */
export type ArgKind = 'int' | 'bool' | 'slot' | 'entry' | 'thread' | 'wakeMode' | 'xas' | 'mark';

/**
 * The shared state components an operation can touch. `marks` (index -> the
 * set of marks of the entry there) exists only in a spec that uses marks.
 */
export type SharedVar = 'xa' | 'waitq' | 'marks';

export type { Mark };
/** The marks a model has (PAGECACHE_TAG_DIRTY and _TOWRITE), as the interpreter encodes them: a bit of an index's mark set. */
export const MARK_BITS: Readonly<Record<Mark, number>> = { DIRTY: 1, TOWRITE: 2 };

/** Arguments already rendered as JavaScript, and what else the call site knows. */
export interface JsSite {
  args: string[];
  /** Location id of the call, for StepFailure messages. */
  loc: number;
  /** The running thread's id (1-based). */
  self: number;
}

/**
 * Arguments already rendered as TLA+ (each can stand as an argument), and the
 * current value of the shared state (each can stand as an argument or be
 * indexed: a name, an application, or parenthesised).
 */
export interface TlaSite {
  args: string[];
  xa: string;
  waitq: string;
  marks: string;
}

/** A value in a hand-worked case: an int, a bool, an entry, an xa_state, null, or a wake mode. */
export type CaseValue = number | boolean | CaseEntry | CaseXas | null | 'next' | 'all' | 'retry' | Mark;
export interface CaseXas {
  index: number;
  order: number;
  node: 'restart' | 'walked' | 'bounds';
  offset: number;
}
export interface CaseEntry {
  order: number;
  locked?: boolean;
  empty?: boolean;
  zero?: boolean;
  page?: boolean;
  pfn?: number;
  /** In a case's XArray: the marks of the slot (not part of the entry's value). */
  marks?: readonly Mark[];
}
export interface CaseWaiter {
  thread: number;
  key: number;
  exclusive: boolean;
}

/** A hand-worked case: a state, arguments, and the value or state the operation must produce. */
export interface OpCase {
  name: string;
  /** Hashed wait-queue heads (default 1). */
  buckets?: number;
  xa?: (CaseEntry | null)[];
  wq?: CaseWaiter[][];
  /** The running thread, for operations that act as `self` (default 1). */
  self?: number;
  args: CaseValue[];
  /** What must hold after: the value given, the XArray, the wait table, the xa_state (first argument) moved to. */
  expect: { value?: CaseValue; xa?: (CaseEntry | null)[]; wq?: CaseWaiter[][]; xas?: CaseXas };
}

/** How a row moves the xa_state passed as its first argument (a thread local). */
export interface XasMove {
  /** The new xa_state, as JavaScript and as TLA+ (computed from the state before the move). */
  js(site: JsSite): string;
  tla(site: TlaSite): string;
  operator: string;
}

interface OpBase {
  /** The kernel member a spec calls: `k.<name>(...)`. */
  name: string;
  doc: string;
  params: readonly { name: string; kind: ArgKind }[];
  /** Shared state the operation reads (a helper that uses it is inlined, not an operator). */
  reads: readonly SharedVar[];
  /** The TLA+ operator this row renders to (defined in DaxVocabulary.tla), or null for built-in syntax. */
  operator: string | null;
  /** Set when the operation moves the xa_state given as its first argument. */
  moves?: XasMove;
  cases: readonly OpCase[];
}

/** An operation that gives a value and changes nothing. */
export interface ExprOp extends OpBase {
  form: 'expr';
  result: ValueType;
  /** The compiled checker's code for the value. */
  js(site: JsSite): string;
  /** The value, as TLA+. */
  tla(site: TlaSite): string;
}

/** An operation that is a statement: it changes one shared variable. */
export interface StmtOp extends OpBase {
  form: 'stmt';
  writes: SharedVar;
  /** The compiled checker's code for the statement. */
  js(site: JsSite): string;
  /** The new value of `writes`, as TLA+. */
  tla(site: TlaSite): string;
  /**
   * For a row that stores into the XArray: the new marks, as TLA+ (a store
   * keeps or drops marks). Written only in a spec that has marks; the
   * interpreter's store updates them itself.
   */
  marksAfter?(site: TlaSite): string;
}

/** An operation that only moves the xa_state given as its first argument (xas_set, xas_reset, xas_pause). */
export interface MoveOp extends OpBase {
  form: 'move';
  moves: XasMove;
}

export type VocabOp = ExprOp | StmtOp | MoveOp;

/** A TLA+ definition of DaxVocabulary.tla: the operators it defines, a comment, the text. */
export interface TlaDefinition {
  defines: readonly string[];
  comment: readonly string[];
  text: readonly string[];
  /** Definitions that must come before this one. */
  needs?: readonly string[];
}

/** Definitions the operations' own definitions build on. */
export const SUPPORT_DEFINITIONS: readonly TlaDefinition[] = [
  {
    defines: ['NonNull'],
    comment: [
      "A spec's `v!`: v, which must not be Null. TLC stops here, as the",
      'interpreter does, rather than carry a Null on that a C caller could',
      'not have had.',
    ],
    text: ['NonNull(v) == IF v = Null THEN Assert(FALSE, "the value is null here (the ! assertion failed)") ELSE v'],
  },
  {
    defines: ['RangeOf'],
    comment: ['The aligned range of `order` that contains i.'],
    text: ['RangeOf(i, order) == AlignDown(i, order) .. AlignDown(i, order) + 2 ^ order - 1'],
  },
  {
    defines: ['Covered'],
    comment: ['The indices the entry covering i spans (none when i is empty).'],
    text: ['Covered(xa, i) == IF xa[i] = Null THEN {} ELSE RangeOf(i, xa[i].order)'],
    needs: ['RangeOf'],
  },
  {
    defines: ['Bucket'],
    comment: ['The hashed wait-queue head of a key (one mapping: hash(entry_start)).'],
    text: ['Bucket(key) == key % NrBuckets'],
  },
  {
    defines: ['WAKE_NEXT', 'WAKE_ALL'],
    comment: ['nr_exclusive of __wake_up(): wake one exclusive waiter, or all of them.'],
    text: ['WAKE_NEXT == 1', 'WAKE_ALL == 0'],
  },
  {
    defines: ['WakeWalk'],
    comment: [
      'The walk of __wake_up_common() with wake_exceptional_entry_func(): a',
      'waiter with another key is skipped and stays queued (when `filter`);',
      'a matching waiter is woken and leaves the queue; the walk stops after',
      'waking `nr` exclusive waiters (never, for nr = 0).',
    ],
    text: [
      'RECURSIVE WakeWalk(_, _, _, _)',
      'WakeWalk(q, key, nr, filter) ==',
      '    IF q = <<>>',
      '    THEN <<>>',
      '    ELSE LET w == Head(q)',
      '         IN  IF filter /\\ w.key # key',
      '             THEN <<w>> \\o WakeWalk(Tail(q), key, nr, filter)',
      '             ELSE IF w.exclusive /\\ nr = 1',
      '                  THEN Tail(q)',
      '                  ELSE WakeWalk(Tail(q), key,',
      '                                IF w.exclusive /\\ nr > 1 THEN nr - 1 ELSE nr,',
      '                                filter)',
    ],
    needs: ['WAKE_NEXT'],
  },
  {
    defines: ['At'],
    comment: ['The entry covering i; Null past the model\'s indices (the file ends there).'],
    text: ['At(xa, i) == IF i \\in DOMAIN xa THEN xa[i] ELSE Null'],
  },
  {
    defines: ['SlotOf'],
    comment: ['The slot a lookup of i lands on: the first slot of the entry covering i', '(i itself when it is empty).'],
    text: ['SlotOf(xa, i) == IF At(xa, i) = Null THEN i ELSE AlignDown(i, xa[i].order)'],
    needs: ['At', 'AlignDown'],
  },
  {
    defines: ['FirstHeadIn', 'FirstHead'],
    comment: [
      'The first slot in lo..hi that holds the first slot of an entry (not a',
      'sibling slot of a multi-index entry), or -1; FirstHeadIn only among the',
      'slots in `ok`.',
    ],
    text: [
      'FirstHeadIn(xa, lo, hi, ok) ==',
      '    LET heads == {j \\in lo .. hi : j \\in ok /\\ At(xa, j) # Null /\\ AlignDown(j, xa[j].order) = j}',
      '    IN  IF heads = {} THEN -1 ELSE CHOOSE j \\in heads : \\A m \\in heads : j =< m',
      'FirstHead(xa, lo, hi) == FirstHeadIn(xa, lo, hi, DOMAIN xa)',
    ],
    needs: ['At', 'AlignDown'],
  },
  {
    defines: ['DIRTY', 'TOWRITE', 'MarksAt', 'MarkedIndices'],
    comment: [
      'PAGECACHE_TAG_DIRTY and PAGECACHE_TAG_TOWRITE. `marks` maps each index to',
      'the set of marks of the entry there (every index of a multi-index entry',
      'holds its marks, as `xa` holds the entry); an empty index has none.',
    ],
    text: [
      'DIRTY == "DIRTY"',
      'TOWRITE == "TOWRITE"',
      'MarksAt(marks, i) == IF i \\in DOMAIN marks THEN marks[i] ELSE {}',
      'MarkedIndices(marks, m) == {j \\in DOMAIN marks : m \\in marks[j]}',
    ],
  },
];

const PTE = (pfn: number, locked = false): CaseEntry => ({ order: 0, locked, pfn });
const PMD = (pfn: number, locked = false): CaseEntry => ({ order: 1, locked, pfn });
const PMD2 = (pfn: number): CaseEntry => ({ order: 2, pfn });
const X = (index: number, order: number, node: CaseXas['node'], offset: number): CaseXas => ({ index, order, node, offset });
/** The entry with marks on its slot (in a case's XArray). */
const marked = (e: CaseEntry, ...marks: Mark[]): CaseEntry => ({ ...e, marks });
const x = (thread: number, key: number): CaseWaiter => ({ thread, key, exclusive: true });
const s = (thread: number, key: number): CaseWaiter => ({ thread, key, exclusive: false });

/** Definitions owned by one operation row, keyed by operator. */
export const OP_DEFINITIONS: Readonly<Record<string, TlaDefinition>> = {
  AlignDown: {
    defines: ['AlignDown'],
    comment: ['index & ~(2^order - 1)'],
    text: ['AlignDown(i, order) == i - (i % (2 ^ order))'],
  },
  FindConflict: {
    defines: ['FindConflict'],
    comment: [
      'xas_find_conflict(): the first present entry in the aligned range of',
      "`order` around i (Null if none); the xa_state's index does not move.",
    ],
    text: [
      'FindConflict(xa, i, order) ==',
      '    LET present == {j \\in RangeOf(i, order) : j \\in DOMAIN xa /\\ xa[j] # Null}',
      '    IN  IF present = {}',
      '        THEN Null',
      '        ELSE xa[CHOOSE j \\in present : \\A m \\in present : j =< m]',
    ],
    needs: ['RangeOf'],
  },
  EraseEntry: {
    defines: ['EraseEntry', 'EraseMarks'],
    comment: [
      'xas_store(xas, NULL): erase the entry covering i, over its whole range;',
      'its marks go with it (xas_init_marks()).',
    ],
    text: [
      'EraseEntry(xa, i) ==',
      '    LET gone == Covered(xa, i)',
      '    IN  [j \\in DOMAIN xa |-> IF j \\in gone THEN Null ELSE xa[j]]',
      'EraseMarks(xa, marks, i) ==',
      '    LET gone == Covered(xa, i)',
      '    IN  [j \\in DOMAIN marks |-> IF j \\in gone THEN {} ELSE marks[j]]',
    ],
    needs: ['Covered'],
  },
  StoreEntry: {
    defines: ['StoreEntry', 'StoreMarks'],
    comment: [
      'xas_store(): e covers its aligned range; entries overlapping that range',
      'are replaced as a whole. Marks: the new entry keeps the marks of the',
      'entries it replaces (xas_store() of a non-NULL entry leaves the marks of',
      'its slot alone; over several slots, xas_squash_marks() gathers them on',
      'the first). The rest of a larger entry it replaces loses them: the',
      'model erases that entry.',
    ],
    text: [
      'StoreEntry(xa, i, e) ==',
      '    LET range == RangeOf(i, e.order)',
      '        gone  == UNION {Covered(xa, j) : j \\in range}',
      '    IN  [j \\in DOMAIN xa |-> IF j \\in range THEN e',
      '                             ELSE IF j \\in gone THEN Null',
      '                             ELSE xa[j]]',
      'StoreMarks(xa, marks, i, e) ==',
      '    LET range == RangeOf(i, e.order)',
      '        gone  == UNION {Covered(xa, j) : j \\in range}',
      '        kept  == UNION {marks[j] : j \\in range}',
      '    IN  [j \\in DOMAIN marks |-> IF j \\in range THEN kept',
      '                                ELSE IF j \\in gone THEN {}',
      '                                ELSE marks[j]]',
    ],
    needs: ['Covered'],
  },
  PrepareToWait: {
    defines: ['PrepareToWait'],
    comment: [
      'prepare_to_wait_exclusive() joins the queue at its tail; prepare_to_wait()',
      '(non-exclusive) at its head (__add_wait_queue).',
    ],
    text: [
      'PrepareToWait(wq, t, key, exclusive) ==',
      '    LET w == [thread |-> t, key |-> key, exclusive |-> exclusive]',
      '    IN  [wq EXCEPT ![Bucket(key)] = IF exclusive THEN Append(@, w) ELSE <<w>> \\o @]',
    ],
    needs: ['Bucket'],
  },
  WakeUp: {
    defines: ['WakeUp'],
    comment: ["__wake_up(wq, TASK_NORMAL, nr, &key) on the key's hashed queue."],
    text: ['WakeUp(wq, key, nr) == [wq EXCEPT ![Bucket(key)] = WakeWalk(@, key, nr, TRUE)]'],
    needs: ['Bucket', 'WakeWalk'],
  },
  WakeUpAnyKey: {
    defines: ['WakeUpAnyKey'],
    comment: ['The same walk without the key filter (a mutant).'],
    text: ['WakeUpAnyKey(wq, key, nr) == [wq EXCEPT ![Bucket(key)] = WakeWalk(@, key, nr, FALSE)]'],
    needs: ['Bucket', 'WakeWalk'],
  },
  IsWaiting: {
    defines: ['IsWaiting'],
    comment: ['Is thread t on a wait queue (asleep, not yet woken)?'],
    text: ['IsWaiting(wq, t) == \\E b \\in DOMAIN wq : \\E n \\in 1 .. Len(wq[b]) : wq[b][n].thread = t'],
  },
  XasIndex: {
    defines: ['XasIndex'],
    comment: ['xas->xa_index.'],
    text: ['XasIndex(s) == s.index'],
  },
  XaState: {
    defines: ['XaState'],
    comment: [
      'An xa_state is a record [index, order, node, offset] in a one-node',
      'XArray: node is "restart" (fresh, reset or paused), "walked" (standing',
      'on slot `offset`) or "bounds" (a walk ran past its end).',
      'XA_STATE_ORDER(): a fresh state at i aligned down to `order`.',
    ],
    text: ['XaState(i, order) == [index |-> AlignDown(i, order), order |-> order, node |-> "restart", offset |-> 0]'],
    needs: ['AlignDown'],
  },
  XasLoad: {
    defines: ['XasLoad', 'XasLoadNext'],
    comment: [
      'xas_load(): a walked state reloads the slot it stands on; any other',
      'walks to the slot of its index, which it then stands on.',
    ],
    text: [
      'XasLoad(xa, s) == IF s.node = "walked" THEN At(xa, s.offset) ELSE At(xa, s.index)',
      'XasLoadNext(xa, s) ==',
      '    IF s.node = "walked" THEN s ELSE [s EXCEPT !.node = "walked", !.offset = SlotOf(xa, s.index)]',
    ],
    needs: ['At', 'SlotOf'],
  },
  XasFindConflict: {
    defines: ['XasConflictSlot', 'XasFindConflict', 'XasFindConflictNext'],
    comment: [
      'xas_find_conflict(): a fresh state looks at the whole aligned range of its',
      'order (the entry covering its first slot, else the first entry after it);',
      'a walked state looks only at the slots after the one it stands on, up to',
      'the end of that range: none at all for order 0. The index never moves.',
    ],
    text: [
      'XasConflictSlot(xa, s) ==',
      '    IF s.node = "walked"',
      '    THEN FirstHead(xa, s.offset + 1, AlignDown(s.offset, s.order) + 2 ^ s.order - 1)',
      '    ELSE LET base == AlignDown(s.index, s.order)',
      '         IN  IF At(xa, base) # Null THEN SlotOf(xa, base)',
      '             ELSE FirstHead(xa, base + 1, base + 2 ^ s.order - 1)',
      'XasFindConflict(xa, s) ==',
      '    LET j == XasConflictSlot(xa, s) IN IF j = -1 THEN Null ELSE xa[j]',
      'XasFindConflictNext(xa, s) ==',
      '    LET j == XasConflictSlot(xa, s)',
      '    IN  [s EXCEPT !.node = "walked",',
      '                  !.offset = IF j # -1 THEN j',
      '                             ELSE AlignDown(IF s.node = "walked" THEN s.offset ELSE s.index, s.order)]',
    ],
    needs: ['At', 'SlotOf', 'FirstHead', 'AlignDown'],
  },
  XasSet: {
    defines: ['XasSet', 'XasReset'],
    comment: ['xas_set() moves the index and restarts; xas_reset() only restarts.'],
    text: [
      'XasSet(s, i) == [s EXCEPT !.index = i, !.node = "restart", !.offset = 0]',
      'XasReset(s) == [s EXCEPT !.node = "restart", !.offset = 0]',
    ],
  },
  XasPause: {
    defines: ['XasPause'],
    comment: [
      'xas_pause(): a walked state moves its index past the entry it stands on',
      '(over its sibling slots) and restarts there; any other is left alone.',
    ],
    text: [
      'XasPause(xa, s) ==',
      '    IF s.node # "walked" THEN s',
      '    ELSE [s EXCEPT !.index = @ + (IF At(xa, s.offset) = Null THEN 1 ELSE 2 ^ xa[s.offset].order),',
      '                   !.node = "restart", !.offset = 0]',
    ],
    needs: ['At'],
  },
  XasStore: {
    defines: ['XasPosition', 'XasStore', 'XasStoreMarks', 'XasStoreNext'],
    comment: [
      'xas_store() through the state: at the slot it stands on, or the slot of',
      'its index; storing Null erases the whole entry there (and its marks).',
      'The state then stands on the stored slot.',
    ],
    text: [
      'XasPosition(xa, s) == IF s.node = "walked" THEN s.offset ELSE SlotOf(xa, s.index)',
      'XasStore(xa, s, e) ==',
      '    IF e # Null THEN StoreEntry(xa, XasPosition(xa, s), e)',
      '    ELSE IF XasPosition(xa, s) \\in DOMAIN xa THEN EraseEntry(xa, XasPosition(xa, s))',
      '    ELSE xa',
      'XasStoreMarks(xa, marks, s, e) ==',
      '    IF e # Null THEN StoreMarks(xa, marks, XasPosition(xa, s), e)',
      '    ELSE IF XasPosition(xa, s) \\in DOMAIN xa THEN EraseMarks(xa, marks, XasPosition(xa, s))',
      '    ELSE marks',
      'XasStoreNext(xa, s, e) ==',
      '    [s EXCEPT !.node = "walked",',
      '              !.offset = IF s.node # "walked" THEN SlotOf(xa, s.index)',
      '                         ELSE IF e = Null THEN s.offset ELSE AlignDown(s.offset, e.order)]',
    ],
    needs: ['SlotOf', 'StoreEntry', 'EraseEntry', 'AlignDown'],
  },
  XasRetryNext: {
    defines: ['XasRetryNext'],
    comment: ['xas_retry(): on XA_RETRY_ENTRY (`retry`) the walk restarts (xas_reset).'],
    text: ['XasRetryNext(s, retry) == IF retry THEN XasReset(s) ELSE s'],
    needs: ['XasSet'],
  },
  XasFind: {
    defines: ['XasFindSlotIn', 'XasFindIn', 'XasFindNextIn', 'XasFind', 'XasFindNext'],
    comment: [
      'xas_find() and xas_next_entry() (one meaning in a one-node XArray): the',
      'next entry of a walk up to `max`. A restarted state (fresh, reset or',
      'paused) first looks at its own index, so a walk resumes where',
      'xas_pause() left it; a walked state moves to the next entry after its',
      'index, over sibling slots. Past `max` the walk ends ("bounds"). The *In',
      'forms see only entries at the indices in `ok` (a marked walk).',
    ],
    text: [
      'XasFindSlotIn(xa, s, max, ok) ==',
      '    IF s.node = "bounds" \\/ s.index > max THEN -1',
      '    ELSE IF s.node = "restart" /\\ At(xa, s.index) # Null /\\ s.index \\in ok THEN SlotOf(xa, s.index)',
      '    ELSE FirstHeadIn(xa, s.index + 1, max, ok)',
      'XasFindIn(xa, s, max, ok) ==',
      '    LET j == XasFindSlotIn(xa, s, max, ok) IN IF j = -1 THEN Null ELSE xa[j]',
      'XasFindNextIn(xa, s, max, ok) ==',
      '    IF s.node = "bounds" THEN s',
      '    ELSE IF s.index > max THEN [s EXCEPT !.node = "bounds", !.offset = 0]',
      '    ELSE IF s.node = "restart" /\\ At(xa, s.index) # Null /\\ s.index \\in ok',
      '         THEN [s EXCEPT !.node = "walked", !.offset = SlotOf(xa, s.index)]',
      '    ELSE LET j == FirstHeadIn(xa, s.index + 1, max, ok)',
      '         IN  IF j = -1 THEN [s EXCEPT !.index = max + 1, !.node = "bounds", !.offset = 0]',
      '             ELSE [s EXCEPT !.index = j, !.node = "walked", !.offset = j]',
      'XasFind(xa, s, max) == XasFindIn(xa, s, max, DOMAIN xa)',
      'XasFindNext(xa, s, max) == XasFindNextIn(xa, s, max, DOMAIN xa)',
    ],
    needs: ['At', 'SlotOf', 'FirstHead'],
  },
  XasFindMarked: {
    defines: ['XasFindMarked', 'XasFindMarkedNext'],
    comment: [
      'xas_find_marked() and xas_next_marked(), the steps of',
      'xas_for_each_marked(): xas_find() / xas_next_entry() over the entries',
      'that have mark m.',
    ],
    text: [
      'XasFindMarked(xa, marks, s, max, m) == XasFindIn(xa, s, max, MarkedIndices(marks, m))',
      'XasFindMarkedNext(xa, marks, s, max, m) == XasFindNextIn(xa, s, max, MarkedIndices(marks, m))',
    ],
    needs: ['XasFind', 'MarkedIndices'],
  },
  XasMark: {
    defines: ['XasMarked', 'XasGetMark', 'XasSetMark', 'XasClearMark'],
    comment: [
      'xas_get_mark(), xas_set_mark(), xas_clear_mark(): on the entry the state',
      'stands on (all its indices). A state that has not walked (fresh, reset,',
      'paused, or past the end of a walk) is invalid to them: get says FALSE,',
      'set and clear do nothing (xas_invalid()). An empty slot takes no mark',
      '(as xa_set_mark() refuses it; DAX never marks one).',
    ],
    text: [
      'XasMarked(xa, s) == IF s.node = "walked" /\\ At(xa, s.offset) # Null THEN Covered(xa, s.offset) ELSE {}',
      'XasGetMark(marks, s, m) == s.node = "walked" /\\ m \\in MarksAt(marks, s.offset)',
      'XasSetMark(xa, marks, s, m) ==',
      '    LET on == XasMarked(xa, s) IN [j \\in DOMAIN marks |-> IF j \\in on THEN marks[j] \\cup {m} ELSE marks[j]]',
      'XasClearMark(xa, marks, s, m) ==',
      '    LET on == XasMarked(xa, s) IN [j \\in DOMAIN marks |-> IF j \\in on THEN marks[j] \\ {m} ELSE marks[j]]',
    ],
    needs: ['At', 'Covered', 'MarksAt'],
  },
  TagPagesForWriteback: {
    defines: ['TagPagesForWriteback'],
    comment: [
      'tag_pages_for_writeback(mapping, lo, hi): every entry with an index in',
      'lo..hi marked DIRTY is marked TOWRITE too (all its indices). The kernel',
      'walks with xas_for_each_marked() and drops the lock every XA_CHECK_SCHED',
      '(4096) entries; a model has fewer, so this is one hold of the lock.',
    ],
    text: [
      'TagPagesForWriteback(xa, marks, lo, hi) ==',
      '    LET dirty == {j \\in lo .. hi : j \\in DOMAIN marks /\\ DIRTY \\in marks[j]}',
      '        on    == UNION {Covered(xa, j) : j \\in dirty}',
      '    IN  [j \\in DOMAIN marks |-> IF j \\in on THEN marks[j] \\cup {TOWRITE} ELSE marks[j]]',
    ],
    needs: ['Covered', 'DIRTY'],
  },
};

const bool = (v: boolean): string => (v ? 'TRUE' : 'FALSE');

export const OPERATIONS: readonly VocabOp[] = [
  {
    name: 'alignDown',
    form: 'expr',
    doc: '`index & ~(2^order - 1)`.',
    params: [{ name: 'index', kind: 'int' }, { name: 'order', kind: 'int' }],
    result: 'int',
    reads: [],
    js: ({ args: [i, o], loc }) => `V.alignDown(${i}, ${o}, ${loc})`,
    operator: 'AlignDown',
    tla: ({ args: [i, o] }) => `AlignDown(${i}, ${o})`,
    cases: [
      { name: 'alignDown(5, 2)', args: [5, 2], expect: { value: 4 } },
      { name: 'alignDown(3, 1)', args: [3, 1], expect: { value: 2 } },
      { name: 'alignDown(0, 1)', args: [0, 1], expect: { value: 0 } },
    ],
  },
  {
    name: 'findConflict',
    form: 'expr',
    doc: 'xas_find_conflict(): the first present entry in the range of `order` containing `index`; does not move the index.',
    params: [{ name: 'index', kind: 'int' }, { name: 'order', kind: 'int' }],
    result: 'slot',
    reads: ['xa'],
    js: ({ args: [i, o], loc }) => `V.findConflict(o, ${i}, ${o}, ${loc})`,
    operator: 'FindConflict',
    tla: ({ args: [i, o], xa }) => `FindConflict(${xa}, ${i}, ${o})`,
    cases: [
      { name: 'PMD-order lookup finds a PTE inside the range', xa: [null, PTE(1, true)], args: [0, 1], expect: { value: PTE(1, true) } },
      { name: 'the first present entry wins', xa: [PTE(1), PTE(2)], args: [1, 1], expect: { value: PTE(1) } },
      { name: 'a PMD entry is found from its unaligned index', xa: [PMD(3), PMD(3)], args: [1, 0], expect: { value: PMD(3) } },
      { name: 'an order-0 lookup sees only its own index', xa: [PTE(1), null], args: [1, 0], expect: { value: null } },
      { name: 'an order-2 range of 4', xa: [null, null, PTE(5), null], args: [1, 2], expect: { value: PTE(5) } },
      { name: 'nothing in the range', xa: [null, null, PTE(5), null], args: [1, 1], expect: { value: null } },
    ],
  },
  {
    name: 'load',
    form: 'expr',
    doc: 'xas_load(): the entry covering `index`, or null.',
    params: [{ name: 'index', kind: 'int' }],
    result: 'slot',
    reads: ['xa'],
    js: ({ args: [i], loc }) => `V.load(o, ${i}, ${loc})`,
    operator: null,
    tla: ({ args: [i], xa }) => `${xa}[${i}]`,
    cases: [
      { name: 'load of a PMD entry from its unaligned index', xa: [PMD(3), PMD(3), null, null], args: [1], expect: { value: PMD(3) } },
      { name: 'load of an empty index', xa: [PTE(1), null], args: [1], expect: { value: null } },
    ],
  },
  {
    name: 'erase',
    form: 'stmt',
    doc: 'xas_store(xas, NULL): erase the entry covering `index`, over its whole range.',
    params: [{ name: 'index', kind: 'int' }],
    reads: ['xa'],
    writes: 'xa',
    js: ({ args: [i], loc }) => `V.erase(o, ${i}, ${loc})`,
    operator: 'EraseEntry',
    tla: ({ args: [i], xa }) => `EraseEntry(${xa}, ${i})`,
    marksAfter: ({ args: [i], xa, marks }) => `EraseMarks(${xa}, ${marks}, ${i})`,
    cases: [
      { name: 'erase from the unaligned index of a PMD entry', xa: [PMD(7), PMD(7), PTE(1), null], args: [1], expect: { xa: [null, null, PTE(1), null] } },
      { name: 'erase drops the marks of the whole entry', xa: [marked(PMD(7), 'DIRTY'), marked(PMD(7), 'DIRTY'), marked(PTE(1), 'TOWRITE'), null], args: [0], expect: { xa: [null, null, marked(PTE(1), 'TOWRITE'), null] } },
      { name: 'erase of an empty index changes nothing', xa: [PTE(1), null], args: [1], expect: { xa: [PTE(1), null] } },
    ],
  },
  {
    name: 'store',
    form: 'stmt',
    doc: 'xas_store(): store `entry` over its whole aligned range containing `index`.',
    params: [{ name: 'index', kind: 'int' }, { name: 'entry', kind: 'entry' }],
    reads: ['xa'],
    writes: 'xa',
    js: ({ args: [i, e], loc }) => `V.store(o, ${i}, ${e}, ${loc})`,
    operator: 'StoreEntry',
    tla: ({ args: [i, e], xa }) => `StoreEntry(${xa}, ${i}, ${e})`,
    marksAfter: ({ args: [i, e], xa, marks }) => `StoreMarks(${xa}, ${marks}, ${i}, ${e})`,
    cases: [
      { name: 'storing over an entry keeps the marks of its slot (lock, unlock)', xa: [marked(PTE(1), 'DIRTY', 'TOWRITE'), null], args: [0, PTE(1, true)], expect: { xa: [marked(PTE(1, true), 'DIRTY', 'TOWRITE'), null] } },
      { name: 'a PMD store over PTEs gathers their marks (xas_squash_marks)', xa: [marked(PTE(1), 'DIRTY'), marked(PTE(2), 'TOWRITE'), marked(PTE(3), 'DIRTY'), null], args: [0, PMD(7)], expect: { xa: [marked(PMD(7), 'DIRTY', 'TOWRITE'), marked(PMD(7), 'DIRTY', 'TOWRITE'), marked(PTE(3), 'DIRTY'), null] } },
      { name: 'a PTE store into a marked PMD: the new entry keeps its marks, the rest is erased', xa: [marked(PMD(7), 'DIRTY'), marked(PMD(7), 'DIRTY'), null, null], args: [1, PTE(8)], expect: { xa: [null, marked(PTE(8), 'DIRTY'), null, null] } },
      { name: 'a PMD store covers both indices', xa: [PTE(1), null, PTE(2), null], args: [1, PMD(7)], expect: { xa: [PMD(7), PMD(7), PTE(2), null] } },
      { name: 'a locked page replaces a locked empty DAX entry (page_cache_tree_insert)', xa: [{ order: 0, locked: true, empty: true }, null], args: [0, { order: 0, page: true, locked: true }], expect: { xa: [{ order: 0, page: true, locked: true }, null] } },
      { name: 'a PTE store into a PMD range removes the whole PMD entry', xa: [PMD(7), PMD(7), null, null], args: [1, PTE(8)], expect: { xa: [null, PTE(8), null, null] } },
      { name: 'an order-2 store over 4 indices', xa: [null, PTE(1), null, PTE(2)], args: [2, PMD2(9)], expect: { xa: [PMD2(9), PMD2(9), PMD2(9), PMD2(9)] } },
    ],
  },
  {
    name: 'prepareToWait',
    form: 'stmt',
    doc: "prepare_to_wait() on `key`'s hashed queue: a non-exclusive waiter, at the head.",
    params: [{ name: 'key', kind: 'int' }],
    reads: ['waitq'],
    writes: 'waitq',
    js: ({ args: [key], loc, self }) => `V.enqueue(o, ${self}, ${key}, false, ${loc})`,
    operator: 'PrepareToWait',
    tla: ({ args: [key], waitq }) => `PrepareToWait(${waitq}, self, ${key}, ${bool(false)})`,
    cases: [
      { name: 'a non-exclusive waiter joins at the head', wq: [[x(1, 0), s(3, 0)]], self: 2, args: [1], expect: { wq: [[s(2, 1), x(1, 0), s(3, 0)]] } },
    ],
  },
  {
    name: 'prepareToWaitExclusive',
    form: 'stmt',
    doc: "prepare_to_wait_exclusive() on `key`'s hashed queue, at the tail.",
    params: [{ name: 'key', kind: 'int' }],
    reads: ['waitq'],
    writes: 'waitq',
    js: ({ args: [key], loc, self }) => `V.enqueue(o, ${self}, ${key}, true, ${loc})`,
    operator: 'PrepareToWait',
    tla: ({ args: [key], waitq }) => `PrepareToWait(${waitq}, self, ${key}, ${bool(true)})`,
    cases: [
      { name: 'waiters queue in arrival order', wq: [[x(1, 0)]], self: 2, args: [1], expect: { wq: [[x(1, 0), x(2, 1)]] } },
      { name: 'keys 0 and 2 share queue 0 of 2; key 1 goes to queue 1', buckets: 2, wq: [[x(1, 0)], [x(3, 1)]], self: 2, args: [2], expect: { wq: [[x(1, 0), x(2, 2)], [x(3, 1)]] } },
    ],
  },
  {
    name: 'wakeUp',
    form: 'stmt',
    doc: "__wake_up() on `key`'s hashed queue with the key filter of wake_exceptional_entry_func().",
    params: [{ name: 'key', kind: 'int' }, { name: 'mode', kind: 'wakeMode' }],
    reads: ['waitq'],
    writes: 'waitq',
    js: ({ args: [key, nr], loc }) => `V.wakeUp(o, ${key}, ${nr}, true, ${loc})`,
    operator: 'WakeUp',
    tla: ({ args: [key, nr], waitq }) => `WakeUp(${waitq}, ${key}, ${nr})`,
    cases: [
      { name: 'wake one: the first matching exclusive waiter', wq: [[x(1, 0), x(2, 1), x(3, 0)]], args: [0, 'next'], expect: { wq: [[x(2, 1), x(3, 0)]] } },
      { name: 'a waiter with another key is skipped and stays', wq: [[x(2, 1), x(1, 0)]], args: [0, 'next'], expect: { wq: [[x(2, 1)]] } },
      { name: 'non-exclusive waiters passed on the way are all woken', wq: [[s(1, 0), s(2, 0), x(3, 0), x(4, 0)]], args: [0, 'next'], expect: { wq: [[x(4, 0)]] } },
      { name: 'wake all wakes every matching waiter', wq: [[x(1, 0), x(2, 1), x(3, 0)]], args: [0, 'all'], expect: { wq: [[x(2, 1)]] } },
      { name: 'a wake walks only its own hashed queue', buckets: 2, wq: [[x(1, 0)], [x(2, 1)]], args: [2, 'all'], expect: { wq: [[x(1, 0)], [x(2, 1)]] } },
      { name: 'waking an empty queue changes nothing', wq: [[]], args: [0, 'next'], expect: { wq: [[]] } },
    ],
  },
  {
    name: 'wakeUpAnyKey',
    form: 'stmt',
    doc: 'The same walk without the key filter: wakes waiters of every key on that hashed queue (a mutant).',
    params: [{ name: 'key', kind: 'int' }, { name: 'mode', kind: 'wakeMode' }],
    reads: ['waitq'],
    writes: 'waitq',
    js: ({ args: [key, nr], loc }) => `V.wakeUp(o, ${key}, ${nr}, false, ${loc})`,
    operator: 'WakeUpAnyKey',
    tla: ({ args: [key, nr], waitq }) => `WakeUpAnyKey(${waitq}, ${key}, ${nr})`,
    cases: [
      { name: 'without the key filter the first waiter of the queue is woken', wq: [[x(2, 1), x(1, 0)]], args: [0, 'next'], expect: { wq: [[x(1, 0)]] } },
    ],
  },
  {
    name: 'isWaiting',
    form: 'expr',
    doc: 'Is the thread on a wait queue (asleep, not yet woken)?',
    params: [{ name: 'who', kind: 'thread' }],
    result: 'bool',
    reads: ['waitq'],
    js: ({ args: [who] }) => `(V.isWaiting(o, ${who}) ? 1 : 0)`,
    operator: 'IsWaiting',
    tla: ({ args: [who], waitq }) => `IsWaiting(${waitq}, ${who})`,
    cases: [
      { name: 'a queued thread is waiting', buckets: 2, wq: [[], [x(3, 1)]], args: [3], expect: { value: true } },
      { name: 'an unqueued thread is not', buckets: 2, wq: [[], [x(3, 1)]], args: [1], expect: { value: false } },
    ],
  },

  {
    name: 'XA_STATE',
    form: 'expr',
    doc: 'XA_STATE_ORDER(): a fresh xa_state at `index` (aligned down to `order`); keep it in a thread local of type XaState | null.',
    params: [{ name: 'index', kind: 'int' }, { name: 'order', kind: 'int' }],
    result: 'xas',
    reads: [],
    js: ({ args: [i, o], loc }) => `V.xaState(${i}, ${o}, ${loc})`,
    operator: 'XaState',
    tla: ({ args: [i, o] }) => `XaState(${i}, ${o})`,
    cases: [
      { name: 'a PMD-order state is aligned down', args: [3, 1], expect: { value: X(2, 1, 'restart', 0) } },
      { name: 'an order-0 state keeps its index', args: [3, 0], expect: { value: X(3, 0, 'restart', 0) } },
    ],
  },
  {
    name: 'xa_index',
    form: 'expr',
    doc: 'xas->xa_index: where the xa_state points (also written `xas.xa_index`).',
    params: [{ name: 'xas', kind: 'xas' }],
    result: 'int',
    reads: [],
    js: ({ args: [x], loc }) => `V.xaIndex(${x}, ${loc})`,
    operator: 'XasIndex',
    tla: ({ args: [x] }) => `XasIndex(${x})`,
    cases: [{ name: 'the index of a walked state', args: [X(2, 0, 'walked', 2)], expect: { value: 2 } }],
  },
  {
    name: 'xas_load',
    form: 'expr',
    doc: 'xas_load(): the entry at the xa_state (a walked state reloads its slot); the state then stands on that slot.',
    params: [{ name: 'xas', kind: 'xas' }],
    result: 'slot',
    reads: ['xa'],
    js: ({ args: [x], loc }) => `V.xasLoad(o, ${x}, ${loc})`,
    operator: 'XasLoad',
    tla: ({ args: [x], xa }) => `XasLoad(${xa}, ${x})`,
    moves: {
      js: ({ args: [x], loc }) => `V.xasLoadNext(o, ${x}, ${loc})`,
      tla: ({ args: [x], xa }) => `XasLoadNext(${xa}, ${x})`,
      operator: 'XasLoadNext',
    },
    cases: [
      { name: 'a fresh state walks to the PMD entry covering its index', xa: [PMD(3), PMD(3), null, null], args: [X(1, 0, 'restart', 0)], expect: { value: PMD(3), xas: X(1, 0, 'walked', 0) } },
      { name: 'a walked state reloads the slot it stands on', xa: [PTE(1), PTE(2), null, null], args: [X(1, 0, 'walked', 0)], expect: { value: PTE(1), xas: X(1, 0, 'walked', 0) } },
      { name: 'past the model\'s indices there is no entry', xa: [PTE(1), null], args: [X(2, 0, 'restart', 0)], expect: { value: null, xas: X(2, 0, 'walked', 2) } },
    ],
  },
  {
    name: 'xas_find_conflict',
    form: 'expr',
    doc: 'xas_find_conflict(): fresh, the first entry of the aligned range of the state\'s order; walked, only the slots after the current one in that range (so none for order 0). The index does not move.',
    params: [{ name: 'xas', kind: 'xas' }],
    result: 'slot',
    reads: ['xa'],
    js: ({ args: [x], loc }) => `V.xasFindConflict(o, ${x}, ${loc})`,
    operator: 'XasFindConflict',
    tla: ({ args: [x], xa }) => `XasFindConflict(${xa}, ${x})`,
    moves: {
      js: ({ args: [x], loc }) => `V.xasFindConflictNext(o, ${x}, ${loc})`,
      tla: ({ args: [x], xa }) => `XasFindConflictNext(${xa}, ${x})`,
      operator: 'XasFindConflictNext',
    },
    cases: [
      { name: 'fresh PMD-order state: a locked PTE inside the range', xa: [null, PTE(1, true), null, null], args: [X(0, 1, 'restart', 0)], expect: { value: PTE(1, true), xas: X(0, 1, 'walked', 1) } },
      { name: 'fresh order-0 state: the PMD entry covering its index', xa: [PMD(3), PMD(3), null, null], args: [X(1, 0, 'restart', 0)], expect: { value: PMD(3), xas: X(1, 0, 'walked', 0) } },
      { name: 'fresh, nothing in the range', xa: [null, null, PTE(5), null], args: [X(0, 1, 'restart', 0)], expect: { value: null, xas: X(0, 1, 'walked', 0) } },
      { name: 'walked order-0 state on a locked PTE: NULL (the entry is not seen)', xa: [PTE(1, true), null], args: [X(0, 0, 'walked', 0)], expect: { value: null, xas: X(0, 0, 'walked', 0) } },
      { name: 'walked order-0 state on a PMD entry: NULL', xa: [PMD(3, true), PMD(3, true), null, null], args: [X(0, 0, 'walked', 0)], expect: { value: null, xas: X(0, 0, 'walked', 0) } },
      { name: 'walked PMD-order state sees only the slots after its own', xa: [PTE(1), PTE(2, true), null, null], args: [X(0, 1, 'walked', 0)], expect: { value: PTE(2, true), xas: X(0, 1, 'walked', 1) } },
    ],
  },
  {
    name: 'xas_set',
    form: 'move',
    doc: 'xas_set(): point the xa_state at `index` and restart it.',
    params: [{ name: 'xas', kind: 'xas' }, { name: 'index', kind: 'int' }],
    reads: [],
    operator: null,
    moves: {
      js: ({ args: [x, i], loc }) => `V.xasSet(${x}, ${i}, ${loc})`,
      tla: ({ args: [x, i] }) => `XasSet(${x}, ${i})`,
      operator: 'XasSet',
    },
    cases: [{ name: 'set restarts at the new index', args: [X(1, 0, 'walked', 1), 3], expect: { xas: X(3, 0, 'restart', 0) } }],
  },
  {
    name: 'xas_reset',
    form: 'move',
    doc: 'xas_reset(): restart the xa_state at its index (the next lookup walks again from the top); the index does not move.',
    params: [{ name: 'xas', kind: 'xas' }],
    reads: [],
    operator: null,
    moves: {
      js: ({ args: [x], loc }) => `V.xasReset(${x}, ${loc})`,
      tla: ({ args: [x] }) => `XasReset(${x})`,
      operator: 'XasReset',
    },
    cases: [{ name: 'reset keeps the index', args: [X(2, 0, 'walked', 2)], expect: { xas: X(2, 0, 'restart', 0) } }],
  },
  {
    name: 'xas_pause',
    form: 'move',
    doc: 'xas_pause(): before dropping the lock in a walk; a walked state moves its index past the entry it stands on and restarts.',
    params: [{ name: 'xas', kind: 'xas' }],
    reads: ['xa'],
    operator: null,
    moves: {
      js: ({ args: [x], loc }) => `V.xasPause(o, ${x}, ${loc})`,
      tla: ({ args: [x], xa }) => `XasPause(${xa}, ${x})`,
      operator: 'XasPause',
    },
    cases: [
      { name: 'pause on a PTE moves to the next index', xa: [PTE(1, true), PTE(2), null, null], args: [X(0, 0, 'walked', 0)], expect: { xas: X(1, 0, 'restart', 0) } },
      { name: 'pause on a PMD entry moves past its range', xa: [PMD(3), PMD(3), null, null], args: [X(0, 0, 'walked', 0)], expect: { xas: X(2, 0, 'restart', 0) } },
      { name: 'pause on an empty slot moves by one', xa: [null, null], args: [X(1, 0, 'walked', 1)], expect: { xas: X(2, 0, 'restart', 0) } },
      { name: 'pause on a fresh state changes nothing', xa: [PTE(1), null], args: [X(0, 0, 'restart', 0)], expect: { xas: X(0, 0, 'restart', 0) } },
    ],
  },
  {
    name: 'xas_store',
    form: 'stmt',
    doc: 'xas_store() through the xa_state: store `entry` (or erase with null) at the slot it stands on; it then stands on that slot.',
    params: [{ name: 'xas', kind: 'xas' }, { name: 'entry', kind: 'slot' }],
    reads: ['xa'],
    writes: 'xa',
    js: ({ args: [x, e], loc }) => `V.xasStore(o, ${x}, ${e}, ${loc})`,
    operator: 'XasStore',
    tla: ({ args: [x, e], xa }) => `XasStore(${xa}, ${x}, ${e})`,
    marksAfter: ({ args: [x, e], xa, marks }) => `XasStoreMarks(${xa}, ${marks}, ${x}, ${e})`,
    moves: {
      js: ({ args: [x, e], loc }) => `V.xasStoreNext(o, ${x}, ${e}, ${loc})`,
      tla: ({ args: [x, e], xa }) => `XasStoreNext(${xa}, ${x}, ${e})`,
      operator: 'XasStoreNext',
    },
    cases: [
      { name: 'storing null on a walked PMD slot erases the whole entry', xa: [PMD(3), PMD(3), PTE(1), null], args: [X(0, 0, 'walked', 0), null], expect: { xa: [null, null, PTE(1), null], xas: X(0, 0, 'walked', 0) } },
      { name: 'a fresh state stores at its index', xa: [null, null], args: [X(1, 0, 'restart', 0), PTE(4, true)], expect: { xa: [null, PTE(4, true)], xas: X(1, 0, 'walked', 1) } },
      { name: 'storing over the walked entry keeps its marks', xa: [marked(PTE(1, true), 'DIRTY'), null], args: [X(0, 0, 'walked', 0), PTE(1)], expect: { xa: [marked(PTE(1), 'DIRTY'), null], xas: X(0, 0, 'walked', 0) } },
      { name: 'storing null clears the marks (xas_init_marks)', xa: [marked(PTE(1), 'DIRTY', 'TOWRITE'), null], args: [X(0, 0, 'walked', 0), null], expect: { xa: [null, null], xas: X(0, 0, 'walked', 0) } },
    ],
  },
  {
    name: 'xas_retry',
    form: 'expr',
    doc: 'xas_retry(): true for XA_RETRY_ENTRY, and then the walk restarts (xas_reset).',
    params: [{ name: 'xas', kind: 'xas' }, { name: 'entry', kind: 'slot' }],
    result: 'bool',
    reads: [],
    js: ({ args: [, e] }) => `(${e} === ${CONFLICT} ? 1 : 0)`,
    operator: null,
    tla: ({ args: [, e] }) => `(${e} = XA_RETRY_ENTRY)`,
    moves: {
      js: ({ args: [x, e], loc }) => `V.xasRetryNext(${x}, ${e}, ${loc})`,
      tla: ({ args: [x, e] }) => `XasRetryNext(${x}, ${e} = XA_RETRY_ENTRY)`,
      operator: 'XasRetryNext',
    },
    cases: [
      { name: 'an entry is not a retry', args: [X(1, 0, 'walked', 1), PTE(1)], expect: { value: false, xas: X(1, 0, 'walked', 1) } },
      { name: 'XA_RETRY_ENTRY restarts the walk', args: [X(1, 0, 'walked', 1), 'retry'], expect: { value: true, xas: X(1, 0, 'restart', 0) } },
    ],
  },
  {
    name: 'xas_find',
    form: 'expr',
    doc: 'xas_find(): the first step of xas_for_each(): the entry at or after the index, up to `max` (a restarted state looks at its own index first).',
    params: [{ name: 'xas', kind: 'xas' }, { name: 'max', kind: 'int' }],
    result: 'slot',
    reads: ['xa'],
    js: ({ args: [x, m], loc }) => `V.xasFind(o, ${x}, ${m}, ${loc})`,
    operator: 'XasFind',
    tla: ({ args: [x, m], xa }) => `XasFind(${xa}, ${x}, ${m})`,
    moves: {
      js: ({ args: [x, m], loc }) => `V.xasFindNext(o, ${x}, ${m}, ${loc})`,
      tla: ({ args: [x, m], xa }) => `XasFindNext(${xa}, ${x}, ${m})`,
      operator: 'XasFindNext',
    },
    cases: [
      { name: 'a fresh walk finds the entry at its index', xa: [PTE(1), PTE(2), null, null], args: [X(0, 0, 'restart', 0), 3], expect: { value: PTE(1), xas: X(0, 0, 'walked', 0) } },
      { name: 'a fresh walk on an empty index moves to the next entry', xa: [null, null, PTE(2), null], args: [X(0, 0, 'restart', 0), 3], expect: { value: PTE(2), xas: X(2, 0, 'walked', 2) } },
      { name: 'nothing up to max: the walk ends past max', xa: [null, null, PTE(2), null], args: [X(0, 0, 'restart', 0), 1], expect: { value: null, xas: X(2, 0, 'bounds', 0) } },
      { name: 'a walk resumes at the index xas_pause left', xa: [PTE(1), PTE(2), null, null], args: [X(1, 0, 'restart', 0), 3], expect: { value: PTE(2), xas: X(1, 0, 'walked', 1) } },
    ],
  },
  {
    name: 'xas_next_entry',
    form: 'expr',
    doc: 'xas_next_entry(): the next step of xas_for_each(): the next entry after the one the walk stands on (over a PMD entry\'s sibling slots), up to `max`; after xas_pause() or xas_reset() it looks at the index first, like xas_find().',
    params: [{ name: 'xas', kind: 'xas' }, { name: 'max', kind: 'int' }],
    result: 'slot',
    reads: ['xa'],
    js: ({ args: [x, m], loc }) => `V.xasFind(o, ${x}, ${m}, ${loc})`,
    operator: 'XasFind',
    tla: ({ args: [x, m], xa }) => `XasFind(${xa}, ${x}, ${m})`,
    moves: {
      js: ({ args: [x, m], loc }) => `V.xasFindNext(o, ${x}, ${m}, ${loc})`,
      tla: ({ args: [x, m], xa }) => `XasFindNext(${xa}, ${x}, ${m})`,
      operator: 'XasFindNext',
    },
    cases: [
      { name: 'from a walked PMD entry the walk skips its sibling slot', xa: [PMD(3), PMD(3), PTE(1), null], args: [X(0, 0, 'walked', 0), 3], expect: { value: PTE(1), xas: X(2, 0, 'walked', 2) } },
      { name: 'the walk ends at max', xa: [PTE(1), PTE(2), null, null], args: [X(1, 0, 'walked', 1), 1], expect: { value: null, xas: X(2, 0, 'bounds', 0) } },
      { name: 'an ended walk stays ended', xa: [PTE(1), PTE(2), null, null], args: [X(2, 0, 'bounds', 0), 3], expect: { value: null, xas: X(2, 0, 'bounds', 0) } },
      { name: 'after xas_pause past a locked entry, the reload sees the next index', xa: [PTE(1, true), null, null, null], args: [X(1, 0, 'restart', 0), 1], expect: { value: null, xas: X(2, 0, 'bounds', 0) } },
    ],
  },
  markedWalkStep('xas_find_marked', 'xas_find_marked(): the first step of xas_for_each_marked(): like xas_find(), over the entries that have `mark`.', [
    { name: 'a fresh walk skips an unmarked entry at its index', xa: [marked(PTE(1), 'DIRTY'), marked(PTE(2), 'TOWRITE'), null, null], args: [X(0, 0, 'restart', 0), 3, 'TOWRITE'], expect: { value: PTE(2), xas: X(1, 0, 'walked', 1) } },
    { name: 'a fresh walk inside a marked PMD entry finds it', xa: [marked(PMD(3), 'TOWRITE'), marked(PMD(3), 'TOWRITE'), null, null], args: [X(1, 0, 'restart', 0), 3, 'TOWRITE'], expect: { value: PMD(3), xas: X(1, 0, 'walked', 0) } },
    { name: 'no marked entry up to max: the walk ends past max', xa: [PTE(1), null, marked(PTE(2), 'TOWRITE'), null], args: [X(0, 0, 'restart', 0), 1, 'TOWRITE'], expect: { value: null, xas: X(2, 0, 'bounds', 0) } },
  ]),
  markedWalkStep('xas_next_marked', "xas_next_marked(): the next step of xas_for_each_marked(): the next entry with `mark` after the one the walk stands on, up to `max`; after xas_pause() it looks at the index first.", [
    { name: 'from a walked PMD entry to the next marked entry', xa: [marked(PMD(3), 'TOWRITE'), marked(PMD(3), 'TOWRITE'), PTE(1), marked(PTE(2), 'DIRTY', 'TOWRITE')], args: [X(0, 0, 'walked', 0), 3, 'TOWRITE'], expect: { value: PTE(2), xas: X(3, 0, 'walked', 3) } },
    { name: 'after xas_pause the walk resumes at the index', xa: [marked(PTE(1), 'TOWRITE'), marked(PTE(2), 'TOWRITE'), null, null], args: [X(1, 0, 'restart', 0), 3, 'TOWRITE'], expect: { value: PTE(2), xas: X(1, 0, 'walked', 1) } },
    { name: 'an entry whose mark was cleared is not seen again', xa: [PTE(1), PTE(2), null, null], args: [X(0, 0, 'walked', 0), 3, 'TOWRITE'], expect: { value: null, xas: X(4, 0, 'bounds', 0) } },
  ]),
  {
    name: 'xas_get_mark',
    form: 'expr',
    doc: 'xas_get_mark(): does the entry the xa_state stands on have `mark`? False for a state that has not walked (xas_invalid()).',
    params: [{ name: 'xas', kind: 'xas' }, { name: 'mark', kind: 'mark' }],
    result: 'bool',
    reads: ['marks'],
    js: ({ args: [x, m], loc }) => `V.xasGetMark(o, ${x}, ${m}, ${loc})`,
    operator: 'XasGetMark',
    tla: ({ args: [x, m], marks }) => `XasGetMark(${marks}, ${x}, ${m})`,
    cases: [
      { name: 'the mark of the walked entry', xa: [marked(PTE(1), 'DIRTY'), null], args: [X(0, 0, 'walked', 0), 'DIRTY'], expect: { value: true } },
      { name: 'another mark is not set', xa: [marked(PTE(1), 'DIRTY'), null], args: [X(0, 0, 'walked', 0), 'TOWRITE'], expect: { value: false } },
      { name: 'from a sibling slot of a marked PMD entry', xa: [marked(PMD(3), 'TOWRITE'), marked(PMD(3), 'TOWRITE')], args: [X(1, 0, 'walked', 1), 'TOWRITE'], expect: { value: true } },
      { name: 'a state that has not walked reads no mark', xa: [marked(PTE(1), 'DIRTY'), null], args: [X(0, 0, 'restart', 0), 'DIRTY'], expect: { value: false } },
    ],
  },
  {
    name: 'xa_get_mark',
    form: 'expr',
    doc: 'xa_get_mark(xa, index, mark): does the entry covering `index` have `mark`? Needs no xa_state, and reads no lock, so an invariant or a final-state property may ask it (nothing left TOWRITE).',
    params: [{ name: 'index', kind: 'int' }, { name: 'mark', kind: 'mark' }],
    result: 'bool',
    reads: ['marks'],
    js: ({ args: [i, m], loc }) => `V.xaGetMark(o, ${i}, ${m}, ${loc})`,
    operator: null,
    // Applied directly, as `load` is: an index outside the model stops TLC as it stops the interpreter.
    tla: ({ args: [i, m], marks }) => `(${m} \\in ${marks}[${i}])`,
    cases: [
      { name: 'the mark of a PTE entry', xa: [marked(PTE(1), 'DIRTY'), null], args: [0, 'DIRTY'], expect: { value: true } },
      { name: 'another mark is not set', xa: [marked(PTE(1), 'DIRTY'), null], args: [0, 'TOWRITE'], expect: { value: false } },
      { name: 'at the unaligned index of a marked PMD entry', xa: [marked(PMD(3), 'TOWRITE'), marked(PMD(3), 'TOWRITE')], args: [1, 'TOWRITE'], expect: { value: true } },
      { name: 'an empty slot has no mark', xa: [null, PTE(1)], args: [0, 'DIRTY'], expect: { value: false } },
    ],
  },
  markOp('xas_set_mark', "xas_set_mark(): give the entry the xa_state stands on `mark` (all its indices); nothing on an empty slot or a state that has not walked.", 'XasSetMark', [
    { name: 'set on a walked PMD entry marks its whole range', xa: [PMD(3), PMD(3), PTE(1), null], args: [X(0, 0, 'walked', 0), 'DIRTY'], expect: { xa: [marked(PMD(3), 'DIRTY'), marked(PMD(3), 'DIRTY'), PTE(1), null] } },
    { name: 'set keeps the other marks', xa: [marked(PTE(1), 'DIRTY'), null], args: [X(0, 0, 'walked', 0), 'TOWRITE'], expect: { xa: [marked(PTE(1), 'DIRTY', 'TOWRITE'), null] } },
    { name: 'an empty slot takes no mark', xa: [null, PTE(1)], args: [X(0, 0, 'walked', 0), 'DIRTY'], expect: { xa: [null, PTE(1)] } },
    { name: 'a state that has not walked sets nothing', xa: [PTE(1), null], args: [X(0, 0, 'restart', 0), 'DIRTY'], expect: { xa: [PTE(1), null] } },
  ]),
  markOp('xas_clear_mark', "xas_clear_mark(): take `mark` off the entry the xa_state stands on (all its indices); nothing on a state that has not walked.", 'XasClearMark', [
    { name: 'clear one mark, keep the other', xa: [marked(PTE(1), 'DIRTY', 'TOWRITE'), null], args: [X(0, 0, 'walked', 0), 'TOWRITE'], expect: { xa: [marked(PTE(1), 'DIRTY'), null] } },
    { name: 'clear from a sibling slot clears the whole PMD entry', xa: [marked(PMD(3), 'DIRTY'), marked(PMD(3), 'DIRTY')], args: [X(1, 0, 'walked', 1), 'DIRTY'], expect: { xa: [PMD(3), PMD(3)] } },
  ]),
  {
    name: 'tag_pages_for_writeback',
    form: 'stmt',
    doc: 'tag_pages_for_writeback(mapping, start, end): mark TOWRITE every entry in start..end that is DIRTY (one hold of the lock: a model has fewer than XA_CHECK_SCHED entries; write the walk out with xas_find_marked / xas_set_mark / xas_pause to drop the lock between entries).',
    params: [{ name: 'start', kind: 'int' }, { name: 'end', kind: 'int' }],
    reads: ['xa', 'marks'],
    writes: 'marks',
    js: ({ args: [lo, hi], loc }) => `V.tagPagesForWriteback(o, ${lo}, ${hi}, ${loc})`,
    operator: 'TagPagesForWriteback',
    tla: ({ args: [lo, hi], xa, marks }) => `TagPagesForWriteback(${xa}, ${marks}, ${lo}, ${hi})`,
    cases: [
      { name: 'dirty entries in the range get TOWRITE, clean ones and those outside do not', xa: [marked(PTE(1), 'DIRTY'), PTE(2), marked(PTE(3), 'DIRTY'), marked(PTE(4), 'DIRTY')], args: [0, 2], expect: { xa: [marked(PTE(1), 'DIRTY', 'TOWRITE'), PTE(2), marked(PTE(3), 'DIRTY', 'TOWRITE'), marked(PTE(4), 'DIRTY')] } },
      { name: 'a dirty PMD entry reaching into the range is tagged whole', xa: [marked(PMD(3), 'DIRTY'), marked(PMD(3), 'DIRTY'), null, null], args: [1, 3], expect: { xa: [marked(PMD(3), 'DIRTY', 'TOWRITE'), marked(PMD(3), 'DIRTY', 'TOWRITE'), null, null] } },
    ],
  },
];

/** A step of xas_for_each_marked(): xas_find_marked() and xas_next_marked() have one meaning in a one-node XArray. */
function markedWalkStep(name: string, doc: string, cases: OpCase[]): ExprOp {
  return {
    name,
    form: 'expr',
    doc,
    params: [{ name: 'xas', kind: 'xas' }, { name: 'max', kind: 'int' }, { name: 'mark', kind: 'mark' }],
    result: 'slot',
    reads: ['xa', 'marks'],
    js: ({ args: [x, m, k], loc }) => `V.xasFind(o, ${x}, ${m}, ${loc}, ${k})`,
    operator: 'XasFindMarked',
    tla: ({ args: [x, m, k], xa, marks }) => `XasFindMarked(${xa}, ${marks}, ${x}, ${m}, ${k})`,
    moves: {
      js: ({ args: [x, m, k], loc }) => `V.xasFindNext(o, ${x}, ${m}, ${loc}, ${k})`,
      tla: ({ args: [x, m, k], xa, marks }) => `XasFindMarkedNext(${xa}, ${marks}, ${x}, ${m}, ${k})`,
      operator: 'XasFindMarkedNext',
    },
    cases,
  };
}

/** xas_set_mark() / xas_clear_mark(): change one mark of the entry the state stands on. */
function markOp(name: 'xas_set_mark' | 'xas_clear_mark', doc: string, operator: string, cases: OpCase[]): StmtOp {
  const method = name === 'xas_set_mark' ? 'xasSetMark' : 'xasClearMark';
  return {
    name,
    form: 'stmt',
    doc,
    params: [{ name: 'xas', kind: 'xas' }, { name: 'mark', kind: 'mark' }],
    reads: ['xa', 'marks'],
    writes: 'marks',
    js: ({ args: [x, m], loc }) => `V.${method}(o, ${x}, ${m}, ${loc})`,
    operator,
    tla: ({ args: [x, m], xa, marks }) => `${operator}(${xa}, ${marks}, ${x}, ${m})`,
    cases,
  };
}

const BY_NAME = new Map(OPERATIONS.map((op) => [op.name, op]));

/** The row for `k.name`, or undefined when `name` is not a vocabulary operation. */
export function operation(name: string): VocabOp | undefined {
  return BY_NAME.get(name);
}

/** The row for an IR node's `op` (the parser only makes nodes for known rows). */
export function operationOf(name: string): VocabOp {
  const op = BY_NAME.get(name);
  if (op === undefined) throw new Error(`internal: no vocabulary operation '${name}'`);
  return op;
}
