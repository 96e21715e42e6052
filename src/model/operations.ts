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
import type { ValueType } from './ir.js';

/** The kinds of value an operation takes. `wakeMode` is WAKE_NEXT / WAKE_ALL. */
export type ArgKind = 'int' | 'bool' | 'slot' | 'entry' | 'thread' | 'wakeMode';

/** The shared state components an operation can touch. */
export type SharedVar = 'xa' | 'waitq';

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
}

/** A value in a hand-worked case: an int, a bool, an entry, null, or a wake mode. */
export type CaseValue = number | boolean | CaseEntry | null | 'next' | 'all';
export interface CaseEntry {
  order: number;
  locked?: boolean;
  empty?: boolean;
  zero?: boolean;
  pfn?: number;
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
  expect: { value: CaseValue } | { xa: (CaseEntry | null)[] } | { wq: CaseWaiter[][] };
}

interface OpBase {
  /** The kernel member a spec calls: `k.<name>(...)`. */
  name: string;
  doc: string;
  params: readonly { name: string; kind: ArgKind }[];
  /** Shared state the operation reads (a helper that uses it is inlined, not an operator). */
  reads: readonly SharedVar[];
  /** The compiled checker's code for the call. */
  js(site: JsSite): string;
  /** The TLA+ operator this row renders to (defined in DaxVocabulary.tla), or null for built-in syntax. */
  operator: string | null;
  cases: readonly OpCase[];
}

/** An operation that gives a value and changes nothing. */
export interface ExprOp extends OpBase {
  form: 'expr';
  result: ValueType;
  /** The value, as TLA+. */
  tla(site: TlaSite): string;
}

/** An operation that is a statement: it changes one shared variable. */
export interface StmtOp extends OpBase {
  form: 'stmt';
  writes: SharedVar;
  /** The new value of `writes`, as TLA+. */
  tla(site: TlaSite): string;
}

export type VocabOp = ExprOp | StmtOp;

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
];

const PTE = (pfn: number, locked = false): CaseEntry => ({ order: 0, locked, pfn });
const PMD = (pfn: number, locked = false): CaseEntry => ({ order: 1, locked, pfn });
const PMD2 = (pfn: number): CaseEntry => ({ order: 2, pfn });
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
    defines: ['EraseEntry'],
    comment: ['xas_store(xas, NULL): erase the entry covering i, over its whole range.'],
    text: [
      'EraseEntry(xa, i) ==',
      '    LET gone == Covered(xa, i)',
      '    IN  [j \\in DOMAIN xa |-> IF j \\in gone THEN Null ELSE xa[j]]',
    ],
    needs: ['Covered'],
  },
  StoreEntry: {
    defines: ['StoreEntry'],
    comment: [
      'xas_store(): e covers its aligned range; entries overlapping that range',
      'are replaced as a whole.',
    ],
    text: [
      'StoreEntry(xa, i, e) ==',
      '    LET range == RangeOf(i, e.order)',
      '        gone  == UNION {Covered(xa, j) : j \\in range}',
      '    IN  [j \\in DOMAIN xa |-> IF j \\in range THEN e',
      '                             ELSE IF j \\in gone THEN Null',
      '                             ELSE xa[j]]',
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
    cases: [
      { name: 'erase from the unaligned index of a PMD entry', xa: [PMD(7), PMD(7), PTE(1), null], args: [1], expect: { xa: [null, null, PTE(1), null] } },
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
    cases: [
      { name: 'a PMD store covers both indices', xa: [PTE(1), null, PTE(2), null], args: [1, PMD(7)], expect: { xa: [PMD(7), PMD(7), PTE(2), null] } },
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
];

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
