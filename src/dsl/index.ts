/**
 * What a spec author imports: the shape of a daxspec model and the XArray /
 * wait-queue vocabulary its steps call. A spec file is type-checked against
 * these declarations and read by src/parse; it is never executed, so the
 * vocabulary here is declarations only — its meaning lives in the rows of
 * src/model/operations.ts (interpreter and TLA+); test/model/operations.test.ts
 * checks these declarations against that table.
 */

/** A page offset in the file (an XArray index). */
export type Index = number;
/** A wait-queue key: the entry_start of `struct exceptional_entry_key` (one mapping). */
export type Key = number;
/** A thread of the model: 1 .. number of threads. */
export type ThreadId = number;

/** A DAX value entry: its order (0 = PTE, PMD_ORDER = PMD) and flag bits. */
export interface Entry {
  readonly order: number;
  readonly locked: boolean;
  readonly empty: boolean;
  readonly zero: boolean;
  /** The entry's identity (its pfn, or a generation): lets a model see that an entry changed while a thread slept. */
  readonly pfn: number;
}

/** What an XArray slot holds: an entry or nothing. */
export type Slot = Entry | null;

declare const conflictBrand: unique symbol;
/** get_unlocked_entry()'s "conflict" answer in v5.2 (XA_RETRY_ENTRY): the found entry is smaller than wanted. */
export interface Conflict {
  readonly [conflictBrand]: true;
}
export declare const XA_RETRY_ENTRY: Conflict;

/** How many exclusive waiters a wake-up wakes: one (WAKE_NEXT, nr_exclusive = 1) or all (WAKE_ALL, nr_exclusive = 0). */
export type WakeMode = 'next' | 'all';
export declare const WAKE_NEXT: 'next';
export declare const WAKE_ALL: 'all';

/** The label a thread reaches when its code has returned. */
export declare const DONE: 'Done';

/** Fields a new entry is made from; omitted flags are false, an omitted pfn is 0. */
export interface EntryInit {
  order: number;
  locked?: boolean;
  empty?: boolean;
  zero?: boolean;
  pfn?: number;
}

/**
 * The shared state and the kernel primitives a step may use. `V` is the
 * spec's variant names, `G` its extra shared variables (read and written as
 * `k.name`).
 */
export type Kernel<V extends string = string, G extends object = {}> = G & {
  /** The code variant this model runs (e.g. 'buggy'). */
  readonly variant: V;
  /** Order of a PMD entry in this model (2^PMD_ORDER indices). */
  readonly PMD_ORDER: number;
  /** PG_PMD_COLOUR: 2^PMD_ORDER - 1. */
  readonly PG_PMD_COLOUR: number;
  /** xas_find_conflict(): the first present entry in the range of `order` containing `index`; does not move the index. */
  findConflict(index: Index, order: number): Slot;
  /** xas_load(): the entry covering `index`, or null. */
  load(index: Index): Slot;
  /** xas_store(): store `entry` over its whole aligned range containing `index`. */
  store(index: Index, entry: Entry): void;
  /** xas_store(xas, NULL): erase the entry covering `index`, over its whole range. */
  erase(index: Index): void;
  /** `index & ~(2^order - 1)`. */
  alignDown(index: Index, order: number): Index;
  /** prepare_to_wait() on `key`'s hashed queue: a non-exclusive waiter. */
  prepareToWait(key: Key): void;
  /** prepare_to_wait_exclusive() on `key`'s hashed queue. */
  prepareToWaitExclusive(key: Key): void;
  /** __wake_up() on `key`'s hashed queue with the key filter of wake_exceptional_entry_func(). */
  wakeUp(key: Key, mode: WakeMode): void;
  /** The same walk without the key filter: wakes waiters of every key on that hashed queue (a mutant). */
  wakeUpAnyKey(key: Key, mode: WakeMode): void;
  /** Is the thread on a wait queue (asleep, not yet woken)? */
  isWaiting(who: ThreadId): boolean;
  /** Block: the step can run only in a state where `cond` holds. */
  await(cond: boolean): void;
  /** BUG_ON(): a kernel assertion; when `cond` holds the model records a BUG at this step. */
  BUG_ON(cond: boolean): void;
  /** dax_make_entry(): a new entry value. */
  makeEntry(init: EntryInit): Entry;
};

/** The per-thread view in a step: its id, its parameters (read-only) and its locals. */
export type ThreadView<P, L> = { readonly self: ThreadId } & { readonly [N in keyof P]: P[N] } & L;

/**
 * One atomic step: what runs under one hold of the xa_lock, or one sleep.
 * It returns the label to run next; returning nothing goes on with the next
 * step in the list, and DONE ends the thread.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Step<P, L> = (k: any, t: ThreadView<P, L>) => string | void;

export interface ThreadDecl<P extends object, L extends object> {
  /** Fixed per instance, e.g. the faulting index. */
  params: P;
  /** Per-thread variables with their initial values. */
  locals: L;
  /** Labelled steps, in program order. */
  steps: Record<string, Step<P, L>>;
}

/** A thread kind in a model configuration: which code path, with which parameters. */
export interface ThreadInstance {
  readonly thread: string;
  readonly params: Record<string, number>;
}

export type ThreadKind<P extends object, L extends object> = ThreadDecl<P, L> & ((params: Partial<P>) => ThreadInstance);

/** Declares a kernel code path that models instantiate as threads. */
export declare function thread<P extends object, L extends object>(decl: ThreadDecl<P, L>): ThreadKind<P, L>;

/** The properties a model's verdict is about. */
export type PropertyName = 'NoLostWakeup' | 'Termination' | 'Deadlock' | 'BUG_ON' | (string & {});

/** A named model: which threads, how many indices, which variant, and the verdict it must get. */
export interface ModelDecl<V extends string = string> {
  name: string;
  variant: V;
  /** XArray indices 0 .. indices-1. */
  indices: number;
  /** Order of a PMD entry; default 1 (2 indices). */
  PMD_ORDER?: number;
  /** Hashed wait-queue heads; 1 = every key collides. Default 1. */
  buckets?: number;
  threads: ThreadInstance[];
  /** Expected verdict: 'holds' (default) or the property that must be violated. */
  expect?: 'holds' | { violates: PropertyName };
  /** Report states with no step enabled that are not terminal (TLC's deadlock check). Default false. */
  deadlock?: boolean;
  /** Also check that every thread eventually ends. Default true. */
  termination?: boolean;
  /** Why this model exists, for readers of the output. */
  doc?: string;
}

export interface SpecDecl<V extends string = string> {
  /** The TLA+ module name. */
  name: string;
  variants: readonly V[];
  /** Extra shared variables with their initial values. */
  globals?: Record<string, number | boolean | null>;
  threads: Record<string, ThreadKind<any, any>>;
  /** State invariants: named predicates over the shared state. */
  invariants?: Record<string, (k: any) => boolean>;
  models: ModelDecl<V>[];
}

/** The spec's single default export. */
export declare function defineSpec<V extends string>(spec: SpecDecl<V>): SpecDecl<V>;
